/** Queue failures with a code the API maps to a Vietnamese message; the English text is for logs. */
export type QueueErrorCode = 'NOT_FOUND' | 'WRONG_STATE' | 'BLOCK_FULL' | 'ALREADY_RATED' | 'INVALID';

export class QueueError extends Error {
  constructor(
    readonly code: QueueErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'QueueError';
  }
}
