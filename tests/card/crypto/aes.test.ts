import { describe, it, expect } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { aesCbc, aesCmac, aesEcbEncryptBlock } from '../../../src/card/crypto/aes';

const KEY = fromHex('2B7E151628AED2A6ABF7158809CF4F3C');

describe('AES', () => {
  it('CMAC matches RFC 4493 examples 1-4', () => {
    expect(hex(aesCmac(KEY, new Uint8Array(0)))).toBe('BB1D6929E95937287FA37D129B756746');
    expect(hex(aesCmac(KEY, fromHex('6BC1BEE22E409F96E93D7E117393172A')))).toBe('070A16B46B4D4144F79BDD9DD04A287C');
    const m40 = fromHex('6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411');
    expect(hex(aesCmac(KEY, m40))).toBe('DFA66747DE9AE63030CA32611497C827');
    const m64 = fromHex(
      '6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E5130C81C46A35CE411E5FBC1191A0A52EFF69F2445DF4F9B17AD2B417BE66C3710',
    );
    expect(hex(aesCmac(KEY, m64))).toBe('51F0BEBF7E3B9D92FC49741779363CFE');
  });

  it('CBC matches NIST SP 800-38A F.2.1 and decrypts back', () => {
    const iv = fromHex('000102030405060708090A0B0C0D0E0F');
    const pt = fromHex('6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51');
    const ct = aesCbc(KEY, iv, pt, true);
    expect(hex(ct)).toBe('7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B2');
    expect(hex(aesCbc(KEY, iv, ct, false))).toBe(hex(pt));
  });

  it('ECB block encryption matches FIPS-197 C.1', () => {
    const k = fromHex('000102030405060708090A0B0C0D0E0F');
    expect(hex(aesEcbEncryptBlock(k, fromHex('00112233445566778899AABBCCDDEEFF')))).toBe('69C4E0D86A7B0430D8CDB78070B4C55A');
  });

  it('decrypts the App. G.1 encrypted nonce with K_pi and a zero IV', () => {
    const kPi = fromHex('89DED1B26624EC1E634C1989302849DD');
    const z = fromHex('95A3A016522EE98D01E76CB6B98B42C3');
    expect(hex(aesCbc(kPi, new Uint8Array(16), z, false))).toBe('3F00C4D39D153F2B2A214A078D899B22');
  });

  it('rejects bad key, IV and data sizes', () => {
    expect(() => aesCbc(new Uint8Array(15), new Uint8Array(16), new Uint8Array(16), true)).toThrow(RangeError);
    expect(() => aesCbc(KEY, new Uint8Array(8), new Uint8Array(16), true)).toThrow(RangeError);
    expect(() => aesCbc(KEY, new Uint8Array(16), new Uint8Array(15), true)).toThrow(RangeError);
    expect(() => aesCmac(new Uint8Array(10), new Uint8Array(1))).toThrow(RangeError);
  });
});
