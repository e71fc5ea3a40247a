/**
 * "Tờ khai đăng ký khai tử" — Thông tư 04/2020/TT-BTP (forms.md §1.3 D, [S7]). The deceased's rows come from a
 * second card when one is brought (CHIP-2), else typed. Minimisation (forms.md §3.6): nothing beyond these rows is
 * taken from the deceased's card; the cause of death is health data and is typed, never derived.
 */
import type { FormDefinition } from '../types';
import { ADDRESS_300, NAME_100, REQUIRED, copyRequest, input, personFields, placeDate, recipient, requesterFields } from './common';

const G_REQ = 'Người yêu cầu';
const G_DEAD = 'Người đã chết';
const G_END = 'Cam đoan và đề nghị';

export const KHAI_TU_2020: FormDefinition = {
  id: 'KHAI_TU',
  title: 'TỜ KHAI ĐĂNG KÝ KHAI TỬ',
  titleEn: 'Death registration declaration',
  version: 'TT04/2020',
  effectiveFrom: '2020-07-16',
  effectiveTo: null,
  // In force: no replacement of this form by TT 04/2024/TT-BTP was confirmed (forms.md "Status check, December 2026"
  // lists 04/2020 and 04/2024 side by side), so the TT 04/2020 form is followed [U: confirm on the Công báo copy].
  legalBasis: 'Thông tư 04/2020/TT-BTP',
  code: null,
  // Cam đoan (forms.md "Status check") [U: wording as in the public templates].
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
