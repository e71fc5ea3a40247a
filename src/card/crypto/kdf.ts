/**
 * Key derivation for BAC, PACE, Chip Authentication and secure messaging (ICAO 9303-11 §9.7).
 */
import { createHash } from 'node:crypto';
import { adjustParity } from './des';

export type CipherAlg = 'DESede' | 'AES';

function sha(alg: 'sha1' | 'sha256', ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(alg);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/**
 * KDF(K, c) — ICAO 9303-11 §9.7.1: hash K ‖ c (c as 32-bit big-endian counter).
 * 3DES (112-bit) and AES-128 use SHA-1, AES-192/256 use SHA-256; 3DES keys get DES parity bits adjusted
 * (App. D.2 shows the parity-adjusted K_enc/K_mac).
 * counter 1 = K_enc, 2 = K_mac, 3 = K_π (PACE password key).
 */
export function deriveKey(secret: Uint8Array, counter: 1 | 2 | 3, alg: CipherAlg, keyBits: 112 | 128 | 192 | 256): Uint8Array {
  const c = Uint8Array.of(0, 0, 0, counter);
  if (alg === 'DESede') {
    if (keyBits !== 112) throw new RangeError(`KDF: 3DES keys are 112 bits in ICAO 9303, not ${keyBits}`);
    return adjustParity(sha('sha1', secret, c).subarray(0, 16));
  }
  switch (keyBits) {
    case 128:
      return sha('sha1', secret, c).subarray(0, 16);
    case 192:
      return sha('sha256', secret, c).subarray(0, 24);
    case 256:
      return sha('sha256', secret, c);
    default:
      throw new RangeError(`KDF: AES keys are 128/192/256 bits, not ${keyBits}`);
  }
}

function ascii(s: string, what: string): Uint8Array {
  // The password alphabet is MRZ characters / digits only; anything else is a caller bug.
  if (!/^[0-9A-Z<]*$/.test(s)) throw new RangeError(`${what}: characters outside the MRZ alphabet`);
  return new TextEncoder().encode(s);
}

/** K_seed for BAC: first 16 bytes of SHA-1(MRZ information) (ICAO 9303-11 §9.7.2, App. D.2). */
export function bacKeySeed(mrzInfo: string): Uint8Array {
  return sha('sha1', ascii(mrzInfo, 'BAC')).subarray(0, 16);
}

/**
 * PACE password secret f(π) for the MRZ password: SHA-1(MRZ information) (ICAO 9303-11 §9.7.3).
 * K_π is then `deriveKey(secret, 3, alg, keyBits)` — the cipher comes from the PACE OID (see paceKpi()).
 */
export function paceKeyFromMrz(mrzInfo: string): Uint8Array {
  return sha('sha1', ascii(mrzInfo, 'PACE MRZ'));
}

/** PACE password secret f(π) for the CAN: the CAN digits as ASCII bytes (ICAO 9303-11 §9.7.3). */
export function paceKeyFromCan(can: string): Uint8Array {
  if (!/^[0-9]{6}$/.test(can)) throw new RangeError('PACE CAN: expected 6 digits');
  return new TextEncoder().encode(can);
}

/** K_π = KDF(f(π), 3) for the cipher of the chosen PACE OID (ICAO 9303-11 §9.7.3). */
export function paceKpi(passwordSecret: Uint8Array, alg: CipherAlg, keyBits: 112 | 128 | 192 | 256): Uint8Array {
  return deriveKey(passwordSecret, 3, alg, keyBits);
}
