import { describe, expect, it } from 'vitest';
import { convertAddress } from '../../src/vn/address';

describe('convertAddress', () => {
  it('maps an old commune that went to one new commune, dropping the district', () => {
    const raw = 'Thôn Đông, xã Phù Vân, thành phố Phủ Lý, tỉnh Hà Nam';
    const r = convertAddress(raw);
    expect(r).toMatchObject({
      status: 'unique', raw, value: 'Thôn Đông, Phường Phù Vân, Tỉnh Ninh Bình', commune: 'Phường Phù Vân', province: 'Tỉnh Ninh Bình',
      provinceCode: '37', oldCommune: 'Xã Phù Vân', oldProvince: 'Tỉnh Hà Nam', attention: null, codeset: '2025-07',
    });
  });
  it('parses the chip’s prefix-less form by position', () => {
    expect(convertAddress('Thôn Đại Vi, Đại Đồng, Tiên Du, Bắc Ninh').value).toBe('Thôn Đại Vi, Xã Đại Đồng, Tỉnh Bắc Ninh');
  });
  it('normalises abbreviated prefixes, case and tone placement', () => {
    expect(convertAddress('Số 8, P. Quán Thánh, Q. Ba Đình, TP. Hà Nội').value).toBe('Số 8, Phường Ba Đình, Thành phố Hà Nội');
    expect(convertAddress('số 8, PHƯỜNG QUÁN THÁNH, QUẬN BA ĐÌNH, THÀNH PHỐ HÀ NỘI').commune).toBe('Phường Ba Đình');
    // Old list spells "Tỉnh Hoà Bình" (kiểu cũ); the chip may say "Hòa Bình" (kiểu mới).
    expect(convertAddress('Xóm Chằm, Xã Vầy Nưa, Huyện Đà Bắc, Tỉnh Hòa Bình').oldProvince).toBe('Tỉnh Hoà Bình');
  });
  it('knows the old province names and abbreviations (Thừa Thiên Huế, TP. HCM, Bà Rịa - Vũng Tàu)', () => {
    expect(convertAddress('12 Lê Lợi, Phường Phú Hội, Thành phố Huế, Tỉnh Thừa Thiên Huế').value).toBe('12 Lê Lợi, Phường Thuận Hóa, Thành phố Huế');
    expect(convertAddress('45 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP. HCM').value).toBe('45 Nguyễn Huệ, Phường Sài Gòn, Thành phố Hồ Chí Minh');
    expect(convertAddress('Ấp 2, Xã Long Sơn, Thành phố Vũng Tàu, Tỉnh Bà Rịa - Vũng Tàu').province).toBe('Thành phố Hồ Chí Minh');
    // "P.9" expands to "Phường 9", a name many old districts share; "Q.3" (the old district) says which one.
    expect(convertAddress('Số 3, P.9, Q.3, TP.HCM')).toMatchObject({ status: 'unique', value: 'Số 3, Phường Nhiêu Lộc, Thành phố Hồ Chí Minh' });
    // Without the district it stays ambiguous, never guessed.
    expect(convertAddress('Số 3, P.9, TP.HCM').status).toBe('ambiguous');
  });
  it('a split commune → attention in Vietnamese + choices, no silent guess, raw kept', () => {
    const raw = 'Nhà số 27, ngách 14/3, ngõ 97 đường Văn Cao, tổ dân phố số 9, Phường Cống Vị, Quận Ba Đình, Thành phố Hà Nội';
    expect(new TextEncoder().encode(raw).length).toBeGreaterThan(127);
    const r = convertAddress(raw);
    expect(r.status).toBe('ambiguous');
    expect(r.value).toBe('');
    expect(r.raw).toBe(raw);
    expect(r.commune).toBeNull();
    expect(r.choices.map((c) => c.commune)).toEqual(['Phường Ngọc Hà', 'Phường Giảng Võ']);
    expect(r.choices[0]?.display).toBe('Nhà số 27, ngách 14/3, ngõ 97 đường Văn Cao, tổ dân phố số 9, Phường Ngọc Hà, Thành phố Hà Nội');
    expect(r.attention).toMatch(/Phường Cống Vị.*Đề nghị chọn/);
  });
  it('an old name shared by several communes of a province is narrowed by the district on the chip', () => {
    // Hà Nội had a Phường Quang Trung in Đống Đa and in Hà Đông; each district's ward was then split in two.
    const dd = convertAddress('Tổ 3, Phường Quang Trung, Quận Đống Đa, Thành phố Hà Nội');
    expect(dd.status).toBe('ambiguous');
    expect(dd.choices.map((c) => c.commune)).toEqual(['Phường Đống Đa', 'Phường Kim Liên']);
    expect(dd.attention).toMatch(/Phường Quang Trung \(Thành phố Hà Nội\) đã được sắp xếp vào 2 đơn vị/);
    const hd = convertAddress('Tổ 3, Phường Quang Trung, Quận Hà Đông, Thành phố Hà Nội');
    expect(hd.choices.map((c) => c.commune)).toEqual(['Phường Hà Đông', 'Phường Kiến Hưng']);
    // No district on the chip: the shared name itself is the reason to choose.
    const none = convertAddress('Tổ 3, Phường Quang Trung, Thành phố Hà Nội');
    expect(none.status).toBe('ambiguous');
    expect(none.attention).toMatch(/trùng/);
  });
  it('does not conflate names that differ only by diacritics (An Nghĩa ≠ Ân Nghĩa)', () => {
    const a = convertAddress('Thôn 1, Xã An Nghĩa, Huyện An Lão, Tỉnh Bình Định').choices.map((c) => c.commune);
    const b = convertAddress('Thôn 1, Xã Ân Nghĩa, Huyện Hoài Ân, Tỉnh Bình Định').choices.map((c) => c.commune);
    expect(a).not.toEqual(b);
    expect(b).toContain('Xã Kim Sơn');
  });
  it('recognises an address already in the 2025 two-level form', () => {
    const r = convertAddress('Thôn Lô Lô Chải, Xã Lũng Cú, Tỉnh Tuyên Quang');
    expect(r).toMatchObject({ status: 'current', value: 'Thôn Lô Lô Chải, Xã Lũng Cú, Tỉnh Tuyên Quang', provinceCode: '08' });
  });
  it('unknown → raw kept as the value with an attention note', () => {
    const raw = 'Xóm 1, xã Không Có, huyện Ảo, tỉnh Hà Giang';
    const r = convertAddress(raw);
    expect(r).toMatchObject({ status: 'unknown', value: raw, raw, commune: null });
    expect(r.attention).toMatch(/Không xác định được/);
    expect(convertAddress('Hà Nội').status).toBe('unknown');
    expect(convertAddress('').status).toBe('empty');
    expect(convertAddress(null).value).toBe('');
  });
  it('a commune merged before 2025 goes to its successor only when the chip names one: never a guess', () => {
    // The district on the chip picks the successor (Phường 6 of Quận 4 → Phường 9 of Quận 4 → Phường Khánh Hội).
    expect(convertAddress('Phường 6, Quận 4, Thành phố Hồ Chí Minh')).toMatchObject({ status: 'unique', oldCommune: 'Phường 6', communeCode: '27265' });
    // An abolished district ("Quận Chín Rồng" is in no list): Phường 6 was merged in five districts — no guess.
    expect(convertAddress('Phường 6, Quận Chín Rồng, Thành phố Hồ Chí Minh').status).not.toBe('unique');
    // A district that exists but has no such merge: unknown, and never read as a commune of the district's name.
    const wrong = convertAddress('Xã Hải Lý, Huyện Giao Thủy, Tỉnh Nam Định');
    expect(wrong).toMatchObject({ status: 'unknown', value: 'Xã Hải Lý, Huyện Giao Thủy, Tỉnh Nam Định' });
  });
});
