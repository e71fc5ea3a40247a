/**
 * CT01 "Tờ khai thay đổi thông tin cư trú" — Thông tư 66/2023/TT-BCA (forms.md §1.3 A, [S1][S3][S5]).
 * Filed with the commune Police, not the UBND (forms.md §1.1). The 66/2023 version removed the old
 * "Nơi thường trú / Nơi tạm trú / Nơi ở hiện tại / Nghề nghiệp, nơi làm việc" rows, so there is no address here.
 */
import type { FormDefinition } from '../types';
import { EMAIL, ID_NUMBER, PHONE, SEX_OPTIONS, bindPerson, field, input, placeDate, recipient } from './common';

const G_PERSON = 'Thông tin người kê khai';
const G_HEAD = 'Thông tin chủ hộ';
const G_REQUEST = 'Nội dung đề nghị';
const G_SIGN = 'Ký tên';

export const RELATION_TO_HEAD = ['Chủ hộ', 'Vợ', 'Chồng', 'Con', 'Cha', 'Mẹ', 'Ông', 'Bà', 'Cháu', 'Anh', 'Chị', 'Em', 'Khác'].map(
  (v) => ({ value: v, label: v }),
);

const personRows = [
  recipient('Kính gửi(1)', G_PERSON, true),
  field('hoTen', G_PERSON, '1. Họ, chữ đệm và tên', '1. Full name', 'text', 'CHIP', {
    bind: bindPerson('requester', 'fullName'), personName: true, validation: { required: true, maxLength: 100 }, portalName: 'HoTen',
    help: 'Ghi bằng chữ in hoa hoặc thường, đủ dấu, theo giấy khai sinh.',
  }),
  field('ngaySinh', G_PERSON, '2. Ngày, tháng, năm sinh', '2. Date of birth', 'date', 'CHIP', {
    bind: bindPerson('requester', 'dateOfBirth'), validation: { required: true }, portalName: 'NgaySinh',
  }),
  field('gioiTinh', G_PERSON, '3. Giới tính', '3. Sex', 'select', 'CHIP', {
    bind: bindPerson('requester', 'sex'), options: SEX_OPTIONS, validation: { required: true }, portalName: 'GioiTinh',
  }),
  field('soDinhDanh', G_PERSON, '4. Số định danh cá nhân', '4. Personal identification number', 'idNumber', 'CHIP', {
    bind: bindPerson('requester', 'idNumber'), validation: { required: true, ...ID_NUMBER }, portalName: 'SoDinhDanh',
  }),
  input('soDienThoai', G_PERSON, '5. Số điện thoại liên hệ', '5. Contact phone number', 'phone', { validation: PHONE, portalName: 'SoDienThoai' }),
  input('email', G_PERSON, '6. Email', '6. Email', 'email', { validation: EMAIL, portalName: 'Email' }),
];

const headRows = [
  field('hoTenChuHo', G_HEAD, '7. Họ, chữ đệm và tên chủ hộ', '7. Head of household full name', 'text', 'CHIP-2', {
    bind: bindPerson('householdHead', 'fullName'), personName: true, portalName: 'HoTenChuHo',
    help: 'Đọc thẻ của chủ hộ hoặc nhập.',
  }),
  input('quanHeChuHo', G_HEAD, '8. Mối quan hệ với chủ hộ', '8. Relationship to the head of household', 'select', {
    options: RELATION_TO_HEAD, portalName: 'QuanHeChuHo',
  }),
  field('soDinhDanhChuHo', G_HEAD, '9. Số định danh cá nhân của chủ hộ', "9. Head of household's personal identification number", 'idNumber', 'CHIP-2', {
    bind: bindPerson('householdHead', 'idNumber'), validation: ID_NUMBER, portalName: 'SoDinhDanhChuHo',
  }),
];

const requestRows = [
  input('noiDungDeNghi', G_REQUEST, '10. Nội dung đề nghị(2)', '10. Request', 'textarea', {
    validation: { required: true, maxLength: 1000 }, portalName: 'NoiDungDeNghi',
    help: 'Ví dụ: "Đăng ký thường trú tại …", "Xác nhận thông tin cư trú".',
  }),
  input('thanhVienCungThayDoi', G_REQUEST, '11. Những thành viên trong hộ gia đình cùng thay đổi', '11. Household members changing too', 'textarea', {
    portalName: 'ThanhVienCungThayDoi',
    help: 'Mỗi dòng: TT; Họ, chữ đệm và tên; Ngày, tháng, năm sinh; Giới tính; Số định danh cá nhân; Mối quan hệ với chủ hộ.',
  }),
];

const signatures = [
  { title: 'Ý KIẾN CỦA CHỦ HỘ(4)', caption: '(Ký, ghi rõ họ tên)' },
  { title: 'Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP(5)', caption: '(Ký, ghi rõ họ tên)' },
  { title: 'Ý KIẾN CỦA CHA, MẸ HOẶC NGƯỜI GIÁM HỘ(6)', caption: '(Ký, ghi rõ họ tên)' },
  { title: 'NGƯỜI KÊ KHAI(7)', caption: '(Ký, ghi rõ họ tên)' },
];

export const CT01_2023: FormDefinition = {
  id: 'CT01',
  title: 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
  titleEn: 'Residence information change declaration',
  version: 'TT66/2023',
  // TT 66/2023/TT-BCA in force 1 January 2024 [U: verify against the Công báo].
  effectiveFrom: '2024-01-01',
  effectiveTo: null,
  legalBasis: 'Thông tư 66/2023/TT-BCA',
  competentBody: 'Công an cấp xã',
  cards: 1,
  // A second card is the head of household's.
  roles: { byOrder: ['requester', 'householdHead'] },
  fields: [...personRows, ...headRows, ...requestRows, placeDate(G_SIGN)],
  signatures,
};

/**
 * The superseded CT01 of TT 56/2021/TT-BCA, kept so a dossier dated before 2024 resolves to the form it was made
 * on. Its extra rows are listed in forms.md §1.3 A ("do not reuse old templates"); the row order is [U].
 */
export const CT01_2021: FormDefinition = {
  ...CT01_2023,
  version: 'TT56/2021',
  effectiveFrom: '2021-07-01',
  effectiveTo: '2023-12-31',
  legalBasis: 'Thông tư 56/2021/TT-BCA',
  fields: [
    ...personRows,
    input('noiThuongTru', G_PERSON, 'Nơi thường trú', 'Permanent residence', 'text', { portalName: 'NoiThuongTru' }),
    input('noiTamTru', G_PERSON, 'Nơi tạm trú', 'Temporary residence', 'text', { portalName: 'NoiTamTru' }),
    input('noiOHienTai', G_PERSON, 'Nơi ở hiện tại', 'Current place of living', 'text', { portalName: 'NoiOHienTai' }),
    input('ngheNghiep', G_PERSON, 'Nghề nghiệp, nơi làm việc', 'Occupation, workplace', 'text', { portalName: 'NgheNghiep' }),
    ...headRows,
    ...requestRows,
    placeDate(G_SIGN),
  ],
};
