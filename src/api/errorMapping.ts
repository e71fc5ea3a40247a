/**
 * Every failure leaves the API as a typed ApiError: the card service's and the store's codes map onto the API's,
 * anything unexpected becomes INTERNAL with a log-safe detail (the error's name, never its message, which could
 * carry personal data).
 */
import { CardServiceError } from '../services/types';
import { StoreError } from '../store/types';
import { ApiError, type ApiErrorCode } from './contract';
import { CARD_ERROR_TO_API } from './errorCodes';

const STORE_CODES: Record<string, ApiErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  LOCKED_OUT: 'LOCKED_OUT',
};

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof CardServiceError) return new ApiError(CARD_ERROR_TO_API[e.code] ?? 'INTERNAL', e.message);
  if (e instanceof StoreError) return new ApiError(STORE_CODES[e.code] ?? 'STORE_UNAVAILABLE', e.code);
  const named = e as { name?: string; code?: string; message?: string } | null | undefined;
  // Modules loaded twice (tsx + dynamic import) defeat instanceof; fall back on the error's name.
  if (named?.name === 'ApiError' && named.code) return new ApiError(named.code as ApiErrorCode, (named as { detail?: string }).detail);
  if (named?.name === 'CardServiceError' && named.code) return new ApiError((CARD_ERROR_TO_API as Record<string, ApiErrorCode | undefined>)[named.code] ?? 'INTERNAL', named.message);
  if (named?.name === 'StoreError' && named.code) return new ApiError(STORE_CODES[named.code] ?? 'STORE_UNAVAILABLE', named.code);
  if (named?.name === 'ZodError') return new ApiError('INVALID_INPUT', 'invalid value');
  return new ApiError('INTERNAL', named?.name ?? 'unknown error');
}
