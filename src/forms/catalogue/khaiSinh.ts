/**
 * "Tờ khai đăng ký khai sinh".
 * - In force: the form of Phụ lục 5 of Thông tư 04/2024/TT-BTP. Its Điều 2 khoản 2 replaces the whole "Danh mục
 *   Tờ khai đăng ký hộ tịch" (Phụ lục 5 of TT 04/2020/TT-BTP); Điều 4 khoản 1: in force from 06/6/2024; Điều 3
 *   khoản 1: dossiers received before then stay under TT 04/2020 (thuvienphapluat.vn copy of the circular).
 * - The annex notes, as quoted from the annex by thuvienphapluat.vn: (1) the registering body; (2) "Nơi cư trú"
 *   only when no số định danh cá nhân/căn cước is given (or the date of birth is incomplete); (3) the ID paper as
 *   "Căn cước công dân số … do Cục Cảnh sát QLHC về TTXH cấp ngày …"; (4) place of birth; (5) the parents' full
 *   date of birth; (6) copies. [U: the row order and row wording of the 2024 annex file itself were not retrieved;
 *   rows follow the notes and the public templates.]
 * - Superseded: TT 04/2020/TT-BTP (forms.md §1.3 B, [S6]), kept for dossiers made under it.
 * The card holder is the requester (and a parent only when the requester says so); the child's rows are always
 * typed. The holder's own parents (DG13 #13) are the child's grandparents and are never used here (forms.md §0.2).
 */
import type { FormDefinition, FormField, PersonRole, RoleRule } from '../types';
import { ADDRESS_300, NAME_100, REQUIRED, SEX_OPTIONS, copyRequest, field, input, personFields, placeDate, recipient, requesterFields } from './common';

const G_REQ = 'Người yêu cầu';
const G_CHILD = 'Người được khai sinh';
const G_MOTHER = 'Người mẹ';
const G_FATHER = 'Người cha';
const G_END = 'Cam đoan và đề nghị';

/**
 * Cam đoan of the TT 04/2020 form, identical in every public copy found (e.g. luatsutran.vn's transcription).
 * [U: the 2024 annex file was not retrieved, so its cam đoan is assumed unchanged.]
 */
const OATH =
  'Tôi cam đoan nội dung đề nghị đăng ký khai sinh trên đây là đúng sự thật, được sự thỏa thuận nhất trí của các bên liên quan theo quy định pháp luật. Tôi chịu hoàn toàn trách nhiệm trước pháp luật về nội dung cam đoan của mình.';

// The card holder is the requester; two cards are the two parents' own cards (by sex); with one card the holder
// is a parent only when the stated relationship says so.
const ROLES: RoleRule = {
  byOrder: ['requester'],
  bySex: { F: 'mother', M: 'father', minCards: 2 },
  byRelationship: { field: 'quanHeVoiNguoiDuocKhaiSinh', mother: 'mother', father: 'father' },
};

const RESIDENCE_HELP = 'Chỉ ghi khi không có số định danh cá nhân (ghi chú (2) của mẫu).';

const BORN_NOT_IN_FUTURE = 'Ngày sinh không thể sau ngày khai: chỉ khai sinh cho người đã được sinh ra (Bộ luật Dân sự 2015, Điều 30).';

function parentRows2020(role: Extract<PersonRole, 'mother' | 'father'>, group: string, word: 'mẹ' | 'cha', prefix: string, portal: string): FormField[] {
  const en = role === 'mother' ? 'Mother' : 'Father';
  return personFields(role, { group, source: 'CHIP', prefix, en, portal: (s) => (s === 'NoiCuTru' ? `${s}_${portal}` : `${s}${portal}`) }, [
    ['fullName', { label: `Họ, chữ đệm, tên người ${word}`, validation: { maxLength: 100 } }],
    ['yearOfBirth', { label: 'Năm sinh (5)', validation: { pattern: '\\d{4}', patternMessage: 'Năm sinh gồm 4 chữ số.' } }],
    'ethnicity',
    'nationality',
    ['residence', { label: 'Nơi cư trú (2)' }],
  ]);
}

function parentRows2024(role: Extract<PersonRole, 'mother' | 'father'>, group: string, word: 'mẹ' | 'cha', prefix: string, portal: string): FormField[] {
  const en = role === 'mother' ? 'Mother' : 'Father';
  return personFields(role, { group, source: 'CHIP', prefix, en, portal: (s) => (s === 'NoiCuTru' || s === 'GiayToTuyThan' ? `${s}_${portal}` : `${s}${portal}`) }, [
    ['fullName', { label: `Họ, chữ đệm, tên người ${word}`, validation: { maxLength: 100 } }],
    ['dateOfBirth', { label: 'Ngày, tháng, năm sinh (5)', validation: { notInFuture: BORN_NOT_IN_FUTURE } }],
    'ethnicity',
    'nationality',
    ['residence', { label: 'Nơi cư trú (2)', onlyWithoutIdNumber: true, help: RESIDENCE_HELP, validation: { maxLength: 300 } }],
    ['identityDocument', { label: 'Giấy tờ tùy thân (3)' }],
  ]);
}

function childRows(): FormField[] {
  return [
    input('conHoTen', G_CHILD, 'Họ, chữ đệm, tên', "Child's full name", 'text', {
      personName: true, validation: NAME_100, portalName: 'HoTenNguoiDuocKhaiSinh',
    }),
    input('conNgaySinh', G_CHILD, 'Ngày, tháng, năm sinh', "Child's date of birth", 'date', {
      validation: { required: true, notInFuture: BORN_NOT_IN_FUTURE }, portalName: 'NgaySinhNguoiDuocKhaiSinh',
    }),
    field('conNgaySinhBangChu', G_CHILD, 'ghi bằng chữ', "Child's date of birth in words", 'text', 'DERIVED', {
      bind: { inWordsOf: 'conNgaySinh' }, inWords: true, portalName: 'NgaySinhBangChu',
    }),
    input('conGioiTinh', G_CHILD, 'Giới tính', "Child's sex", 'select', { options: SEX_OPTIONS, validation: REQUIRED, portalName: 'GioiTinhNguoiDuocKhaiSinh' }),
    input('conDanToc', G_CHILD, 'Dân tộc', "Child's ethnicity", 'text', { validation: REQUIRED, portalName: 'DanTocNguoiDuocKhaiSinh' }),
    input('conQuocTich', G_CHILD, 'Quốc tịch', "Child's nationality", 'text', { validation: REQUIRED, portalName: 'QuocTichNguoiDuocKhaiSinh' }),
    input('conNoiSinh', G_CHILD, 'Nơi sinh (4)', "Child's place of birth", 'text', {
      validation: REQUIRED, portalName: 'NoiSinhNguoiDuocKhaiSinh', help: 'Cơ sở y tế ghi trên Giấy chứng sinh.',
    }),
    input('conQueQuan', G_CHILD, 'Quê quán', "Child's place of origin", 'text', {
      portalName: 'QueQuanNguoiDuocKhaiSinh', help: 'Theo quê quán của cha hoặc mẹ, theo thỏa thuận.',
    }),
  ];
}

const relationship = input('quanHeVoiNguoiDuocKhaiSinh', G_REQ, 'Quan hệ với người được khai sinh', 'Relationship to the child', 'text', {
  validation: REQUIRED, portalName: 'QuanHeNguoiYeuCau', help: 'cha / mẹ / ông / bà …',
});

export const KHAI_SINH_2024: FormDefinition = {
  id: 'KHAI_SINH',
  code: null,
  title: 'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  titleEn: 'Birth registration declaration',
  version: 'TT04/2024',
  effectiveFrom: '2024-06-06',
  effectiveTo: null,
  legalBasis: 'Thông tư 04/2024/TT-BTP',
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 1,
  roles: ROLES,
  oath: OATH,
  groupIntro: { [G_CHILD]: 'Đề nghị cơ quan đăng ký khai sinh cho người dưới đây:' },
  fields: [
    recipient('Kính gửi (1)', G_REQ),
    ...personFields('requester', { group: G_REQ, source: 'CHIP', prefix: 'nyc', en: 'Requester', portal: (s) => (s === 'HoTen' || s === 'NgaySinh' ? `${s}NguoiYeuCau` : `${s}_NguoiYeuCau`) }, [
      ['fullName', { label: 'Họ, chữ đệm, tên người yêu cầu', validation: NAME_100 }],
      ['dateOfBirth', { validation: REQUIRED }],
      ['residence', { label: 'Nơi cư trú (2)', onlyWithoutIdNumber: true, help: RESIDENCE_HELP, validation: { maxLength: ADDRESS_300.maxLength } }],
      ['identityDocument', { label: 'Giấy tờ tùy thân (3)', validation: REQUIRED }],
    ]),
    relationship,
    ...childRows(),
    ...parentRows2024('mother', G_MOTHER, 'mẹ', 'me', 'Me'),
    ...parentRows2024('father', G_FATHER, 'cha', 'cha', 'Cha'),
    // [U: the wording of the parents' marriage-certificate row is not in the quoted notes.]
    input('giayChungNhanKetHonChaMe', G_FATHER, 'Giấy chứng nhận kết hôn của cha, mẹ (số, cơ quan cấp, ngày cấp)', "Parents' marriage certificate", 'text', {
      portalName: 'GiayChungNhanKetHon', help: 'Chỉ ghi khi cha, mẹ đã đăng ký kết hôn.',
    }),
    ...copyRequest(G_END, ' (6)'),
    placeDate(G_END),
  ],
  signatures: [{ title: 'Người yêu cầu', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' }],
};

export const KHAI_SINH_2020: FormDefinition = {
  ...KHAI_SINH_2024,
  version: 'TT04/2020',
  effectiveFrom: '2020-07-16',
  effectiveTo: '2024-06-05',
  legalBasis: 'Thông tư 04/2020/TT-BTP',
  groupIntro: KHAI_SINH_2024.groupIntro,
  fields: [
    recipient('Kính gửi (1)', G_REQ),
    ...requesterFields(G_REQ, { residence: ' (2)', idDoc: ' (3)' }),
    relationship,
    ...childRows(),
    ...parentRows2020('mother', G_MOTHER, 'mẹ', 'me', 'Me'),
    ...parentRows2020('father', G_FATHER, 'cha', 'cha', 'Cha'),
    ...copyRequest(G_END),
    placeDate(G_END),
  ],
};
