import { describe, expect, it } from 'vitest';
import data from '../../../src/vn/data/admin-units-2025.json';
import { compactAdminUnits } from '../../../src/vn/data/generateAdminUnits';

describe('admin-units-2025 table', () => {
  it('has the 34 provinces and 3,321 communes of the 2025 reform, 63 old provinces', () => {
    expect(Object.keys(data.provinces)).toHaveLength(34);
    expect(Object.keys(data.communes)).toHaveLength(3321);
    expect(data.old).toHaveLength(63);
    expect(data.codeset).toBe('2025-07');
  });
  it('is clean: NFC, trimmed names, every old commune maps to a known new commune', () => {
    const communes = data.communes as unknown as Record<string, [string, string]>;
    for (const [prov, name] of Object.values(communes)) {
      expect(name).toBe(name.normalize('NFC').trim());
      expect(data.provinces).toHaveProperty(prov);
    }
    for (const p of data.old) {
      for (const [, name, to] of p.communes as unknown as [string, string, string[]][]) {
        expect(name).toBe(name.normalize('NFC').trim());
        expect(to.length).toBeGreaterThan(0);
        for (const id of to) expect(communes).toHaveProperty(id);
      }
    }
  });
  it('the generator cleans names and refuses a mapping to an unknown commune', () => {
    const merges = { data: [{ level1_id: '01', name: 'Thành phố Hà Nội', level2s: [{ level2_id: '00004', name: 'Phường Ba Đình' }] }] };
    const splits = (to: string) => ({
      data: [{ level1_id: '01', name: 'Thành phố  Hà Nội ', splits: [{ new_id: '01' }], level3s: [{ level3_id: '00004', name: ' Phường Trúc Bạch', splits: [{ new_id: to }, { new_id: to }] }] }],
    });
    const out = compactAdminUnits(splits('00004'), merges);
    expect(out.old[0]).toEqual({ id: '01', name: 'Thành phố Hà Nội', to: ['01'], communes: [['00004', 'Phường Trúc Bạch', ['00004']]] });
    expect(() => compactAdminUnits(splits('99999'), merges)).toThrow(/99999/);
  });
});
