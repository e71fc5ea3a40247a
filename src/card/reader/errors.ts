/**
 * One mapping from whatever the card stack throws to the card layer's small error set (CardReadError codes); the
 * app's card service passes the code on. Messages are English and free of personal data; the UI maps codes to its
 * Vietnamese catalogue.
 */
import { StatusWordError } from '../apdu';
import { AccessDeniedError } from '../sm/errors';
import { NoUsableKeyError } from './accessControl';
import { SmError } from '../sm/secureMessaging';
import { CardDataError } from '../asn1/errors';
import { TransportError } from '../transport/types';
import { ReadAbortedError } from './session';

export type CardErrorCode =
  | 'ACCESS_DENIED' // wrong CAN / MRZ
  | 'CHIP_NOT_GENUINE' // the chip accepted our key but could not prove it holds it (PACE token / BAC cryptogram)
  | 'CARD_REMOVED'
  | 'NO_READER'
  | 'NO_SERVICE'
  | 'TIMEOUT'
  | 'MALFORMED_CARD'
  | 'CANCELLED'
  | 'INTERNAL';

/** A failed read, as the card layer reports it to whoever drives it (the card service, `motcua read`). */
export class CardReadError extends Error {
  override readonly name: string = 'CardReadError';
  constructor(
    readonly code: CardErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function toCardReadError(e: unknown): CardReadError {
  if (e instanceof CardReadError) return e;
  if (e instanceof AccessDeniedError && e.reason === 'chip-proof-invalid') return chipNotGenuine(e);
  if (e instanceof AccessDeniedError) return new CardReadError('ACCESS_DENIED', `access refused, wrong CAN or MRZ: ${e.message}`);
  if (e instanceof NoUsableKeyError) return new CardReadError('ACCESS_DENIED', `access refused: ${e.message}`);
  if (e instanceof TransportError) {
    switch (e.kind) {
      case 'NO_SERVICE':
        return new CardReadError('NO_SERVICE', `PC/SC service unavailable: ${e.message}`);
      case 'NO_READER':
        return new CardReadError('NO_READER', `no card reader: ${e.message}`);
      case 'NO_CARD':
      case 'TIMEOUT':
        return new CardReadError('TIMEOUT', `no answer from the card in time: ${e.message}`);
      case 'CARD_REMOVED':
      case 'PROTOCOL':
        return new CardReadError('CARD_REMOVED', `the card was removed or the link failed: ${e.message}`);
    }
  }
  if (e instanceof ReadAbortedError) return new CardReadError('CANCELLED', e.message);
  if (e instanceof SmError) return new CardReadError('MALFORMED_CARD', `secure messaging failed: ${e.message}`);
  if (e instanceof StatusWordError) return new CardReadError('MALFORMED_CARD', e.message);
  // Every parser a card feeds throws only CardDataError subclasses (TLV, DER, MRZ, image, signature shapes).
  if (e instanceof CardDataError) return new CardReadError('MALFORMED_CARD', `the card's data is malformed: ${e.message}`);
  return new CardReadError('INTERNAL', `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
}

/**
 * The chip accepted the terminal's proof (so our key is right) and then answered with a proof of its own that does
 * not verify: it does not hold the key it claims (ICAO 9303-11 §4.3.4.2 BAC mutual authentication, §4.4.3.4 PACE
 * authentication token). A genuine chip cannot do that; a clone or a relay tampering with the link can.
 */
function chipNotGenuine(e: AccessDeniedError): CardReadError {
  const what = e.protocol === 'PACE' ? "the chip's PACE authentication token does not verify" : "the chip's BAC mutual-authentication cryptogram does not verify";
  return new CardReadError('CHIP_NOT_GENUINE', `${what}: the chip could not prove it holds the access key (possible clone)`);
}
