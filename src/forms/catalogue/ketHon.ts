/**
 * "Tờ khai đăng ký kết hôn" — Thông tư 04/2020/TT-BTP (forms.md §1.3 C, [S8][S9]): two columns, Bên nữ / Bên nam.
 * Cards go to columns by the sex on each card, never by read order (prefill.ts). Portal names follow the
 * national portal's interactive form ([S9]: HoTenBenNu, SoDinhDanh_BenNu, NoiCuTru_BenNu_TrongNuoc …).
 */
import type { FieldSource, FormDefinition, FormField, PersonRole } from '../types';
import { ID_NUMBER, MARITAL_STATUS_OPTIONS, bindPerson, copyRequest, field, input, placeDate, recipient } from './common';

function party(role: Extract<PersonRole, 'bride' | 'groom'>, group: string, p: 'nu' | 'nam', portal: 'BenNu' | 'BenNam', source: FieldSource): FormField[] {
  const en = role === 'bride' ? 'Bride' : 'Groom';
  return [
    field(`${p}HoTen`, group, 'Họ, chữ đệm, tên', `${en}: full name`, 'text', source, {
      bind: bindPerson(role, 'fullName'), personName: true, validation: { required: true, maxLength: 100 }, portalName: `HoTen${portal}`,
    }),
    field(`${p}NgaySinh`, group, 'Ngày, tháng, năm sinh', `${en}: date of birth`, 'date', source, {
      bind: bindPerson(role, 'dateOfBirth'), validation: { required: true }, portalName: `NgaySinh${portal}`,
    }),
    field(`${p}DanToc`, group, 'Dân tộc', `${en}: ethnicity`, 'text', source, {
      bind: bindPerson(role, 'ethnicity'), validation: { required: true }, portalName: `DanToc${portal}`,
    }),
    field(`${p}QuocTich`, group, 'Quốc tịch', `${en}: nationality`, 'text', source, {
      bind: bindPerson(role, 'nationality'), validation: { required: true }, portalName: `QuocTich${portal}`,
    }),
    field(`${p}NoiCuTru`, group, 'Nơi cư trú', `${en}: residence`, 'text', source, {
      bind: bindPerson(role, 'residence'), validation: { required: true, maxLength: 300 }, portalName: `NoiCuTru_${portal}_TrongNuoc`,
    }),
    field(`${p}GiayToTuyThan`, group, 'Giấy tờ tùy thân', `${en}: identity document`, 'text', 'DERIVED', {
      bind: bindPerson(role, 'identityDocument'), validation: { required: true }, portalName: `GiayToTuyThan_${portal}`,
    }),
    field(`${p}SoDinhDanh`, group, 'Số định danh cá nhân', `${en}: personal identification number`, 'idNumber', source, {
      bind: bindPerson(role, 'idNumber'), validation: { required: true, ...ID_NUMBER }, portalName: `SoDinhDanh_${portal}`, portalOnly: true,
    }),
    input(`${p}LanKetHon`, group, 'Kết hôn lần thứ mấy', `${en}: which marriage`, 'number', {
      validation: { required: true, pattern: '[1-9]', patternMessage: 'Ghi số lần kết hôn (1, 2, …).' }, portalName: `SoLanKetHon_${portal}`,
      help: 'Không tự điền "1": người kết hôn xác nhận.',
    }),
    input(`${p}TinhTrangHonNhan`, group, 'Tình trạng hôn nhân', `${en}: marital status`, 'select', {
      options: MARITAL_STATUS_OPTIONS, portalName: `LoaiTinhTrangHonNhan_${portal}`, portalOnly: true,
    }),
  ];
}

export const KET_HON_2020: FormDefinition = {
  id: 'KET_HON',
  title: 'TỜ KHAI ĐĂNG KÝ KẾT HÔN',
  titleEn: 'Marriage registration declaration',
  version: 'TT04/2020',
  effectiveFrom: '2020-07-16',
  effectiveTo: null,
  legalBasis: 'Thông tư 04/2020/TT-BTP',
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 2,
  fields: [
    recipient('Kính gửi', 'Kính gửi'),
    ...party('bride', 'Bên nữ', 'nu', 'BenNu', 'CHIP'),
    ...party('groom', 'Bên nam', 'nam', 'BenNam', 'CHIP-2'),
    ...copyRequest('Cam đoan và đề nghị'),
    placeDate('Cam đoan và đề nghị'),
  ],
  signatures: [
    { title: 'Bên nữ', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' },
    { title: 'Bên nam', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' },
  ],
};
