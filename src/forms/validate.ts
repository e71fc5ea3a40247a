/**
 * Checks a filled form against its definition and the law; messages are Vietnamese, for the citizen and the clerk,
 * and a legal rule says which article it applies. `key` is the field concerned ('' for the whole form).
 */
import { anniversary } from '../vn/expiry';
import { parseDate, toIso } from '../vn/dates';
import { OFFICE_NOT_CONFIGURED } from './office';
import type { FilledForm, FormDefinition } from './types';

export interface ValidationIssue {
  key: string;
  message: string;
}

/** ISO day in Asia/Ho_Chi_Minh: ages and "not in the future" count local calendar days. */
function localDay(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** `at` is the day the form is made (default now). */
export function validate(def: FormDefinition, filled: FilledForm, at: Date = new Date()): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const today = localDay(at);
  const byKey = new Map(filled.fields.map((f) => [f.key, f]));
  let officeMissing = false;
  for (const fd of def.fields) {
    const f = byKey.get(fd.key);
    const label = `“${fd.label}”`;
    const add = (message: string) => issues.push({ key: fd.key, message });
    if (!f) {
      add(`Thiếu mục ${label} trong tờ khai.`);
      continue;
    }
    const value = f.value.trim();
    // An unresolved conversion (split commune, unknown ethnicity, expired card …) must be decided by a person first.
    if (f.attention) add(`Cần xác nhận ${label}: ${f.attention}`);
    if (!value) {
      const b = fd.bind;
      if (b && 'config' in b && b.config !== 'today' && b.config !== 'todayInWords' && f.provenance !== 'clerk' && f.provenance !== 'citizen') officeMissing = true;
      else if (fd.validation?.required) add(`Chưa ghi ${label}.`);
      continue;
    }
    const v = fd.validation;
    if (v?.maxLength && value.length > v.maxLength) add(`${label} dài quá ${v.maxLength} ký tự.`);
    if (v?.pattern && !new RegExp(`^(?:${v.pattern})$`, 'u').test(value)) add(v.patternMessage ?? `${label} không đúng định dạng.`);
    if (fd.type === 'date') {
      const iso = parseDate(value) ? toIso(value) : null;
      if (!iso) add(`${label} phải là ngày hợp lệ, dạng ngày/tháng/năm (dd/mm/yyyy).`);
      else {
        if (v?.notInFuture && iso > today) add(v.notInFuture);
        if (v?.minAge && anniversary(iso, v.minAge.years) > today) add(v.minAge.reason);
      }
    }
    if (fd.type === 'select' && fd.options && !fd.options.some((o) => o.value === value)) add(`${label}: chọn một giá trị trong danh sách.`);
    if (f.choices?.length && !f.choices.includes(value) && f.provenance === 'derived') add(`${label}: chọn một địa chỉ trong danh sách đề xuất.`);
  }
  if (officeMissing) issues.unshift({ key: '', message: OFFICE_NOT_CONFIGURED });
  return issues;
}
