import { describe, expect, it } from 'vitest';
import data from '../../../src/vn/data/pre-2025-merges.json';
import admin from '../../../src/vn/data/admin-units-2025.json';
import { pre2025Merges, unitKey } from '../../../src/vn/data/generatePre2025Merges';
import { unitKey as addressUnitKey } from '../../../src/vn/address';

const OLD = {
  provinces: [{ id: '36', name: 'Tỉnh Nam Định', communes: [['14218', 'Thị trấn Cồn', ['14218']], ['14221', 'Xã Hải Hưng', ['14221']]] as [string, string, string[]][] }],
  districts: { '365': 'Huyện Hải Hậu' },
  districtOf: { '14218': '365', '14221': '365' },
};
const HEAD = 'province_key,district_key,ward_key,alias_keyword,source,year\n';

describe('pre-2025 merges table', () => {
  it('keeps typed aliases with a source URL and resolves the successor by province, district and name', () => {
    const csv = HEAD + [
      'tinhnamdinh,huyenhaihau,thitrancon,xahaily,https://baochinhphu.vn/x.htm,',
      'tinhnamdinh,huyenhaihau,thitrancon,haily,https://baochinhphu.vn/x.htm,', // bare alias: left out
      'tinhnamdinh,huyenhaihau,thitrancon,xahaily2,typing,', // spelling variant, no URL: left out
      'tinhnamdinh,huyengiaothuy,thitrancon,xagiaoxuan,https://baochinhphu.vn/y.htm,', // wrong district: unresolved
    ].join('\n');
    const { rows, unresolved } = pre2025Merges(csv, OLD);
    expect(rows).toEqual([{ province: '36', district: 'huyenhaihau', merged: 'xahaily', successor: '14218', source: 'https://baochinhphu.vn/x.htm' }]);
    expect(unresolved).toEqual(['tinhnamdinh/huyengiaothuy/thitrancon ← xagiaoxuan']);
  });
  it('uses the same key as the address converter (no diacritics, đ → d)', () => {
    expect(unitKey('Thị trấn Cồn')).toBe('thitrancon');
    expect(unitKey('Huyện Đà Bắc')).toBe('huyendabac');
    for (const s of ['Xã Hải Lý', 'Phường Đội Cấn', 'Thị trấn Ea Đrăng']) expect(addressUnitKey(s)).toBe(unitKey(s));
  });
  it('has a URL on every row and every successor in the pre-2025 list', () => {
    const known = new Map(admin.old.map((p) => [p.id, new Set((p.communes as unknown as [string][]).map(([id]) => id))]));
    expect(data.merges.length).toBeGreaterThan(1800);
    for (const [prov, district, merged, successor, url] of data.merges as string[][]) {
      expect(url, merged).toMatch(/^https?:\/\//);
      expect(district).toMatch(/^[a-z0-9]+$/);
      expect(merged).toMatch(/^(xa|phuong|thitran)[a-z0-9]+$/);
      expect(known.get(prov ?? '')?.has(successor ?? ''), `${prov} ${merged} → ${successor}`).toBe(true);
    }
  });
});
