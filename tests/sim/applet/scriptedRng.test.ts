import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { scriptedRng } from '../../../src/sim/applet/scriptedRng';

describe('scriptedRng', () => {
  it('hands out the scripted chunks in order and refuses a length mismatch', () => {
    const rng = scriptedRng([fromHex('0102'), fromHex('030405')]);
    expect(hex(rng(2))).toBe('0102');
    expect(() => rng(2)).toThrow(/3 bytes/);
    expect(hex(rng(3))).toBe('030405');
    expect(() => rng(1)).toThrow(/all 2 scripted chunks/);
  });

  it('continues with the fallback when given one', () => {
    const rng = scriptedRng([fromHex('AA')], (n) => new Uint8Array(n).fill(7));
    expect(hex(rng(1))).toBe('AA');
    expect(hex(rng(2))).toBe('0707');
  });
});
