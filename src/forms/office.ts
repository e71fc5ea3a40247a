/**
 * The office (commune) a declaration is addressed to and dated at. One place for it: the app's settings object
 * (api/handlers/settings SETTINGS_KEY) holds the fields; the API core, the CLI and printing all derive the
 * OfficeConfig with officeFromSettings, and refuse to print while it is unconfigured.
 */
import { cleanText } from '../vn/text';
import type { OfficeConfig } from './types';

/** The settings fields the office comes from (a subset of the app settings). */
export interface OfficeSettings {
  communeName?: string | null;
  provinceName?: string | null;
  communeCode?: string | null;
  provinceCode?: string | null;
  policeName?: string | null;
  placeName?: string | null;
}

export function officeFromSettings(s: OfficeSettings | null | undefined): OfficeConfig {
  const opt = (v: string | null | undefined) => (v && cleanText(v) ? cleanText(v) : undefined);
  return {
    communeName: opt(s?.communeName) ?? '',
    provinceName: opt(s?.provinceName) ?? '',
    communeCode: opt(s?.communeCode),
    provinceCode: opt(s?.provinceCode),
    policeName: opt(s?.policeName),
    placeName: opt(s?.placeName),
  };
}

/** Vietnamese, for the clerk: why a form cannot be printed for this office yet. */
export const OFFICE_NOT_CONFIGURED =
  'Chưa cấu hình cơ quan tiếp nhận (tên xã/phường và tỉnh/thành phố): tờ khai không được in với mục "Kính gửi" hoặc địa danh để trống. Quản trị viên nhập trong phần Cài đặt.';

export function officeConfigured(office: OfficeConfig): boolean {
  return !!cleanText(office.communeName ?? '') && !!cleanText(office.provinceName ?? '');
}

export class OfficeNotConfiguredError extends Error {
  override readonly name = 'OfficeNotConfiguredError';
  constructor() {
    super('the office (commune and province names) is not configured; a form must not print with an empty authority or place');
  }
}
