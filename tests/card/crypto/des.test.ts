import { describe, it, expect } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { adjustParity, retailMac, tdesCbc } from '../../../src/card/crypto/des';

// ICAO 9303-11 Appendix D (BAC worked example).
const K_ENC = fromHex('AB94FDECF2674FDFB9B391F85D7F76F2');
const K_MAC = fromHex('7962D9ECE03D1ACD4C76089DCE131543');

describe('3DES / retail MAC', () => {
  it('adjusts parity as in App. D.1', () => {
    expect(hex(adjustParity(fromHex('AB94FCEDF2664EDFB9B291F85D7F77F2')))).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(hex(adjustParity(fromHex('7862D9ECE03C1BCD4D77089DCF131442')))).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });

  it('encrypts S into E_IFD (App. D.3 step 4) and decrypts it back', () => {
    const s = fromHex('781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B');
    const e = tdesCbc(K_ENC, new Uint8Array(8), s, true);
    expect(hex(e)).toBe('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2');
    expect(hex(tdesCbc(K_ENC, new Uint8Array(8), e, false))).toBe(hex(s));
  });

  it('computes M_IFD (App. D.3 step 5) over the padded cryptogram', () => {
    const e = fromHex('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F28000000000000000');
    expect(hex(retailMac(K_MAC, e))).toBe('5F1448EEA8AD90A7');
  });

  it('computes the SM MAC CC of App. D.4 (SELECT EF.COM)', () => {
    const ksMac = fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8');
    const n = fromHex('887022120C06C2270CA4020C800000008709016375432908C044F68000000000');
    expect(hex(retailMac(ksMac, n))).toBe('BF8B92D635FF24F8');
  });

  it('supports three-key 3DES and rejects bad sizes', () => {
    const k24 = fromHex('0123456789ABCDEF23456789ABCDEF01456789ABCDEF0123');
    const data = fromHex('5468652071756663');
    expect(hex(tdesCbc(k24, new Uint8Array(8), tdesCbc(k24, new Uint8Array(8), data, true), false))).toBe(hex(data));
    // K1‖K2‖K1 as 24 bytes must equal the two-key form.
    const k16 = K_ENC;
    const k24from16 = new Uint8Array([...k16, ...k16.subarray(0, 8)]);
    expect(hex(tdesCbc(k24from16, new Uint8Array(8), data, true))).toBe(hex(tdesCbc(k16, new Uint8Array(8), data, true)));
    expect(() => tdesCbc(new Uint8Array(8), new Uint8Array(8), data, true)).toThrow(RangeError);
    expect(() => tdesCbc(k16, new Uint8Array(8), fromHex('0102'), true)).toThrow(RangeError);
    expect(() => retailMac(k16, fromHex('0102'))).toThrow(RangeError);
  });
});
