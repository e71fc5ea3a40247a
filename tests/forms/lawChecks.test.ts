/** Validation by law: marriage age, a birth in the future, an expired card, an unconfigured office. */
import { describe, expect, it } from 'vitest';
import { getForm } from '../../src/forms/catalogue';
import { applyEdit, prefill } from '../../src/forms/prefill';
import { validate } from '../../src/forms/validate';
import { officeFromSettings, officeConfigured, OFFICE_NOT_CONFIGURED } from '../../src/forms/office';
import { AT, OFFICE, identity } from './fixtures';

const messages = (id: 'KET_HON' | 'KHAI_SINH' | 'CT01' | 'XAC_NHAN_TTHN', f: ReturnType<typeof prefill>, at = AT) => validate(getForm(id, at)!, f, at);

describe('marriage age (Luật Hôn nhân và gia đình 2014, Điều 8)', () => {
  const bride = identity('married-woman');
  const groom = identity('young-man');
  it('refuses a 16-year-old bride with the legal reason', () => {
    const f = prefill('KET_HON', [{ ...bride, dateOfBirth: '2010-05-01' }, groom], OFFICE, { at: AT });
    const issue = messages('KET_HON', f).find((i) => i.key === 'nuNgaySinh');
    expect(issue?.message).toBe('Bên nữ chưa đủ 18 tuổi: nữ phải từ đủ 18 tuổi trở lên mới được kết hôn (Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1 điểm a).');
  });
  it('counts full years: a bride is 18 on her birthday, not the day before', () => {
    const on = prefill('KET_HON', [{ ...bride, dateOfBirth: '2008-11-26' }, groom], OFFICE, { at: AT });
    expect(messages('KET_HON', on).filter((i) => i.key === 'nuNgaySinh')).toEqual([]);
    const before = prefill('KET_HON', [{ ...bride, dateOfBirth: '2008-11-27' }, groom], OFFICE, { at: AT });
    expect(messages('KET_HON', before).filter((i) => i.key === 'nuNgaySinh')).toHaveLength(1);
  });
  it('asks full 20 years of the groom (19 is refused, 20 passes)', () => {
    const young = prefill('KET_HON', [bride, { ...groom, dateOfBirth: '2007-01-02' }], OFFICE, { at: AT });
    expect(messages('KET_HON', young).find((i) => i.key === 'namNgaySinh')?.message).toMatch(/^Bên nam chưa đủ 20 tuổi.*Điều 8/);
    const ok = prefill('KET_HON', [bride, { ...groom, dateOfBirth: '2006-11-26' }], OFFICE, { at: AT });
    expect(messages('KET_HON', ok).filter((i) => i.key === 'namNgaySinh')).toEqual([]);
  });
});

describe('a birth cannot be registered before it happens', () => {
  it('refuses a child born tomorrow and accepts one born today', () => {
    let f = prefill('KHAI_SINH', [identity('married-woman')], OFFICE, { at: AT });
    f = applyEdit(f, 'conNgaySinh', '27/11/2026', 'citizen');
    expect(messages('KHAI_SINH', f).find((i) => i.key === 'conNgaySinh')?.message).toMatch(/không thể sau ngày khai.*Bộ luật Dân sự 2015, Điều 30/);
    f = applyEdit(f, 'conNgaySinh', '26/11/2026', 'citizen');
    expect(messages('KHAI_SINH', f).filter((i) => i.key === 'conNgaySinh')).toEqual([]);
  });
});

describe('an expired card', () => {
  it('is flagged on the ID paper row with the law and the expiry date, and not before it expires', () => {
    const h = { ...identity('young-man'), dateOfExpiry: '2026-11-25' };
    const f = prefill('XAC_NHAN_TTHN', [h], OFFICE, { at: AT });
    const open = messages('XAC_NHAN_TTHN', f).filter((i) => i.key === 'nycGiayToTuyThan');
    expect(open.map((i) => i.message).join(' ')).toMatch(/Thẻ đã hết hạn sử dụng từ ngày 25\/11\/2026.*Luật Căn cước 2023, Điều 21/);
    const valid = prefill('XAC_NHAN_TTHN', [{ ...h, dateOfExpiry: '2026-11-26' }], OFFICE, { at: AT });
    expect(messages('XAC_NHAN_TTHN', valid).filter((i) => i.key === 'nycGiayToTuyThan')).toEqual([]);
  });
});

describe('an unconfigured office', () => {
  const empty = officeFromSettings({});
  it('leaves "Kính gửi" and the place line empty instead of "Công an " and ", ngày …"', () => {
    const f = prefill('CT01', [identity('young-man')], empty, { at: AT });
    expect(f.fields.find((x) => x.key === 'kinhGui')?.value).toBe('');
    expect(f.fields.find((x) => x.key === 'lamTai')?.value).toBe('');
  });
  it('is one form-level problem in Vietnamese, not a pass', () => {
    const f = prefill('CT01', [identity('young-man')], empty, { at: AT });
    expect(messages('CT01', f)[0]).toEqual({ key: '', message: OFFICE_NOT_CONFIGURED });
    expect(messages('CT01', prefill('CT01', [identity('young-man')], OFFICE, { at: AT })).map((i) => i.key)).not.toContain('');
  });
  it('reads the office from the app settings object in one place', () => {
    expect(officeConfigured(empty)).toBe(false);
    const o = officeFromSettings({ communeName: ' UBND phường  Ba Đình ', provinceName: 'Thành phố Hà Nội', communeCode: '', provinceCode: '01' });
    expect(o).toEqual({ communeName: 'UBND phường Ba Đình', provinceName: 'Thành phố Hà Nội', communeCode: undefined, provinceCode: '01', policeName: undefined, placeName: undefined });
    expect(officeConfigured(o)).toBe(true);
  });
});
