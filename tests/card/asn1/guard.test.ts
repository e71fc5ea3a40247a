/**
 * asn1js recurses once per nesting level and builds strings with String.fromCharCode.apply, so a deep or huge
 * input overflows the JS stack inside the library. parseDer checks depth, element sizes and node count first.
 */
import { describe, expect, it } from 'vitest';
import { encode } from '../../../src/card/asn1/tlv';
import { Asn1Error, parseDer } from '../../../src/card/asn1/der';

function nested(depth: number): Uint8Array {
  let x: Uint8Array = new Uint8Array();
  for (let i = 0; i < depth; i++) x = encode(0x30, x);
  return x;
}

describe('parseDer guards asn1js', () => {
  it('refuses a 125,000-byte PrintableString with a typed error (asn1js would overflow the stack)', () => {
    expect(() => parseDer(encode(0x13, new Uint8Array(125_000).fill(0x41)), 'test string')).toThrow(Asn1Error);
    expect(() => parseDer(encode(0x13, new Uint8Array(125_000).fill(0x41)), 'test string')).toThrow(/test string: 125000-byte element with universal tag 19/);
  });

  it('refuses nesting deeper than the limit and accepts a normal depth', () => {
    expect(() => parseDer(nested(5000), 'deep')).toThrow(/nest/i);
    expect(() => parseDer(nested(20), 'normal')).not.toThrow();
  });

  it('refuses an OBJECT IDENTIFIER longer than any real one (asn1js decodes those slowly)', () => {
    expect(() => parseDer(encode(0x06, new Uint8Array(20_000).fill(0x2a)), 'oid')).toThrow(Asn1Error);
  });

  it('turns an exception thrown inside asn1js (GeneralizedTime "0") into an Asn1Error', () => {
    expect(() => parseDer(Uint8Array.of(0x18, 0x01, 0x30), 'time')).toThrow(Asn1Error);
  });

  it('still decodes ordinary DER', () => {
    const der = encode(0x30, [encode(0x02, Uint8Array.of(5)), encode(0x13, new TextEncoder().encode('VN'))]);
    expect(parseDer(der, 'ok').idBlock.tagNumber).toBe(16);
  });
});
