/**
 * TD1 MRZ as the CCCD back side carries it (cccd.md §2.1, ICAO 9303-5 §4.2.2), and the MRZ information
 * string for BAC/PACE-MRZ key derivation (ICAO 9303-11 §9.7.2 — cccd.md §2.2: last 9 ID digits as document number).
 */
import { mrzInformation } from '../../card/reader/mrzKey';
import { checkDigitChar } from '../../card/lds/checkDigit';
import type { Identity } from './identity';

/** MRZ value of "Không thời hạn" (cccd.md §2.4). */
export const NO_EXPIRY_YYMMDD = '991231';

export interface CccdMrz {
  lines: [string, string, string];
  /** The 9-character document number (last 9 ID digits). */
  documentNumber: string;
  dateOfBirth: string;
  dateOfExpiry: string;
  /** docNo + cd + DOB + cd + DOE + cd. */
  mrzInformation: string;
}

/** ISO YYYY-MM-DD → YYMMDD. */
export function toYymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}

/**
 * Vietnamese → MRZ characters (ICAO 9303-3 §6: Latin letters without diacritics; everything else becomes '<').
 * Đ/đ have no Unicode decomposition, so they are mapped explicitly to D.
 */
export function transliterate(text: string): string {
  return text
    .replace(/[Đđ]/g, 'D')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '<');
}

/** SURNAME<<GIVEN<NAMES: Vietnamese family name is the first word (cccd.md §2.1 line 3), truncated to 30. */
export function mrzNameField(fullName: string, width = 30): string {
  const words = fullName.trim().split(/\s+/).map(transliterate).filter((w) => w.replace(/</g, '') !== '');
  const surname = words[0] ?? '';
  const given = words.slice(1).join('<');
  const field = given ? `${surname}<<${given}` : surname;
  return field.slice(0, width).padEnd(width, '<');
}

export function buildMrz(identity: Identity): CccdMrz {
  const id = identity.idNumber;
  const documentNumber = id.slice(3);
  const dob = toYymmdd(identity.dateOfBirth);
  const doe = identity.dateOfExpiry === null ? NO_EXPIRY_YYMMDD : toYymmdd(identity.dateOfExpiry);
  const cdDoc = checkDigitChar(documentNumber);
  const line1 = `IDVNM${documentNumber}${cdDoc}${id}<<${checkDigitChar(id)}`;
  const line2Head = `${dob}${checkDigitChar(dob)}${identity.sex}${doe}${checkDigitChar(doe)}VNM${'<'.repeat(11)}`;
  // ICAO 9303-5 §4.2.2.2 composite: line 1 positions 6–30, line 2 positions 1–7, 9–15, 19–29.
  const composite = checkDigitChar(line1.slice(5, 30) + line2Head.slice(0, 7) + line2Head.slice(8, 15) + line2Head.slice(18, 29));
  const line2 = line2Head + composite;
  const line3 = mrzNameField(identity.fullName);
  return {
    lines: [line1, line2, line3],
    documentNumber,
    dateOfBirth: dob,
    dateOfExpiry: doe,
    mrzInformation: mrzInformation(documentNumber, dob, doe),
  };
}

/** ICAO 9303-11 §9.7.2 MRZ information: one implementation, in src/card/reader/mrzKey.ts. */
export { mrzInformation };
