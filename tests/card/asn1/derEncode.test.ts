import { describe, expect, it } from 'vitest';
import { bytesFromHex, derInteger, derOid, derPrintable, derUnsignedInteger, derUtf8 } from '../../../src/card/asn1/derEncode';

const hex = (u: Uint8Array) => Buffer.from(u).toString('hex');

describe('DER helpers (X.690)', () => {
  it('encodes minimal positive INTEGERs', () => {
    expect(hex(derInteger(0))).toBe('020100');
    expect(hex(derInteger(13))).toBe('02010d');
    expect(hex(derInteger(128))).toBe('02020080');
    expect(hex(derUnsignedInteger(Uint8Array.of(0, 0, 0x7f)))).toBe('02017f');
    expect(hex(derUnsignedInteger(Uint8Array.of(0xff)))).toBe('020200ff');
  });

  it('encodes the DG13 OID and strings', () => {
    expect(hex(derOid('1.0.10646.1.0.8'))).toBe('060628d316010008');
    expect(hex(derUtf8('Nữ'))).toBe('0c044ee1bbaf');
    expect(hex(derPrintable('15/08/1957'))).toBe('130a31352f30382f31393537');
    expect(() => derPrintable('Nữ')).toThrow(/PrintableString/);
  });

  it('uses long-form lengths past 127 bytes', () => {
    expect(hex(derUtf8('a'.repeat(200)).subarray(0, 3))).toBe('0c81c8');
    expect(() => bytesFromHex('abc')).toThrow();
  });
});
