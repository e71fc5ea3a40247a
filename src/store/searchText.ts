/**
 * What of a dossier is searchable, and how names and queries are folded.
 *
 * FTS5's `unicode61 remove_diacritics 2` strips combining marks but keeps "đ/Đ" (U+0111/U+0110 are letters of
 * their own, not d + mark), so "dang" would not find "Đặng". We fold names ourselves into a separate column and
 * fold queries the same way.
 */
import type { FilledField } from '../forms/types';

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

/** Field keys that name the dossier's main person (matched case-insensitively on the last dotted segment). */
export interface SearchKeys {
  fullName: string[];
  idNumber: string[];
}

export const DEFAULT_SEARCH_KEYS: SearchKeys = {
  fullName: ['fullName', 'hoTen', 'hoVaTen', 'holderFullName', 'requesterFullName', 'hoTenNguoiYeuCau'],
  idNumber: ['idNumber', 'soDinhDanh', 'soDinhDanhCaNhan', 'soCccd', 'holderIdNumber', 'requesterIdNumber'],
};

function lastSegment(key: string): string {
  return (key.split(/[.:/]/).pop() ?? key).toLowerCase();
}

export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '');
}

/** The main person's name and ID number, taken from the first field whose key is in `keys` (in key order). */
export function extractHolder(fields: readonly FilledField[], keys: SearchKeys = DEFAULT_SEARCH_KEYS): { fullName: string | null; idNumber: string | null } {
  const pick = (candidates: string[]): string | null => {
    for (const c of candidates) {
      const want = c.toLowerCase();
      const hit = fields.find((f) => lastSegment(f.key) === want && f.value.trim() !== '');
      if (hit) return hit.value.trim().normalize('NFC');
    }
    return null;
  };
  const idNumber = pick(keys.idNumber);
  return { fullName: pick(keys.fullName), idNumber: idNumber === null ? null : normalizeIdNumber(idNumber) };
}

/** Every distinct value of the fields named by `candidates` (in key order, main person first), after `clean`. */
function allValues(fields: readonly FilledField[], candidates: readonly string[], clean: (v: string) => string): string[] {
  const out: string[] = [];
  for (const c of candidates) {
    const want = c.toLowerCase();
    for (const f of fields) {
      const v = clean(f.value);
      if (lastSegment(f.key) === want && v !== '' && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/** Every distinct person ID number in the fields (both parties of a marriage), normalised. */
export function extractAllIds(fields: readonly FilledField[], keys: SearchKeys = DEFAULT_SEARCH_KEYS): string[] {
  return allValues(fields, keys.idNumber, normalizeIdNumber);
}

/**
 * The columns a dossier row stores for its fields (shared with bench/store.bench.ts's bulk loader). The summary
 * shows the main person; the search text holds every named person, so a marriage dossier is found by either party.
 */
export function dossierSearchColumns(fields: readonly FilledField[], keys: SearchKeys = DEFAULT_SEARCH_KEYS) {
  const holder = extractHolder(fields, keys);
  const names = allValues(fields, keys.fullName, (v) => v.trim().normalize('NFC'));
  return {
    full_name: holder.fullName,
    id_number: holder.idNumber,
    search_name: names.length === 0 ? null : foldForSearch(names.join(' ')),
  };
}
