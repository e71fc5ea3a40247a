import { describe, it, expect } from 'vitest';
import { classifyError, classifyMessage } from '../../../src/card/transport/classifyError';
import { TransportError, type TransportErrorKind } from '../../../src/card/transport/types';

describe('classifyMessage', () => {
  // Messages exactly as smartcard 3.7.0 produces them (GetPCSCErrorString and its own checks).
  const table: [string, TransportErrorKind][] = [
    ['Transaction failed', 'CARD_REMOVED'],
    ['Card was removed', 'CARD_REMOVED'],
    ['Card is not connected', 'CARD_REMOVED'],
    ['Card was reset', 'CARD_REMOVED'],
    ['Card is unresponsive', 'CARD_REMOVED'],
    ['Invalid handle', 'CARD_REMOVED'],
    ['PC/SC service not running', 'NO_SERVICE'],
    ['PC/SC service stopped', 'NO_SERVICE'],
    ['Communication error', 'NO_SERVICE'],
    ['Context is not valid', 'NO_SERVICE'],
    ['libpcsclite.so.1: cannot open shared object file: No such file or directory', 'NO_SERVICE'],
    ['Insufficient buffer', 'PROTOCOL'],
    ['No readers available', 'NO_READER'],
    ['Unknown reader', 'NO_READER'],
    ['Reader unavailable', 'NO_READER'],
    ['No smart card present', 'NO_CARD'],
    ['Operation timed out', 'TIMEOUT'],
    ['Timeout', 'TIMEOUT'],
    ['Protocol mismatch', 'PROTOCOL'],
    ['Something nobody has seen before', 'PROTOCOL'],
  ];
  it.each(table)('%s → %s', (message, kind) => {
    expect(classifyMessage(message)).toBe(kind);
  });

  it('prefers the SCARD code of pcsclite-style messages over the text', () => {
    expect(classifyMessage('SCardTransmit error: Transaction failed.(0x80100016)')).toBe('CARD_REMOVED');
    expect(classifyMessage('SCardGetStatusChange error: RPC transport error.(0x80100013)')).toBe('NO_SERVICE');
    expect(classifyMessage('SCardTransmit error: whatever.(0x80100008)')).toBe('PROTOCOL');
    expect(classifyMessage('SCardConnect error: x.(0x8010002E)')).toBe('NO_READER');
  });
});

describe('classifyError', () => {
  it('wraps an Error with kind, operation prefix and cause', () => {
    const cause = new Error('Card was removed');
    const e = classifyError(cause, 'transmit');
    expect(e).toBeInstanceOf(TransportError);
    expect(e.kind).toBe('CARD_REMOVED');
    expect(e.message).toBe('transmit: Card was removed');
    expect(e.cause).toBe(cause);
  });

  it('passes TransportErrors through unchanged', () => {
    const original = new TransportError('TIMEOUT', 'slow');
    expect(classifyError(original, 'transmit')).toBe(original);
  });

  it('accepts non-Error values', () => {
    expect(classifyError('PC/SC service not running').kind).toBe('NO_SERVICE');
    expect(classifyError(42).kind).toBe('PROTOCOL');
  });
});
