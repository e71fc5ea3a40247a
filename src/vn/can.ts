/**
 * CCCD access keys. The card has no printed CAN: the PACE CAN is the last 6 digits of the 12-digit personal
 * ID number (cccd.md §1.2), and the BAC/PACE-MRZ document number is its last 9 digits (cccd.md §2.2).
 */

export class KeyInputError extends Error {
  override readonly name = 'KeyInputError';
}

const ID_RE = /^\d{12}$/;
const CAN_RE = /^\d{6}$/;

export function assertIdNumber(s: string): string {
  const t = s.trim();
  if (!ID_RE.test(t)) throw new KeyInputError('ID number must be exactly 12 digits');
  return t;
}

export function assertCan(s: string): string {
  const t = s.trim();
  if (!CAN_RE.test(t)) throw new KeyInputError('CAN must be exactly 6 digits');
  return t;
}

/** CAN = last 6 digits of the 12-digit ID (cccd.md §1.2). */
export function canFromIdNumber(id: string): string {
  return assertIdNumber(id).slice(6);
}

/** MRZ document number of a CCCD = last 9 digits of the 12-digit ID (cccd.md §2.2). */
export function documentNumberFromIdNumber(id: string): string {
  return assertIdNumber(id).slice(3);
}
