/** The export a provincial system takes: every form's export validates against the one published schema. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORM_IDS } from '../../src/forms/catalogue';
import { exportDossier } from '../../src/forms/export';
import { exportedDossierSchema, exportJsonSchema } from '../../src/forms/exportSchema';
import { applyEdit, prefill } from '../../src/forms/prefill';
import { procedureOf } from '../../src/forms/portalCodes';
import { AT, OFFICE, identity } from './fixtures';

describe('export schema', () => {
  it('the published JSON Schema file is the schema the code checks', () => {
    const file = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'forms', 'data', 'export.schema.json'), 'utf8'));
    expect(file).toEqual(exportJsonSchema());
  });
  for (const id of FORM_IDS) {
    it(`${id}: the export validates`, () => {
      const cards = id === 'KET_HON' ? ['married-woman', 'young-man'] : ['long-address-split-commune'];
      let f = prefill(id, cards.map(identity), OFFICE, { at: AT });
      if (id === 'CT01') f = applyEdit(f, 'thanhVienCungThayDoi', 'Lê Minh An; 03/04/2020; Nam; 001220001234; Con', 'citizen');
      const e = exportDossier({ id: `HS-${id}`, formId: id, formVersion: f.formVersion, status: 'draft', fields: f.fields, createdAt: AT }, OFFICE);
      const r = exportedDossierSchema.safeParse(JSON.parse(JSON.stringify(e)));
      expect(r.success, r.success ? '' : JSON.stringify(r.error.issues)).toBe(true);
    });
  }
  it('a broken export is refused (a bad timestamp, an unknown provenance)', () => {
    const f = prefill('KHAI_TU', [identity('young-man')], OFFICE, { at: AT });
    const e = exportDossier({ id: 'HS-1', formId: 'KHAI_TU', formVersion: f.formVersion, status: 'draft', fields: f.fields, createdAt: AT }, OFFICE);
    expect(exportedDossierSchema.safeParse({ ...e, NgayTiepNhan: '26/11/2026' }).success).toBe(false);
    expect(exportedDossierSchema.safeParse({ ...e, NguonDuLieu: { HoTen: 'guess' } }).success).toBe(false);
  });
  it('CT01 item 11 exports as rows keyed by the official column headings; the procedure follows the request', () => {
    let f = prefill('CT01', [identity('young-man')], OFFICE, { at: AT });
    f = applyEdit(f, 'thanhVienCungThayDoi', 'Lê Minh An; 03/04/2020; Nam; 001220001234; Con', 'citizen');
    f = applyEdit(f, 'noiDungDeNghi', 'Đăng ký thường trú tại Số 5, Phường Ba Đình, Thành phố Hà Nội', 'citizen');
    const e = exportDossier({ id: 'HS-2', formId: 'CT01', formVersion: f.formVersion, status: 'draft', fields: f.fields, createdAt: AT }, OFFICE);
    expect(e.DuLieuToKhai['ThanhVienCungThayDoi']).toEqual([
      { TT: '1', 'Họ, chữ đệm và tên': 'Lê Minh An', 'Ngày, tháng, năm sinh': '03/04/2020', 'Giới tính': 'Nam', 'Số định danh cá nhân': '001220001234', 'Mối quan hệ với chủ hộ': 'Con' },
    ]);
    expect(e.MaTTHC).toBe('1.004222');
    expect(procedureOf('CT01', 'Đăng ký tạm trú tại …')?.code).toBe('1.004194');
    expect(procedureOf('CT01', 'Xác nhận thông tin cư trú')).toBeNull();
  });
});
