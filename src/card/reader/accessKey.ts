/**
 * Access keys from what a person or a scanner gives: a 6-digit CAN, the 12-digit ID (CAN = last 6 digits),
 * a TD1/TD3 MRZ, or document number + dates. Shared by `motcua read` and the app's card service.
 */
import { assertCan, canFromIdNumber } from '../../vn/can';
import { mrzInformation, mrzInformationFromMrzText } from '../../vn/mrzKey';
import type { AccessKeys } from './accessControl';

export interface KeyRequest {
  can?: string;
  idNumber?: string;
  mrz?: string;
  bac?: { documentNumber: string; dateOfBirth: string; dateOfExpiry: string };
}

/** Throws KeyInputError (from vn/) with a specific English message when a key is malformed or missing. */
export function accessKeysFrom(req: KeyRequest): AccessKeys {
  const keys: AccessKeys = {};
  if (req.can !== undefined) keys.can = assertCan(req.can);
  else if (req.idNumber !== undefined) keys.can = canFromIdNumber(req.idNumber);
  if (req.mrz !== undefined) keys.mrzInformation = mrzInformationFromMrzText(req.mrz);
  else if (req.bac !== undefined) keys.mrzInformation = mrzInformation(req.bac.documentNumber, req.bac.dateOfBirth, req.bac.dateOfExpiry);
  return keys;
}
