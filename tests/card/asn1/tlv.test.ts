import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { concat, decodeAll, decodeOne, encode, encodeLength, encodeTag, find, isConstructed, readHeader, require_, TlvError, unsignedBytes, unsignedValue } from '../../../src/card/asn1/tlv';

describe('TLV (ISO/IEC 7816-4 §5.2, X.690 §8.1)', () => {
  it('encodes short and long definite lengths and multi-byte tags', () => {
    expect(hex(encodeLength(0x7f))).toBe('7F');
    expect(hex(encodeLength(0x80))).toBe('8180');
    expect(hex(encodeLength(0x1234))).toBe('821234');
    expect(hex(encodeLength(0x123456))).toBe('83123456');
    expect(hex(encodeTag(0x5f1f))).toBe('5F1F');
    expect(hex(encode(0x5f1f, fromHex('AABB')))).toBe('5F1F02AABB');
    expect(hex(encode(0x7c, [encode(0x80, fromHex('01')), encode(0x81, fromHex('02'))]))).toBe('7C06800101810102');
  });

  it('decodes what it encodes, with offsets and header lengths, including 300-byte values', () => {
    const big = new Uint8Array(300).fill(7);
    const file = concat(encode(0x61, encode(0x5f1f, big)), encode(0x02, fromHex('01')));
    const [first, second] = decodeAll(file);
    expect(first).toMatchObject({ tag: 0x61, offset: 0, headerLength: 4, length: 4 + 5 + 300 });
    expect(decodeOne(first!.value)).toMatchObject({ tag: 0x5f1f, headerLength: 5 });
    expect(second).toMatchObject({ tag: 0x02, offset: first!.length });
    expect(readHeader(file)).toEqual({ tag: 0x61, valueLength: 305, headerLength: 4 });
    expect(isConstructed(0x61)).toBe(true);
    expect(isConstructed(0x5f1f)).toBe(false);
    expect(isConstructed(0x7f61)).toBe(true);
  });

  it('skips 00/FF padding between objects', () => {
    expect(decodeAll(fromHex('00800101FFFF810102')).map((t) => t.tag)).toEqual([0x80, 0x81]);
  });

  it('rejects truncated tags, lengths and values with a TlvError', () => {
    expect(() => decodeOne(fromHex('5F'))).toThrow(TlvError);
    expect(() => decodeOne(fromHex('8082'))).toThrow(/truncated length/);
    expect(() => decodeOne(fromHex('800301'))).toThrow(/runs past the end/);
    expect(() => decodeOne(fromHex('8085'))).toThrow(/unsupported length form/);
  });

  it('finds children by tag and names a missing one', () => {
    const v = concat(encode(0x80, fromHex('01')), encode(0x83, fromHex('02')));
    expect(hex(find(v, 0x83)!.value)).toBe('02');
    expect(find(v, 0x84)).toBeUndefined();
    expect(() => require_(v, 0x84, 'parameter id')).toThrow('TLV: missing parameter id (tag 0x84)');
  });

  it('converts small unsigned integers to minimal big-endian bytes and back', () => {
    expect(hex(unsignedBytes(0))).toBe('00');
    expect(hex(unsignedBytes(13))).toBe('0D');
    expect(hex(unsignedBytes(0x1234))).toBe('1234');
    expect(hex(unsignedBytes(0x01000000))).toBe('01000000');
    expect(unsignedValue(fromHex('0D'))).toBe(13);
    expect(unsignedValue(fromHex('01000000'))).toBe(0x01000000);
    expect(unsignedValue(new Uint8Array(0))).toBe(0);
    for (const n of [0, 1, 255, 256, 65535, 2 ** 32 + 5]) expect(unsignedValue(unsignedBytes(n))).toBe(n);
  });
});
