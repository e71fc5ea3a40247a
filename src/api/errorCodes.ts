/**
 * The API's error codes, and how the card service's codes map onto them. A module without dependencies, so the
 * renderer can import values from it without bundling zod with the contract.
 */
import type { CardErrorCode } from '../services/types';

export const API_ERROR_CODES = [
  'INVALID_INPUT', // the input failed the method's zod schema
  'UNKNOWN_METHOD',
  'UNAUTHORIZED', // clerk method without a valid session token
  'FORBIDDEN', // admin-only method called by a clerk
  'NOT_FOUND',
  'NO_SESSION', // the card session was wiped (card removed, idle, ended) or never existed
  'VERIFICATION_INVALID', // the card failed a check; pre-fill needs a clerk override
  'CARD_ACCESS_DENIED', // wrong CAN / MRZ
  'CARD_NOT_GENUINE', // the chip accepted the key but could not prove it holds it (PACE token, BAC cryptogram)
  'CARD_REMOVED',
  'CARD_NO_READER',
  'CARD_NO_SERVICE',
  'CARD_TIMEOUT',
  'CARD_MALFORMED',
  'CARD_CANCELLED',
  'CARD_BUSY', // a read is already running
  'BAD_CREDENTIALS',
  'LOCKED_OUT',
  'INVALID_TRANSITION',
  'STORE_UNAVAILABLE',
  'PRINT_FAILED',
  'OFFICE_NOT_CONFIGURED', // no commune/province names yet: a form must not print "Kính gửi: " with nothing after it
  'UNSUPPORTED', // e.g. silent printing where the host cannot print
  'INTERNAL',
  'CENTRE_CODE_REFUSED', // enrolment code wrong, used or expired
  'CENTRE_UNREACHABLE',
  'CENTRE_TLS_FAILED', // the centre server's certificate did not verify
  'CENTRE_ALREADY_LINKED',
  'CENTRE_NOT_LINKED',
  'QUEUE_OFFLINE', // an enrolled device cannot reach the centre's shared line (a kiosk still issues from its own block)
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** CardServiceError codes (src/services/types.ts) → API codes: card.read errors and the reader status panel. */
export const CARD_ERROR_TO_API: Readonly<Record<CardErrorCode, ApiErrorCode>> = {
  ACCESS_DENIED: 'CARD_ACCESS_DENIED',
  CHIP_NOT_GENUINE: 'CARD_NOT_GENUINE',
  CARD_REMOVED: 'CARD_REMOVED',
  NO_READER: 'CARD_NO_READER',
  NO_SERVICE: 'CARD_NO_SERVICE',
  TIMEOUT: 'CARD_TIMEOUT',
  MALFORMED_CARD: 'CARD_MALFORMED',
  CANCELLED: 'CARD_CANCELLED',
  INTERNAL: 'INTERNAL',
};
