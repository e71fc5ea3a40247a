import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Holder } from '../../src/card/result';
import { FORM_IDS, getForm } from '../../src/forms/catalogue';
import { PrefillError, applyEdit, prefill } from '../../src/forms/prefill';
import type { FilledForm, FormId } from '../../src/forms/types';
import { AT, GOLDEN_DIR, OFFICE, identity, loadIdentities } from './fixtures';

const IDENTITIES = loadIdentities();
const UPDATE = process.env.UPDATE_GOLDEN === '1';

function checkGolden(file: string, filled: FilledForm) {
  const path = join(GOLDEN_DIR, file);
  if (UPDATE) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, JSON.stringify(filled, null, 2) + '\n');
  }
  expect(existsSync(path), `golden ${file} is missing (generate with UPDATE_GOLDEN=1, then review it)`).toBe(true);
  expect(filled).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

const field = (f: FilledForm, key: string) => {
  const x = f.fields.find((y) => y.key === key);
  if (!x) throw new Error(`no field ${key}`);
  return x;
};

describe('prefill goldens: every form × every identity', () => {
  expect(Object.keys(IDENTITIES).length).toBeGreaterThanOrEqual(4);
  for (const formId of FORM_IDS) {
    for (const [name, holder] of Object.entries(IDENTITIES)) {
      it(`${formId} × ${name}`, () => {
        checkGolden(`${formId}/${name}.json`, prefill(formId, [holder], OFFICE, { at: AT }));
      });
    }
  }
  it('KET_HON with both cards', () => {
    const bride = identity('long-address-split-commune');
    const groom = identity('young-man');
    checkGolden('KET_HON/pair-long-address-split-commune+young-man.json', prefill('KET_HON', [bride, groom], OFFICE, { at: AT }));
  });
});

describe('marriage: cards go to columns by sex, not read order', () => {
  const bride = identity('long-address-split-commune');
  const groom = identity('young-man');
  it('gives the same form whichever card comes first', () => {
    const a = prefill('KET_HON', [bride, groom], OFFICE, { at: AT });
    const b = prefill('KET_HON', [groom, bride], OFFICE, { at: AT });
    expect(b).toEqual(a);
    expect(field(a, 'nuHoTen').value).toBe('HOÀNG THỊ NGỌC ÁNH');
    expect(field(a, 'namHoTen').value).toBe('Phạm Quốc Bảo');
    expect(field(a, 'nuSoDinhDanh').value).toBe(bride.idNumber);
    expect(field(a, 'namSoDinhDanh').value).toBe(groom.idNumber);
  });
  it('refuses two cards of the same sex or a card without sex', () => {
    expect(() => prefill('KET_HON', [bride, identity('married-woman')], OFFICE, { at: AT })).toThrow(PrefillError);
    expect(() => prefill('KET_HON', [{ ...groom, sex: null }], OFFICE, { at: AT })).toThrow(PrefillError);
  });
  it('fills only the matching column with one card', () => {
    const f = prefill('KET_HON', [groom], OFFICE, { at: AT });
    expect(field(f, 'namHoTen').value).toBe('Phạm Quốc Bảo');
    expect(field(f, 'nuHoTen').value).toBe('');
  });
});

describe('birth declaration never maps the holder’s parents onto the child’s parents', () => {
  const allParentNames = (hs: Holder[]) => hs.flatMap((h) => [h.fatherName, h.motherName]).filter((x): x is string => !!x);
  for (const [name, holder] of Object.entries(IDENTITIES)) {
    it(`${name}: no field carries the holder's father/mother name`, () => {
      for (const inputs of [{}, { quanHeVoiNguoiDuocKhaiSinh: holder.sex === 'F' ? 'Mẹ' : 'Cha' }] as Record<string, string>[]) {
        const f = prefill('KHAI_SINH', [holder], OFFICE, { at: AT, inputs });
        const values = f.fields.map((x) => x.value);
        for (const parent of allParentNames([holder])) expect(values).not.toContain(parent);
        expect(field(f, 'conHoTen').value).toBe('');
      }
    });
  }
  it('fills the mother rows from the requester’s own card only when she says she is the mother', () => {
    const mother = identity('married-woman');
    const none = prefill('KHAI_SINH', [mother], OFFICE, { at: AT });
    expect(field(none, 'meHoTen').value).toBe('');
    const f = prefill('KHAI_SINH', [mother], OFFICE, { at: AT, inputs: { quanHeVoiNguoiDuocKhaiSinh: 'Mẹ' } });
    expect(field(f, 'meHoTen')).toMatchObject({ value: 'Trần Thị Thu Hà', provenance: 'chip' });
    expect(field(f, 'meNgaySinh')).toMatchObject({ value: '08/03/1992', provenance: 'chip' });
    // TT 04/2024 notes: with a số định danh cá nhân, "Nơi cư trú" is not written.
    expect(field(f, 'meNoiCuTru')).toMatchObject({ value: '', provenance: 'derived' });
    expect(field(f, 'meGiayToTuyThan').value).toMatch(/^Thẻ căn cước số 001192012345, do Bộ Công an cấp ngày/);
    expect(field(f, 'meDanToc').value).toBe('Tày');
    expect(field(f, 'quanHeVoiNguoiDuocKhaiSinh')).toMatchObject({ value: 'Mẹ', provenance: 'citizen' });
    expect(field(f, 'chaHoTen').value).toBe('');
    // The spouse name on her chip is not assumed to be the child's father.
    expect(f.fields.map((x) => x.value)).not.toContain('Lê Minh Tuấn');
  });
  it('with two parents’ cards assigns them by sex', () => {
    const f = prefill('KHAI_SINH', [identity('young-man'), identity('married-woman')], OFFICE, { at: AT });
    expect(field(f, 'nycHoTen').value).toBe('Phạm Quốc Bảo');
    expect(field(f, 'meHoTen').value).toBe('Trần Thị Thu Hà');
    expect(field(f, 'chaHoTen').value).toBe('Phạm Quốc Bảo');
  });
  it('rejects a relationship that contradicts the card', () => {
    expect(() => prefill('KHAI_SINH', [identity('young-man')], OFFICE, { at: AT, inputs: { quanHeVoiNguoiDuocKhaiSinh: 'Mẹ' } })).toThrow(PrefillError);
  });
  it('writes the child’s date of birth in words once typed', () => {
    let f = prefill('KHAI_SINH', [identity('married-woman')], OFFICE, { at: AT });
    expect(field(f, 'conNgaySinhBangChu').value).toBe('');
    f = applyEdit(f, 'conNgaySinh', '2025-12-25', 'citizen');
    expect(field(f, 'conNgaySinh')).toMatchObject({ value: '25/12/2025', provenance: 'citizen' });
    expect(field(f, 'conNgaySinhBangChu')).toMatchObject({
      value: 'ngày hai mươi lăm tháng mười hai năm hai nghìn không trăm hai mươi lăm', provenance: 'derived',
    });
  });
});

describe('identity document text switches at 1 July 2024', () => {
  const base = identity('young-man');
  const text = (dateOfIssue: string) => field(prefill('XAC_NHAN_TTHN', [{ ...base, dateOfIssue }], OFFICE, { at: AT }), 'nycGiayToTuyThan').value;
  it('uses the CCCD wording and the Cục Cảnh sát QLHC về TTXH the day before', () => {
    expect(text('2024-06-30')).toBe('Thẻ căn cước công dân số 027206007890, do Cục Cảnh sát quản lý hành chính về trật tự xã hội cấp ngày 30/06/2024');
  });
  it('uses the Căn cước wording and Bộ Công an from the day itself', () => {
    expect(text('2024-07-01')).toBe('Thẻ căn cước số 027206007890, do Bộ Công an cấp ngày 01/07/2024');
  });
});

describe('provenance and edits', () => {
  it('records who changed a field and keeps the chip text', () => {
    const f = prefill('KHAI_TU', [identity('married-woman')], OFFICE, { at: AT });
    const before = field(f, 'nycNoiCuTru');
    expect(before.provenance).toBe('derived');
    const g = applyEdit(f, 'nycNoiCuTru', 'Số 10 phố Hàng Bông, Phường Hoàn Kiếm, Thành phố Hà Nội', 'clerk');
    expect(field(g, 'nycNoiCuTru')).toMatchObject({ provenance: 'clerk', rawValue: before.rawValue, attention: null });
    expect(field(f, 'nycNoiCuTru').provenance).toBe('derived'); // the original is not mutated
    expect(() => applyEdit(f, 'nope', 'x', 'citizen')).toThrow(/unknown field/);
  });
  it('resolves the split-commune choice by a person', () => {
    const f = prefill('XAC_NHAN_TTHN', [identity('long-address-split-commune')], OFFICE, { at: AT });
    const addr = field(f, 'ndNoiCuTru');
    expect(addr.value).toBe('');
    expect(addr.choices).toHaveLength(2);
    const chosen = addr.choices?.[1] ?? '';
    const g = applyEdit(f, 'ndNoiCuTru', chosen, 'citizen');
    expect(field(g, 'ndNoiCuTru')).toMatchObject({ value: chosen, provenance: 'citizen', attention: null });
  });
  it('fills CT01 "Kính gửi" with the commune Police and the head of household from a second card', () => {
    const f = prefill('CT01', [identity('young-man'), identity('elderly-man-never-expires')], OFFICE, { at: AT });
    expect(field(f, 'kinhGui')).toMatchObject({ value: 'Công an phường Ba Đình', provenance: 'config', source: 'CONFIG' });
    expect(field(f, 'hoTenChuHo')).toMatchObject({ value: 'Nguyễn Văn Thắng', provenance: 'chip', source: 'CHIP-2' });
    expect(field(f, 'lamTai').value).toBe('Ba Đình, ngày 26 tháng 11 năm 2026');
  });
  it('uses the form version in force at the date', () => {
    const old = prefill('CT01', [identity('young-man')], OFFICE, { at: new Date('2023-06-01T03:00:00Z') });
    expect(old.formVersion).toBe('TT56/2021');
    expect(prefill('CT01', [identity('young-man')], OFFICE, { at: new Date('2025-06-30T03:00:00Z') }).formVersion).toBe('TT66/2023');
    expect(getForm('CT01' as FormId, AT)?.version).toBe('TT53/2025');
  });
});

describe('partial chip data', () => {
  it('with no card, every card-bound field is empty and left to the citizen', () => {
    const f = prefill('XAC_NHAN_TTHN', [], OFFICE, { at: AT });
    for (const x of f.fields.filter((y) => y.source === 'CHIP' || y.source === 'CHIP-2')) expect(x).toMatchObject({ value: '', provenance: 'citizen' });
    expect(field(f, 'kinhGui').value).toBe('UBND phường Ba Đình');
  });
  it('a 2024+ card without readable DG13 fields still fills what it has and flags the identity document', () => {
    const h: Holder = { ...identity('young-man'), ethnicity: null, placeOfResidence: null, dateOfIssue: null, nationality: null };
    const f = prefill('XAC_NHAN_TTHN', [h], OFFICE, { at: AT });
    expect(field(f, 'ndDanToc').value).toBe('');
    expect(field(f, 'ndNoiCuTru').value).toBe('');
    expect(field(f, 'ndQuocTich')).toMatchObject({ value: 'Việt Nam', provenance: 'derived' });
    expect(field(f, 'ndGiayToTuyThan').attention).toMatch(/ngày cấp/);
  });
});
