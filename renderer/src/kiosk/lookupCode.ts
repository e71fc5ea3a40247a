/**
 * What a citizen scans or types at the status look-up and rating screens: the ticket QR of the queue slip
 * (`MOTCUA-T:<day>:<label>[:<dossier code>]`), a dossier code `HS-YYYYMMDD-XXXXXX` (the guidance slip's QR and
 * its printed code), or today's ticket number as printed ("17", "K1-017"). Typed codes are forgiving (lower case,
 * spaces, missing dashes, leading zeros), and the ID card's own QR — the one a citizen is most likely to hold up
 * to the scanner — is recognised so the screen can say so. The server parses the code again; this only decides
 * which plain message a citizen sees before anything is sent.
 */
import { parseQrId } from '../lib/qrWedge';

export type LookupCode =
  | { kind: 'ticket'; day: string; label: string; dossierId: string | null }
  | { kind: 'dossier'; code: string }
  | { kind: 'label'; label: string };

export type CodeProblem = 'empty' | 'idCard' | 'invalid';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DOSSIER = /^HS-?(\d{8})-?([0-9A-Z]{6})$/;

/** "17", "017" → "17"; "K1-017", "k1-17", "K1017" → "K1-017"; null when it is not a ticket number. */
export function normaliseLabel(text: string): string | null {
  const centre = /^0*([1-9]\d{0,3})$/.exec(text);
  if (centre) return centre[1]!;
  const kiosk = /^K0*([1-9]\d?)-(\d{1,3})$/.exec(text) ?? /^K0*([1-9])(\d{3})$/.exec(text);
  if (kiosk && Number(kiosk[2]) >= 1) return `K${kiosk[1]}-${kiosk[2]!.padStart(3, '0')}`;
  return null;
}

export function parseLookupCode(raw: string): LookupCode | CodeProblem {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (!text) return 'empty';
  if (parseQrId(text)) return 'idCard';
  const compact = text.toUpperCase().replace(/\s+/g, '');
  const qr = /^MOTCUA-T:([^:]+):([^:]+)(?::([^:]+))?$/.exec(compact);
  if (qr) {
    const label = normaliseLabel(qr[2]!);
    const dossier = qr[3] ? DOSSIER.exec(qr[3]) : null;
    if (!DAY.test(qr[1]!) || !label || (qr[3] && !dossier)) return 'invalid';
    return { kind: 'ticket', day: qr[1]!, label, dossierId: dossier ? `HS-${dossier[1]}-${dossier[2]}` : null };
  }
  const dossier = DOSSIER.exec(compact);
  if (dossier) return { kind: 'dossier', code: `HS-${dossier[1]}-${dossier[2]}` };
  const label = normaliseLabel(compact);
  return label ? { kind: 'label', label } : 'invalid';
}

export function isCodeProblem(c: LookupCode | CodeProblem): c is CodeProblem {
  return typeof c === 'string';
}

/** The text queue.lookup receives: the QR text rebuilt in its canonical form, the dossier code, or the label. */
export function lookupText(c: LookupCode): string {
  if (c.kind === 'ticket') return `MOTCUA-T:${c.day}:${c.label}${c.dossierId ? `:${c.dossierId}` : ''}`;
  return c.kind === 'dossier' ? c.code : c.label;
}
