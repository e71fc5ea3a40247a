/**
 * Real old (pre-2025) addresses from twelve provinces and Hồ Chí Minh City's numbered wards, each with the 2025
 * unit it must convert to and where that answer comes from (tests/fixtures/addresses-2025.json: the GSO list of
 * 04/01/2025 for the old unit and its district, dvhcvn/20250701 for the new one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertAddress } from '../../src/vn/address';
import { FIXTURES } from '../forms/fixtures';

interface Row {
  old: string;
  expected: string | null;
  code: string | null;
  source: string;
}
const ROWS = JSON.parse(readFileSync(join(FIXTURES, 'addresses-2025.json'), 'utf8')) as Row[];

describe('address table: old chip addresses → 2025 units', () => {
  it('has at least 30 real addresses from several provinces, each with its source', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(ROWS.map((r) => r.old.split(', ').at(-1))).size).toBeGreaterThanOrEqual(10);
    for (const r of ROWS) expect(r.source, r.old).toBeTruthy();
  });
  for (const r of ROWS) {
    it(`${r.old} → ${r.expected ?? 'unconverted'}`, () => {
      const c = convertAddress(r.old);
      if (r.expected === null) {
        expect(c.status).toBe('unknown');
        expect(c.value).toBe(r.old);
        expect(c.attention).toMatch(/Không xác định được/);
      } else {
        expect(c).toMatchObject({ status: 'unique', value: r.expected, communeCode: r.code });
      }
    });
  }
  it('uses the old district: the same "Phường 12" in two districts converts to two different 2025 wards', () => {
    const goVap = convertAddress('Phường 12, Quận Gò Vấp, Thành phố Hồ Chí Minh');
    const q10 = convertAddress('Phường 12, Quận 10, Thành phố Hồ Chí Minh');
    expect(goVap.commune).toBe('Phường An Hội Tây');
    expect(q10.status).toBe('unique');
    expect(q10.commune).not.toBe(goVap.commune);
    // Without a district the name stays ambiguous: never a guess.
    expect(convertAddress('Phường 12, Thành phố Hồ Chí Minh').status).toBe('ambiguous');
  });
});
