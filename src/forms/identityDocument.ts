/**
 * The "Giấy tờ tùy thân" text derived from the card (forms.md §1.2 "Issuer field", §1.3 B; [S9] derives the
 * issuer from the issue date):
 * - chip cards issued before 1 July 2024 are "Thẻ căn cước công dân", issued by the
 *   "Cục Cảnh sát quản lý hành chính về trật tự xã hội";
 * - cards issued from 1 July 2024 (Luật Căn cước 2023, TT 16/2024/TT-BCA) are "Thẻ căn cước", issued by "Bộ Công an".
 */
import type { Holder } from '../card/result';
import { toDmy, toIso } from '../vn/dates';

/** First day of the Căn cước card (Luật Căn cước 2023 in force). */
export const CAN_CUOC_FROM = '2024-07-01';

export const ISSUER_BEFORE_2024 = 'Cục Cảnh sát quản lý hành chính về trật tự xã hội';
export const ISSUER_FROM_2024 = 'Bộ Công an';

export interface IdentityDocument {
  type: 'Thẻ căn cước công dân' | 'Thẻ căn cước' | null;
  issuer: string | null;
  /** The text written on the form; '' when the card has no ID number. */
  text: string;
  /** Vietnamese note when the text could not be completed from the chip. */
  attention: string | null;
}

/** Card type and issuer from the issue date (ISO or dd/mm/yyyy). */
export function issuerFor(dateOfIssue: string): { type: 'Thẻ căn cước công dân' | 'Thẻ căn cước'; issuer: string } | null {
  const iso = toIso(dateOfIssue);
  if (!iso) return null;
  return iso < CAN_CUOC_FROM
    ? { type: 'Thẻ căn cước công dân', issuer: ISSUER_BEFORE_2024 }
    : { type: 'Thẻ căn cước', issuer: ISSUER_FROM_2024 };
}

/** ISO day in Asia/Ho_Chi_Minh. */
function localDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * A card past its expiry is no valid ID paper: it must be renewed at the age milestones (Luật Căn cước 2023,
 * Điều 21; Luật Căn cước công dân 2014, Điều 21 for older cards). Returns the Vietnamese note, or null.
 */
export function expiredCardNote(h: Pick<Holder, 'dateOfExpiry'>, at: Date): string | null {
  const exp = h.dateOfExpiry ? toIso(h.dateOfExpiry) : null;
  if (!exp || exp >= localDay(at)) return null;
  return `Thẻ đã hết hạn sử dụng từ ngày ${toDmy(exp)}: thẻ hết hạn không còn là giấy tờ tùy thân hợp lệ (Luật Căn cước 2023, Điều 21). Đề nghị xuất trình giấy tờ tùy thân khác còn giá trị và làm thủ tục cấp đổi thẻ.`;
}

/** "Thẻ căn cước số 001204012345, do Bộ Công an cấp ngày 15/09/2024"; `at` (default now) checks the expiry. */
export function identityDocument(h: Pick<Holder, 'idNumber' | 'dateOfIssue' | 'dateOfExpiry'>, at: Date = new Date()): IdentityDocument {
  if (!h.idNumber) return { type: null, issuer: null, text: '', attention: null };
  const by = h.dateOfIssue ? issuerFor(h.dateOfIssue) : null;
  if (!by || !h.dateOfIssue) {
    return {
      type: null, issuer: null, text: `Số định danh cá nhân ${h.idNumber}`,
      attention: 'Chip không có ngày cấp thẻ: đề nghị ghi rõ loại thẻ, cơ quan cấp và ngày cấp.',
    };
  }
  return { ...by, text: `${by.type} số ${h.idNumber}, do ${by.issuer} cấp ngày ${toDmy(h.dateOfIssue)}`, attention: expiredCardNote(h, at) };
}
