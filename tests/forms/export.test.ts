import { describe, expect, it } from 'vitest';
import { exportBundle, exportDossier, exportJson, portalTimestamp, toPortalAddress } from '../../src/forms/export';
import { PORTAL_STATUSES } from '../../src/forms/portalCodes';
import { applyEdit, prefill } from '../../src/forms/prefill';
import { AT, OFFICE, identity } from './fixtures';

const marriage = () => {
  const f = prefill('KET_HON', [identity('young-man'), identity('hmong-woman-current-address')], OFFICE, { at: AT });
  return { id: 'HS-20261126-0001', formId: f.formId, formVersion: f.formVersion, status: 'completed', fields: f.fields, createdAt: '2026-11-26T03:04:05Z' };
};

describe('exportDossier', () => {
  it('uses the portal field names with uppercase names, address objects and ethnicity labels', () => {
    const e = exportDossier(marriage(), OFFICE);
    expect(e.MaHoSo).toBe('HS-20261126-0001');
    expect(e.MaTTHC).toBe('1.000894');
    expect(e.TenTTHC).toBe('Đăng ký kết hôn');
    expect(e.MaTinh).toBe('01');
    expect(e.MaXa).toBe('00004');
    expect(e.NgayTiepNhan).toBe('20261126100405');
    expect(e.DonViXuLy).toBe('UBND phường Ba Đình');
    // A marriage dossier belongs to both parties.
    expect(e.ChuHoSo).toBe('GIÀNG THỊ MỶ; PHẠM QUỐC BẢO');
    expect(e.DuLieuToKhai['HoTenBenNu']).toBe('GIÀNG THỊ MỶ');
    expect(e.DuLieuToKhai['HoTenBenNam']).toBe('PHẠM QUỐC BẢO');
    expect(e.DuLieuToKhai['SoDinhDanh_BenNam']).toBe('027206007890');
    // TT 04/2024 annex, note (4): Nơi cư trú only without a số định danh — both parties gave theirs.
    expect(e.DuLieuToKhai['NoiCuTru_BenNam_TrongNuoc'] ?? '').toBe('');
    expect(e.DuLieuToKhai['MaDanTocBenNu']).toBe('08');
    expect(e.DuLieuToKhai['MaDanTocBenNam']).toBe('01');
    expect(e.DuLieuToKhai['MaQuocTichBenNam']).toBe('VN');
    expect(e.DuLieuToKhai['DanTocBenNu']).toBe('Mông (Hmông)');
    expect(e.DuLieuToKhai['DanTocBenNam']).toBe('Kinh');
    expect(e.NguonDuLieu['HoTenBenNam']).toBe('chip');
    expect(e.NguonDuLieu['KinhGui']).toBe('config');
    expect(e.CanXacNhan).toEqual([]);
  });
  it('exports a converted residence as an address object with unit codes and keeps the chip text', () => {
    const f = prefill('XAC_NHAN_TTHN', [identity('young-man')], OFFICE, { at: AT });
    const e = exportDossier({ id: 'HS-20261126-0002', formId: f.formId, formVersion: f.formVersion, status: 'completed', fields: f.fields, createdAt: '2026-11-26T03:04:05Z' }, OFFICE);
    const addr = e.DuLieuToKhai['NoiCuTru_NguoiYeuCau'] as { maTinh: string; maXa: string };
    expect(addr).toMatchObject({ quocGia: 'Việt Nam', tinh: 'Tỉnh Bắc Ninh', xa: 'Xã Đại Đồng', diaChi: 'Thôn Đại Vi' });
    expect(addr.maTinh).toMatch(/^\d{2}$/);
    expect(addr.maXa).toMatch(/^\d{5}$/);
    expect(e.NguonDuLieu['NoiCuTru_NguoiYeuCau']).toBe('derived');
    expect(e.DuLieuGocTuChip['NoiCuTru_NguoiYeuCau']).toBe('Thôn Đại Vi, Đại Đồng, Tiên Du, Bắc Ninh');
  });
  it('lists open decisions and unknown ethnicities as "Khác" + text', () => {
    let f = prefill('XAC_NHAN_TTHN', [{ ...identity('long-address-split-commune'), ethnicity: 'Cill' }], OFFICE, { at: AT });
    const d = { id: 'X1', formId: f.formId, formVersion: f.formVersion, status: 'draft', fields: f.fields, createdAt: AT };
    const e = exportDossier(d, OFFICE);
    expect(e.CanXacNhan.map((x) => x.truong)).toEqual(expect.arrayContaining(['NoiCuTru_NguoiYeuCau', 'NoiCuTru', 'DanToc']));
    expect(e.DuLieuToKhai['DanToc']).toBe('Khác');
    expect(e.DuLieuToKhai['DanTocKhac']).toBe('Cill');
    f = applyEdit(f, 'ndDanToc', 'Mường', 'clerk');
    const e2 = exportDossier({ ...d, fields: f.fields }, OFFICE);
    expect(e2.DuLieuToKhai['DanToc']).toBe('Mường');
    expect(e2.NguonDuLieu['DanToc']).toBe('clerk');
  });
});

describe('exportBundle', () => {
  it('gives the DVCQG status code: 1 Mới đăng ký until handed over, 2 Được tiếp nhận after; none for an erased dossier', () => {
    const status = (s: string) => exportDossier({ ...marriage(), status: s }, OFFICE);
    for (const s of ['draft', 'completed', 'printed']) expect(status(s)).toMatchObject({ TrangThaiHoSo: '1', TrangThaiNoiBo: s });
    expect(status('handed_over')).toMatchObject({ TrangThaiHoSo: '2', TrangThaiNoiBo: 'handed_over' });
    expect(status('purged').TrangThaiHoSo).toBeNull();
    expect(PORTAL_STATUSES['1']).toBe('Mới đăng ký');
    expect(PORTAL_STATUSES['2']).toBe('Được tiếp nhận');
    expect(Object.keys(PORTAL_STATUSES)).toHaveLength(10);
  });
  it('wraps dossiers with the export time and office', () => {
    const b = exportBundle([marriage(), marriage()], OFFICE, new Date('2026-11-26T09:00:00Z'));
    expect(b.exportedAt).toBe('2026-11-26T09:00:00.000Z');
    expect(b.office).toEqual(OFFICE);
    expect(b.dossiers).toHaveLength(2);
    const text = exportJson(b);
    expect(JSON.parse(text)).toEqual(b);
    expect(text).toContain('PHẠM QUỐC BẢO');
  });
});

describe('helpers', () => {
  it('formats portal timestamps in Hà Nội time', () => {
    expect(portalTimestamp('2026-12-31T17:30:00Z')).toBe('20270101003000');
    expect(() => portalTimestamp('nope')).toThrow();
  });
  it('splits a display address from the end; keeps free text whole', () => {
    expect(toPortalAddress('Số 5, ngõ 3, Phường Ba Đình, Thành phố Hà Nội')).toEqual({
      quocGia: 'Việt Nam', tinh: 'Thành phố Hà Nội', xa: 'Phường Ba Đình', diaChi: 'Số 5, ngõ 3', maTinh: '01', maXa: '00004',
    });
    expect(toPortalAddress('ghi tay không rõ')).toEqual({ quocGia: 'Việt Nam', tinh: '', xa: '', diaChi: 'ghi tay không rõ', maTinh: null, maXa: null });
    // An old (pre-2025) unit gets no code: codes are only given for units that exist now.
    expect(toPortalAddress('Số 5, Phường Quán Thánh, Thành phố Hà Nội')).toMatchObject({ maTinh: null, maXa: null });
  });
});
