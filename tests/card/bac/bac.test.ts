import { describe, it, expect } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { BacError, bacEncryptAndMac, bacSessionSsc, bacVerifyAndDecrypt, deriveBacKeys, xorKeys } from '../../../src/card/bac/bac';

// ICAO 9303-11 App. D.3.
const K_ENC = fromHex('AB94FDECF2674FDFB9B391F85D7F76F2');
const K_MAC = fromHex('7962D9ECE03D1ACD4C76089DCE131543');
const RND_IC = fromHex('4608F91988702212');
const RND_IFD = fromHex('781723860C06C226');
const K_IFD = fromHex('0B795240CB7049B01C19B33E32804F0B');
const K_IC = fromHex('0B4F80323EB3191CB04970CB4052790B');
const CMD_DATA = '72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7';
const RESP_DATA = '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449';

describe('BAC pure parts — ICAO 9303-11 App. D', () => {
  it('derives the document basic access keys from K_seed (D.2)', () => {
    const k = deriveBacKeys(fromHex('239AB9CB282DAF66231DC5A4DF6BFBAE'));
    expect(hex(k.kEnc)).toBe(hex(K_ENC));
    expect(hex(k.kMac)).toBe(hex(K_MAC));
  });

  it('builds E_IFD ‖ M_IFD (D.3 steps 3-6)', () => {
    expect(hex(bacEncryptAndMac(K_ENC, K_MAC, new Uint8Array([...RND_IFD, ...RND_IC, ...K_IFD])))).toBe(CMD_DATA);
  });

  it('builds the chip answer E_IC ‖ M_IC (chip steps 6-9)', () => {
    expect(hex(bacEncryptAndMac(K_ENC, K_MAC, new Uint8Array([...RND_IC, ...RND_IFD, ...K_IC])))).toBe(RESP_DATA);
  });

  it('verifies and decrypts the chip answer, then derives session keys and SSC', () => {
    const r = bacVerifyAndDecrypt(K_ENC, K_MAC, fromHex(RESP_DATA));
    expect(hex(r)).toBe('4608F91988702212781723860C06C2260B4F80323EB3191CB04970CB4052790B');
    const seed = xorKeys(K_IFD, r.subarray(16));
    expect(hex(seed)).toBe('0036D272F5C350ACAC50C3F572D23600');
    const s = deriveBacKeys(seed);
    expect(hex(s.kEnc)).toBe('979EC13B1CBFE9DCD01AB0FED307EAE5');
    expect(hex(s.kMac)).toBe('F1CB1F1FB5ADF208806B89DC579DC1F8');
    expect(hex(bacSessionSsc(RND_IC, RND_IFD))).toBe('887022120C06C226');
  });

  it('refuses a cryptogram with a wrong MAC or length', () => {
    const bad = fromHex(RESP_DATA);
    bad[5]! ^= 0x80;
    expect(() => bacVerifyAndDecrypt(K_ENC, K_MAC, bad)).toThrow(BacError);
    expect(() => bacVerifyAndDecrypt(K_ENC, K_MAC, fromHex(RESP_DATA).subarray(0, 39))).toThrow(BacError);
    // Wrong key (e.g. the wrong MRZ): the MAC fails.
    expect(() => bacVerifyAndDecrypt(K_ENC, K_ENC, fromHex(RESP_DATA))).toThrow(BacError);
  });
});
