import { describe, expect, it } from 'vitest';
import { getForm } from '../../src/forms/catalogue';
import { applyEdit, prefill } from '../../src/forms/prefill';
import { validate } from '../../src/forms/validate';
import { AT, OFFICE, identity } from './fixtures';

describe('validate', () => {
  const def = getForm('CT01', AT);
  if (!def) throw new Error('CT01 missing');
  it('reports missing required fields and bad formats in Vietnamese', () => {
    let f = prefill('CT01', [identity('young-man')], OFFICE, { at: AT });
    let issues = validate(def, f);
    expect(issues).toEqual([{ key: 'noiDungDeNghi', message: 'Chưa ghi “10. Nội dung đề nghị(2)”.' }]);
    f = applyEdit(f, 'noiDungDeNghi', 'Đăng ký thường trú tại Số 5, Phường Ba Đình, Thành phố Hà Nội', 'citizen');
    f = applyEdit(f, 'soDienThoai', '12345', 'citizen');
    f = applyEdit(f, 'email', 'khong-phai-email', 'citizen');
    f = applyEdit(f, 'soDinhDanhChuHo', '0012', 'citizen');
    f = applyEdit(f, 'ngaySinh', '31/02/2006', 'clerk');
    f = applyEdit(f, 'quanHeChuHo', 'Hàng xóm', 'citizen');
    issues = validate(def, f);
    const byKey = Object.fromEntries(issues.map((i) => [i.key, i.message]));
    expect(byKey['soDienThoai']).toMatch(/Số điện thoại không hợp lệ/);
    expect(byKey['email']).toMatch(/email/);
    expect(byKey['soDinhDanhChuHo']).toMatch(/12 chữ số/);
    expect(byKey['ngaySinh']).toMatch(/ngày hợp lệ/);
    expect(byKey['quanHeChuHo']).toMatch(/chọn một giá trị/);
    expect(byKey['noiDungDeNghi']).toBeUndefined();
  });
  it('flags an unresolved split-commune address until a person chooses', () => {
    const d = getForm('KHAI_TU', AT);
    if (!d) throw new Error('KHAI_TU missing');
    const f = prefill('KHAI_TU', [identity('long-address-split-commune')], OFFICE, { at: AT });
    const open = validate(d, f).filter((i) => i.key === 'nycNoiCuTru');
    expect(open.map((i) => i.message).join(' ')).toMatch(/Cần xác nhận.*Phường Cống Vị/);
    const chosen = f.fields.find((x) => x.key === 'nycNoiCuTru')?.choices?.[0] ?? '';
    const g = applyEdit(f, 'nycNoiCuTru', chosen, 'citizen');
    expect(validate(d, g).filter((i) => i.key === 'nycNoiCuTru')).toEqual([]);
  });
  it('reports a field missing from the filled form', () => {
    const f = prefill('CT01', [identity('young-man')], OFFICE, { at: AT });
    const cut = { ...f, fields: f.fields.filter((x) => x.key !== 'hoTen') };
    expect(validate(def, cut)).toContainEqual({ key: 'hoTen', message: 'Thiếu mục “1. Họ, chữ đệm và tên khai sinh” trong tờ khai.' });
  });
});
