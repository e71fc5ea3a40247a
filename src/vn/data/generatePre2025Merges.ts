/**
 * One-off generator: communes merged away before the 2025 reform (2017–2024 UBTVQH resolutions), each mapped to
 * the commune that succeeded it in the pre-2025 list, so that an older chip address ("Xã Hải Lý, Huyện Hải Hậu,
 * Tỉnh Nam Định") can go through the 2025 mapping by its successor (Thị trấn Cồn). Source: the legacy ward aliases
 * of tranngocminhhieu/vietnamadminunits (MIT), data/alias_keywords/legacy/alias_ward.csv — one row per old name
 * with the URL of the resolution or report that merged it. See SOURCE-pre-2025-merges.md.
 *
 * Usage: npx tsx src/vn/data/generatePre2025Merges.ts <alias_ward.csv> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import adminUnits from './admin-units-2025.json';
import oldDistrictTable from './old-districts-2025-01.json';
import { unitKey } from '../address';

export { unitKey };

/** Alias keys that name a commune with its unit type; bare or abbreviated ones ("p10", "haily") are left out. */
const TYPED = /^(xa|phuong|thitran)[a-z0-9]+$/;

export interface MergeRow {
  /** Old (pre-2025) province code. */
  province: string;
  /** Key of the old district the merged commune and its successor belong to. */
  district: string;
  /** Key of the merged commune as a chip writes it ("xahaily"). */
  merged: string;
  /** GSO code of the successor in the pre-2025 list. */
  successor: string;
  source: string;
}

interface Old { provinces: { id: string; name: string; communes: [string, string, string[]][] }[]; districts: Record<string, string>; districtOf: Record<string, string> }

/** CSV columns: province_key, district_key, ward_key, alias_keyword, source, year (no quoted commas in the keys). */
export function pre2025Merges(csv: string, old: Old): { rows: MergeRow[]; unresolved: string[] } {
  const provinceByKey = new Map(old.provinces.map((p) => [unitKey(p.name), p]));
  const rows = new Map<string, MergeRow>();
  const unresolved: string[] = [];
  for (const line of csv.replace(/^\uFEFF/, '').split(/\r?\n/).slice(1)) {
    const [pKey, dKey, wKey, alias, ...rest] = line.split(',');
    if (!pKey || !dKey || !wKey || !alias || !TYPED.test(alias) || alias === wKey) continue;
    const source = rest.slice(0, -1).join(',').replace(/^"|"$/g, '');
    // Rows without a URL are spelling variants the source calls "typing", not merges.
    if (!/^https?:\/\//.test(source)) continue;
    const province = provinceByKey.get(pKey);
    const successors = (province?.communes ?? []).filter(([id, name]) => unitKey(name) === wKey && unitKey(old.districts[old.districtOf[id] ?? ''] ?? '') === dKey);
    const successor = successors.length === 1 ? successors[0] : undefined;
    if (!province || !successor) {
      unresolved.push(`${pKey}/${dKey}/${wKey} ← ${alias}`);
      continue;
    }
    rows.set(`${province.id}|${dKey}|${alias}`, { province: province.id, district: dKey, merged: alias, successor: successor[0], source });
  }
  return { rows: [...rows.values()], unresolved };
}

if (process.argv[1]?.endsWith('generatePre2025Merges.ts')) {
  const [src, out] = process.argv.slice(2);
  if (!src || !out) throw new Error('usage: generatePre2025Merges.ts <alias_ward.csv> <out.json>');
  const od = oldDistrictTable as unknown as { districts: Record<string, string>; communes: Record<string, string> };
  const old: Old = { provinces: (adminUnits as unknown as { old: Old['provinces'] }).old, districts: od.districts, districtOf: od.communes };
  const { rows, unresolved } = pre2025Merges(readFileSync(src, 'utf8'), old);
  const doc = {
    source: 'tranngocminhhieu/vietnamadminunits data/alias_keywords/legacy/alias_ward.csv (c4519b2, MIT)',
    columns: ['oldProvinceCode', 'oldDistrictKey', 'mergedCommuneKey', 'successorCode', 'sourceUrl'],
    merges: rows.map((r) => [r.province, r.district, r.merged, r.successor, r.source]),
  };
  writeFileSync(out, JSON.stringify(doc) + '\n');
  process.stderr.write(`${rows.length} merges written; ${unresolved.length} alias rows whose successor is not in the pre-2025 list:\n${unresolved.join('\n')}\n`);
}
