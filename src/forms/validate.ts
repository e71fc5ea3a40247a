/** Checks a filled form against its definition; messages are Vietnamese, for the citizen and the clerk. */
import { parseDate } from '../vn/dates';
import type { FilledForm, FormDefinition } from './types';

export interface ValidationIssue {
  key: string;
  message: string;
}

export function validate(def: FormDefinition, filled: FilledForm): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const byKey = new Map(filled.fields.map((f) => [f.key, f]));
  for (const fd of def.fields) {
    const f = byKey.get(fd.key);
    const label = `“${fd.label}”`;
    const add = (message: string) => issues.push({ key: fd.key, message });
    if (!f) {
      add(`Thiếu mục ${label} trong tờ khai.`);
      continue;
    }
    const value = f.value.trim();
    // An unresolved conversion (split commune, unknown ethnicity …) must be decided by a person first.
    if (f.attention) add(`Cần xác nhận ${label}: ${f.attention}`);
    if (!value) {
      if (fd.validation?.required) add(`Chưa ghi ${label}.`);
      continue;
    }
    const v = fd.validation;
    if (v?.maxLength && value.length > v.maxLength) add(`${label} dài quá ${v.maxLength} ký tự.`);
    if (v?.pattern && !new RegExp(`^(?:${v.pattern})$`, 'u').test(value)) add(v.patternMessage ?? `${label} không đúng định dạng.`);
    if (fd.type === 'date' && !parseDate(value)) add(`${label} phải là ngày hợp lệ, dạng ngày/tháng/năm (dd/mm/yyyy).`);
    if (fd.type === 'select' && fd.options && !fd.options.some((o) => o.value === value)) add(`${label}: chọn một giá trị trong danh sách.`);
    if (f.choices?.length && !f.choices.includes(value) && f.provenance === 'derived') add(`${label}: chọn một địa chỉ trong danh sách đề xuất.`);
  }
  return issues;
}
