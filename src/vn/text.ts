/**
 * Text helpers for Vietnamese form data. Stored text stays NFC with full diacritics (forms.md §5.1–5.2); the
 * folded keys below are only for matching and search, never for display.
 */

/** Unicode NFC, collapsed whitespace, trimmed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Folds the two tone-placement conventions ("kiểu cũ" hoà/thuỷ vs "kiểu mới" hòa/thủy, forms.md §5.1) onto
 * one spelling so "Chiêm Hoá" and "Chiêm Hóa" compare equal while "An" and "Ân" stay different.
 */
const TONE_PLACEMENT: [RegExp, string][] = [
  [/oà/g, 'òa'], [/oá/g, 'óa'], [/oả/g, 'ỏa'], [/oã/g, 'õa'], [/oạ/g, 'ọa'],
  [/oè/g, 'òe'], [/oé/g, 'óe'], [/oẻ/g, 'ỏe'], [/oẽ/g, 'õe'], [/oẹ/g, 'ọe'],
  [/uỳ/g, 'ùy'], [/uý/g, 'úy'], [/uỷ/g, 'ủy'], [/uỹ/g, 'ũy'], [/uỵ/g, 'ụy'],
];

/** Case-insensitive key that keeps diacritics but ignores tone placement, punctuation and spacing. */
export function toneKey(text: string): string {
  let t = cleanText(text).toLowerCase();
  for (const [re, to] of TONE_PLACEMENT) t = t.replace(re, to);
  return t.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Diacritic-free, case-free key ("Đắk Lắk" → "daklak"): the last-resort match, like portal code's `_fold` [S9]. */
export function foldKey(text: string): string {
  return cleanText(text)
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/** Upper case with full diacritics, for person names on printed forms (forms.md §5.2). */
export function upperVi(text: string): string {
  return cleanText(text).toLocaleUpperCase('vi-VN');
}
