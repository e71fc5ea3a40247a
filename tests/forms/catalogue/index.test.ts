import { describe, expect, it } from 'vitest';
import { FORM_IDS, allFormVersions, getForm, getFormVersion, listForms } from '../../../src/forms/catalogue';

describe('form catalogue', () => {
  it('lists the six forms in force', () => {
    expect(listForms(new Date('2026-11-26')).map((f) => f.id)).toEqual([...FORM_IDS]);
  });
  it('selects the version in force at a date (CT01: TT 56/2021 → TT 66/2023 → TT 53/2025; hộ tịch: TT 04/2020 → TT 04/2024)', () => {
    expect(getForm('CT01', new Date('2023-12-31T10:00:00Z'))?.legalBasis).toBe('Thông tư 56/2021/TT-BCA');
    expect(getForm('CT01', new Date('2024-01-01T10:00:00Z'))?.legalBasis).toBe('Thông tư 66/2023/TT-BCA');
    expect(getForm('CT01', new Date('2025-06-30T10:00:00Z'))?.legalBasis).toBe('Thông tư 66/2023/TT-BCA');
    expect(getForm('CT01', new Date('2025-07-01T10:00:00Z'))?.legalBasis).toBe('Thông tư 53/2025/TT-BCA');
    // TT 04/2024/TT-BTP, Điều 4 khoản 1: in force from 06/6/2024 (a Hà Nội calendar day); Điều 2 khoản 2 replaces the
    // whole Phụ lục 5 of tờ khai, so khai tử and xác nhận TTHN change version on the same day.
    for (const id of ['KHAI_SINH', 'KET_HON', 'KHAI_TU', 'XAC_NHAN_TTHN'] as const) {
      expect(getForm(id, new Date('2024-06-05T16:59:00Z'))?.legalBasis, id).toBe('Thông tư 04/2020/TT-BTP');
      expect(getForm(id, new Date('2024-06-05T17:00:00Z'))?.legalBasis, id).toBe('Thông tư 04/2024/TT-BTP');
      expect(getForm(id, new Date('2026-11-26'))?.version, id).toBe('TT04/2024');
      expect(getFormVersion(id, 'TT04/2020')?.effectiveTo, id).toBe('2024-06-05');
    }
    // TT 01/2020/TT-BTP in force from 20/4/2020 (Bộ pháp điển, Điều 15.1.TT.2.3).
    expect(getForm('CHUNG_THUC_CHU_KY', new Date('2020-04-20T03:00:00Z'))?.legalBasis).toBe('Thông tư 01/2020/TT-BTP');
    expect(getForm('CHUNG_THUC_CHU_KY', new Date('2020-04-19T03:00:00Z'))).toBeNull();
    expect(getForm('KHAI_SINH', new Date('2019-01-01'))).toBeNull();
    expect(getFormVersion('CT01', 'TT56/2021')?.fields.some((f) => f.label === 'Nơi thường trú')).toBe(true);
    expect(getForm('CT01', new Date('2026-01-01'))?.fields.some((f) => f.label === 'Nơi thường trú')).toBe(false);
  });
  it('has unique keys, a group, both labels and a valid source on every field', () => {
    for (const def of allFormVersions()) {
      const keys = def.fields.map((f) => f.key);
      expect(new Set(keys).size, def.id).toBe(keys.length);
      for (const f of def.fields) {
        expect(f.group && f.label && f.labelEn, `${def.id}.${f.key}`).toBeTruthy();
        expect(['CHIP', 'CHIP-2', 'DERIVED', 'INPUT', 'CONFIG']).toContain(f.source);
        if (f.bind && 'inWordsOf' in f.bind) expect(keys).toContain(f.bind.inWordsOf);
        if (f.validation?.pattern) expect(() => new RegExp(f.validation?.pattern ?? '')).not.toThrow();
      }
    }
  });
  it('keeps the official labels verbatim', () => {
    const ct01 = getForm('CT01');
    expect(ct01?.title).toBe('TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ');
    expect(ct01?.fields.map((f) => f.label)).toEqual(expect.arrayContaining([
      'Kính gửi(1)', '1. Họ, chữ đệm và tên khai sinh', '4. Số định danh cá nhân', '7. Họ, chữ đệm và tên chủ hộ', '10. Nội dung đề nghị(2)',
    ]));
    expect(ct01?.signatures?.map((s) => s.title)).toContain('NGƯỜI KÊ KHAI(7)');
    const ks = getForm('KHAI_SINH');
    expect(ct01?.code).toBe('CT01');
    expect(ct01?.headings).toBe(false);
    expect(ct01?.signatures?.every((s) => s.dated)).toBe(true);
    expect(ct01?.fields.find((f) => f.key === 'thanhVienCungThayDoi')?.table).toEqual([
      'TT', 'Họ, chữ đệm và tên', 'Ngày, tháng, năm sinh', 'Giới tính', 'Số định danh cá nhân', 'Mối quan hệ với chủ hộ',
    ]);
    expect(ks?.fields.map((f) => f.label)).toEqual(expect.arrayContaining([
      'Kính gửi (1)', 'Nơi cư trú (2)', 'Giấy tờ tùy thân (3)', 'Nơi sinh (4)', 'Ngày, tháng, năm sinh (5)', 'ghi bằng chữ',
    ]));
    expect(ks?.groupIntro?.['Người được khai sinh']).toBe('Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:');
    expect(getFormVersion('KHAI_SINH', 'TT04/2020')?.fields.map((f) => f.label)).toContain('Năm sinh (5)');
    const kh = getForm('KET_HON');
    expect(kh?.cards).toBe(2);
    expect(new Set(kh?.fields.map((f) => f.group))).toEqual(new Set(['Kính gửi', 'Bên nữ', 'Bên nam', 'Cam đoan và đề nghị']));
    expect(kh?.fields.find((f) => f.key === 'nuLanKetHon')?.label).toBe('Kết hôn lần thứ mấy');
    // The 2024 annex notes: (3) Kính gửi, (4) Nơi cư trú only without số định danh, (5) ID paper, (6) copies.
    const byKey = (k: string) => kh?.fields.find((f) => f.key === k);
    expect([byKey('kinhGui')?.label, byKey('nuNoiCuTru')?.label, byKey('namGiayToTuyThan')?.label, byKey('capBanSao')?.label])
      .toEqual(['Kính gửi (3)', 'Nơi cư trú (4)', 'Giấy tờ tùy thân (5)', 'Đề nghị cấp bản sao (6)']);
    expect(byKey('nuNoiCuTru')?.onlyWithoutIdNumber).toBe(true);
    expect(byKey('namNoiCuTru')?.validation?.required).toBeFalsy();
    const kh2020 = getFormVersion('KET_HON', 'TT04/2020');
    expect(kh2020?.fields.find((f) => f.key === 'nuNoiCuTru')).toMatchObject({ label: 'Nơi cư trú', validation: { required: true } });
    expect(kh2020?.fields.find((f) => f.key === 'kinhGui')?.label).toBe('Kính gửi');
    expect(ks?.fields.find((f) => f.key === 'capBanSao')?.label).toBe('Đề nghị cấp bản sao (6)');
  });
  it('gives every declaration its cam đoan, and the signature certification the officer’s lời chứng instead', () => {
    for (const def of listForms(new Date('2026-11-26'))) {
      if (def.id === 'CT01') continue; // the CT01 paper carries no sworn statement
      if (def.id === 'CHUNG_THUC_CHU_KY') {
        expect(def.kind).toBe('statement');
        expect(def.statement).toMatch(/CHỨNG THỰC\nÔng\/bà \{nycHoTen\}/);
        continue;
      }
      expect(def.oath, def.id).toMatch(def.id === 'KET_HON' ? /^Chúng tôi cam đoan/ : /^Tôi cam đoan/);
    }
  });
  it('never binds a field to the holder’s parents or spouse', () => {
    for (const def of allFormVersions()) {
      for (const f of def.fields) {
        if (f.bind && 'attr' in f.bind) expect(['fatherName', 'motherName', 'spouseName']).not.toContain(f.bind.attr);
      }
    }
  });
});
