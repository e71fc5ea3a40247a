/**
 * "Tờ khai đăng ký kết hôn". Layout as in forms.md §1.3 C ([S8][S9]): two columns, Bên nữ / Bên nam.
 * - In force: Phụ lục 5 of Thông tư 04/2024/TT-BTP (Điều 2 khoản 2 replaces the whole "Danh mục Tờ khai đăng ký hộ
 *   tịch" of TT 04/2020/TT-BTP; Điều 4 khoản 1: in force from 06/6/2024; thuvienphapluat.vn copy of the circular).
 *   Its notes, as quoted from the annex by thuvienphapluat.vn: (1)(2) photos only for a marriage with a foreign
 *   element; (3) the registering body; (4) "Nơi cư trú" only when no số định danh cá nhân/căn cước is given;
 *   (5) the ID paper as "Căn cước công dân số … do Cục Cảnh sát QLHC về TTXH cấp ngày …"; (6) copies. Both parties
 *   here read their cards, so both have a số định danh and Nơi cư trú stays blank. [U: the row order and wording of
 *   the 2024 annex file itself were not retrieved; rows follow the notes and the public templates.]
 * - Superseded: TT 04/2020/TT-BTP, kept for dossiers made under it.
 * Cards go to columns by the sex on each card, never by read order (prefill.ts). Portal names follow the
 * national portal's interactive form ([S9]: HoTenBenNu, SoDinhDanh_BenNu, NoiCuTru_BenNu_TrongNuoc …).
 */
import type { FieldSource, FormDefinition, FormField, PersonRole } from '../types';
import { ADDRESS_300, ID_NUMBER, MARITAL_STATUS_OPTIONS, NAME_100, REQUIRED, copyRequest, input, personFields, placeDate, recipient } from './common';

// Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1 điểm a: "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên".
const BRIDE_AGE = { years: 18, reason: 'Bên nữ chưa đủ 18 tuổi: nữ phải từ đủ 18 tuổi trở lên mới được kết hôn (Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1 điểm a).' };
const GROOM_AGE = { years: 20, reason: 'Bên nam chưa đủ 20 tuổi: nam phải từ đủ 20 tuổi trở lên mới được kết hôn (Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1 điểm a).' };

/** Cam đoan of the TT 04/2020 form as in the public templates [U: the 2024 annex file was not retrieved]. */
const OATH =
  'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam. Chúng tôi chịu trách nhiệm trước pháp luật về cam đoan của mình.';

/** Note marks and the residence rule differ between the 2020 form and the 2024 annex. */
interface Edition { residence: string; idDoc: string; onlyWithoutIdNumber: boolean }
const ED_2020: Edition = { residence: '', idDoc: '', onlyWithoutIdNumber: false };
const ED_2024: Edition = { residence: ' (4)', idDoc: ' (5)', onlyWithoutIdNumber: true };
const RESIDENCE_HELP = 'Chỉ ghi khi không có số định danh cá nhân (ghi chú (4) của mẫu).';

function party(role: Extract<PersonRole, 'bride' | 'groom'>, group: string, p: 'nu' | 'nam', portal: 'BenNu' | 'BenNam', source: FieldSource, ed: Edition): FormField[] {
  const en = role === 'bride' ? 'Bride' : 'Groom';
  const person = personFields(role, { group, source, prefix: p, en, portal: (s) => (s === 'HoTen' || s === 'NgaySinh' || s === 'DanToc' || s === 'QuocTich' ? `${s}${portal}` : `${s}_${portal}`) }, [
    ['fullName', { validation: NAME_100 }],
    ['dateOfBirth', { validation: { required: true, minAge: role === 'bride' ? BRIDE_AGE : GROOM_AGE } }],
    ['ethnicity', { validation: REQUIRED }],
    ['nationality', { validation: REQUIRED }],
    ['residence', ed.onlyWithoutIdNumber
      ? { label: `Nơi cư trú${ed.residence}`, onlyWithoutIdNumber: true, help: RESIDENCE_HELP, validation: { maxLength: ADDRESS_300.maxLength }, portalName: `NoiCuTru_${portal}_TrongNuoc` }
      : { validation: ADDRESS_300, portalName: `NoiCuTru_${portal}_TrongNuoc` }],
    ['identityDocument', { label: `Giấy tờ tùy thân${ed.idDoc}`, validation: REQUIRED }],
    ['idNumber', { validation: { required: true, ...ID_NUMBER }, portalOnly: true }],
  ]);
  return [
    ...person,
    input(`${p}LanKetHon`, group, 'Kết hôn lần thứ mấy', `${en}: which marriage`, 'number', {
      validation: { required: true, pattern: '[1-9]', patternMessage: 'Ghi số lần kết hôn (1, 2, …).' }, portalName: `SoLanKetHon_${portal}`,
      help: 'Không tự điền "1": người kết hôn xác nhận.',
    }),
    input(`${p}TinhTrangHonNhan`, group, 'Tình trạng hôn nhân', `${en}: marital status`, 'select', {
      options: MARITAL_STATUS_OPTIONS, portalName: `LoaiTinhTrangHonNhan_${portal}`, portalOnly: true,
    }),
  ];
}

function fields(ed: Edition, recipientNote: string, copyNote: string): FormField[] {
  return [
    recipient(`Kính gửi${recipientNote}`, 'Kính gửi'),
    ...party('bride', 'Bên nữ', 'nu', 'BenNu', 'CHIP', ed),
    ...party('groom', 'Bên nam', 'nam', 'BenNam', 'CHIP-2', ed),
    ...copyRequest('Cam đoan và đề nghị', copyNote),
    placeDate('Cam đoan và đề nghị'),
  ];
}

export const KET_HON_2024: FormDefinition = {
  id: 'KET_HON',
  title: 'TỜ KHAI ĐĂNG KÝ KẾT HÔN',
  titleEn: 'Marriage registration declaration',
  version: 'TT04/2024',
  effectiveFrom: '2024-06-06',
  effectiveTo: null,
  legalBasis: 'Thông tư 04/2024/TT-BTP',
  code: null,
  oath: OATH,
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 2,
  // Columns by the sex on each card, never by read order (forms.md §0.2).
  roles: { bySex: { F: 'bride', M: 'groom', maxCards: 2 } },
  fields: fields(ED_2024, ' (3)', ' (6)'),
  signatures: [
    { title: 'Bên nữ', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' },
    { title: 'Bên nam', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' },
  ],
};

/** The TT 04/2020/TT-BTP form, kept for dossiers made under it. */
export const KET_HON_2020: FormDefinition = {
  ...KET_HON_2024, version: 'TT04/2020', effectiveFrom: '2020-07-16', effectiveTo: '2024-06-05', legalBasis: 'Thông tư 04/2020/TT-BTP',
  fields: fields(ED_2020, '', ''),
};
