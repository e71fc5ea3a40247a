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
  /** `exact`: every word whole; `prefix`: the same with the last word as a prefix (search-as-you-type). */
  | { kind: 'fts'; exact: string; prefix: string };

/**
 * A query of digits only is an ID-number prefix (served by the B-tree index on id_number). Otherwise two FTS5
 * queries: whole words first ("nguyen van a" puts "Nguyễn Văn A" before "Nguyễn Văn Anh"), then the last word as
 * a prefix ("tran thi h" finds "Trần Thị Hà"), served by the FTS5 prefix index.
 */
export function planSearch(query: string): SearchPlan {
  const tokens = foldForSearch(query).split(' ').filter((t) => t.length > 0);
  if (tokens.length === 0) return { kind: 'empty' };
  if (tokens.length === 1 && /^\d+$/.test(tokens[0] ?? '')) return { kind: 'idPrefix', prefix: tokens[0] ?? '' };
  // Tokens are [\p{L}\p{N}]+ only, so quoting them is enough to keep FTS5 syntax out.
  const quoted = tokens.map((t) => `"${t}"`);
  return { kind: 'fts', exact: quoted.join(' AND '), prefix: `${quoted.join(' AND ')}*` };
}
