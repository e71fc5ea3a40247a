/** The form catalogue: every version of every form, selected by the date a dossier is made (forms.md "versioned"). */
import type { FormDefinition, FormId } from '../types';
import { CHUNG_THUC_CHU_KY_2020 } from './chungThucChuKy';
import { CT01_2021, CT01_2023, CT01_2025 } from './ct01';
import { KET_HON_2020, KET_HON_2024 } from './ketHon';
import { KHAI_SINH_2020, KHAI_SINH_2024 } from './khaiSinh';
import { KHAI_TU_2020, KHAI_TU_2024 } from './khaiTu';
import { XAC_NHAN_TTHN_2020, XAC_NHAN_TTHN_2024 } from './xacNhanTthn';

const ALL: readonly FormDefinition[] = [
  CT01_2021, CT01_2023, CT01_2025, KHAI_SINH_2020, KHAI_SINH_2024, KET_HON_2020, KET_HON_2024, KHAI_TU_2020, KHAI_TU_2024,
  XAC_NHAN_TTHN_2020, XAC_NHAN_TTHN_2024, CHUNG_THUC_CHU_KY_2020,
];

export const FORM_IDS: readonly FormId[] = ['CT01', 'KHAI_SINH', 'KET_HON', 'KHAI_TU', 'XAC_NHAN_TTHN', 'CHUNG_THUC_CHU_KY'];

/** ISO date "YYYY-MM-DD" of an instant in Asia/Ho_Chi_Minh (UTC+7): effective dates are local calendar days. */
function localIsoDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

function inForce(def: FormDefinition, day: string): boolean {
  return def.effectiveFrom <= day && (def.effectiveTo == null || day <= def.effectiveTo);
}

/** The versions in force at `at` (default now), one per form, in catalogue order. */
export function listForms(at: Date = new Date()): FormDefinition[] {
  return FORM_IDS.map((id) => getForm(id, at)).filter((d): d is FormDefinition => d !== null);
}

/** The version of form `id` in force at `at` (default now); null when none was in force then. */
export function getForm(id: FormId, at: Date = new Date()): FormDefinition | null {
  const day = localIsoDate(at);
  return ALL.find((d) => d.id === id && inForce(d, day)) ?? null;
}

/** A specific version (to re-open a stored dossier with the definition it was made on). */
export function getFormVersion(id: FormId, version: string): FormDefinition | null {
  return ALL.find((d) => d.id === id && d.version === version) ?? null;
}

/** Every version of every form (for admin screens and tests). */
export function allFormVersions(): readonly FormDefinition[] {
  return ALL;
}
