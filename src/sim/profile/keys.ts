/**
 * Key material for simulated cards and the test PKI.
 * EC keys are derived deterministically from a seed string (reproducible CSCA/DS certificates and DG14/DG15 across
 * processes). RSA keys cannot be seeded with node:crypto, so they are generated once per process and, when the caller
 * gives a folder, cached there as PKCS#8 PEM so the same trust anchor survives restarts.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha512 } from '@noble/hashes/sha2.js';
import { bigIntToBytes, bytesToBigInt, curveByName, type CurveName } from '../../card/crypto/ec';
import { derAlgorithm, derBitString, derInteger, derOctetString, derOid, derSequence, derUnsignedInteger } from '../../card/asn1/derEncode';
import { OID } from '../../card/oids';

export interface EcKeyPair {
  curve: CurveName;
  privateKey: Uint8Array;
  /** Uncompressed point 04‖X‖Y. */
  publicKey: Uint8Array;
}

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 DER of the private key. */
  pkcs8: Uint8Array;
  /** SubjectPublicKeyInfo DER (rsaEncryption, NULL parameters). */
  spki: Uint8Array;
}

/** Private scalar in [1, n-1] from SHA-512(label): 512 bits reduce to 256-bit n with negligible bias. */
export function deriveEcKey(curve: CurveName, label: string): EcKeyPair {
  const c = curveByName(curve);
  const n = c.ecdsa.Point.CURVE().n;
  const d = (bytesToBigInt(sha512(new TextEncoder().encode(`motcua-sim-key|${curve}|${label}`))) % (n - 1n)) + 1n;
  const privateKey = bigIntToBytes(d, c.size);
  return { curve, privateKey, publicKey: c.ecdsa.getPublicKey(privateKey, false) };
}

/** SPKI with a named curve (RFC 5480) — used for certificates. */
export function ecSpkiNamed(key: Pick<EcKeyPair, 'curve' | 'publicKey'>): Uint8Array {
  return derSequence(derAlgorithm(OID.EC_PUBLIC_KEY, derOid(curveByName(key.curve).oid)), derBitString(key.publicKey));
}

/**
 * X9.62 ECParameters with explicit domain parameters (SEC 1 §C.2: version 1, prime field, curve a/b, G, n, h),
 * as most chips carry them in DG14 (cccd.md §6, environment.md §5).
 */
export function explicitEcParameters(curve: CurveName): Uint8Array {
  const c = curveByName(curve);
  const k = c.ecdsa.Point.CURVE();
  const G = c.ecdsa.Point.BASE.toBytes(false);
  return derSequence(
    derInteger(1),
    derSequence(derOid(OID.PRIME_FIELD), derUnsignedInteger(bigIntToBytes(k.p, c.size))),
    derSequence(derOctetString(bigIntToBytes(k.a, c.size)), derOctetString(bigIntToBytes(k.b, c.size))),
    derOctetString(G),
    derUnsignedInteger(bigIntToBytes(k.n, c.size)),
    derInteger(k.h),
  );
}

export function ecSpkiExplicit(key: Pick<EcKeyPair, 'curve' | 'publicKey'>): Uint8Array {
  return derSequence(derAlgorithm(OID.EC_PUBLIC_KEY, explicitEcParameters(key.curve)), derBitString(key.publicKey));
}

const rsaCache = new Map<string, RsaKeyPair>();

function rsaFromPrivate(privateKey: KeyObject): RsaKeyPair {
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    pkcs8: new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' })),
    spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })),
  };
}

/**
 * RSA-2048 key for `label`: process cache → `<keyDir>/<label>.pem` → new key (written to keyDir when given).
 * Labels are internal names such as "pki-rsa2048-csca"; never personal data.
 */
export function rsaKey(label: string, keyDir?: string): RsaKeyPair {
  const cacheKey = `${keyDir ?? ''}|${label}`;
  const hit = rsaCache.get(cacheKey);
  if (hit) return hit;
  if (!/^[A-Za-z0-9._-]+$/.test(label)) throw new Error(`keys: unsafe key label ${label}`);
  let pair: RsaKeyPair;
  const file = keyDir ? join(keyDir, `${label}.pem`) : undefined;
  if (file && existsSync(file)) {
    pair = rsaFromPrivate(createPrivateKey(readFileSync(file, 'utf8')));
  } else {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
    pair = rsaFromPrivate(privateKey);
    if (file && keyDir) {
      mkdirSync(keyDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
      renameSync(tmp, file); // atomic: a concurrent builder never reads half a key
    }
  }
  rsaCache.set(cacheKey, pair);
  return pair;
}
