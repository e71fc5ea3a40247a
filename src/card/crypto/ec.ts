/**
 * Elliptic-curve registry for the card stack: PACE standard domain parameters, named-curve OIDs, and
 * recognition of explicit domain parameters (X9.62 ECParameters) as real chips and CSCAs often carry them.
 *
 * All EC maths uses @noble/curves: node:crypto cannot do PACE Generic Mapping (its ECDH returns x only and
 * has no point addition), and Electron's BoringSSL has no brainpool curves at all (environment.md §3.3, §3.5).
 * ECDSA verification must pass `{ lowS: false }`: chips and OpenSSL emit high-S signatures (environment.md §3.3).
 */
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import type { ECDSA } from '@noble/curves/abstract/weierstrass.js';
import { OID } from '../oids';

export type CurveName = 'secp256r1' | 'secp384r1' | 'secp521r1' | 'brainpoolP256r1' | 'brainpoolP384r1' | 'brainpoolP512r1';

export interface NamedCurve {
  name: CurveName;
  /** Named-curve OID (RFC 5480 / RFC 5639). */
  oid: string;
  /** PACE standard domain parameter id (BSI TR-03110-3 Table 4 / ICAO 9303-11 §9.5.1), if any. */
  paceParameterId: number;
  ecdsa: ECDSA;
  /** Field element / coordinate size in bytes. */
  size: number;
}

const CURVES: NamedCurve[] = [
  { name: 'secp256r1', oid: OID.SECP256R1, paceParameterId: 12, ecdsa: p256, size: 32 },
  { name: 'brainpoolP256r1', oid: OID.BRAINPOOL_P256R1, paceParameterId: 13, ecdsa: brainpoolP256r1, size: 32 },
  { name: 'secp384r1', oid: OID.SECP384R1, paceParameterId: 15, ecdsa: p384, size: 48 },
  { name: 'brainpoolP384r1', oid: OID.BRAINPOOL_P384R1, paceParameterId: 16, ecdsa: brainpoolP384r1, size: 48 },
  { name: 'brainpoolP512r1', oid: OID.BRAINPOOL_P512R1, paceParameterId: 17, ecdsa: brainpoolP512r1, size: 64 },
  { name: 'secp521r1', oid: OID.SECP521R1, paceParameterId: 18, ecdsa: p521, size: 66 },
];

export function allCurves(): readonly NamedCurve[] {
  return CURVES;
}

export function curveByName(name: string): NamedCurve {
  const c = CURVES.find((x) => x.name === name);
  if (!c) throw new Error(`EC: unsupported curve ${name}`);
  return c;
}

export function curveByOid(oid: string): NamedCurve | undefined {
  return CURVES.find((x) => x.oid === oid);
}

/** PACE/CA standard domain parameters by id; undefined when the id is not supported here. */
export function curveByParameterId(id: number): NamedCurve | undefined {
  return CURVES.find((x) => x.paceParameterId === id);
}

export interface ExplicitDomainParameters {
  p: bigint;
  a: bigint;
  b: bigint;
  gx: bigint;
  gy: bigint;
  n: bigint;
  h?: bigint;
}

/**
 * Map explicit domain parameters to the named curve with identical p, a, b, G and n.
 * Real CCCD/ePassport keys encode brainpool curves explicitly (cccd.md §6, environment.md §5).
 */
export function identifyCurve(d: ExplicitDomainParameters): NamedCurve | undefined {
  return CURVES.find((c) => {
    const k = c.ecdsa.Point.CURVE();
    return k.p === d.p && k.a === d.a && k.b === d.b && k.Gx === d.gx && k.Gy === d.gy && k.n === d.n;
  });
}

export function bytesToBigInt(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

export function bigIntToBytes(v: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = v;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  if (x !== 0n) throw new RangeError('EC: integer does not fit');
  return out;
}
