import { describe, it, expect } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { padIso9797M2, unpadIso9797M2, PaddingError } from '../../../src/card/crypto/padding';

describe('ISO/IEC 9797-1 padding method 2', () => {
  it('pads like ICAO 9303-11 App. D.4 (011E → 011E800000000000)', () => {
    expect(hex(padIso9797M2(fromHex('011E'), 8))).toBe('011E800000000000');
  });

  it('adds a whole block to block-aligned data', () => {
    expect(hex(padIso9797M2(fromHex('0CA4020C'), 4))).toBe('0CA4020C80000000');
    expect(padIso9797M2(new Uint8Array(16), 16)).toHaveLength(32);
    expect(hex(padIso9797M2(new Uint8Array(0), 8))).toBe('8000000000000000');
  });

  it('round-trips and strips only the padding', () => {
    const data = fromHex('0080000080');
    expect(hex(unpadIso9797M2(padIso9797M2(data, 8)))).toBe('0080000080');
  });

  it('throws on missing padding marker', () => {
    expect(() => unpadIso9797M2(fromHex('0102030400000000'))).toThrow(PaddingError);
    expect(() => unpadIso9797M2(new Uint8Array(8))).toThrow(PaddingError);
    expect(() => unpadIso9797M2(fromHex('01020304050607FF'))).toThrow(PaddingError);
  });
});
