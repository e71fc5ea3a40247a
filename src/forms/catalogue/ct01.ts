/**
 * CT01 "Tờ khai thay đổi thông tin cư trú".
 * - In force: the CT01 reissued by Thông tư 53/2025/TT-BCA (in force 1/7/2025), which amends TT 56/2021/TT-BCA
 *   (the residence forms circular, Điều 3 khoản 1: CT01 serves every residence procedure) as amended by
 *   TT 66/2023/TT-BCA. Item 1 reads "Họ, chữ đệm và tên khai sinh" (forms.md "Status check, December 2026"; the
 *   public template bocongan.gov.vn …mau-ct01-ban-hanh-kem-theo-thong-tu-53.doc). The other rows, the item 11
 *   table and the four dated signature blocks are as in the 66/2023 form (forms.md §1.3 A [S1][S5]) [U: check
 *   each row against the Công báo copy of TT 53/2025].
 * - The official form has no section headings: rows are numbered 1–11 under "Kính gửi".
 * - Filed with the commune Police, not the UBND (Luật Cư trú 2020 Điều 2 khoản 4; forms.md §1.1). Since 66/2023
 *   there is no address row.
 */
import type { FormDefinition } from '../types';
import { EMAIL, ID_NUMBER, NAME_100, PHONE, REQUIRED, bindPerson, field, input, personFields, placeDate, recipient } from './common';

const G_PERSON = 'Thông tin người kê khai';
const G_HEAD = 'Thông tin chủ hộ';
const G_REQUEST = 'Nội dung đề nghị';
const G_SIGN = 'Ký tên';

export const RELATION_TO_HEAD = ['Chủ hộ', 'Vợ', 'Chồng', 'Con', 'Cha', 'Mẹ', 'Ông', 'Bà', 'Cháu', 'Anh', 'Chị', 'Em', 'Khác'].map(
  (v) => ({ value: v, label: v }),
);

/** Items 1–6; item 1's label changed in TT 53/2025 ("… và tên khai sinh"). */
function personRows(item1: string) {
  return [
    recipient('Kính gửi(1)', G_PERSON, true),
    ...personFields('requester', { group: G_PERSON, source: 'CHIP', prefix: '', en: 'Declarant', portal: (x) => x }, [
      ['fullName', { label: item1, validation: NAME_100, help: 'Ghi bằng chữ in hoa hoặc thường, đủ dấu, theo giấy khai sinh.' }],
      ['dateOfBirth', { label: '2. Ngày, tháng, năm sinh', validation: REQUIRED }],
      ['sex', { label: '3. Giới tính', validation: REQUIRED }],
      ['idNumber', { label: '4. Số định danh cá nhân', validation: { required: true, ...ID_NUMBER } }],
    ]),
    input('soDienThoai', G_PERSON, '5. Số điện thoại liên hệ', '5. Contact phone number', 'phone', { validation: PHONE, portalName: 'SoDienThoai' }),
    input('email', G_PERSON, '6. Email', '6. Email', 'email', { validation: EMAIL, portalName: 'Email' }),
  ];
}

/** Item 11's table columns (forms.md §1.3 A [S5]). */
export const MEMBER_COLUMNS = ['TT', 'Họ, chữ đệm và tên', 'Ngày, tháng, năm sinh', 'Giới tính', 'Số định danh cá nhân', 'Mối quan hệ với chủ hộ'];

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
    portalName: 'ThanhVienCungThayDoi', table: MEMBER_COLUMNS,
    help: 'Mỗi dòng một người: Họ, chữ đệm và tên; Ngày, tháng, năm sinh; Giới tính; Số định danh cá nhân; Mối quan hệ với chủ hộ (số TT tự đánh).',
  }),
];

// Each block carries its own "…, ngày … tháng … năm …": the four people sign on different days (forms.md §1.3 A [S5]).
const signatures = [
  { title: 'Ý KIẾN CỦA CHỦ HỘ(4)', caption: '(Ký, ghi rõ họ tên)', dated: true },
  { title: 'Ý KIẾN CỦA CHỦ SỞ HỮU CHỖ Ở HỢP PHÁP(5)', caption: '(Ký, ghi rõ họ tên)', dated: true },
  { title: 'Ý KIẾN CỦA CHA, MẸ HOẶC NGƯỜI GIÁM HỘ(6)', caption: '(Ký, ghi rõ họ tên)', dated: true },
  { title: 'NGƯỜI KÊ KHAI(7)', caption: '(Ký, ghi rõ họ tên)', dated: true },
];

/** The CT01 in force since 1/7/2025 (Thông tư 53/2025/TT-BCA). */
export const CT01_2025: FormDefinition = {
  id: 'CT01',
  code: 'CT01',
  title: 'TỜ KHAI THAY ĐỔI THÔNG TIN CƯ TRÚ',
  titleEn: 'Residence information change declaration',
  version: 'TT53/2025',
  effectiveFrom: '2025-07-01',
  effectiveTo: null,
  legalBasis: 'Thông tư 53/2025/TT-BCA',
  competentBody: 'Công an cấp xã',
  cards: 1,
  // A second card is the head of household's.
  roles: { byOrder: ['requester', 'householdHead'] },
  headings: false,
  fields: [...personRows('1. Họ, chữ đệm và tên khai sinh'), ...headRows, ...requestRows, placeDate(G_SIGN)],
  signatures,
};

/** The CT01 of Thông tư 66/2023/TT-BCA (1/1/2024 – 30/6/2025), kept so older dossiers reopen on the form they were made on. */
export const CT01_2023: FormDefinition = {
  ...CT01_2025,
  version: 'TT66/2023',
  effectiveFrom: '2024-01-01',
  effectiveTo: '2025-06-30',
  legalBasis: 'Thông tư 66/2023/TT-BCA',
  fields: [...personRows('1. Họ, chữ đệm và tên'), ...headRows, ...requestRows, placeDate(G_SIGN)],
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
    ...personRows('1. Họ, chữ đệm và tên'),
    input('noiThuongTru', G_PERSON, 'Nơi thường trú', 'Permanent residence', 'text', { portalName: 'NoiThuongTru' }),
    input('noiTamTru', G_PERSON, 'Nơi tạm trú', 'Temporary residence', 'text', { portalName: 'NoiTamTru' }),
    input('noiOHienTai', G_PERSON, 'Nơi ở hiện tại', 'Current place of living', 'text', { portalName: 'NoiOHienTai' }),
    input('ngheNghiep', G_PERSON, 'Nghề nghiệp, nơi làm việc', 'Occupation, workplace', 'text', { portalName: 'NgheNghiep' }),
    ...headRows,
    ...requestRows,
    placeDate(G_SIGN),
  ],
};
