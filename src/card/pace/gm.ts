/**
 * PACE with Generic Mapping, ECDH (ICAO 9303-11 §4.4.3.3.1, §4.4.3.4) — the pure maths, shared by the reader-side
 * protocol (performPace) and the simulated chip.
 * Point maths uses @noble/curves: node:crypto ECDH cannot add points or use a mapped generator (environment.md §3.3).
 */
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js';
import { aesCbc, aesCmac } from '../crypto/aes';
import { retailMac, tdesCbc } from '../crypto/des';
import { bigIntToBytes, bytesToBigInt, type NamedCurve } from '../crypto/ec';
import type { CipherAlg } from '../crypto/kdf';
import { padIso9797M2 } from '../crypto/padding';
import { encode } from '../asn1/tlv';
import { oidToBytes, paceOidInfo as lookupPaceOid, type Mapping } from './oids';

export type EcPoint = WeierstrassPoint<bigint>;

/**
 * The nonce is encrypted with K_π in CBC mode with IV zero (ICAO 9303-11 §4.4.3.3: z = E(K_π, s);
 * App. G.1 / H.1 decrypt the 16-byte z with a zero IV).
 */
export function decryptNonce(alg: CipherAlg, kPi: Uint8Array, z: Uint8Array): Uint8Array {
  return alg === 'AES' ? aesCbc(kPi, new Uint8Array(16), z, false) : tdesCbc(kPi, new Uint8Array(8), z, false);
}

export function encryptNonce(alg: CipherAlg, kPi: Uint8Array, s: Uint8Array): Uint8Array {
  return alg === 'AES' ? aesCbc(kPi, new Uint8Array(16), s, true) : tdesCbc(kPi, new Uint8Array(8), s, true);
}

/** Decode and validate an uncompressed public point (ICAO 9303-11 §9.4.4 DO'86'); rejects off-curve/identity points. */
export function decodePoint(curve: NamedCurve, bytes: Uint8Array): EcPoint {
  let p: EcPoint;
  try {
    p = curve.ecdsa.Point.fromBytes(bytes);
    p.assertValidity();
  } catch (e) {
    throw new RangeError(`EC: invalid public point on ${curve.name} (${(e as Error).message})`);
  }
  if (p.is0()) throw new RangeError(`EC: public point is the identity on ${curve.name}`);
  return p;
}

/** Uncompressed SEC1 encoding 04‖x‖y. */
export function encodePoint(p: EcPoint): Uint8Array {
  return Uint8Array.from(p.toBytes(false));
}

/** Public point k·G for a private scalar on the given generator (defaults to the curve generator). */
export function publicPoint(curve: NamedCurve, privateKey: bigint, generator?: EcPoint): EcPoint {
  return (generator ?? curve.ecdsa.Point.BASE).multiply(privateKey);
}

/** Shared point k·P; the peer point must already be validated (decodePoint). */
export function sharedPoint(privateKey: bigint, peer: EcPoint): EcPoint {
  const h = peer.multiply(privateKey);
  if (h.is0()) throw new RangeError('EC: shared point is the identity');
  return h;
}

/** Shared secret for session keys: the x-coordinate of k·P, fixed length (ICAO 9303-11 §9.6, BSI TR-03111 ECKA). */
export function sharedSecretX(curve: NamedCurve, privateKey: bigint, peer: EcPoint): Uint8Array {
  return bigIntToBytes(sharedPoint(privateKey, peer).x, curve.size);
}

/** Generic Mapping: G~ = s·G + H (ICAO 9303-11 §4.4.3.3.1). */
export function mapGenerator(curve: NamedCurve, s: Uint8Array, h: EcPoint): EcPoint {
  const n = curve.ecdsa.Point.CURVE().n;
  const sv = bytesToBigInt(s) % n;
  if (sv === 0n) throw new RangeError('PACE-GM: nonce reduces to zero');
  const g = curve.ecdsa.Point.BASE.multiply(sv).add(h);
  if (g.is0()) throw new RangeError('PACE-GM: mapped generator is the identity');
  return g;
}

/** A random private scalar in [1, n-1] from the given RNG (rejection sampling, no modulo bias). */
export function randomScalar(curve: NamedCurve, rng: (n: number) => Uint8Array): bigint {
  const n = curve.ecdsa.Point.CURVE().n;
  for (;;) {
    const k = bytesToBigInt(rng(curve.size));
    if (k > 0n && k < n) return k;
  }
}

/**
 * Authentication token T = MAC(K_MAC, 7F49{06 OID, 86 point}) (ICAO 9303-11 §4.4.3.4, §9.4.4): AES-CMAC truncated to
 * 8 bytes over the unpadded input (App. G.1), or the 3DES retail MAC over the method-2 padded input.
 */
export function authenticationToken(alg: CipherAlg, kMac: Uint8Array, oid: string, publicPointBytes: Uint8Array): Uint8Array {
  const input = encode(0x7f49, [encode(0x06, oidToBytes(oid)), encode(0x86, publicPointBytes)]);
  return alg === 'AES' ? aesCmac(kMac, input).subarray(0, 8) : retailMac(kMac, padIso9797M2(input, 8));
}

/** Cipher, key size and mapping for a PACE OID. */
export function paceOidInfo(oid: string): { alg: CipherAlg; keyBits: 112 | 128 | 192 | 256; mapping: Mapping; agreement: 'DH' | 'ECDH' } {
  const i = lookupPaceOid(oid);
  return { alg: i.alg, keyBits: i.keyBits, mapping: i.mapping, agreement: i.agreement };
}
