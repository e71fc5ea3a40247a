/**
 * "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" — Thông tư 04/2020/TT-BTP (forms.md §1.3 E, [S10]).
 * The rows mirror the certificate; the exact declaration wording is [U] in forms.md. The person concerned is the
 * second card when one is read, otherwise the requester's own card (the usual "Bản thân" case).
 */
import type { FormDefinition } from '../types';
import { ADDRESS_300, MARITAL_STATUS_OPTIONS, NAME_100, REQUIRED, copyRequest, input, personFields, placeDate, recipient, requesterFields } from './common';

const G_REQ = 'Người yêu cầu';
const G_SUBJECT = 'Người được cấp Giấy xác nhận tình trạng hôn nhân';
const G_END = 'Cam đoan và đề nghị';

export const XAC_NHAN_TTHN_2020: FormDefinition = {
  id: 'XAC_NHAN_TTHN',
  title: 'TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
  titleEn: 'Declaration for a certificate of marital status',
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
  cards: 1,
  // The person concerned is the second card when one is read, else the requester ("Bản thân").
  roles: { byOrder: ['requester', 'subject'], sameAs: { subject: 'requester' } },
  fields: [
    recipient('Kính gửi', G_REQ),
    ...requesterFields(G_REQ, { residence: '', idDoc: '' }),
    input('quanHe', G_REQ, 'Quan hệ với người được cấp Giấy xác nhận', 'Relationship to the person concerned', 'text', {
      validation: { required: true }, portalName: 'QuanHeNguoiYeuCau', help: 'Thường là "Bản thân".',
    }),
    ...personFields('subject', { group: G_SUBJECT, source: 'CHIP', prefix: 'nd', en: 'Person concerned', portal: (x) => x }, [
      ['fullName', { validation: NAME_100 }],
      ['dateOfBirth', { validation: REQUIRED }],
      ['sex', { validation: REQUIRED }],
      'ethnicity',
      'nationality',
      ['residence', { validation: ADDRESS_300 }],
      ['identityDocument', { validation: REQUIRED }],
    ]),
    input('ndThoiGianCuTru', G_SUBJECT, 'Trong thời gian cư trú tại … từ ngày … đến ngày …', 'Past residence period', 'textarea', {
      portalName: 'ThoiGianCuTru', help: 'Chỉ ghi khi đề nghị xác nhận cho thời gian cư trú trước đây.',
    }),
    input('ndTinhTrangHonNhan', G_SUBJECT, 'Tình trạng hôn nhân', 'Marital status', 'select', {
      options: MARITAL_STATUS_OPTIONS, validation: { required: true }, portalName: 'LoaiTinhTrangHonNhan',
    }),
    input('mucDichSuDung', G_SUBJECT, 'Mục đích sử dụng Giấy xác nhận tình trạng hôn nhân', 'Purpose of the certificate', 'textarea', {
      validation: { required: true, maxLength: 500 }, portalName: 'MucDichSuDung',
      help: 'Giấy xác nhận có giá trị 6 tháng và chỉ dùng cho mục đích đã ghi.',
    }),
    ...copyRequest(G_END),
    placeDate(G_END),
  ],
  signatures: [{ title: 'Người yêu cầu', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' }],
};
