/**
 * Chứng thực chữ ký: there is no citizen declaration (the procedure's "Mẫu đơn, tờ khai" row reads "Không",
 * forms.md §1.1 [S11]). What the counter needs is the certifying officer's lời chứng, pre-filled:
 * - Nghị định 23/2015/NĐ-CP, Điều 12: the lời chứng is a mandatory part of the certified paper; Thông tư
 *   01/2020/TT-BTP, Điều 3 (in force 20/4/2020): issues the lời chứng forms for signatures certified at the one-stop
 *   counter; the form used is "Lời chứng chứng thực chữ ký của một người trong một giấy tờ, văn bản" in the variant
 *   for a paper signed before the officer receiving the dossier (forms.md §1.3 F [S12]).
 * - TT 01/2020, Điều 13 khoản 1: the lời chứng goes right below the certified signature or on the page right after
 *   it, with a seal across the two sheets (giáp lai) — so it is printed as a sheet to attach.
 * (Articles as codified in the Bộ pháp điển, đề mục "Cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng
 * thực chữ ký", Điều 15.1.NĐ.12, 15.1.TT.2.3, 15.1.TT.2.13.)
 * The signer's name, ID paper and the date in words come from the chip and the clock; the officer, the receiving
 * officer and the register numbers are left for the counter. [U: the statement wording follows forms.md §1.3 F;
 * the annex file of TT 01/2020 (Phu luc_01_2020_TT-BTP.doc) was not retrieved to compare it word by word.]
 */
import type { FormDefinition } from '../types';
import { NAME_100, REQUIRED, field, input, personFields } from './common';

const G = 'Lời chứng';

export const CHUNG_THUC_CHU_KY_2020: FormDefinition = {
  id: 'CHUNG_THUC_CHU_KY',
  code: null,
  title: 'LỜI CHỨNG CHỨNG THỰC CHỮ KÝ',
  titleEn: 'Signature certification statement (lời chứng)',
  version: 'TT01/2020',
  effectiveFrom: '2020-04-20',
  effectiveTo: null,
  legalBasis: 'Thông tư 01/2020/TT-BTP',
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 1,
  roles: { byOrder: ['requester'] },
  kind: 'statement',
  statement: [
    'Ngày {ngayChungThuc} (Bằng chữ: {ngayChungThucBangChu})',
    'Tại {tai}',
    'Tôi {nguoiChungThuc}, là {chucDanhNguoiChungThuc}',
    'CHỨNG THỰC',
    'Ông/bà {nycHoTen}, giấy tờ tùy thân: {nycGiayToTuyThan}, cam đoan đã hiểu, tự chịu trách nhiệm về nội dung của giấy tờ, văn bản và đã ký vào giấy tờ, văn bản này trước mặt ông/bà {nguoiTiepNhan} là người tiếp nhận hồ sơ.',
    'Số chứng thực {soChungThuc}, quyển số {quyenSo} - SCT/CK,ĐC',
  ].join('\n'),
  fields: [
    field('ngayChungThuc', G, 'Ngày chứng thực', 'Date of certification', 'date', 'DERIVED', {
      bind: { config: 'today' }, validation: REQUIRED, portalName: 'NgayChungThuc',
    }),
    field('ngayChungThucBangChu', G, 'Bằng chữ', 'Date in words', 'text', 'DERIVED', {
      bind: { inWordsOf: 'ngayChungThuc' }, inWords: true, portalName: 'NgayChungThucBangChu',
    }),
    field('tai', G, 'Tại', 'At (place of certification)', 'text', 'CONFIG', { bind: { config: 'recipient' }, validation: REQUIRED, portalName: 'NoiChungThuc' }),
    input('nguoiChungThuc', G, 'Tôi (họ tên người thực hiện chứng thực)', 'Certifying officer', 'text', { inputBy: 'clerk', portalName: 'NguoiChungThuc' }),
    input('chucDanhNguoiChungThuc', G, 'là (chức danh)', "Certifying officer's title", 'text', { inputBy: 'clerk', portalName: 'ChucDanhNguoiChungThuc' }),
    ...personFields('requester', { group: G, source: 'CHIP', prefix: 'nyc', en: 'Signer', portal: (s) => (s === 'HoTen' ? 'HoTenNguoiYeuCau' : `${s}_NguoiYeuCau`) }, [
      ['fullName', { label: 'Ông/bà', validation: NAME_100 }],
      ['identityDocument', { label: 'Giấy tờ tùy thân', validation: REQUIRED }],
    ]),
    input('nguoiTiepNhan', G, 'Người tiếp nhận hồ sơ', 'Receiving officer', 'text', { inputBy: 'clerk', portalName: 'NguoiTiepNhan' }),
    input('tenGiayTo', G, 'Giấy tờ, văn bản được chứng thực chữ ký', 'Document signed', 'text', {
      inputBy: 'clerk', validation: REQUIRED, portalName: 'TenGiayTo',
    }),
    input('soChungThuc', G, 'Số chứng thực', 'Certification number', 'text', {
      inputBy: 'clerk', portalName: 'SoChungThuc', help: 'Cấp theo từng loại việc chứng thực; ký hiệu SCT/CK,ĐC.',
    }),
    input('quyenSo', G, 'Quyển số', 'Register volume', 'text', { inputBy: 'clerk', portalName: 'QuyenSo' }),
  ],
  // Both officers sign the one-stop variant, as in the same transcription of the TT 01/2020 form ([S12]: notes (9),
  // (10)) that the statement follows [U: as the statement].
  signatures: [
    { title: 'Người tiếp nhận hồ sơ', caption: '(Ký, ghi rõ họ, tên)' },
    { title: 'Người thực hiện chứng thực', caption: '(Ký, ghi rõ họ, tên và đóng dấu)' },
  ],
};
