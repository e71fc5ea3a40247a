/**
 * The key that opens a chip, as a person or a scanner gives it: a 6-digit CAN, the 12-digit ID (CAN = its last
 * 6 digits), a TD1/TD3 MRZ, or document number + dates. It is the card side's one key type, from `motcua read` and
 * the app's card service down to access control; PACE and BAC get the secrets derived from it here.
 */
import { assertCan, canFromIdNumber } from '../../vn/can';
import { mrzInformation, mrzInformationFromMrzText } from './mrzKey';

export interface AccessKey {
  can?: string;
  idNumber?: string;
  mrz?: string;
  bac?: { documentNumber: string; dateOfBirth: string; dateOfExpiry: string };
}

/** The secrets the protocols are keyed with: the CAN (PACE-CAN) and the MRZ information (PACE-MRZ, BAC). */
export interface ChipSecrets {
  can?: string;
  /** docNo + cd + DOB + cd + DOE + cd (ICAO 9303-11 §9.7.2). */
  mrzInformation?: string;
}

/** Throws KeyInputError (from vn/) with a specific English message when a key is malformed. */
export function chipSecrets(key: AccessKey): ChipSecrets {
  const s: ChipSecrets = {};
  if (key.can !== undefined) s.can = assertCan(key.can);
  else if (key.idNumber !== undefined) s.can = canFromIdNumber(key.idNumber);
  if (key.mrz !== undefined) s.mrzInformation = mrzInformationFromMrzText(key.mrz);
  else if (key.bac !== undefined) s.mrzInformation = mrzInformation(key.bac.documentNumber, key.bac.dateOfBirth, key.bac.dateOfExpiry);
  return s;
}
