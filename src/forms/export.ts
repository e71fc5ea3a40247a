/**
 * Structured hand-off export (forms.md §4.3): there is no public API to submit dossiers, so the officer's
 * workstation ingests this JSON instead of retyping. Field names follow the national portal's e-form style ([S9]:
 * HoTenBenNu, SoDinhDanh_BenNu, NoiCuTru_BenNu_TrongNuoc {quocGia, tinh, xa, diaChi}, DanToc… + DanTocKhac…);
 * dossier metadata follows the DVCQG dossier body (MaHoSo, TenTTHC, ChuHoSo, NgayTiepNhan yyyyMMddHHmmss in
 * Asia/Ho_Chi_Minh, TrangThaiHoSo, DonViXuLy — forms.md §4.1 [S34]). Each field also says where its value came from.
 */
import { portalEthnicityLabel } from '../vn/ethnicity';
import { convertAddress } from '../vn/address';
import { getFormVersion } from './catalogue';
import { ethnicityCode, maritalStatusCode, nationalityCode, portalStatusCode, procedureOf } from './portalCodes';
import { cleanText, upperVi } from '../vn/text';
import type { FilledField, FormDefinition, FormField, FormId, OfficeConfig, Provenance } from './types';

export interface DossierForExport {
  id: string;
  formId: FormId;
  formVersion: string;
  status: string;
  fields: FilledField[];
  createdAt: string | Date;
}

/** Portal address object ([S9] `NoiCuTru_…_TrongNuoc`) with the 2025 unit codes (dvhcvn/20250701 = GSO codes). */
export interface PortalAddress {
  quocGia: string;
  tinh: string;
  xa: string;
  diaChi: string;
  maTinh: string | null;
  maXa: string | null;
}

/** A row of an official table (CT01 item 11), keyed by the table's column headings. */
export type PortalRow = Record<string, string>;

export type PortalValue = string | PortalAddress | PortalRow[];

export interface ExportedDossier {
  MaHoSo: string;
  /** Mã TTHC from the national procedure database (portalCodes.ts); null when the officer must choose. */
  MaTTHC: string | null;
  TenTTHC: string;
  LoaiDoiTuong: 1;
  /** The person(s) the dossier is for; a marriage has both parties. */
  ChuHoSo: string;
  /** Office codes: province (2 digits) and commune (5 digits), GSO codes of the 2025 units. */
  MaTinh: string | null;
  MaXa: string | null;
  NgayTiepNhan: string;
  /** DVCQG status code (portalCodes.ts PORTAL_STATUSES); null for an erased dossier. */
  TrangThaiHoSo: string | null;
  /** The dossier's status in this app (draft … handed_over), kept for the importer's audit. */
  TrangThaiNoiBo: string;
  DonViXuLy: string;
  BieuMau: { formId: FormId; formVersion: string; legalBasis: string | null };
  /** e-form values by portal field name. */
  DuLieuToKhai: Record<string, PortalValue>;
  /** Where each value came from, by the same names: từ chip / suy ra / người dân khai / cán bộ sửa / cấu hình. */
  NguonDuLieu: Record<string, Provenance>;
  /** The chip's original text where a value was converted (e.g. the old 3-level address), for audit. */
  DuLieuGocTuChip: Record<string, string>;
  /** Decisions still open (Vietnamese notes), so the officer sees them before entering the dossier. */
  CanXacNhan: { truong: string; nhan: string; ghiChu: string }[];
}

export interface ExportBundle {
  exportedAt: string;
  office: OfficeConfig;
  dossiers: ExportedDossier[];
}

/** yyyyMMddHHmmss in Asia/Ho_Chi_Minh (UTC+7, no DST), the DVCQG date format [S34]. */
export function portalTimestamp(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) throw new Error('invalid export timestamp');
  return new Date(d.getTime() + 7 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

const COMMUNE_PREFIX = /^(Xã|Phường|Thị trấn|Đặc khu)\s/u;

/** Splits our own "detail, Xã X, Tỉnh Y" display string back into the portal's parts (parse from the end). */
export function toPortalAddress(value: string): PortalAddress {
  const parts = cleanText(value).split(/\s*,\s*/).filter(Boolean);
  if (parts.length < 2 || !COMMUNE_PREFIX.test(parts[parts.length - 2] ?? '')) {
    return { quocGia: 'Việt Nam', tinh: '', xa: '', diaChi: cleanText(value), maTinh: null, maXa: null };
  }
  // The codes only when the text names a current (2025) unit; an old or unknown unit gets none.
  const c = convertAddress(value);
  const current = c.status === 'current';
  return {
    quocGia: 'Việt Nam', tinh: parts[parts.length - 1] ?? '', xa: parts[parts.length - 2] ?? '', diaChi: parts.slice(0, -2).join(', '),
    maTinh: current ? c.provinceCode : null, maXa: current ? c.communeCode : null,
  };
}

/** "a; b; c" lines → rows keyed by the table's headings; TT numbered when not typed. */
function tableRows(columns: string[], value: string): PortalRow[] {
  return value.split('\n').map((l) => l.trim()).filter(Boolean).map((line, i) => {
    const cells = line.split(';').map((c) => c.trim());
    const row = cells.length === columns.length ? cells : [String(i + 1), ...cells];
    return Object.fromEntries(columns.map((h, j) => [h, row[j] ?? '']));
  });
}

function attrOf(fd: FormField | undefined): string | null {
  return fd?.bind && 'attr' in fd.bind ? fd.bind.attr : null;
}

/** The dossier's owner: the first named person, or both parties of a marriage ("BÊN NỮ; BÊN NAM"). */
function ownerName(def: FormDefinition | null, fields: FilledField[]): string {
  const names: string[] = [];
  for (const f of fields) {
    const fd = def?.fields.find((x) => x.key === f.key);
    if (fd?.personName && attrOf(fd) === 'fullName' && f.value) names.push(upperVi(f.value));
  }
  return def?.id === 'KET_HON' ? names.slice(0, 2).join('; ') : (names[0] ?? '');
}

export function exportDossier(d: DossierForExport, office: OfficeConfig): ExportedDossier {
  const def = getFormVersion(d.formId, d.formVersion);
  const data: Record<string, PortalValue> = {};
  const source: Record<string, Provenance> = {};
  const raw: Record<string, string> = {};
  const open: ExportedDossier['CanXacNhan'] = [];
  for (const f of d.fields) {
    const fd = def?.fields.find((x) => x.key === f.key);
    const name = fd?.portalName ?? f.key;
    const attr = attrOf(fd);
    if (attr === 'residence') {
      // A blank residence (the 2024 hộ tịch forms leave it blank beside a số định danh) stays blank, not an empty object.
      data[name] = cleanText(f.value) ? toPortalAddress(f.value) : '';
    } else if (fd?.table) {
      data[name] = tableRows(fd.table, f.value);
    } else if (/DanToc/.test(name) && f.value) {
      // The portal keeps "Mông (Hmông)" apart from "Mông" and wants "Khác" + free text for unknown names [S9].
      const p = portalEthnicityLabel(f.provenance === 'citizen' || f.provenance === 'clerk' ? f.value : (f.rawValue ?? f.value));
      data[name] = p?.label ?? f.value;
      if (p?.other) data[`${name}Khac`] = p.other;
      const code = ethnicityCode(f.value);
      if (code) data[`Ma${name}`] = code;
    } else if (/QuocTich/.test(name) && f.value) {
      data[name] = f.value;
      const code = nationalityCode(f.value);
      if (code) data[`Ma${name}`] = code;
    } else if (/TinhTrangHonNhan/.test(name) && f.value) {
      data[name] = f.value;
      const code = maritalStatusCode(f.value);
      if (code) data[`Ma${name}`] = code;
    } else {
      data[name] = fd?.personName && f.value ? upperVi(f.value) : f.value;
    }
    source[name] = f.provenance;
    if (f.rawValue && f.rawValue !== f.value) raw[name] = f.rawValue;
    if (f.attention) open.push({ truong: name, nhan: f.label, ghiChu: f.attention });
  }
  const procedure = procedureOf(d.formId, d.fields.find((f) => f.key === 'noiDungDeNghi')?.value);
  if (!procedure) open.push({ truong: 'MaTTHC', nhan: 'Mã thủ tục hành chính', ghiChu: 'Chưa xác định được thủ tục từ tờ khai: cán bộ tiếp nhận chọn mã thủ tục.' });
  return {
    MaHoSo: d.id,
    MaTTHC: procedure?.code ?? null,
    TenTTHC: procedure?.name ?? def?.title ?? d.formId,
    LoaiDoiTuong: 1,
    ChuHoSo: ownerName(def, d.fields),
    MaTinh: office.provinceCode ?? null,
    MaXa: office.communeCode ?? null,
    NgayTiepNhan: portalTimestamp(d.createdAt),
    TrangThaiHoSo: portalStatusCode(d.status),
    TrangThaiNoiBo: d.status,
    DonViXuLy: office.communeName,
    BieuMau: { formId: d.formId, formVersion: d.formVersion, legalBasis: def?.legalBasis ?? null },
    DuLieuToKhai: data,
    NguonDuLieu: source,
    DuLieuGocTuChip: raw,
    CanXacNhan: open,
  };
}

/** A dated bundle of several dossiers: `{exportedAt, office, dossiers}`. */
export function exportBundle(dossiers: DossierForExport[], office: OfficeConfig, exportedAt: Date = new Date()): ExportBundle {
  return { exportedAt: exportedAt.toISOString(), office, dossiers: dossiers.map((d) => exportDossier(d, office)) };
}

/** Stable, NFC JSON text for writing to a file or a QR payload. */
export function exportJson(x: ExportedDossier | ExportBundle): string {
  return JSON.stringify(x, null, 2).normalize('NFC');
}
