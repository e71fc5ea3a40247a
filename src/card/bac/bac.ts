/**
 * Basic Access Control — the pure parts shared by the reader (performBac) and the simulated chip
 * (ICAO 9303-11 §4.3, §9.7.2, App. D).
 */
import { retailMac, tdesCbc } from '../crypto/des';
import { deriveKey } from '../crypto/kdf';
import { padIso9797M2 } from '../crypto/padding';

export class BacError extends Error {
  override readonly name = 'BacError';
}

/** K_enc / K_mac (document basic access keys, or session keys from K_seed = K.IFD ⊕ K.IC) — §9.7.2/§9.7.4. */
export function deriveBacKeys(seed: Uint8Array): { kEnc: Uint8Array; kMac: Uint8Array } {
  return { kEnc: deriveKey(seed, 1, 'DESede', 112), kMac: deriveKey(seed, 2, 'DESede', 112) };
}

/** E = 3DES-CBC(K_enc, IV 0, data) and M = retail MAC(K_mac, pad(E)); returns E ‖ M (§4.3.3). */
export function bacEncryptAndMac(kEnc: Uint8Array, kMac: Uint8Array, data: Uint8Array): Uint8Array {
  const e = tdesCbc(kEnc, new Uint8Array(8), data, true);
  const m = retailMac(kMac, padIso9797M2(e, 8));
  const out = new Uint8Array(e.length + 8);
  out.set(e, 0);
  out.set(m, e.length);
  return out;
}

/** Verify M over E, then decrypt E (32 bytes). Throws BacError on a wrong MAC (wrong key or tampering). */
export function bacVerifyAndDecrypt(kEnc: Uint8Array, kMac: Uint8Array, cryptogram: Uint8Array): Uint8Array {
  if (cryptogram.length !== 40) throw new BacError(`BAC: cryptogram must be 40 bytes, got ${cryptogram.length}`);
  const e = cryptogram.subarray(0, 32);
  const m = cryptogram.subarray(32);
  const expected = retailMac(kMac, padIso9797M2(e, 8));
  let diff = 0;
  for (let i = 0; i < 8; i++) diff |= expected[i]! ^ m[i]!;
  if (diff !== 0) throw new BacError('BAC: MAC of the authentication cryptogram is wrong');
  return tdesCbc(kEnc, new Uint8Array(8), e, false);
}

/** SSC = the 4 least significant bytes of RND.IC ‖ the 4 least significant bytes of RND.IFD (§9.8.6.3). */
export function bacSessionSsc(rndIcc: Uint8Array, rndIfd: Uint8Array): Uint8Array {
  if (rndIcc.length !== 8 || rndIfd.length !== 8) throw new BacError('BAC: RND.IC and RND.IFD must be 8 bytes');
  const out = new Uint8Array(8);
  out.set(rndIcc.subarray(4, 8), 0);
  out.set(rndIfd.subarray(4, 8), 4);
  return out;
}

/** Session key seed K_seed = K.IFD ⊕ K.IC (§4.3.3.1 step 4 / §9.7.4). */
export function xorKeys(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new BacError('BAC: key halves differ in length');
  return a.map((x, i) => x ^ b[i]!);
}
