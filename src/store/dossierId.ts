/**
 * Human-friendly dossier ids printed on the slip and in its QR: "HS-YYYYMMDD-XXXXXX" (HS = hồ sơ).
 * - The date is the office date in Vietnam (UTC+7, no daylight saving), so a dossier opened at 06:30 carries
 *   today's date, not yesterday's UTC date.
 * - 6 random Crockford base32 characters (30 bits; no I, L, O, U, so a clerk can read it aloud unambiguously).
 * Uniqueness is enforced by the database (UNIQUE); the store retries on a collision.
 */
import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const VIETNAM_OFFSET_MS = 7 * 3600_000;

export function newDossierId(at: Date): string {
  const ymd = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
  let suffix = '';
  for (const b of randomBytes(6)) suffix += CROCKFORD[b & 31];
  return `HS-${ymd}-${suffix}`;
}

export const DOSSIER_ID_RE = /^HS-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;
