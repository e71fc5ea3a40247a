/**
 * Machine Readable Zone parsing (ICAO 9303-4 TD3, 9303-5 TD1, 9303-6 TD2) with every check digit verified.
 * CCCD cards carry a TD1 MRZ whose line-1 optional data starts with the full 12-digit ID (cccd.md §2.1) and whose
 * expiry 991231 means "no expiry" (cccd.md §2.4).
 */
import { checkDigit } from './checkDigit';
import { CardDataError } from '../asn1/errors';

export type MrzFormat = 'TD1' | 'TD2' | 'TD3';

export interface MrzChecks {
  documentNumber: boolean;
  dateOfBirth: boolean;
  dateOfExpiry: boolean;
  /** TD3 personal-number check digit; undefined for TD1/TD2. */
  optionalData?: boolean;
  composite: boolean;
  /** CCCD: check digit (line 1 position 30) of the 12-digit ID; undefined when not a CCCD-style MRZ. */
  vnIdNumber?: boolean;
}

export interface Mrz {
  format: MrzFormat;
  lines: string[];
  documentCode: string;
  issuingState: string;
  documentNumber: string;
  optionalData1: string;
  optionalData2: string;
  /** ISO YYYY-MM-DD, or null when unknown/unparsable. */
  dateOfBirth: string | null;
  dateOfBirthRaw: string;
  sex: 'M' | 'F' | null;
  /** ISO YYYY-MM-DD, or null for "no expiry" (991231) or an unparsable date. */
  dateOfExpiry: string | null;
  dateOfExpiryRaw: string;
  noExpiry: boolean;
  nationality: string;
  surname: string;
  givenNames: string;
  /** The 12-digit CCCD number from TD1 line 1 positions 16–27, when present. */
  vnIdNumber: string | null;
  checks: MrzChecks;
  /** True when every check digit verifies. */
  valid: boolean;
}

export class MrzError extends CardDataError {
  override readonly name = 'MrzError';
}

function trimFiller(s: string): string {
  return s.replace(/<+$/, '');
}

/** A check-digit position holding '<' counts as 0 only when the field is entirely filler (9303-3 §4.9). */
function verify(field: string, cd: string): boolean {
  if (cd === '<') return /^<*$/.test(field);
  if (!/^[0-9]$/.test(cd)) return false;
  try {
    return checkDigit(field) === Number(cd);
  } catch {
    return false;
  }
}

function isoDate(yymmdd: string, century: (yy: number) => number): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  const year = century(yy) + yy;
  const d = new Date(Date.UTC(year, mm - 1, dd));
  if (d.getUTCMonth() !== mm - 1) return null;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

/** Birth dates: a two-digit year after the current one belongs to the previous century. */
export function birthDateToIso(yymmdd: string, now = new Date()): string | null {
  const cur = now.getUTCFullYear() % 100;
  return isoDate(yymmdd, (yy) => (yy > cur ? 1900 : 2000));
}

/** Expiry dates lie in 2000–2099 (99 → 2099); 991231 is CCCD's "no expiry" and yields null. */
export function expiryDateToIso(yymmdd: string): string | null {
  if (yymmdd === '991231') return null;
  return isoDate(yymmdd, () => 2000);
}

function splitNames(field: string): { surname: string; givenNames: string } {
  const f = trimFiller(field);
  const i = f.indexOf('<<');
  const clean = (s: string) => s.replace(/</g, ' ').replace(/\s+/g, ' ').trim();
  if (i < 0) return { surname: clean(f), givenNames: '' };
  return { surname: clean(f.slice(0, i)), givenNames: clean(f.slice(i + 2)) };
}

function sexOf(c: string): 'M' | 'F' | null {
  return c === 'M' ? 'M' : c === 'F' ? 'F' : null;
}

/**
 * TD1/TD2 long document numbers (9303-5 §4.2.2 note j): when the check-digit position is '<', the number
 * continues in the optional data up to the first '<', whose preceding character is the check digit.
 */
function longDocumentNumber(first9: string, cdChar: string, optional: string): { number: string; cd: string; optionalRest: string } {
  if (cdChar !== '<' || /^<*$/.test(optional)) return { number: trimFiller(first9), cd: cdChar, optionalRest: optional };
  const end = optional.indexOf('<');
  const tail = end < 0 ? optional : optional.slice(0, end);
  return { number: first9 + tail.slice(0, -1), cd: tail.slice(-1), optionalRest: end < 0 ? '' : optional.slice(end) };
}

/** TD1 is 90 characters; room for line breaks and spaces between lines, never more (typed or read text). */
const MAX_MRZ_TEXT = 120;

export function parseMrz(text: string, now = new Date()): Mrz {
  if (text.length > MAX_MRZ_TEXT) throw new MrzError(`MRZ: ${text.length} characters (at most ${MAX_MRZ_TEXT})`);
  const flat = text.replace(/[\r\n ]/g, '').toUpperCase();
  if (!/^[0-9A-Z<]+$/.test(flat)) throw new MrzError('MRZ: invalid characters');
  let format: MrzFormat;
  let lines: string[];
  if (flat.length === 90) {
    format = 'TD1';
    lines = [flat.slice(0, 30), flat.slice(30, 60), flat.slice(60, 90)];
  } else if (flat.length === 72) {
    format = 'TD2';
    lines = [flat.slice(0, 36), flat.slice(36, 72)];
  } else if (flat.length === 88) {
    format = 'TD3';
    lines = [flat.slice(0, 44), flat.slice(44, 88)];
  } else {
    throw new MrzError(`MRZ: unsupported length ${flat.length} (expected 90, 72 or 88 characters)`);
  }
  const [l1, l2, l3] = [lines[0]!, lines[1]!, lines[2] ?? ''];

  let docField: string;
  let docCd: string;
  let documentNumber: string;
  let optionalData1: string;
  let optionalData2: string;
  let dobRaw: string;
  let dobCd: string;
  let sexChar: string;
  let expRaw: string;
  let expCd: string;
  let nationality: string;
  let nameField: string;
  let compositeInput: string;
  let compositeCd: string;
  let optionalCheck: boolean | undefined;

  if (format === 'TD1') {
    const long = longDocumentNumber(l1.slice(5, 14), l1[14]!, l1.slice(15, 30));
    documentNumber = long.number;
    docField = long.cd === l1[14] ? l1.slice(5, 14) : l1.slice(5, 14) + l1.slice(15, 15 + long.number.length - 9);
    docCd = long.cd;
    optionalData1 = l1.slice(15, 30);
    dobRaw = l2.slice(0, 6);
    dobCd = l2[6]!;
    sexChar = l2[7]!;
    expRaw = l2.slice(8, 14);
    expCd = l2[14]!;
    nationality = l2.slice(15, 18);
    optionalData2 = l2.slice(18, 29);
    compositeInput = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
    compositeCd = l2[29]!;
    nameField = l3;
  } else {
    const n = format === 'TD3' ? 44 : 36;
    const optEnd = format === 'TD3' ? 42 : 35;
    if (format === 'TD2') {
      const long = longDocumentNumber(l2.slice(0, 9), l2[9]!, l2.slice(28, 35));
      documentNumber = long.number;
      docField = long.cd === l2[9] ? l2.slice(0, 9) : l2.slice(0, 9) + l2.slice(28, 28 + long.number.length - 9);
      docCd = long.cd;
    } else {
      documentNumber = trimFiller(l2.slice(0, 9));
      docField = l2.slice(0, 9);
      docCd = l2[9]!;
    }
    optionalData1 = l2.slice(28, optEnd);
    optionalData2 = '';
    dobRaw = l2.slice(13, 19);
    dobCd = l2[19]!;
    sexChar = l2[20]!;
    expRaw = l2.slice(21, 27);
    expCd = l2[27]!;
    nationality = l2.slice(10, 13);
    compositeInput = l2.slice(0, 10) + l2.slice(13, 20) + l2.slice(21, n - 1);
    compositeCd = l2[n - 1]!;
    nameField = l1.slice(5);
    if (format === 'TD3') optionalCheck = verify(l2.slice(28, 42), l2[42]!);
  }

  const checks: MrzChecks = {
    documentNumber: verify(docField, docCd),
    dateOfBirth: verify(dobRaw, dobCd),
    dateOfExpiry: verify(expRaw, expCd),
    composite: verify(compositeInput, compositeCd),
  };
  if (optionalCheck !== undefined) checks.optionalData = optionalCheck;

  // CCCD (cccd.md §2.1): ID number in line 1 positions 16–27, "<<", and its check digit at position 30.
  let vnIdNumber: string | null = null;
  if (format === 'TD1' && /^\d{12}$/.test(l1.slice(15, 27))) {
    vnIdNumber = l1.slice(15, 27);
    if (/^[0-9]$/.test(l1[29]!)) checks.vnIdNumber = verify(vnIdNumber, l1[29]!);
  }

  const { surname, givenNames } = splitNames(nameField);
  const dateOfExpiry = expiryDateToIso(expRaw);
  return {
    format, lines,
    documentCode: trimFiller(l1.slice(0, 2)),
    issuingState: trimFiller(l1.slice(2, 5)),
    documentNumber,
    optionalData1: trimFiller(optionalData1),
    optionalData2: trimFiller(optionalData2),
    dateOfBirth: birthDateToIso(dobRaw, now),
    dateOfBirthRaw: dobRaw,
    sex: sexOf(sexChar),
    dateOfExpiry,
    dateOfExpiryRaw: expRaw,
    noExpiry: expRaw === '991231',
    nationality: trimFiller(nationality),
    surname, givenNames, vnIdNumber, checks,
    valid: Object.values(checks).every(Boolean),
  };
}
