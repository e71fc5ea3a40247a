/**
 * The 54 ethnic groups of Viet Nam (Danh mục các dân tộc Việt Nam, Tổng cục Thống kê, QĐ 121-TCTK/PPCĐ 1979),
 * spelled as on the national portal's pick lists (forms.md §1.4: "K'Ho" → "Cơ Ho"). Ethnicity is sensitive data
 * (NĐ 356/2025 Art. 4) — never log it.
 */
import { cleanText, foldKey, toneKey } from './text';

export const ETHNICITIES = [
  'Kinh', 'Tày', 'Thái', 'Hoa', 'Khmer', 'Mường', 'Nùng', 'Mông', 'Dao', 'Gia Rai', 'Ngái', 'Ê Đê', 'Ba Na',
  'Xơ Đăng', 'Sán Chay', 'Cơ Ho', 'Chăm', 'Sán Dìu', 'Hrê', 'Mnông', 'Raglai', 'Xtiêng', 'Bru Vân Kiều', 'Thổ',
  'Giáy', 'Cơ Tu', 'Giẻ Triêng', 'Mạ', 'Khơ Mú', 'Co', 'Tà Ôi', 'Chơ Ro', 'Kháng', 'Xinh Mun', 'Hà Nhì', 'Chu Ru',
  'Lào', 'La Chí', 'La Ha', 'Phù Lá', 'La Hủ', 'Lự', 'Lô Lô', 'Chứt', 'Mảng', 'Pà Thẻn', 'Cơ Lao', 'Cống', 'Bố Y',
  'Si La', 'Pu Péo', 'Brâu', 'Ơ Đu', 'Rơ Măm',
] as const;

export type Ethnicity = (typeof ETHNICITIES)[number];

/** Variant spellings seen on cards, older lists and portal code (forms.md §1.4) → official name. */
const ALIASES: Record<string, Ethnicity> = {
  "K'Ho": 'Cơ Ho', 'Kơ Ho': 'Cơ Ho', 'Cơ-ho': 'Cơ Ho', Koho: 'Cơ Ho',
  "H'Mông": 'Mông', 'Hmông': 'Mông', 'H Mông': 'Mông', 'Mèo': 'Mông', 'Mông (Hmông)': 'Mông',
  'Khơ-me': 'Khmer', 'Khơ me': 'Khmer', 'Khơme': 'Khmer', 'Khmer Krom': 'Khmer',
  'Ê-đê': 'Ê Đê', 'Êđê': 'Ê Đê', Rhade: 'Ê Đê', 'Gia-rai': 'Gia Rai', Jarai: 'Gia Rai', 'Ba-na': 'Ba Na', Bahnar: 'Ba Na',
  'Xơ-đăng': 'Xơ Đăng', 'Ra-glai': 'Raglai', 'Ra Glai': 'Raglai', "X'tiêng": 'Xtiêng', 'Stiêng': 'Xtiêng',
  "M'Nông": 'Mnông', 'M Nông': 'Mnông', "H'rê": 'Hrê', 'Bru - Vân Kiều': 'Bru Vân Kiều', 'Vân Kiều': 'Bru Vân Kiều',
  'Cơ-tu': 'Cơ Tu', Katu: 'Cơ Tu', 'Gié Triêng': 'Giẻ Triêng', 'Gié-Triêng': 'Giẻ Triêng', 'Khơ-mú': 'Khơ Mú',
  Khmu: 'Khơ Mú', 'Tà-ôi': 'Tà Ôi', 'Chơ-ro': 'Chơ Ro', 'Xinh-mun': 'Xinh Mun', 'Chu-ru': 'Chu Ru',
  'Co Lao': 'Cơ Lao', 'Cờ Lao': 'Cơ Lao', 'Rơ-măm': 'Rơ Măm', 'Ơ-đu': 'Ơ Đu', 'Sán Chỉ': 'Sán Chay', 'Cao Lan': 'Sán Chay',
  'Lữ': 'Lự', 'Pà Hưng': 'Pà Thẻn', 'Người Hoa': 'Hoa', 'Người Kinh': 'Kinh', Việt: 'Kinh',
};

const BY_TONE_KEY = new Map<string, Ethnicity>();
const BY_FOLD_KEY = new Map<string, Ethnicity>();
for (const name of ETHNICITIES) {
  BY_TONE_KEY.set(toneKey(name), name);
  BY_FOLD_KEY.set(foldKey(name), name);
}
for (const [alias, name] of Object.entries(ALIASES)) {
  BY_TONE_KEY.set(toneKey(alias), name);
  if (!BY_FOLD_KEY.has(foldKey(alias))) BY_FOLD_KEY.set(foldKey(alias), name);
}

export interface EthnicityMatch {
  /** One of the 54 official names, or null when the text matches none (the form then says "Khác" + free text). */
  name: Ethnicity | null;
  /** The input, NFC-cleaned. */
  raw: string;
}

/**
 * Normalises a chip/typed ethnicity: tolerates case, a "Dân tộc"/"Người" prefix, hyphens and apostrophes,
 * tone placement, and the variant spellings above. Diacritic-free input ("Muong") is accepted last, since no two
 * official names fold to the same key.
 */
export function normalizeEthnicity(text: string | null | undefined): EthnicityMatch | null {
  if (text == null) return null;
  const raw = cleanText(text);
  if (!raw) return null;
  const stripped = raw.replace(/^(dân\s*tộc|dan\s*toc)\s*[:-]?\s*/iu, '');
  const name = BY_TONE_KEY.get(toneKey(stripped)) ?? BY_FOLD_KEY.get(foldKey(stripped)) ?? null;
  return { name, raw };
}

/**
 * The national portal's option label. The portal keeps a separate "Mông (Hmông)" option for the H'Mông spelling
 * ([S9]); everything else is the official name, unknown names go to "Khác".
 */
export function portalEthnicityLabel(text: string | null | undefined): { label: string; other: string | null } | null {
  const m = normalizeEthnicity(text);
  if (!m) return null;
  if (m.name === 'Mông' && foldKey(m.raw.replace(/^(dân\s*tộc)\s*/iu, '')) === 'hmong') return { label: 'Mông (Hmông)', other: null };
  return m.name ? { label: m.name, other: null } : { label: 'Khác', other: m.raw };
}
