import { describe, expect, it } from 'vitest';
import { buildMrz, mrzNameField, transliterate } from '../../../src/sim/profile/mrz';
import { sampleIdentities } from '../../../src/sim/profile/samples';
import type { Identity } from '../../../src/sim/profile/identity';

/** Independent ICAO 9303-3 §4.9 check digit (weights 7-3-1, A=10…Z=35, '<'=0) — deliberately not the app's code. */
function icaoCd(s: string): string {
  const val = (c: string) => (c === '<' ? 0 : /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  let sum = 0;
  [...s].forEach((c, i) => (sum += val(c) * [7, 3, 1][i % 3]!));
  return String(sum % 10);
}

describe('CCCD TD1 MRZ', () => {
  it('reproduces the synthetic example of cccd.md §2.1 byte for byte', () => {
    const m = buildMrz({ idNumber: '001090123456', dateOfBirth: '1990-01-15', dateOfExpiry: '2030-01-15', sex: 'M', fullName: 'Nguyễn Văn A' } as Identity);
    expect(m.lines).toEqual(['IDVNM0901234562001090123456<<3', '9001158M3001156VNM<<<<<<<<<<<0', 'NGUYEN<<VAN<A<<<<<<<<<<<<<<<<<']);
    expect(m.mrzInformation).toBe('090123456290011583001156');
  });

  const samples = sampleIdentities();
  it.each(samples.map((s, i) => [i, s] as const))('sample index %i has valid TD1 lines and check digits', (_i, id) => {
    const { lines, mrzInformation } = buildMrz(id);
    const [l1, l2, l3] = lines;
    for (const l of lines) expect(l).toMatch(/^[A-Z0-9<]{30}$/);
    expect(l1.slice(0, 5)).toBe('IDVNM');
    expect(l1.slice(5, 14)).toBe(id.idNumber.slice(3));
    expect(l1[14]).toBe(icaoCd(l1.slice(5, 14)));
    expect(l1.slice(15, 27)).toBe(id.idNumber);
    expect(l1.slice(27, 29)).toBe('<<');
    expect(l1[29]).toBe(icaoCd(id.idNumber));
    const dob = id.dateOfBirth.replace(/-/g, '').slice(2);
    expect(l2.slice(0, 6)).toBe(dob);
    expect(l2[6]).toBe(icaoCd(dob));
    expect(l2[7]).toBe(id.sex);
    const doe = id.dateOfExpiry === null ? '991231' : id.dateOfExpiry.replace(/-/g, '').slice(2);
    expect(l2.slice(8, 14)).toBe(doe);
    expect(l2[14]).toBe(icaoCd(doe));
    expect(l2.slice(15, 29)).toBe('VNM<<<<<<<<<<<');
    // ICAO 9303-5 §4.2.2.2 composite check digit.
    expect(l2[29]).toBe(icaoCd(l1.slice(5) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29)));
    expect(l3).toMatch(/^[A-Z]+<<[A-Z<]+$/);
    expect(mrzInformation).toBe(l1.slice(5, 15) + l2.slice(0, 7) + l2.slice(8, 15));
  });

  it('writes 991231 for a card that never expires', () => {
    const elderly = samples.find((s) => s.dateOfExpiry === null)!;
    expect(buildMrz(elderly).lines[1].slice(8, 15)).toBe('9912315');
  });

  it('transliterates Vietnamese names without diacritics and Đ→D', () => {
    expect(transliterate('Đặng')).toBe('DANG');
    expect(mrzNameField('Đặng Văn Hưởng')).toBe('DANG<<VAN<HUONG'.padEnd(30, '<'));
    expect(mrzNameField('Lê Thị Ngọc Ánh')).toBe('LE<<THI<NGOC<ANH'.padEnd(30, '<'));
    expect(mrzNameField('Tôn Nữ Thị Hoàng Ngọc Phương Quỳnh Như')).toHaveLength(30);
  });
});
