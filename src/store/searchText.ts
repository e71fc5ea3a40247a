/**
 * Diacritic-insensitive search text (issue #4 §1). FTS5's `unicode61 remove_diacritics 2` strips combining marks
 * but keeps "đ/Đ" (U+0111/U+0110 are letters of their own, not d + mark), so "dang" would not find "Đặng".
 * We fold names ourselves into a separate column and fold queries the same way.
 */

/** "Nguyễn Văn Đặng" → "nguyen van dang". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export type SearchPlan =
  | { kind: 'empty' }
  | { kind: 'idPrefix'; prefix: string }
  | { kind: 'fts'; match: string };

/**
 * Search-as-you-type semantics: every word typed in full must match a whole word; the last word may be a
 * prefix (2+ characters, served by the FTS5 prefix index). A query of digits only is an ID-number prefix
 * (served by the B-tree index on id_number: exact and prefix lookups cost the same there).
 */
export function planSearch(query: string): SearchPlan {
  const tokens = foldForSearch(query).split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return { kind: 'empty' };
  if (tokens.length === 1 && /^\d+$/.test(tokens[0] ?? '')) return { kind: 'idPrefix', prefix: tokens[0] ?? '' };
  // Tokens are [\p{L}\p{N}]+ only, so quoting them is enough to keep FTS5 syntax out.
  const parts = tokens.map((t, i) => (i === tokens.length - 1 && t.length >= 2 ? `"${t}"*` : `"${t}"`));
  return { kind: 'fts', match: parts.join(' AND ') };
}
