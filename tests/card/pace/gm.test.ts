import { describe, it, expect } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { bigIntToBytes, bytesToBigInt, curveByName } from '../../../src/card/crypto/ec';
import { deriveKey } from '../../../src/card/crypto/kdf';
import {
  authenticationToken,
  decodePoint,
  decryptNonce,
  encodePoint,
  encryptNonce,
  mapGenerator,
  paceOidInfo,
  publicPoint,
  sharedPoint,
  sharedSecretX,
} from '../../../src/card/pace/gm';

// ICAO 9303-11 App. G.1 (ECDH generic mapping, brainpoolP256r1, AES-128).
const BP256 = curveByName('brainpoolP256r1');
const OID = '0.4.0.127.0.7.2.2.4.2.2';
const K_PI = fromHex('89DED1B26624EC1E634C1989302849DD');
const S = '3F00C4D39D153F2B2A214A078D899B22';
const Z = '95A3A016522EE98D01E76CB6B98B42C3';
const SK_PCD_MAP = BigInt('0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99');
const PK_PCD_MAP = '047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D';
const SK_IC_MAP = BigInt('0x498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560');
const PK_IC_MAP = '04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54';
const H = '0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD50840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181';
const G_MAPPED = '048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E28C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522';
const SK_PCD = BigInt('0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595');
const PK_PCD = '042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462';
const SK_IC = BigInt('0x107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A');
const PK_IC = '049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094';
const K = '28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925';
const KS_MAC = fromHex('FE251C7858B356B24514B3BD5F4297D1');

describe('PACE-GM maths — ICAO 9303-11 App. G.1', () => {
  it('decrypts and re-encrypts the nonce with K_pi', () => {
    expect(hex(decryptNonce('AES', K_PI, fromHex(Z)))).toBe(S);
    expect(hex(encryptNonce('AES', K_PI, fromHex(S)))).toBe(Z);
  });

  it('computes both mapping public keys and the shared point H from either side', () => {
    expect(hex(encodePoint(publicPoint(BP256, SK_PCD_MAP)))).toBe(PK_PCD_MAP);
    expect(hex(encodePoint(publicPoint(BP256, SK_IC_MAP)))).toBe(PK_IC_MAP);
    expect(hex(encodePoint(sharedPoint(SK_PCD_MAP, decodePoint(BP256, fromHex(PK_IC_MAP)))))).toBe(H);
    expect(hex(encodePoint(sharedPoint(SK_IC_MAP, decodePoint(BP256, fromHex(PK_PCD_MAP)))))).toBe(H);
  });

  it('maps the generator G~ = s·G + H', () => {
    const g = mapGenerator(BP256, fromHex(S), decodePoint(BP256, fromHex(H)));
    expect(hex(encodePoint(g))).toBe(G_MAPPED);
  });

  it('derives ephemeral keys on G~, the shared secret and the session keys', () => {
    const g = decodePoint(BP256, fromHex(G_MAPPED));
    expect(hex(encodePoint(publicPoint(BP256, SK_PCD, g)))).toBe(PK_PCD);
    expect(hex(encodePoint(publicPoint(BP256, SK_IC, g)))).toBe(PK_IC);
    const k = sharedSecretX(BP256, SK_PCD, decodePoint(BP256, fromHex(PK_IC)));
    expect(hex(k)).toBe(K);
    expect(hex(sharedSecretX(BP256, SK_IC, decodePoint(BP256, fromHex(PK_PCD))))).toBe(K);
    expect(hex(deriveKey(k, 1, 'AES', 128))).toBe('F5F0E35C0D7161EE6724EE513A0D9A7F');
    expect(hex(deriveKey(k, 2, 'AES', 128))).toBe(hex(KS_MAC));
  });

  it('computes T_IFD and T_IC', () => {
    expect(hex(authenticationToken('AES', KS_MAC, OID, fromHex(PK_IC)))).toBe('C2B0BD78D94BA866');
    expect(hex(authenticationToken('AES', KS_MAC, OID, fromHex(PK_PCD)))).toBe('3ABB9674BCE93C08');
  });

  it('computes the App. H.1 tokens (ECDH-IM OID) with the same token function', () => {
    const kMac = fromHex('B01E89E3D9E8719E586B50B4A7506E0B');
    const pkIc = fromHex('0467F78E5F7F7686082B293E8D087E056916D0F74BC01A5F8957D0DE45691E51E8932B69A962B52A0985AD2C0A271EE6A13A8ADDDCD1A3A994B9DED257F4D22753');
    const pkIfd = fromHex('0489CBA23FFE96AA18D824627C3E934E54A9FD0B87A95D1471DC1C0ABFDCD640D46755DE9B7B778280B6BEBD57439ADFEB0E21FD4ED6DF42578C13418A59B34C37');
    expect(hex(authenticationToken('AES', kMac, '0.4.0.127.0.7.2.2.4.4.2', pkIc))).toBe('450F02B86F6A0909');
    expect(hex(authenticationToken('AES', kMac, '0.4.0.127.0.7.2.2.4.4.2', pkIfd))).toBe('75D4D96E8D5B0308');
  });

  it('3DES tokens are 8-byte retail MACs that depend on key and point', () => {
    const kMac = fromHex('7962D9ECE03D1ACD4C76089DCE131543');
    const t = authenticationToken('DESede', kMac, '0.4.0.127.0.7.2.2.4.2.1', fromHex(PK_IC));
    expect(t).toHaveLength(8);
    expect(hex(t)).not.toBe(hex(authenticationToken('DESede', kMac, '0.4.0.127.0.7.2.2.4.2.1', fromHex(PK_PCD))));
    expect(hex(encryptNonce('DESede', kMac, decryptNonce('DESede', kMac, fromHex('0102030405060708'))))).toBe('0102030405060708');
  });

  it('rejects invalid points and reports OID parameters', () => {
    const off = fromHex(PK_IC);
    off[64]! ^= 1;
    expect(() => decodePoint(BP256, off)).toThrow(RangeError);
    expect(paceOidInfo(OID)).toEqual({ alg: 'AES', keyBits: 128, mapping: 'GM', agreement: 'ECDH' });
    expect(paceOidInfo('0.4.0.127.0.7.2.2.4.2.1')).toMatchObject({ alg: 'DESede', keyBits: 112 });
    expect(paceOidInfo('0.4.0.127.0.7.2.2.4.2.4')).toMatchObject({ alg: 'AES', keyBits: 256 });
    expect(() => paceOidInfo('0.4.0.127.0.7.2.2.4.9.9')).toThrow(RangeError);
    expect(bytesToBigInt(bigIntToBytes(SK_IC, 32))).toBe(SK_IC);
  });
});
