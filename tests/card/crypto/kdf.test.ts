import { describe, it, expect } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { bacKeySeed, deriveKey, paceKeyFromCan, paceKeyFromMrz, paceKpi } from '../../../src/card/crypto/kdf';
import { mrzInformation } from '../../../src/card/reader/mrzKey';

describe('ICAO 9303-11 §9.7 key derivation', () => {
  it('App. D.1: K_enc and K_mac from K_seed (parity adjusted)', () => {
    const seed = fromHex('239AB9CB282DAF66231DC5A4DF6BFBAE');
    expect(hex(deriveKey(seed, 1, 'DESede', 112))).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(hex(deriveKey(seed, 2, 'DESede', 112))).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });

  it('App. D.2: MRZ information and K_seed', () => {
    expect(mrzInformation('L898902C', '690806', '940623')).toBe('L898902C<369080619406236');
    // Document number longer than 9 characters (D.2 TD1/TD2 examples).
    expect(mrzInformation('D23145890734', '340712', '950712')).toBe('D23145890734934071279507122');
    expect(hex(bacKeySeed('L898902C<369080619406236'))).toBe('239AB9CB282DAF66231DC5A4DF6BFBAE');
  });

  it('App. D.3: session keys from K_IFD xor K_IC', () => {
    const seed = fromHex('0036D272F5C350ACAC50C3F572D23600');
    expect(hex(deriveKey(seed, 1, 'DESede', 112))).toBe('979EC13B1CBFE9DCD01AB0FED307EAE5');
    expect(hex(deriveKey(seed, 2, 'DESede', 112))).toBe('F1CB1F1FB5ADF208806B89DC579DC1F8');
  });

  it('App. G: K = SHA-1(MRZ information) and K_pi for AES-128', () => {
    const k = paceKeyFromMrz('T22000129364081251010318');
    expect(hex(k)).toBe('7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD');
    expect(hex(paceKpi(k, 'AES', 128))).toBe('89DED1B26624EC1E634C1989302849DD');
    expect(hex(deriveKey(k, 3, 'AES', 128))).toBe('89DED1B26624EC1E634C1989302849DD');
  });

  it('App. G.1: session keys from the shared secret', () => {
    const k = fromHex('28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925');
    expect(hex(deriveKey(k, 1, 'AES', 128))).toBe('F5F0E35C0D7161EE6724EE513A0D9A7F');
    expect(hex(deriveKey(k, 2, 'AES', 128))).toBe('FE251C7858B356B24514B3BD5F4297D1');
  });

  it('uses SHA-256 for AES-192/256 (§9.7.1.2)', () => {
    const k = fromHex('0102');
    const k256 = deriveKey(k, 1, 'AES', 256);
    expect(k256).toHaveLength(32);
    expect(hex(deriveKey(k, 1, 'AES', 192))).toBe(hex(k256.subarray(0, 24)));
    expect(hex(deriveKey(k, 1, 'AES', 128))).not.toBe(hex(k256.subarray(0, 16)));
  });

  it('CAN password is its ASCII digits; malformed passwords are refused', () => {
    expect(hex(paceKeyFromCan('123456'))).toBe('313233343536');
    expect(() => paceKeyFromCan('12345')).toThrow(RangeError);
    expect(() => paceKeyFromCan('12a456')).toThrow(RangeError);
    expect(() => bacKeySeed('l898902c<369080619406236')).toThrow(RangeError);
    expect(() => deriveKey(new Uint8Array(1), 1, 'DESede', 128)).toThrow(RangeError);
  });
});
