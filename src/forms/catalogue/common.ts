/**
 * Builders shared by the form definitions. Labels are verbatim from forms.md §1.3 (which cites the official
 * forms); group headings follow the form's own blocks. The definitions stay plain data: `bind` says where a value
 * comes from, src/forms/prefill.ts interprets it.
 */
import type { FieldBinding, FieldSource, FieldType, FieldValidation, FormField, PersonRole } from '../types';

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

/** The three requester rows of the TT 04/2020 hộ tịch forms (forms.md §1.3 B, D, E). */
export function requesterFields(group: string, notes: { residence: string; idDoc: string }): FormField[] {
  return [
    field('nycHoTen', group, 'Họ, chữ đệm, tên người yêu cầu', 'Requester full name', 'text', 'CHIP', {
      bind: bindPerson('requester', 'fullName'), personName: true, validation: { required: true, maxLength: 100 },
      portalName: 'HoTenNguoiYeuCau',
    }),
    field('nycNoiCuTru', group, `Nơi cư trú${notes.residence}`, 'Requester residence', 'text', 'CHIP', {
      bind: bindPerson('requester', 'residence'), validation: { required: true, maxLength: 300 }, portalName: 'NoiCuTru_NguoiYeuCau',
      help: 'Địa chỉ trên chip (3 cấp cũ) được chuyển sang xã/phường và tỉnh/thành phố hiện hành.',
    }),
    field('nycGiayToTuyThan', group, `Giấy tờ tùy thân${notes.idDoc}`, 'Requester identity document', 'text', 'DERIVED', {
      bind: bindPerson('requester', 'identityDocument'), validation: { required: true }, portalName: 'GiayToTuyThan_NguoiYeuCau',
    }),
  ];
}

/** "Đề nghị cấp bản sao: □ Có □ Không; Số lượng … bản" (forms.md §1.3 B/C, [S9]). */
export const copyRequest = (group: string): FormField[] => [
  input('capBanSao', group, 'Đề nghị cấp bản sao', 'Request certified copies', 'select', { options: YES_NO, portalName: 'CapBanSao' }),
  input('soLuongBanSao', group, 'Số lượng', 'Number of copies', 'number', { validation: COPIES, portalName: 'SoLuong' }),
];
