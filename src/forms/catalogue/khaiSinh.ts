/**
 * "Tờ khai đăng ký khai sinh" — Thông tư 04/2020/TT-BTP (forms.md §1.3 B, [S6]).
 * The card holder is the requester (and a parent only when the requester says so); the child's rows are always
 * typed. The holder's own parents (DG13 #13) are the child's grandparents and are never used here (forms.md §0.2).
 */
import type { FormDefinition, FormField, PersonRole } from '../types';
import { SEX_OPTIONS, copyRequest, field, input, personFields, placeDate, recipient, requesterFields } from './common';

const G_REQ = 'Người yêu cầu';
const G_CHILD = 'Người được khai sinh';
const G_MOTHER = 'Người mẹ';
const G_FATHER = 'Người cha';
const G_END = 'Cam đoan và đề nghị';

function parentRows(role: Extract<PersonRole, 'mother' | 'father'>, group: string, word: 'mẹ' | 'cha', prefix: string, portal: string): FormField[] {
  const en = role === 'mother' ? 'Mother' : 'Father';
  return personFields(role, { group, source: 'CHIP', prefix, en, portal: (s) => (s === 'NoiCuTru' ? `${s}_${portal}` : `${s}${portal}`) }, [
    ['fullName', { label: `Họ, chữ đệm, tên người ${word}`, validation: { maxLength: 100 } }],
    ['yearOfBirth', { label: 'Năm sinh (5)', validation: { pattern: '\\d{4}', patternMessage: 'Năm sinh gồm 4 chữ số.' } }],
    'ethnicity',
    'nationality',
    ['residence', { label: 'Nơi cư trú (2)' }],
  ]);
}

export const KHAI_SINH_2020: FormDefinition = {
  id: 'KHAI_SINH',
  title: 'TỜ KHAI ĐĂNG KÝ KHAI SINH',
  titleEn: 'Birth registration declaration',
  version: 'TT04/2020',
  // TT 04/2020/TT-BTP in force 16 July 2020 [U: verify]; Luật Hộ tịch 03/2026 (from 1/3/2027) may replace it.
  effectiveFrom: '2020-07-16',
  effectiveTo: null,
  legalBasis: 'Thông tư 04/2020/TT-BTP',
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 1,
  // The card holder is the requester; two cards are the two parents' own cards (by sex); with one card the holder
  // is a parent only when the stated relationship says so.
  roles: {
    byOrder: ['requester'],
    bySex: { F: 'mother', M: 'father', minCards: 2 },
    byRelationship: { field: 'quanHeVoiNguoiDuocKhaiSinh', mother: 'mother', father: 'father' },
  },
  fields: [
    recipient('Kính gửi (1)', G_REQ),
    ...requesterFields(G_REQ, { residence: ' (2)', idDoc: ' (3)' }),
    input('quanHeVoiNguoiDuocKhaiSinh', G_REQ, 'Quan hệ với người được khai sinh', 'Relationship to the child', 'text', {
      validation: { required: true }, portalName: 'QuanHeNguoiYeuCau', help: 'cha / mẹ / ông / bà …',
    }),
    input('conHoTen', G_CHILD, 'Họ, chữ đệm, tên', "Child's full name", 'text', {
      personName: true, validation: { required: true, maxLength: 100 }, portalName: 'HoTenNguoiDuocKhaiSinh',
    }),
    input('conNgaySinh', G_CHILD, 'Ngày, tháng, năm sinh', "Child's date of birth", 'date', {
      validation: { required: true }, portalName: 'NgaySinhNguoiDuocKhaiSinh',
    }),
    field('conNgaySinhBangChu', G_CHILD, 'ghi bằng chữ', "Child's date of birth in words", 'text', 'DERIVED', {
      bind: { inWordsOf: 'conNgaySinh' }, inWords: true, portalName: 'NgaySinhBangChu',
    }),
    input('conGioiTinh', G_CHILD, 'Giới tính', "Child's sex", 'select', { options: SEX_OPTIONS, validation: { required: true }, portalName: 'GioiTinhNguoiDuocKhaiSinh' }),
    input('conDanToc', G_CHILD, 'Dân tộc', "Child's ethnicity", 'text', { validation: { required: true }, portalName: 'DanTocNguoiDuocKhaiSinh' }),
    input('conQuocTich', G_CHILD, 'Quốc tịch', "Child's nationality", 'text', { validation: { required: true }, portalName: 'QuocTichNguoiDuocKhaiSinh' }),
    input('conNoiSinh', G_CHILD, 'Nơi sinh (4)', "Child's place of birth", 'text', {
      validation: { required: true }, portalName: 'NoiSinhNguoiDuocKhaiSinh', help: 'Cơ sở y tế ghi trên Giấy chứng sinh.',
    }),
    input('conQueQuan', G_CHILD, 'Quê quán', "Child's place of origin", 'text', {
      portalName: 'QueQuanNguoiDuocKhaiSinh', help: 'Theo quê quán của cha hoặc mẹ, theo thỏa thuận.',
    }),
    ...parentRows('mother', G_MOTHER, 'mẹ', 'me', 'Me'),
    ...parentRows('father', G_FATHER, 'cha', 'cha', 'Cha'),
    ...copyRequest(G_END),
    placeDate(G_END),
  ],
  signatures: [{ title: 'Người yêu cầu', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' }],
};
