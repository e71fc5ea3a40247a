/**
 * One-off generator: the old district of every pre-2025 commune, by its GSO code, from the General Statistics
 * Office's administrative-unit list as of 04/01/2025 (the CSV export kept in sunshine-tech/VietnamProvinces,
 * dev/seed-data/Pre-2025-07/Xa_2025-01-04.csv). The 2025 mapping (admin-units-2025.json) has no district, so a
 * chip address such as "Phường 12, Quận Gò Vấp, TP. Hồ Chí Minh" matched 7–10 numbered wards; the district on the
 * chip picks the one it means. See SOURCE-old-districts-2025-01.md for the source and licence.
 *
 * Usage: npx tsx src/vn/data/generateOldDistricts.ts <Xa_2025-01-04.csv> <out.json>
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** CSV columns: Tỉnh Thành Phố, Mã TP, Quận Huyện, Mã QH, Phường Xã, Mã PX, Cấp, Tên Tiếng Anh (no quoted commas). */
export function oldDistricts(csv: string): { districts: Record<string, string>; communes: Record<string, string> } {
  const districts: Record<string, string> = {};
  const communes: Record<string, string> = {};
  for (const line of csv.split(/\r?\n/).slice(1)) {
    const cols = line.split(',');
    const [districtName, districtCode, , communeCode] = [cols[2], cols[3], cols[4], cols[5]];
    if (!districtName || !districtCode || !communeCode) continue;
    districts[districtCode] = districtName.normalize('NFC').replace(/\s+/g, ' ').trim();
    communes[communeCode] = districtCode;
  }
  return { districts, communes };
}

if (process.argv[1]?.endsWith('generateOldDistricts.ts')) {
  const [src, out] = process.argv.slice(2);
  if (!src || !out) throw new Error('usage: generateOldDistricts.ts <Xa_2025-01-04.csv> <out.json>');
  const t = oldDistricts(readFileSync(src, 'utf8'));
  const doc = { source: 'GSO administrative units 04/01/2025 via sunshine-tech/VietnamProvinces dev/seed-data/Pre-2025-07/Xa_2025-01-04.csv (809e91b)', ...t };
  writeFileSync(out, JSON.stringify(doc) + '\n');
}
