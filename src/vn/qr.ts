/**
 * The CCCD QR code (cccd.md §7): UTF-8 text, fields separated by '|', dates ddMMyyyy.
 *   0 ID (12) | 1 old CMND (9 digits or empty) | 2 full name | 3 DOB | 4 sex "Nam"/"Nữ" | 5 residence | 6 issue date
 * 2024 cards append more fields (order unconfirmed) — kept raw. A 6-field variant without the old CMND exists:
 * told apart by whether field 1 is 9 digits/empty (then the 7-field form) or a name.
 * Read by a keyboard-wedge 2D scanner so a read can start without typing.
 */

export interface CccdQr {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  dateOfBirth: string | null; // ISO
  sex: 'M' | 'F' | null;
  placeOfResidence: string | null;
  dateOfIssue: string | null; // ISO
  /** Trailing fields of 2024 cards, raw. */
  extra: string[];
}

export class QrParseError extends Error {
  override readonly name = 'QrParseError';
}

function ddmmyyyyToIso(s: string): string | null {
  const t = s.trim();
  if (t === '') return null;
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(t);
  if (!m) throw new QrParseError(`QR: date field is not ddMMyyyy`);
  const [, d, mo, y] = m;
  const dn = Number(d), mn = Number(mo);
  if (mn < 1 || mn > 12 || dn < 1 || dn > 31) throw new QrParseError('QR: date out of range');
  return `${y}-${mo}-${d}`;
}

function sexOf(s: string): 'M' | 'F' | null {
  const t = s.trim().normalize('NFC').toLowerCase();
  if (t === 'nam') return 'M';
  if (t === 'nữ' || t === 'nu') return 'F';
  return null;
}

/** A version-40 QR code holds at most 2,953 bytes (ISO/IEC 18004 Table 7); anything longer did not come from one. */
const MAX_QR_TEXT = 2_953;

export function parseCccdQr(text: string): CccdQr {
  if (text.length > MAX_QR_TEXT) throw new QrParseError(`QR: ${text.length} characters is more than a QR code holds`);
  // Keyboard-wedge scanners may add CR/LF; some add a BOM.
  const clean = text.replace(/^\uFEFF/, '').replace(/[\r\n]+$/g, '').normalize('NFC');
  const parts = clean.split('|');
  if (parts.length < 6) throw new QrParseError(`QR: expected at least 6 '|'-separated fields, got ${parts.length}`);
  const id = parts[0]!.trim();
  if (!/^\d{12}$/.test(id)) throw new QrParseError('QR: first field is not a 12-digit ID number');
  const f1 = parts[1]!.trim();
  const sevenField = parts.length >= 7 && (f1 === '' || /^\d{9}$/.test(f1));
  const at = (i: number) => parts[sevenField ? i : i - 1] ?? '';
  const fullName = at(2).trim();
  if (fullName === '') throw new QrParseError('QR: full name is empty');
  return {
    idNumber: id,
    oldIdNumber: sevenField && f1 !== '' ? f1 : null,
    fullName,
    dateOfBirth: ddmmyyyyToIso(at(3)),
    sex: sexOf(at(4)),
    placeOfResidence: at(5).trim() || null,
    dateOfIssue: ddmmyyyyToIso(at(6)),
    extra: parts.slice(sevenField ? 7 : 6),
  };
}
