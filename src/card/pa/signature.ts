/**
 * Signature verification for Passive Authentication and certificate chains (ICAO 9303-11 §5.1, 9303-12 §4):
 * RSA PKCS#1 v1.5 and RSASSA-PSS through node:crypto (available in Electron's BoringSSL too), ECDSA through
 * @noble/curves for every curve including brainpool and explicit parameters (BoringSSL has no brainpool,
 * environment.md §3.5; pkijs/webcrypto cannot handle explicit parameters, environment.md §5).
 */
import { createHash, createPublicKey, verify as nodeVerify, constants, type KeyObject } from 'node:crypto';
import type * as asn1js from 'asn1js';
import { Asn1Error, children, contentOf, derOf, intOf, isContext, isUniversal, oidOf, parseDer, toHex } from '../asn1/der';
import type { PublicKey } from '../lds/publicKey';
import { OID } from '../oids';
import { CardDataError } from '../asn1/errors';

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface AlgorithmIdentifier {
  oid: string;
  /** DER of the parameters, when present. */
  params?: Uint8Array;
}

const HASH_OIDS: Record<string, HashName> = {
  [OID.SHA1]: 'sha1',
  [OID.SHA224]: 'sha224',
  [OID.SHA256]: 'sha256',
  [OID.SHA384]: 'sha384',
  [OID.SHA512]: 'sha512',
};

type Scheme = 'RSA' | 'RSA-PSS' | 'ECDSA' | 'ECDSA-PLAIN';

/** Signature algorithm OIDs → scheme and hash (RFC 3279, RFC 4055, RFC 5758, BSI TR-03111 §5.2.1 plain ECDSA). */
const SIGNATURE_OIDS: Record<string, { scheme: Scheme; hash?: HashName }> = {
  [OID.SHA1_WITH_RSA]: { scheme: 'RSA', hash: 'sha1' },
  [OID.SHA224_WITH_RSA]: { scheme: 'RSA', hash: 'sha224' },
  [OID.SHA256_WITH_RSA]: { scheme: 'RSA', hash: 'sha256' },
  [OID.SHA384_WITH_RSA]: { scheme: 'RSA', hash: 'sha384' },
  [OID.SHA512_WITH_RSA]: { scheme: 'RSA', hash: 'sha512' },
  // rsaEncryption used as a signature algorithm: the hash comes from the CMS digestAlgorithm.
  [OID.RSA_ENCRYPTION]: { scheme: 'RSA' },
  [OID.RSASSA_PSS]: { scheme: 'RSA-PSS' },
  [OID.ECDSA_WITH_SHA1]: { scheme: 'ECDSA', hash: 'sha1' },
  [OID.ECDSA_WITH_SHA224]: { scheme: 'ECDSA', hash: 'sha224' },
  [OID.ECDSA_WITH_SHA256]: { scheme: 'ECDSA', hash: 'sha256' },
  [OID.ECDSA_WITH_SHA384]: { scheme: 'ECDSA', hash: 'sha384' },
  [OID.ECDSA_WITH_SHA512]: { scheme: 'ECDSA', hash: 'sha512' },
  // id-ecPublicKey as a signature algorithm (seen in SODs): hash from the digestAlgorithm.
  [OID.EC_PUBLIC_KEY]: { scheme: 'ECDSA' },
  [OID.ECDSA_PLAIN_SHA1]: { scheme: 'ECDSA-PLAIN', hash: 'sha1' },
  [OID.ECDSA_PLAIN_SHA224]: { scheme: 'ECDSA-PLAIN', hash: 'sha224' },
  [OID.ECDSA_PLAIN_SHA256]: { scheme: 'ECDSA-PLAIN', hash: 'sha256' },
  [OID.ECDSA_PLAIN_SHA384]: { scheme: 'ECDSA-PLAIN', hash: 'sha384' },
  [OID.ECDSA_PLAIN_SHA512]: { scheme: 'ECDSA-PLAIN', hash: 'sha512' },
};

/** An algorithm or key the verifier does not support, or parameters that make no sense (data from the chip). */
export class SignatureError extends CardDataError {
  override readonly name = 'SignatureError';
}

export function hashFromOid(oid: string): HashName | undefined {
  return HASH_OIDS[oid];
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(hash).update(data).digest());
}

/** Human-readable algorithm name for summaries, e.g. "ecdsa-with-sha256". */
export function describeSignatureAlgorithm(alg: AlgorithmIdentifier): string {
  const s = SIGNATURE_OIDS[alg.oid];
  if (!s) return alg.oid;
  const h = s.scheme === 'RSA-PSS' ? (pssParams(alg.params).hash) : s.hash;
  const scheme = { RSA: 'rsa-pkcs1', 'RSA-PSS': 'rsa-pss', ECDSA: 'ecdsa', 'ECDSA-PLAIN': 'ecdsa-plain' }[s.scheme];
  return h ? `${scheme}-with-${h}` : scheme;
}

/** AlgorithmIdentifier from an asn1js node. */
export function algorithmFromAsn1(node: asn1js.AsnType | undefined, what: string): AlgorithmIdentifier {
  if (!node) throw new Asn1Error(`${what}: missing AlgorithmIdentifier`);
  const f = children(node);
  const oid = oidOf(f[0], what);
  const p = f[1];
  return p && !isUniversal(p, 5) ? { oid, params: derOf(p) } : { oid };
}

/** RFC 4055 §3.1 RSASSA-PSS-params with their defaults (SHA-1, MGF1-SHA-1, salt 20, trailer 1). */
export function pssParams(params: Uint8Array | undefined): { hash: HashName; mgfHash: HashName; saltLength: number } {
  let hash: HashName = 'sha1';
  let mgfHash: HashName = 'sha1';
  let saltLength = 20;
  if (params) {
    for (const el of children(parseDer(params, 'RSASSA-PSS-params'))) {
      const inner = children(el)[0];
      if (isContext(el, 0)) hash = requireHash(algorithmFromAsn1(inner, 'PSS hashAlgorithm').oid);
      else if (isContext(el, 1)) {
        const mgf = algorithmFromAsn1(inner, 'PSS maskGenAlgorithm');
        if (mgf.oid !== OID.MGF1 || !mgf.params) throw new SignatureError(`RSA-PSS: unsupported mask generation ${mgf.oid}`);
        mgfHash = requireHash(algorithmFromAsn1(parseDer(mgf.params, 'MGF1 hash'), 'MGF1 hash').oid);
      } else if (isContext(el, 2)) saltLength = intOf(inner, 'PSS saltLength');
    }
  }
  return { hash, mgfHash, saltLength };
}

function requireHash(oid: string): HashName {
  const h = HASH_OIDS[oid];
  if (!h) throw new SignatureError(`unsupported hash algorithm ${oid}`);
  return h;
}

const keyObjects = new Map<string, KeyObject>();

function rsaKeyObject(spki: Uint8Array): KeyObject {
  const id = toHex(digest('sha256', spki));
  let k = keyObjects.get(id);
  if (!k) {
    k = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    keyObjects.set(id, k);
  }
  return k;
}

/** ECDSA-Sig-Value (X9.62) → fixed-size r‖s, tolerant of non-minimal INTEGER encodings seen on chips. */
function ecdsaDerToCompact(sig: Uint8Array, size: number): Uint8Array | null {
  try {
    const seq = children(parseDer(sig, 'ECDSA signature'));
    if (seq.length !== 2) return null;
    const out = new Uint8Array(size * 2);
    for (let i = 0; i < 2; i++) {
      let v = contentOf(seq[i]!);
      while (v.length > size && v[0] === 0) v = v.subarray(1);
      if (v.length > size) return null;
      out.set(v, (i + 1) * size - v.length);
    }
    return out;
  } catch {
    return null;
  }
}

export interface VerifyRequest {
  algorithm: AlgorithmIdentifier;
  /** Hash to use when the signature OID names none (rsaEncryption, id-ecPublicKey): the CMS digestAlgorithm. */
  fallbackHash?: HashName;
  publicKey: PublicKey;
  data: Uint8Array;
  signature: Uint8Array;
}

/**
 * Verify a signature; false for a wrong signature, SignatureError for an unsupported algorithm/key combination
 * (so callers can tell "forged" from "cannot check").
 */
export function verifySignature(req: VerifyRequest): boolean {
  const s = SIGNATURE_OIDS[req.algorithm.oid];
  if (!s) throw new SignatureError(`unsupported signature algorithm ${req.algorithm.oid}`);
  const key = req.publicKey;
  if (s.scheme === 'RSA' || s.scheme === 'RSA-PSS') {
    if (key.kind !== 'RSA') throw new SignatureError(`RSA signature but the key is ${key.kind}`);
    const ko = rsaKeyObject(key.canonicalSpki);
    if (s.scheme === 'RSA') {
      const hash = s.hash ?? req.fallbackHash;
      if (!hash) throw new SignatureError('RSA signature without a hash algorithm');
      return nodeVerify(hash, req.data, { key: ko, padding: constants.RSA_PKCS1_PADDING }, req.signature);
    }
    const pss = pssParams(req.algorithm.params);
    // node:crypto (OpenSSL/BoringSSL) uses the message hash for MGF1; other combinations are not supported.
    if (pss.mgfHash !== pss.hash) throw new SignatureError('RSA-PSS with an MGF1 hash different from the message hash');
    return nodeVerify(pss.hash, req.data, { key: ko, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, req.signature);
  }
  if (key.kind !== 'EC') throw new SignatureError(`ECDSA signature but the key is ${key.kind}`);
  const hash = s.hash ?? req.fallbackHash;
  if (!hash) throw new SignatureError('ECDSA signature without a hash algorithm');
  const nSize = Math.ceil(key.domain.params.n.toString(16).length / 2);
  const compact = s.scheme === 'ECDSA-PLAIN' ? (req.signature.length === nSize * 2 ? req.signature : null) : ecdsaDerToCompact(req.signature, nSize);
  if (!compact) return false;
  try {
    // prehash:false because the digest is ours; lowS:false because OpenSSL and chips emit high-S (environment.md §3.3).
    return key.domain.ecdsa.verify(compact, digest(hash, req.data), key.point, { prehash: false, lowS: false, format: 'compact' });
  } catch {
    return false;
  }
}
