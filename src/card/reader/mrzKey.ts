/**
 * MRZ information for BAC / PACE-MRZ (ICAO 9303-11 §9.7.2: document number + check digit + date of birth +
 * check digit + date of expiry + check digit) built from what a clerk can type: the 12-digit ID, the date of birth
 * and the printed expiry (or "no expiry" → 991231, cccd.md §2.4).
 */
import { checkDigitChar } from '../lds/checkDigit';
import { documentNumberFromIdNumber, KeyInputError } from '../../vn/can';

const YYMMDD = /^\d{6}$/;

/** docNo padded to 9 with '<' (ICAO 9303-3), then each field followed by its check digit. */
export function mrzInformation(documentNumber: string, dobYymmdd: string, expiryYymmdd: string): string {
  const doc = documentNumber.trim().toUpperCase();
  // Longer numbers (ICAO 9303-3 §4.2.2: overflow into the optional data) take part in the key in full.
  if (!/^[0-9A-Z<]{1,22}$/.test(doc)) throw new KeyInputError('document number must be 1–22 characters [0-9A-Z]');
  if (!YYMMDD.test(dobYymmdd)) throw new KeyInputError('date of birth must be YYMMDD');
  if (!YYMMDD.test(expiryYymmdd)) throw new KeyInputError('date of expiry must be YYMMDD');
  const d9 = doc.padEnd(9, '<');
  return d9 + checkDigitChar(d9) + dobYymmdd + checkDigitChar(dobYymmdd) + expiryYymmdd + checkDigitChar(expiryYymmdd);
}

/** CCCD: MRZ information from the 12-digit ID (document number = its last 9 digits). */
export function mrzInformationFromId(idNumber: string, dobYymmdd: string, expiryYymmdd: string): string {
  return mrzInformation(documentNumberFromIdNumber(idNumber), dobYymmdd, expiryYymmdd);
}

/**
 * MRZ information from a scanned/typed TD1 MRZ (3 × 30 characters, with or without line breaks) or TD3 (2 × 44).
 * Only the fields needed for the key are taken; check digits are verified so a mistyped MRZ fails here with a
 * clear message instead of as a refused BAC.
 */
export function mrzInformationFromMrzText(text: string): string {
  const flat = text.replace(/[\s]/g, '').toUpperCase();
  let doc: string, docCd: string, dob: string, dobCd: string, exp: string, expCd: string;
  if (flat.length === 90) {
    doc = flat.slice(5, 14); docCd = flat.slice(14, 15);
    dob = flat.slice(30, 36); dobCd = flat.slice(36, 37);
    exp = flat.slice(38, 44); expCd = flat.slice(44, 45);
  } else if (flat.length === 88) {
    doc = flat.slice(44, 53); docCd = flat.slice(53, 54);
    dob = flat.slice(57, 63); dobCd = flat.slice(63, 64);
    exp = flat.slice(65, 71); expCd = flat.slice(71, 72);
  } else {
    throw new KeyInputError(`MRZ must be 90 characters (TD1, 3 lines) or 88 (TD3, 2 lines); got ${flat.length}`);
  }
  if (!/^[0-9A-Z<]{90}$|^[0-9A-Z<]{88}$/.test(flat)) throw new KeyInputError('MRZ contains characters other than 0-9, A-Z and <');
  if (checkDigitChar(doc) !== docCd) throw new KeyInputError('MRZ document number check digit does not match');
  if (checkDigitChar(dob) !== dobCd) throw new KeyInputError('MRZ date of birth check digit does not match');
  if (checkDigitChar(exp) !== expCd) throw new KeyInputError('MRZ date of expiry check digit does not match');
  return doc + docCd + dob + dobCd + exp + expCd;
}
