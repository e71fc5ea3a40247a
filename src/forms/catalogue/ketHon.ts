/**
 * "Tờ khai đăng ký kết hôn" — in force: the annex of Thông tư 04/2024/TT-BTP (replacing the TT 04/2020/TT-BTP
 * form; forms.md "Status check, December 2026") [U: row-level changes to check against the Công báo copy]. Layout as in forms.md §1.3 C ([S8][S9]): two columns, Bên nữ / Bên nam.
 * Cards go to columns by the sex on each card, never by read order (prefill.ts). Portal names follow the
 * national portal's interactive form ([S9]: HoTenBenNu, SoDinhDanh_BenNu, NoiCuTru_BenNu_TrongNuoc …).
 */
import type { FieldSource, FormDefinition, FormField, PersonRole } from '../types';
import { ADDRESS_300, ID_NUMBER, MARITAL_STATUS_OPTIONS, NAME_100, REQUIRED, copyRequest, input, personFields, placeDate, recipient } from './common';

// Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1 điểm a: "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên".
const BRIDE_AGE = { years: 18, reason: 'Bên nữ chưa đủ 18 tuổi: nữ phải từ đủ 18 tuổi trở lên mới được kết hôn (Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1 điểm a).' };
const GROOM_AGE = { years: 20, reason: 'Bên nam chưa đủ 20 tuổi: nam phải từ đủ 20 tuổi trở lên mới được kết hôn (Luật Hôn nhân và gia đình 2014, Điều 8 khoản 1 điểm a).' };

/** TT 04/2020 and 04/2024 (mẫu tờ khai đăng ký kết hôn) [U: wording as in the public templates]. */
const OATH =
  'Chúng tôi cam đoan những lời khai trên đây là đúng sự thật, việc kết hôn của chúng tôi là tự nguyện, không vi phạm quy định của Luật Hôn nhân và gia đình Việt Nam. Chúng tôi chịu trách nhiệm trước pháp luật về cam đoan của mình.';

function party(role: Extract<PersonRole, 'bride' | 'groom'>, group: string, p: 'nu' | 'nam', portal: 'BenNu' | 'BenNam', source: FieldSource): FormField[] {
  const en = role === 'bride' ? 'Bride' : 'Groom';
  const person = personFields(role, { group, source, prefix: p, en, portal: (s) => (s === 'HoTen' || s === 'NgaySinh' || s === 'DanToc' || s === 'QuocTich' ? `${s}${portal}` : `${s}_${portal}`) }, [
    ['fullName', { validation: NAME_100 }],
    ['dateOfBirth', { validation: { required: true, minAge: role === 'bride' ? BRIDE_AGE : GROOM_AGE } }],
    ['ethnicity', { validation: REQUIRED }],
    ['nationality', { validation: REQUIRED }],
    ['residence', { validation: ADDRESS_300, portalName: `NoiCuTru_${portal}_TrongNuoc` }],
    ['identityDocument', { validation: REQUIRED }],
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

export const KET_HON_2024: FormDefinition = {
  id: 'KET_HON',
  title: 'TỜ KHAI ĐĂNG KÝ KẾT HÔN',
  titleEn: 'Marriage registration declaration',
  version: 'TT04/2024',
  effectiveFrom: '2024-07-22',
  effectiveTo: null,
  legalBasis: 'Thông tư 04/2024/TT-BTP',
  code: null,
  oath: OATH,
  competentBody: 'Ủy ban nhân dân cấp xã',
  cards: 2,
  // Columns by the sex on each card, never by read order (forms.md §0.2).
  roles: { bySex: { F: 'bride', M: 'groom', maxCards: 2 } },
  fields: [
    recipient('Kính gửi', 'Kính gửi'),
    ...party('bride', 'Bên nữ', 'nu', 'BenNu', 'CHIP'),
    ...party('groom', 'Bên nam', 'nam', 'BenNam', 'CHIP-2'),
    ...copyRequest('Cam đoan và đề nghị'),
    placeDate('Cam đoan và đề nghị'),
  ],
  signatures: [
    { title: 'Bên nữ', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' },
    { title: 'Bên nam', caption: '(Ký, ghi rõ họ, chữ đệm, tên)' },
  ],
};

/** The TT 04/2020/TT-BTP form, kept for dossiers made under it. */
export const KET_HON_2020: FormDefinition = { ...KET_HON_2024, version: 'TT04/2020', effectiveFrom: '2020-07-16', effectiveTo: '2024-07-21', legalBasis: 'Thông tư 04/2020/TT-BTP' };
