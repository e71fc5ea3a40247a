/** Pure helpers about a form's fields for the editors (no React, so the kiosk flow and its tests can use them). */
import type { FormDefinition } from '../../../src/api/contract';

const NUMERIC = new Set(['idNumber', 'phone', 'number', 'date']);

function defOf(def: FormDefinition | null, key: string) {
  return def?.fields.find((x) => x.key === key);
}

/** Number-like fields get the numeric pad instead of the letter keyboard. */
export function isNumericField(def: FormDefinition | null, key: string): boolean {
  const f = defOf(def, key);
  return !!f && NUMERIC.has(f.type);
}

/** Fields with one entry per line (CT01 item 11: one household member per line) need a line-break key. */
export function isMultilineField(def: FormDefinition | null, key: string): boolean {
  return defOf(def, key)?.type === 'textarea';
}


/** Emails (and other Latin-only fields) are typed as they are: Telex would turn "ex" into "ẽ". */
export function isLatinField(def: FormDefinition | null, key: string): boolean {
  return defOf(def, key)?.type === 'email';
}
