/**
 * "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" — rows of the Thông tư 04/2020/TT-BTP form (forms.md §1.3 E,
 * [S10]), in force as the Phụ lục 5 form of Thông tư 04/2024/TT-BTP (see legalBasis).
 * The rows mirror the certificate; the exact declaration wording is [U] in forms.md. The person concerned is the
 * second card when one is read, otherwise the requester's own card (the usual "Bản thân" case).
 */
import type { FormDefinition } from '../types';
import { ADDRESS_300, MARITAL_STATUS_OPTIONS, NAME_100, REQUIRED, copyRequest, input, personFields, placeDate, recipient, requesterFields } from './common';

const G_REQ = 'Người yêu cầu';
const G_SUBJECT = 'Người được cấp Giấy xác nhận tình trạng hôn nhân';
const G_END = 'Cam đoan và đề nghị';

export const XAC_NHAN_TTHN_2024: FormDefinition = {
  id: 'XAC_NHAN_TTHN',
  title: 'TỜ KHAI CẤP GIẤY XÁC NHẬN TÌNH TRẠNG HÔN NHÂN',
  titleEn: 'Declaration for a certificate of marital status',
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

/** The TT 04/2020/TT-BTP form, kept for dossiers received before 06/6/2024 (TT 04/2024, Điều 3 khoản 1). */
export const XAC_NHAN_TTHN_2020: FormDefinition = {
  ...XAC_NHAN_TTHN_2024, version: 'TT04/2020', effectiveFrom: '2020-07-16', effectiveTo: '2024-06-05', legalBasis: 'Thông tư 04/2020/TT-BTP',
};
