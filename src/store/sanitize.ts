/**
 * Data minimisation before anything is written (Law 91/2025 purpose limitation; NĐ 356/2025 Art. 4
 * lists biometric data and images of ID cards as sensitive — forms.md §3.4). Two kinds of field never reach the
 * database:
 * - DG13 field 10 "đặc điểm nhận dạng" (identifying marks): no form needs it;
 * - a face image/photo or any image payload (DG2 face, card scans), whatever its key.
 */
import type { FilledField } from '../forms/types';

/** Keys (case-insensitive substrings) that are never stored. */
const FORBIDDEN_KEY_PARTS = ['personalidentification', 'dacdiemnhandang', 'photo', 'face', 'image', 'portrait', 'fingerprint'];

const DATA_URL_RE = /^\s*data:[^,;]*(;[^,]*)?,/i;
/** Base64 openings of JPEG (/9j/), PNG (iVBORw0KGgo), JPEG 2000 codestream and JP2 box (ICAO DG2 images). */
const IMAGE_BASE64_MAGIC_RE = /^\s*(\/9j\/|iVBORw0KGgo|R0lGOD|AAAADGpQICAN|\/0\/\/UQ)/;
/** Any long run of pure base64 is a binary blob, not a form value. */
const LONG_BASE64_RE = /^[A-Za-z0-9+/=\r\n]{256,}$/;

export function isForbiddenKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return FORBIDDEN_KEY_PARTS.some((part) => k.includes(part));
}

export function looksLikeImageData(value: string | null | undefined): boolean {
  if (!value) return false;
  return DATA_URL_RE.test(value) || IMAGE_BASE64_MAGIC_RE.test(value) || LONG_BASE64_RE.test(value.trim());
}

/** Returns the fields that may be stored and how many were dropped (never which values). */
export function stripForbiddenFields(fields: readonly FilledField[]): { fields: FilledField[]; dropped: number } {
  const kept: FilledField[] = [];
  for (const f of fields) {
    const values = [f.value, f.rawValue ?? null, ...(f.choices ?? [])];
    if (isForbiddenKey(f.key) || values.some((v) => looksLikeImageData(v))) continue;
    kept.push(f);
  }
  return { fields: kept, dropped: fields.length - kept.length };
}
