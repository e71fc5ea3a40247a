/**
 * SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) decoding for certificates, DG14 and DG15, including EC keys with
 * explicit domain parameters (X9.62 / RFC 3279 §2.3.5 ECParameters) as used by many CSCAs and chips
 * (cccd.md §6, environment.md §5). Explicit parameters are mapped to a registry curve when they match one;
 * otherwise a noble curve is built from the parameters themselves, so verification never depends on a name.
 */
import type * as asn1js from 'asn1js';
import { weierstrass, ecdsa as makeEcdsa, type ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToBigInt, curveByOid, identifyCurve, type ExplicitDomainParameters, type NamedCurve } from '../crypto/ec';
import { concat, encode } from '../asn1/tlv';
import {
  Asn1Error, bigintOf, bitStringOf, children, derOf, isUniversal, octetsOf, oidOf, parseDer,
  unsignedBytesOf,
} from '../asn1/der';
import { OID } from '../oids';


export interface EcDomain {
  /** Registry name when known (ec.ts), else a name from the small table below, else "explicit-<bits>". */
  name: string;
  /** The registry curve when the parameters match one (needed by PACE/CA code that works on NamedCurve). */
  named: NamedCurve | undefined;
  params: ExplicitDomainParameters;
  /** noble ECDSA/ECDH instance over exactly these parameters. */
  ecdsa: ECDSA;
  /** Coordinate size in bytes. */
  size: number;
}

export type PublicKey =
  | { kind: 'EC'; algorithmOid: string; domain: EcDomain; point: Uint8Array; spki: Uint8Array }
  | { kind: 'RSA'; algorithmOid: string; modulus: Uint8Array; exponent: Uint8Array; bits: number; spki: Uint8Array; canonicalSpki: Uint8Array }
  | { kind: 'DH'; algorithmOid: string; spki: Uint8Array }
  | { kind: 'UNKNOWN'; algorithmOid: string; spki: Uint8Array };

/**
 * Named curves that occur in older documents but are not in the card registry (ec.ts): the BSI 2008 test
 * passport signs with brainpoolP224r1 (RFC 5639 §3.3); secp224r1 is SEC 2 §2.6.2.
 */
const EXTRA_CURVES: { name: string; oid: string; params: ExplicitDomainParameters }[] = [
  {
    name: 'brainpoolP224r1',
    oid: OID.BRAINPOOL_P224R1,
    params: {
      p: 0xd7c134aa264366862a18302575d1d787b09f075797da89f57ec8c0ffn,
      a: 0x68a5e62ca9ce6c1c299803a6c1530b514e182ad8b0042a59cad29f43n,
      b: 0x2580f63ccfe44138870713b1a92369e33e2135d266dbb372386c400bn,
      gx: 0x0d9029ad2c7e5cf4340823b2a87dc68c9e4ce3174c1e6efdee12c07dn,
      gy: 0x58aa56f772c0726f24c6b89e4ecdac24354b9e99caa3f6d3761402cdn,
      n: 0xd7c134aa264366862a18302575d0fb98d116bc4b6ddebca3a5a7939fn,
      h: 1n,
    },
  },
  {
    name: 'secp224r1',
    oid: OID.SECP224R1,
    params: {
      p: 0xffffffffffffffffffffffffffffffff000000000000000000000001n,
      a: 0xfffffffffffffffffffffffffffffffefffffffffffffffffffffffen,
      b: 0xb4050a850c04b3abf54132565044b0b7d7bfd8ba270b39432355ffb4n,
      gx: 0xb70e0cbd6bb4bf7f321390b94a03c1d356c21122343280d6115c1d21n,
      gy: 0xbd376388b5f723fb4c22dfe6cd4375a05a07476444d5819985007e34n,
      n: 0xffffffffffffffffffffffffffff16a2e0b8f03e13dd29455c5c2a3dn,
      h: 1n,
    },
  },
];

/** Bounded: parameters come from chips and trust files, and each distinct set would otherwise stay forever. */
const DOMAIN_CACHE_LIMIT = 64;
const domainCache = new Map<string, EcDomain>();
/** Prime-field sizes in use run from 192 (old passports) to 521 bits (P-521, BSI TR-03111 §4.1). */
const MIN_FIELD_BITS = 160;
const MAX_FIELD_BITS = 521;
const MAX_FIELD_BYTES = Math.ceil(MAX_FIELD_BITS / 8);

function byteLength(v: bigint): number {
  return Math.ceil(v.toString(16).length / 2);
}

function paramsKey(d: ExplicitDomainParameters): string {
  return [d.p, d.a, d.b, d.gx, d.gy, d.n].map((x) => x.toString(16)).join(':');
}

function fromNamed(c: NamedCurve): EcDomain {
  const k = c.ecdsa.Point.CURVE();
  return { name: c.name, named: c, params: { p: k.p, a: k.a, b: k.b, gx: k.Gx, gy: k.Gy, n: k.n, h: k.h }, ecdsa: c.ecdsa, size: c.size };
}

/** EC domain for explicit parameters: the registry curve if they match, else a curve built from them (cached). */
export function ecDomainFromParameters(d: ExplicitDomainParameters): EcDomain {
  const key = paramsKey(d);
  const cached = domainCache.get(key);
  if (cached) return cached;
  const named = identifyCurve(d);
  let domain: EcDomain;
  if (named) {
    domain = fromNamed(named);
  } else {
    const extra = EXTRA_CURVES.find((c) => paramsKey(c.params) === key);
    const bits = d.p.toString(2).length;
    if (bits < MIN_FIELD_BITS || bits > MAX_FIELD_BITS || d.n.toString(2).length > MAX_FIELD_BITS + 1 || (d.h ?? 1n) > 0xffffn) {
      throw new Asn1Error(`EC domain parameters: a ${bits}-bit field is outside ${MIN_FIELD_BITS}–${MAX_FIELD_BITS} bits, or the order/cofactor is out of range`);
    }
    let Point: ReturnType<typeof weierstrass<bigint>>;
    try {
      Point = weierstrass({ p: d.p, n: d.n, h: d.h ?? 1n, a: d.a, b: d.b, Gx: d.gx, Gy: d.gy });
    } catch (e) {
      // noble validates the parameters (generator on the curve, values below p) and throws plain Errors.
      throw new Asn1Error(`EC domain parameters rejected: ${e instanceof Error ? e.message : String(e)}`);
    }
    // The hash given to noble is only used for signing/prehash; verification here always passes a digest.
    domain = { name: extra?.name ?? `explicit-${byteLength(d.p) * 8}`, named: undefined, params: d, ecdsa: makeEcdsa(Point, sha256), size: byteLength(d.p) };
  }
  if (domainCache.size >= DOMAIN_CACHE_LIMIT) domainCache.delete(domainCache.keys().next().value!);
  domainCache.set(key, domain);
  return domain;
}

/** EC domain for a named-curve OID (registry or the extra table); undefined when unknown. */
export function ecDomainFromOid(oid: string): EcDomain | undefined {
  const named = curveByOid(oid);
  if (named) return fromNamed(named);
  const extra = EXTRA_CURVES.find((c) => c.oid === oid);
  return extra ? ecDomainFromParameters(extra.params) : undefined;
}

/** Decode an uncompressed/compressed X9.62 point encoding (SEC 1 §2.3.3) into affine x, y. */
function decodePoint(enc: Uint8Array, what: string): { x: bigint; y: bigint } {
  if (enc.length < 3 || enc[0] !== 0x04 || (enc.length - 1) % 2 !== 0) throw new Asn1Error(`${what}: unsupported EC point encoding`);
  const half = (enc.length - 1) / 2;
  let x = 0n;
  let y = 0n;
  for (let i = 0; i < half; i++) {
    x = (x << 8n) | BigInt(enc[1 + i]!);
    y = (y << 8n) | BigInt(enc[1 + half + i]!);
  }
  return { x, y };
}

/**
 * ECParameters (X9.62 §6.4 / RFC 3279 §2.3.5): namedCurve OID or explicit SpecifiedECDomain
 * { version, fieldID {prime-field, p}, curve {a, b, seed?}, base, order, cofactor? }.
 */
export function ecDomainFromAsn1(node: asn1js.AsnType | undefined, what: string): EcDomain {
  if (!node) throw new Asn1Error(`${what}: missing EC domain parameters (implicitlyCA is not supported)`);
  if (isUniversal(node, 6)) {
    const oid = oidOf(node, what);
    const d = ecDomainFromOid(oid);
    if (!d) throw new Asn1Error(`${what}: unsupported named curve ${oid}`);
    return d;
  }
  const f = children(node);
  if (f.length < 5) throw new Asn1Error(`${what}: expected explicit EC domain parameters`);
  const fieldId = children(f[1]!);
  if (oidOf(fieldId[0], `${what} fieldID`) !== OID.PRIME_FIELD) throw new Asn1Error(`${what}: only prime-field curves are supported`);
  const p = bigintOf(fieldId[1], `${what} prime`);
  const curve = children(f[2]!);
  // Field elements are at most 66 bytes (P-521) and the base point 1 + 2 × 66: refuse larger ones before any
  // big-integer arithmetic on them.
  const element = (node: asn1js.AsnType | undefined, name: string, max = MAX_FIELD_BYTES): Uint8Array => {
    const bytes = octetsOf(node, `${what} ${name}`);
    if (bytes.length > max) throw new Asn1Error(`${what}: ${name} is ${bytes.length} bytes (at most ${max})`);
    return bytes;
  };
  const a = bytesToBigInt(element(curve[0], 'a'));
  const b = bytesToBigInt(element(curve[1], 'b'));
  const g = decodePoint(element(f[3], 'base', 1 + 2 * MAX_FIELD_BYTES), `${what} base`);
  const n = bigintOf(f[4], `${what} order`);
  const h = f[5] && isUniversal(f[5], 2) ? bigintOf(f[5], `${what} cofactor`) : 1n;
  return ecDomainFromParameters({ p, a, b, gx: g.x, gy: g.y, n, h });
}

function derInteger(magnitude: Uint8Array): Uint8Array {
  const v = magnitude[0]! & 0x80 ? Uint8Array.of(0, ...magnitude) : magnitude;
  return encode(0x02, v);
}

/**
 * Canonical RSA SPKI (rsaEncryption + NULL) for node:crypto: some chips encode DG15's AlgorithmIdentifier
 * with a missing NULL or a non-standard OID (cccd.md §1.4, dmrtd PR #38), which OpenSSL then refuses.
 */
export function canonicalRsaSpki(modulus: Uint8Array, exponent: Uint8Array): Uint8Array {
  const algId = Uint8Array.from([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);
  const rsaKey = encode(0x30, concat(derInteger(modulus), derInteger(exponent)));
  const bitString = encode(0x03, concat(Uint8Array.of(0), rsaKey));
  return encode(0x30, concat(algId, bitString));
}

function bitLength(b: Uint8Array): number {
  if (b.length === 0) return 0;
  return (b.length - 1) * 8 + (32 - Math.clz32(b[0]!));
}

/** Decode a SubjectPublicKeyInfo given as an asn1js node (keeps the original DER in `spki`). */
export function publicKeyFromAsn1(node: asn1js.AsnType, what = 'SubjectPublicKeyInfo'): PublicKey {
  const f = children(node);
  const alg = children(f[0] ?? node);
  const algorithmOid = oidOf(alg[0], `${what} algorithm`);
  const keyBits = bitStringOf(f[1], `${what} key`);
  const spki = derOf(node);
  if (algorithmOid === OID.EC_PUBLIC_KEY || algorithmOid === OID.PK_ECDH) {
    const domain = ecDomainFromAsn1(alg[1], `${what} EC parameters`);
    return { kind: 'EC', algorithmOid, domain, point: keyBits, spki };
  }
  if (algorithmOid === OID.PK_DH || algorithmOid === OID.DH_PUBLIC_NUMBER || algorithmOid === OID.DH_KEY_AGREEMENT) {
    return { kind: 'DH', algorithmOid, spki };
  }
  // Lenient RSA: accept rsaEncryption, RSASSA-PSS, or any OID whose key is an RSAPublicKey SEQUENCE of two INTEGERs
  // (cccd.md §1.4: chips in the field carry malformed AlgorithmIdentifiers for their AA key).
  try {
    const rsa = children(parseDer(keyBits, `${what} RSAPublicKey`));
    if (rsa.length === 2 && isUniversal(rsa[0]!, 2) && isUniversal(rsa[1]!, 2)) {
      const modulus = unsignedBytesOf(rsa[0], `${what} modulus`);
      const exponent = unsignedBytesOf(rsa[1], `${what} exponent`);
      return { kind: 'RSA', algorithmOid, modulus, exponent, bits: bitLength(modulus), spki, canonicalSpki: canonicalRsaSpki(modulus, exponent) };
    }
  } catch (e) {
    if (algorithmOid === OID.RSA_ENCRYPTION || algorithmOid === OID.RSASSA_PSS) throw e;
  }
  return { kind: 'UNKNOWN', algorithmOid, spki };
}

/** Decode a DER SubjectPublicKeyInfo. */
export function parseSubjectPublicKeyInfo(spki: Uint8Array, what = 'SubjectPublicKeyInfo'): PublicKey {
  return publicKeyFromAsn1(parseDer(spki, what), what);
}
