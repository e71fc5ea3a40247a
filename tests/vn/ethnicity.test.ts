import { describe, expect, it } from 'vitest';
import { ETHNICITIES, normalizeEthnicity, portalEthnicityLabel } from '../../src/vn/ethnicity';

describe('normalizeEthnicity', () => {
  it('has the 54 official groups, no duplicates', () => {
    expect(ETHNICITIES).toHaveLength(54);
    expect(new Set(ETHNICITIES).size).toBe(54);
  });
  it.each([
    ['Kinh', 'Kinh'], ['kinh', 'Kinh'], ['KINH', 'Kinh'], ['Dân tộc Kinh', 'Kinh'], ['dân tộc: Tày', 'Tày'],
    ["K'Ho", 'Cơ Ho'], ["H'Mông", 'Mông'], ['Hmông', 'Mông'], ['Khơ-me', 'Khmer'], ['Ê-đê', 'Ê Đê'], ['Ba-na', 'Ba Na'],
    ['Muong', 'Mường'], ['Thái', 'Thái'], ['Gié Triêng', 'Giẻ Triêng'], ["X'tiêng", 'Xtiêng'], ['Bru - Vân Kiều', 'Bru Vân Kiều'],
    ['  Nùng ', 'Nùng'], ['Sán Chỉ', 'Sán Chay'],
  ])('%s → %s', (raw, name) => expect(normalizeEthnicity(raw)?.name).toBe(name));
  it('keeps unknown names as raw text without guessing', () => {
    expect(normalizeEthnicity('Cill')).toEqual({ name: null, raw: 'Cill' });
    expect(normalizeEthnicity(null)).toBeNull();
    expect(normalizeEthnicity('  ')).toBeNull();
  });
  it('maps to the portal labels: H’Mông → "Mông (Hmông)", unknown → "Khác" + text', () => {
    expect(portalEthnicityLabel("H'Mông")).toEqual({ label: 'Mông (Hmông)', other: null });
    expect(portalEthnicityLabel('Mông')).toEqual({ label: 'Mông', other: null });
    expect(portalEthnicityLabel('Cill')).toEqual({ label: 'Khác', other: 'Cill' });
  });
});
