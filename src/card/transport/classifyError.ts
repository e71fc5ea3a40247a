/**
 * Map PC/SC binding failures to the app's small set of TransportError kinds.
 *
 * Why by message: `smartcard` 3.7.0 rejects with plain `Error(message)` objects and no `.code`
 * (research/environment.md §1.4), so the text is the only signal. The same table also recognises
 * pcsclite-style messages that carry the raw SCARD_* code, e.g. "Card was removed.(0x80100069)".
 */
import { TransportError, type TransportErrorKind } from './types';

/** pcsc-lite return codes (PC/SC Workgroup Part 5 / pcsclite.h) that matter to the app. */
const CODE_KINDS: ReadonlyMap<number, TransportErrorKind> = new Map<number, TransportErrorKind>([
  [0x80100016, 'CARD_REMOVED'], // SCARD_E_NOT_TRANSACTED: in-flight transmit cut by removal
  [0x80100069, 'CARD_REMOVED'], // SCARD_W_REMOVED_CARD
  [0x80100068, 'CARD_REMOVED'], // SCARD_W_RESET_CARD: session state is gone, same recovery
  [0x80100067, 'CARD_REMOVED'], // SCARD_W_UNPOWERED_CARD
  [0x80100066, 'CARD_REMOVED'], // SCARD_W_UNRESPONSIVE_CARD: contactless card left the field
  [0x80100003, 'CARD_REMOVED'], // SCARD_E_INVALID_HANDLE: handle from a previous service/card session
  [0x8010000c, 'NO_CARD'], // SCARD_E_NO_SMARTCARD
  [0x8010001d, 'NO_SERVICE'], // SCARD_E_NO_SERVICE
  [0x8010001e, 'NO_SERVICE'], // SCARD_E_SERVICE_STOPPED
  [0x80100013, 'NO_SERVICE'], // SCARD_F_COMM_ERROR (RPC transport error)
  [0x80100001, 'NO_SERVICE'], // SCARD_F_INTERNAL_ERROR
  [0x8010002e, 'NO_READER'], // SCARD_E_NO_READERS_AVAILABLE
  [0x80100009, 'NO_READER'], // SCARD_E_UNKNOWN_READER
  [0x80100017, 'NO_READER'], // SCARD_E_READER_UNAVAILABLE
  [0x8010000a, 'TIMEOUT'], // SCARD_E_TIMEOUT
  [0x80100008, 'PROTOCOL'], // SCARD_E_INSUFFICIENT_BUFFER
]);

/**
 * Message fragments (lower case) as produced by smartcard's GetPCSCErrorString and its own checks.
 * Order matters: the first match wins, so the more specific fragments come first.
 */
const MESSAGE_KINDS: ReadonlyArray<readonly [string, TransportErrorKind]> = [
  ['insufficient buffer', 'PROTOCOL'],
  ['transaction failed', 'CARD_REMOVED'],
  ['card was removed', 'CARD_REMOVED'],
  ['card is not connected', 'CARD_REMOVED'], // Devices/monitor already disconnected after removal
  ['card was reset', 'CARD_REMOVED'],
  ['card is unpowered', 'CARD_REMOVED'],
  ['card is unresponsive', 'CARD_REMOVED'],
  ['invalid handle', 'CARD_REMOVED'],
  ['no smart card present', 'NO_CARD'],
  ['no card', 'NO_CARD'],
  ['service not running', 'NO_SERVICE'],
  ['service stopped', 'NO_SERVICE'],
  ['communication error', 'NO_SERVICE'],
  ['rpc transport error', 'NO_SERVICE'],
  ['context is not valid', 'NO_SERVICE'],
  ['internal error', 'NO_SERVICE'],
  ['libpcsclite', 'NO_SERVICE'], // native binding could not be loaded (no PC/SC library installed)
  ['cannot open shared object', 'NO_SERVICE'],
  // WinSCard's texts for SCARD_E_NO_SERVICE / SCARD_E_SERVICE_STOPPED: Windows stops the service when the last
  // reader is unplugged, and every context becomes invalid.
  ['resource manager is not running', 'NO_SERVICE'],
  ['resource manager has shut down', 'NO_SERVICE'],
  ['no readers', 'NO_READER'],
  ['unknown reader', 'NO_READER'],
  ['reader unavailable', 'NO_READER'],
  ['reader not ready', 'NO_READER'],
  ['timed out', 'TIMEOUT'],
  ['timeout', 'TIMEOUT'],
];

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  return String(e);
}

/** The kind a binding error message stands for; unknown messages are PROTOCOL (a malformed exchange). */
export function classifyMessage(message: string): TransportErrorKind {
  const code = /0x([0-9a-f]{8})/i.exec(message);
  if (code?.[1] !== undefined) {
    const kind = CODE_KINDS.get(Number.parseInt(code[1], 16));
    if (kind !== undefined) return kind;
  }
  const lower = message.toLowerCase();
  for (const [fragment, kind] of MESSAGE_KINDS) if (lower.includes(fragment)) return kind;
  return 'PROTOCOL';
}

/**
 * Wrap any thrown value as a TransportError. TransportErrors pass through unchanged;
 * `operation` ("transmit", "connect", …) prefixes the message so logs say where it failed.
 */
export function classifyError(e: unknown, operation?: string): TransportError {
  if (e instanceof TransportError) return e;
  const message = messageOf(e);
  const kind = classifyMessage(message);
  return new TransportError(kind, operation === undefined ? message : `${operation}: ${message}`, e);
}
