import { describe, it, expect } from 'vitest';
import { bigintOf, bitStringOf, bytesEqual, children, contentOf, octetsOf, oidOf, parseDer, toHex, unsignedBytesOf } from '../../../src/card/asn1/der';

const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe('DER helpers', () => {
  it('decodes OIDs, INTEGERs, OCTET and BIT STRINGs', () => {
    // SEQUENCE { OID 1.2.840.10045.2.1, INTEGER 0x00FF, OCTET STRING 0102, BIT STRING 00 AB }
    const seq = parseDer(hex('3015' + '06072a8648ce3d0201' + '020200ff' + '04020102' + '030200ab'), 'test');
    const [o, i, s, b] = children(seq);
    expect(oidOf(o, 'oid')).toBe('1.2.840.10045.2.1');
    expect(bigintOf(i, 'int')).toBe(255n);
    expect(unsignedBytesOf(i, 'int')).toEqual(hex('ff'));
    expect(octetsOf(s, 'octets')).toEqual(hex('0102'));
    expect(bitStringOf(b, 'bits')).toEqual(hex('ab'));
    expect(contentOf(s!)).toEqual(hex('0102'));
  });

  it('keeps OCTET STRING content that itself looks like DER', () => {
    const node = parseDer(hex('04053003020101'), 'nested');
    expect(octetsOf(node, 'x')).toEqual(hex('3003020101'));
  });

  it('reports malformed input and trailing bytes with the caller context', () => {
    expect(() => parseDer(hex('3005020101'), 'Widget')).toThrow(/Widget: malformed DER/);
    expect(() => parseDer(hex('05000000'), 'Widget')).toThrow(/Widget: 2 trailing bytes/);
    expect(() => oidOf(undefined, 'Thing')).toThrow(/Thing: expected an OBJECT IDENTIFIER/);
  });

  it('hex and constant-time equality', () => {
    expect(toHex(hex('0aff'))).toBe('0AFF');
    expect(bytesEqual(hex('0102'), hex('0102'))).toBe(true);
    expect(bytesEqual(hex('0102'), hex('0103'))).toBe(false);
    expect(bytesEqual(hex('01'), hex('0102'))).toBe(false);
  });
});
