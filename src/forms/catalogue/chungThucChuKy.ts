/**
 * Chứng thực chữ ký — an entry of the Sổ chứng thực and its lời chứng, Thông tư 01/2020/TT-BTP (forms.md §1.3 F,
 * [S12]). There is no citizen declaration; the requester's name and ID come from the chip, the date in words is
 * derived, the number and the signing officer are the clerk's. Register column set is [U].
 */
import type { FormDefinition } from '../types';
import { bindPerson, field, input } from './common';

const G = 'Sổ chứng thực chữ ký';

export const CHUNG_THUC_CHU_KY_2020: FormDefinition = {
  id: 'CHUNG_THUC_CHU_KY',
  title: 'CHỨNG THỰC CHỮ KÝ',
  titleEn: 'Signature certification (register entry)',
  version: 'TT01/2020',
  // TT 01/2020/TT-BTP in force 5 May 2020 [U: verify].
  effectiveFrom: '2020-05-05',
  effectiveTo: null,
  legalBasis: 'Thông tư 01/2020/TT-BTP',
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 1,
  roles: { byOrder: ['requester'] },
  fields: [
    input('soChungThuc', G, 'Số chứng thực', 'Certification number', 'text', {
      inputBy: 'clerk', validation: { required: true }, portalName: 'SoChungThuc',
      help: 'Cấp theo từng loại việc chứng thực; ký hiệu SCT/CK,ĐC.',
    }),
    input('quyenSo', G, 'Quyển số', 'Register volume', 'text', { inputBy: 'clerk', portalName: 'QuyenSo' }),
    field('ngayChungThuc', G, 'Ngày, tháng, năm chứng thực', 'Date of certification', 'date', 'DERIVED', {
      bind: { config: 'today' }, validation: { required: true }, portalName: 'NgayChungThuc',
    }),
    field('ngayChungThucBangChu', G, 'Bằng chữ', 'Date in words', 'text', 'DERIVED', {
      bind: { inWordsOf: 'ngayChungThuc' }, inWords: true, portalName: 'NgayChungThucBangChu',
    }),
    field('tai', G, 'Tại', 'At (place of certification)', 'text', 'CONFIG', { bind: { config: 'recipient' }, portalName: 'NoiChungThuc' }),
    field('nycHoTen', G, 'Họ, chữ đệm, tên người yêu cầu chứng thực', 'Requester full name', 'text', 'CHIP', {
      bind: bindPerson('requester', 'fullName'), personName: true, validation: { required: true }, portalName: 'HoTenNguoiYeuCau',
    }),
    field('nycGiayToTuyThan', G, 'Giấy tờ tùy thân số', 'Identity document', 'text', 'DERIVED', {
      bind: bindPerson('requester', 'identityDocument'), validation: { required: true }, portalName: 'GiayToTuyThan_NguoiYeuCau',
    }),
    input('tenGiayTo', G, 'Tên giấy tờ, văn bản được chứng thực chữ ký', 'Document signed', 'text', {
      inputBy: 'clerk', validation: { required: true }, portalName: 'TenGiayTo',
    }),
    input('nguoiChungThuc', G, 'Họ tên, chức danh người thực hiện chứng thực', 'Certifying officer', 'text', {
      inputBy: 'clerk', validation: { required: true }, portalName: 'NguoiChungThuc',
    }),
    input('lePhi', G, 'Phí chứng thực', 'Fee', 'text', { inputBy: 'clerk', portalName: 'LePhi' }),
  ],
  signatures: [
    { title: 'Người yêu cầu chứng thực', caption: '(Ký, ghi rõ họ tên)' },
    { title: 'Người thực hiện chứng thực', caption: '(Ký, ghi rõ họ tên, đóng dấu)' },
  ],
};
