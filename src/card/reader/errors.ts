/**
 * One mapping from whatever the card stack throws to the app's small error set (CardServiceError codes).
 * Messages are English and free of personal data; the UI maps codes to its Vietnamese catalogue.
 */
import { StatusWordError } from '../apdu';
import { AccessDeniedError } from '../sm/errors';
import { NoUsableKeyError } from './accessControl';
import { SmError } from '../sm/secureMessaging';
import { TlvError } from '../tlv/tlv';
import { TransportError } from '../transport/types';
import { CardServiceError } from '../../services/types';
import { ReadAbortedError } from './readCard';

export function toCardServiceError(e: unknown): CardServiceError {
  if (e instanceof CardServiceError) return e;
  if (e instanceof AccessDeniedError) return new CardServiceError('ACCESS_DENIED', `access refused, wrong CAN or MRZ: ${e.message}`);
  if (e instanceof NoUsableKeyError) return new CardServiceError('ACCESS_DENIED', `access refused: ${e.message}`);
  if (e instanceof TransportError) {
    switch (e.kind) {
      case 'NO_SERVICE':
        return new CardServiceError('NO_SERVICE', `PC/SC service unavailable: ${e.message}`);
      case 'NO_READER':
        return new CardServiceError('NO_READER', `no card reader: ${e.message}`);
      case 'NO_CARD':
      case 'TIMEOUT':
        return new CardServiceError('TIMEOUT', `no answer from the card in time: ${e.message}`);
      case 'CARD_REMOVED':
      case 'PROTOCOL':
        return new CardServiceError('CARD_REMOVED', `the card was removed or the link failed: ${e.message}`);
    }
  }
  if (e instanceof ReadAbortedError) return new CardServiceError('CANCELLED', e.message);
  if (e instanceof SmError) return new CardServiceError('MALFORMED_CARD', `secure messaging failed: ${e.message}`);
  if (e instanceof StatusWordError) return new CardServiceError('MALFORMED_CARD', e.message);
  if (e instanceof TlvError || (e instanceof Error && /ASN|DER|TLV|parse/i.test(e.name + e.message))) {
    return new CardServiceError('MALFORMED_CARD', `the card's data is malformed: ${e.message}`);
  }
  return new CardServiceError('INTERNAL', `unexpected error: ${e instanceof Error ? e.message : String(e)}`);
}
