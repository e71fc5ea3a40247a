/**
 * Code tables the provincial one-stop systems and the national portal (DVCQG) key their data by, each with its
 * source. Used by the structured export (export.ts); nothing here is shown to citizens.
 */
import { ETHNICITIES, normalizeEthnicity } from '../vn/ethnicity';
import { foldKey } from '../vn/text';
import type { FormId } from './types';
import { MARITAL_STATUS_OPTIONS } from './catalogue/common';

export interface Procedure {
  /** Mã TTHC in the national database of administrative procedures (csdl.dichvucong.gov.vn). */
  code: string;
  name: string;
}

/**
 * Procedure codes (mã TTHC) — national database of administrative procedures, as used in public code that reads
 * dichvucong.gov.vn ("dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=…"; several independent repositories agree;
 * forms.md "Status check") [U: confirm on csdl.dichvucong.gov.vn; provinces may publish local variants].
 * CT01 serves several residence procedures, so its code follows the request (item 10); the signature certification
 * code is not confirmed and is left to the receiving system.
 */
const PROCEDURES: Partial<Record<FormId, Procedure>> = {
  KHAI_SINH: { code: '1.001193', name: 'Đăng ký khai sinh' },
  KET_HON: { code: '1.000894', name: 'Đăng ký kết hôn' },
  KHAI_TU: { code: '1.000656', name: 'Đăng ký khai tử' },
  XAC_NHAN_TTHN: { code: '1.004873', name: 'Cấp Giấy xác nhận tình trạng hôn nhân' },
};
const RESIDENCE: { startsWith: string; procedure: Procedure }[] = [
  { startsWith: 'dangkythuongtru', procedure: { code: '1.004222', name: 'Đăng ký thường trú' } },
  { startsWith: 'dangkytamtru', procedure: { code: '1.004194', name: 'Đăng ký tạm trú' } },
];

/** The procedure of a dossier; null when it cannot be told from the form (the receiving officer sets it). */
export function procedureOf(formId: FormId, request: string | undefined): Procedure | null {
  if (formId !== 'CT01') return PROCEDURES[formId] ?? null;
  const k = foldKey(request ?? '');
  return RESIDENCE.find((r) => k.startsWith(r.startsWith))?.procedure ?? null;
}

/**
 * Ethnicity code: the two-digit number of the Danh mục các dân tộc Việt Nam (QĐ 121-TCTK/PPCĐ, 02/3/1979; "01" Kinh
 * … "54" Rơ Măm), the order ETHNICITIES keeps. null for a name outside the list.
 */
export function ethnicityCode(name: string | null | undefined): string | null {
  const m = normalizeEthnicity(name);
  const i = m?.name ? ETHNICITIES.indexOf(m.name) : -1;
  return i >= 0 ? String(i + 1).padStart(2, '0') : null;
}

/** Nationality code: ISO 3166-1 alpha-2 (a CCCD is issued only to Vietnamese citizens: "VN"). */
export function nationalityCode(name: string | null | undefined): string | null {
  return foldKey(name ?? '') === 'vietnam' ? 'VN' : null;
}

/**
 * Marital status code: the position (1–6) of the option in the national portal's interactive marriage form,
 * whose six fixed options MARITAL_STATUS_OPTIONS lists in order (forms.md §1.3 C [S9]).
 */
export function maritalStatusCode(value: string | null | undefined): string | null {
  const i = MARITAL_STATUS_OPTIONS.findIndex((o) => o.value === value);
  return i >= 0 ? String(i + 1) : null;
}

/**
 * Dossier status codes of the national portal's dossier synchronisation (DVCQG "TrangThaiHoSo"): 1 Mới đăng ký,
 * 2 Được tiếp nhận, 3 Không được tiếp nhận, 4 Đang xử lý, 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa vụ
 * tài chính, 7 Công dân yêu cầu rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả. Source: the list
 * is the same, code for code and name for name, in several independent one-stop systems that synchronise with
 * DVCQG (public code, e.g. a provincial system's LLTP/VNeID integration in C# and React front ends); the VPCP
 * "Tài liệu hướng dẫn kết nối, tích hợp, chia sẻ dữ liệu với Cổng DVCQG" (v1.4, 20/4/2020) that defines it was
 * found only as a title [U: confirm the table in that document].
 */
export const PORTAL_STATUSES: Readonly<Record<string, string>> = {
  '1': 'Mới đăng ký', '2': 'Được tiếp nhận', '3': 'Không được tiếp nhận', '4': 'Đang xử lý', '5': 'Yêu cầu bổ sung giấy tờ',
  '6': 'Yêu cầu thực hiện nghĩa vụ tài chính', '7': 'Công dân yêu cầu rút hồ sơ', '8': 'Dừng xử lý', '9': 'Đã xử lý xong',
  '10': 'Đã trả kết quả',
};

/**
 * The portal status of a dossier from its status here: until the counter hands it over (draft, completed,
 * printed) the one-stop has not received it — 1 Mới đăng ký; handed over ("Đã chuyển xử lý") — 2 Được tiếp nhận.
 * Later steps happen in the official system. null for an erased dossier (nothing to send).
 */
export function portalStatusCode(status: string): string | null {
  if (status === 'handed_over') return '2';
  return status === 'draft' || status === 'completed' || status === 'printed' ? '1' : null;
}
