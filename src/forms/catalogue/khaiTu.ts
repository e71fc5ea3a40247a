/**
 * "Tờ khai đăng ký khai tử" — rows of the Thông tư 04/2020/TT-BTP form (forms.md §1.3 D, [S7]), in force as the
 * Phụ lục 5 form of Thông tư 04/2024/TT-BTP (see legalBasis). The deceased's rows come from a
 * second card when one is brought (CHIP-2), else typed. Minimisation (forms.md §3.6): nothing beyond these rows is
 * taken from the deceased's card; the cause of death is health data and is typed, never derived.
 */
import type { FormDefinition } from '../types';
import { ADDRESS_300, NAME_100, REQUIRED, copyRequest, input, personFields, placeDate, recipient, requesterFields } from './common';

const G_REQ = 'Người yêu cầu';
const G_DEAD = 'Người đã chết';
const G_END = 'Cam đoan và đề nghị';

export const KHAI_TU_2024: FormDefinition = {
  id: 'KHAI_TU',
  title: 'TỜ KHAI ĐĂNG KÝ KHAI TỬ',
  titleEn: 'Death registration declaration',
  version: 'TT04/2024',
  effectiveFrom: '2024-06-06',
  effectiveTo: null,
  // In force: Thông tư 04/2024/TT-BTP, Điều 2 khoản 2 replaces the whole "Danh mục Tờ khai đăng ký hộ tịch" (Phụ
  // lục 5) from 06/6/2024 (Điều 4 khoản 1). Under TT 04/2020, Điều 27 khoản 1 điểm đ and Điều 28 khoản 3, every tờ
  // khai đăng ký hộ tịch is issued by that Danh mục, this one included (thuvienphapluat.vn copies of both
  // circulars). [U: the 2024 annex file itself was not retrieved: the rows below are those of the TT 04/2020 form;
  // the notes quoted from the 2024 annex for other Phụ lục 5 forms put Nơi cư trú only where no số định danh is
  // given, which may apply here too.]
  legalBasis: 'Thông tư 04/2024/TT-BTP',
  code: null,
  // Cam đoan (forms.md "Status check") [U: wording as in the public templates of the 2020 form].
  oath: 'Tôi cam đoan những nội dung khai trên đây là đúng sự thật và chịu trách nhiệm trước pháp luật về cam đoan của mình.',
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 2,
  roles: { byOrder: ['requester', 'deceased'] },
  fields: [
    recipient('Kính gửi', G_REQ),
    ...requesterFields(G_REQ, { residence: '', idDoc: '' }),
    input('quanHeVoiNguoiChet', G_REQ, 'Quan hệ với người đã chết', 'Relationship to the deceased', 'text', {
      validation: { required: true }, portalName: 'QuanHeNguoiYeuCau',
    }),
    ...personFields('deceased', { group: G_DEAD, source: 'CHIP-2', prefix: 'nt', en: 'Deceased', portal: (x) => `${x}NguoiChet` }, [
      ['fullName', { validation: NAME_100 }],
      ['dateOfBirth', { validation: REQUIRED }],
      ['sex', { validation: REQUIRED }],
      'ethnicity',
      'nationality',
      ['residence', { key: 'ntNoiCuTruCuoiCung', label: 'Nơi cư trú cuối cùng', validation: ADDRESS_300, portalName: 'NoiCuTruCuoiCung' }],
      'identityDocument',
    ]),
    input('ntThoiDiemChet', G_DEAD, 'Đã chết vào lúc … giờ … phút, ngày … tháng … năm …', 'Time and date of death', 'text', {
      validation: { required: true }, portalName: 'ThoiDiemChet',
    }),
    input('ntNoiChet', G_DEAD, 'Nơi chết', 'Place of death', 'text', { validation: { required: true }, portalName: 'NoiChet' }),
    input('ntNguyenNhanChet', G_DEAD, 'Nguyên nhân chết', 'Cause of death', 'text', { portalName: 'NguyenNhanChet' }),
    input('ntGiayBaoTu', G_DEAD, 'Số Giấy báo tử / Giấy tờ thay thế Giấy báo tử … do … cấp ngày …', 'Death notice number, issuer, date', 'text', {
      validation: { required: true }, portalName: 'GiayBaoTu',
    }),
    ...copyRequest(G_END),
    placeDate(G_END),
  ],
  signatures: [{ title: 'Người yêu cầu', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' }],
};

/** The TT 04/2020/TT-BTP form, kept for dossiers received before 06/6/2024 (TT 04/2024, Điều 3 khoản 1). */
export const KHAI_TU_2020: FormDefinition = {
  ...KHAI_TU_2024, version: 'TT04/2020', effectiveFrom: '2020-07-16', effectiveTo: '2024-06-05', legalBasis: 'Thông tư 04/2020/TT-BTP',
};
