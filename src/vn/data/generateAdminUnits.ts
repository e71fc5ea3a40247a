/**
 * One-off generator: compacts the dvhcvn/20250701 mapping (splits.json old→new, merges.json new→old; MIT licence)
 * into src/vn/data/admin-units-2025.json, the table src/vn/address.ts ships with.
 *
 * Why a compact copy: the raw files are 4 MB with trailing spaces, lower-case prefixes and non-NFC names in the
 * "splits" entries (forms.md §2.2 "Data quality"); the new unit names are taken from merges.json, which is clean.
 *
 * Usage: npx tsx src/vn/data/generateAdminUnits.ts <dir with splits.json and merges.json> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface SplitsFile {
  data: { level1_id: string; name: string; splits: { new_id: string }[]; level3s: { level3_id: string; name: string; splits: { new_id: string }[] }[] }[];
}
interface MergesFile {
  data: { level1_id: string; name: string; level2s: { level2_id: string; name: string }[] }[];
}

const clean = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export function compactAdminUnits(splits: SplitsFile, merges: MergesFile) {
  const provinces: Record<string, string> = {};
  const communes: Record<string, [string, string]> = {};
  for (const p of merges.data) {
    provinces[p.level1_id] = clean(p.name);
    for (const c of p.level2s) communes[c.level2_id] = [p.level1_id, clean(c.name)];
  }
  const old = splits.data.map((p) => ({
    id: p.level1_id,
    name: clean(p.name),
    to: [...new Set(p.splits.map((s) => s.new_id))],
    communes: p.level3s.map((c) => {
      const to = [...new Set(c.splits.map((s) => s.new_id))];
      for (const id of to) if (!communes[id]) throw new Error(`new commune ${id} missing from merges.json`);
      return [c.level3_id, clean(c.name), to] as [string, string, string[]];
    }),
  }));
  return {
    codeset: '2025-07',
    source: 'github.com/dvhcvn/20250701 mapping/splits.json + merges.json (NQ 1654–1687/NQ-UBTVQH15, 915 & 1027/CTK-CSCL)',
    license: 'MIT',
    provinces,
    communes,
    old,
  };
}

if (process.argv[1]?.endsWith('generateAdminUnits.ts')) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) throw new Error('usage: generateAdminUnits.ts <dir> <out.json>');
  const splits = JSON.parse(readFileSync(join(dir, 'splits.json'), 'utf8')) as SplitsFile;
  const merges = JSON.parse(readFileSync(join(dir, 'merges.json'), 'utf8')) as MergesFile;
  writeFileSync(out, JSON.stringify(compactAdminUnits(splits, merges)) + '\n');
}
