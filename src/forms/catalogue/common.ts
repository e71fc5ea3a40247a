/**
 * Builders shared by the form definitions. Labels are verbatim from forms.md §1.3 (which cites the official
 * forms); group headings follow the form's own blocks. The definitions stay plain data: `bind` says where a value
 * comes from, src/forms/prefill.ts interprets it.
 */
import type { FieldBinding, FieldSource, FieldType, FieldValidation, FormField, PersonAttr, PersonRole } from '../types';

export const ID_NUMBER: FieldValidation = { pattern: '\\d{12}', patternMessage: 'Số định danh cá nhân phải gồm đúng 12 chữ số.' };
export const PHONE: FieldValidation = { pattern: '(0|\\+84)\\d{9,10}', patternMessage: 'Số điện thoại không hợp lệ (ví dụ 0912345678).' };
export const EMAIL: FieldValidation = { pattern: '[^\\s@]+@[^\\s@]+\\.[^\\s@]+', patternMessage: 'Địa chỉ email không hợp lệ.' };
export const COPIES: FieldValidation = { pattern: '\\d{1,2}', patternMessage: 'Số lượng bản sao phải là số.' };

export const SEX_OPTIONS = [
  { value: 'Nam', label: 'Nam' },
  { value: 'Nữ', label: 'Nữ' },
];
export const YES_NO = [
  { value: 'Có', label: 'Có' },
  { value: 'Không', label: 'Không' },
];

/** "Tình trạng hôn nhân": the six fixed options of the national portal (forms.md §1.3 C, [S9]). */
export const MARITAL_STATUS_OPTIONS = [
  'Hiện tại đang có vợ/chồng',
  'Hiện tại chưa đăng ký kết hôn với ai',
  'Đã đăng ký kết hôn hoặc đã có vợ/chồng nhưng đã ly hôn; hiện tại chưa đăng ký kết hôn với ai',
  'Đã đăng ký kết hôn hoặc đã có vợ/chồng nhưng vợ/chồng đã chết; hiện tại chưa đăng ký kết hôn với ai',
  'Từ ngày … đến ngày … chưa đăng ký kết hôn với ai; hiện tại đang có vợ/chồng',
  'Khác',
].map((v) => ({ value: v, label: v }));

type Extra = Partial<Omit<FormField, 'key' | 'group' | 'label' | 'labelEn' | 'type' | 'source'>>;

export function field(
  key: string, group: string, label: string, labelEn: string, type: FieldType, source: FieldSource, extra: Extra = {},
): FormField {
  return { key, group, label, labelEn, type, source, ...extra };
}

export const input = (key: string, group: string, label: string, labelEn: string, type: FieldType = 'text', extra: Extra = {}): FormField =>
  field(key, group, label, labelEn, type, 'INPUT', extra);

export const bindPerson = (person: PersonRole, attr: Extract<FieldBinding, { person: PersonRole }>['attr']): FieldBinding => ({ person, attr });

/** "Kính gửi" (CONFIG): the receiving body. */
export const recipient = (label: string, group: string, police = false): FormField =>
  field('kinhGui', group, label, 'To (receiving authority)', 'text', 'CONFIG', {
    bind: { config: police ? 'policeRecipient' : 'recipient' }, validation: { required: true }, portalName: 'KinhGui',
  });

/** "Làm tại …, ngày … tháng … năm …": pre-filled with the office's place and today's date; the citizen may change it. */
export const placeDate = (group: string): FormField =>
  field('lamTai', group, 'Làm tại …, ngày … tháng … năm …', 'Place and date', 'text', 'DERIVED', {
    bind: { config: 'placeDate' }, portalName: 'NoiLamToKhai',
  });

/** Per attribute: key suffix, default label, English label, input type. */
const PERSON_ATTRS: Record<PersonAttr, { suffix: string; label: string; en: string; type: FieldType }> = {
  fullName: { suffix: 'HoTen', label: 'Họ, chữ đệm, tên', en: 'full name', type: 'text' },
  dateOfBirth: { suffix: 'NgaySinh', label: 'Ngày, tháng, năm sinh', en: 'date of birth', type: 'date' },
  yearOfBirth: { suffix: 'NamSinh', label: 'Năm sinh', en: 'year of birth', type: 'number' },
  sex: { suffix: 'GioiTinh', label: 'Giới tính', en: 'sex', type: 'select' },
  idNumber: { suffix: 'SoDinhDanh', label: 'Số định danh cá nhân', en: 'personal identification number', type: 'idNumber' },
  nationality: { suffix: 'QuocTich', label: 'Quốc tịch', en: 'nationality', type: 'text' },
  ethnicity: { suffix: 'DanToc', label: 'Dân tộc', en: 'ethnicity', type: 'text' },
  residence: { suffix: 'NoiCuTru', label: 'Nơi cư trú', en: 'residence', type: 'text' },
  identityDocument: { suffix: 'GiayToTuyThan', label: 'Giấy tờ tùy thân', en: 'identity document', type: 'text' },
};

/** One row of a person block: the attribute, and anything that differs from the defaults (label, key, portal name …). */
export type PersonRow = PersonAttr | [PersonAttr, Extra & { key?: string; label?: string }];

export interface PersonBlock {
  group: string;
  /** CHIP for the first card's roles, CHIP-2 for the second's; the identity document is always DERIVED. */
  source: FieldSource;
  /** Key prefix: "nyc" → nycHoTen, nycNoiCuTru …; '' → hoTen, ngaySinh … */
  prefix: string;
  /** English label prefix ("Bride", "Requester"). */
  en: string;
  /** Portal field name from the key suffix (HoTen, NgaySinh …). */
  portal: (suffix: string) => string;
}

/**
 * The person block — name, date of birth, sex, ethnicity, nationality, residence, ID paper — that every declaration
 * repeats for each person it names; `rows` picks the attributes in the form's order. Bindings, types, the sex
 * options, uppercase names and the usual length limits come from here, so each form lists only what differs.
 */
export function personFields(role: PersonRole, block: PersonBlock, rows: PersonRow[]): FormField[] {
  return rows.map((row) => {
    const [attr, extra] = typeof row === 'string' ? [row, {}] : row;
    const a = PERSON_ATTRS[attr];
    const { key, label, ...rest } = extra as Extra & { key?: string; label?: string };
    const k = key ?? (block.prefix ? block.prefix + a.suffix : a.suffix.charAt(0).toLowerCase() + a.suffix.slice(1));
    return field(k, block.group, label ?? a.label, `${block.en}: ${a.en}`, a.type, attr === 'identityDocument' ? 'DERIVED' : block.source, {
      bind: bindPerson(role, attr),
      ...(attr === 'fullName' ? { personName: true } : {}),
      ...(attr === 'sex' ? { options: SEX_OPTIONS } : {}),
      portalName: block.portal(a.suffix),
      ...rest,
    });
  });
}

export const NAME_100: FieldValidation = { required: true, maxLength: 100 };
export const ADDRESS_300: FieldValidation = { required: true, maxLength: 300 };
export const REQUIRED: FieldValidation = { required: true };

/** The three requester rows of the TT 04/2020 hộ tịch forms (forms.md §1.3 B, D, E). */
export function requesterFields(group: string, notes: { residence: string; idDoc: string }): FormField[] {
  return personFields('requester', { group, source: 'CHIP', prefix: 'nyc', en: 'Requester', portal: (s) => (s === 'HoTen' ? 'HoTenNguoiYeuCau' : `${s}_NguoiYeuCau`) }, [
    ['fullName', { label: 'Họ, chữ đệm, tên người yêu cầu', validation: NAME_100 }],
    ['residence', {
      label: `Nơi cư trú${notes.residence}`, validation: ADDRESS_300,
      help: 'Địa chỉ trên chip (3 cấp cũ) được chuyển sang xã/phường và tỉnh/thành phố hiện hành.',
    }],
    ['identityDocument', { label: `Giấy tờ tùy thân${notes.idDoc}`, validation: REQUIRED }],
  ]);
}

/** "Đề nghị cấp bản sao: □ Có □ Không; Số lượng … bản" (forms.md §1.3 B/C, [S9]); `note` is the form's note mark. */
export const copyRequest = (group: string, note = ''): FormField[] => [
  input('capBanSao', group, `Đề nghị cấp bản sao${note}`, 'Request certified copies', 'select', { options: YES_NO, portalName: 'CapBanSao' }),
  input('soLuongBanSao', group, 'Số lượng', 'Number of copies', 'number', { validation: COPIES, portalName: 'SoLuong' }),
];
