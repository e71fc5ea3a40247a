/**
 * Protocol object identifiers (ICAO 9303-11 §9.2, BSI TR-03110-3 Appendix A.1) and their meaning.
 * bsi-de = 0.4.0.127.0.7; id-PACE = bsi-de.2.2.4, id-CA = bsi-de.2.2.3, id-TA = bsi-de.2.2.2, id-PK = bsi-de.2.2.1.
 * The literals themselves are in ../oids.ts; this module derives the protocol tables from them.
 */
import { OID } from '../oids';

export type Mapping = 'GM' | 'IM' | 'CAM';
export type KeyAgreement = 'DH' | 'ECDH';
export type SymmetricAlg = 'DESede' | 'AES';
export type KeyBits = 112 | 128 | 192 | 256;

export interface ProtocolOid {
  oid: string;
  name: string;
  protocol: 'PACE' | 'CA' | 'TA' | 'AA' | 'PK';
  description: string;
}

const BSI = OID.BSI_PROTOCOLS;
const CIPHERS: ReadonlyArray<{ suffix: number; label: string; alg: SymmetricAlg; keyBits: KeyBits }> = [
  { suffix: 1, label: '3DES-CBC-CBC', alg: 'DESede', keyBits: 112 },
  { suffix: 2, label: 'AES-CBC-CMAC-128', alg: 'AES', keyBits: 128 },
  { suffix: 3, label: 'AES-CBC-CMAC-192', alg: 'AES', keyBits: 192 },
  { suffix: 4, label: 'AES-CBC-CMAC-256', alg: 'AES', keyBits: 256 },
];

export interface PaceOidInfo {
  oid: string;
  name: string;
  agreement: KeyAgreement;
  mapping: Mapping;
  alg: SymmetricAlg;
  keyBits: KeyBits;
}

export interface CaOidInfo {
  oid: string;
  name: string;
  agreement: KeyAgreement;
  alg: SymmetricAlg;
  keyBits: KeyBits;
}

const PACE_FAMILIES: ReadonlyArray<{ arc: number; agreement: KeyAgreement; mapping: Mapping; label: string }> = [
  { arc: 1, agreement: 'DH', mapping: 'GM', label: 'DH-GM' },
  { arc: 2, agreement: 'ECDH', mapping: 'GM', label: 'ECDH-GM' },
  { arc: 3, agreement: 'DH', mapping: 'IM', label: 'DH-IM' },
  { arc: 4, agreement: 'ECDH', mapping: 'IM', label: 'ECDH-IM' },
  { arc: 6, agreement: 'ECDH', mapping: 'CAM', label: 'ECDH-CAM' },
];

/** Every id-PACE-* OID with its parameters (ICAO 9303-11 §9.2.3). CAM exists only with AES. */
export const PACE_OIDS: readonly PaceOidInfo[] = PACE_FAMILIES.flatMap((f) =>
  CIPHERS.filter((c) => f.mapping !== 'CAM' || c.alg === 'AES').map((c) => ({
    oid: `${BSI}.4.${f.arc}.${c.suffix}`,
    name: `id-PACE-${f.label}-${c.label}`,
    agreement: f.agreement,
    mapping: f.mapping,
    alg: c.alg,
    keyBits: c.keyBits,
  })),
);

/** Every id-CA-{DH,ECDH}-* OID (ICAO 9303-11 §9.2.7). */
export const CA_OIDS: readonly CaOidInfo[] = (['DH', 'ECDH'] as const).flatMap((agreement, i) =>
  CIPHERS.map((c) => ({ oid: `${BSI}.3.${i + 1}.${c.suffix}`, name: `id-CA-${agreement}-${c.label}`, agreement, alg: c.alg, keyBits: c.keyBits })),
);

export { OID };

const TA_NAMES: ReadonlyArray<[string, string]> = [
  ['2.1.1', 'id-TA-RSA-v1-5-SHA-1'], ['2.1.2', 'id-TA-RSA-v1-5-SHA-256'], ['2.1.3', 'id-TA-RSA-PSS-SHA-1'],
  ['2.1.4', 'id-TA-RSA-PSS-SHA-256'], ['2.1.5', 'id-TA-RSA-v1-5-SHA-512'], ['2.1.6', 'id-TA-RSA-PSS-SHA-512'],
  ['2.2.1', 'id-TA-ECDSA-SHA-1'], ['2.2.2', 'id-TA-ECDSA-SHA-224'], ['2.2.3', 'id-TA-ECDSA-SHA-256'],
  ['2.2.4', 'id-TA-ECDSA-SHA-384'], ['2.2.5', 'id-TA-ECDSA-SHA-512'],
];

/** All known protocol OIDs with a human-readable meaning (for logs and diagnostics). */
export const PROTOCOL_OIDS: readonly ProtocolOid[] = [
  ...PACE_OIDS.map((p) => ({
    oid: p.oid,
    name: p.name,
    protocol: 'PACE' as const,
    description: `PACE, ${p.agreement} ${p.mapping === 'GM' ? 'generic' : p.mapping === 'IM' ? 'integrated' : 'chip-authentication'} mapping, ${p.alg === 'AES' ? `AES-${p.keyBits}` : '3DES'} session keys`,
  })),
  ...CA_OIDS.map((c) => ({
    oid: c.oid,
    name: c.name,
    protocol: 'CA' as const,
    description: `Chip Authentication, ${c.agreement}, ${c.alg === 'AES' ? `AES-${c.keyBits}` : '3DES'} session keys`,
  })),
  { oid: OID.PK_DH, name: 'id-PK-DH', protocol: 'PK', description: 'Chip Authentication public key, DH' },
  { oid: OID.PK_ECDH, name: 'id-PK-ECDH', protocol: 'PK', description: 'Chip Authentication public key, ECDH' },
  { oid: OID.TA, name: 'id-TA', protocol: 'TA', description: 'Terminal Authentication (EAC)' },
  ...TA_NAMES.map(([s, name]) => ({ oid: `${BSI}.${s}`, name, protocol: 'TA' as const, description: `Terminal Authentication signature ${name.slice(6)}` })),
  { oid: OID.AA, name: 'id-icao-mrtd-security-aaProtocolObject', protocol: 'AA', description: 'Active Authentication' },
];

export function describeOid(oid: string): ProtocolOid | undefined {
  return PROTOCOL_OIDS.find((p) => p.oid === oid);
}

/** Parameters of an id-PACE-* OID; throws for unknown OIDs. */
export function paceOidInfo(oid: string): PaceOidInfo {
  const info = PACE_OIDS.find((p) => p.oid === oid);
  if (!info) throw new RangeError(`PACE: unknown protocol OID ${oid}`);
  return info;
}

/** Parameters of an id-CA-* OID; throws for unknown OIDs. */
export function caOidInfo(oid: string): CaOidInfo {
  const info = CA_OIDS.find((c) => c.oid === oid);
  if (!info) throw new RangeError(`CA: unknown protocol OID ${oid}`);
  return info;
}

/** DER content octets of an OBJECT IDENTIFIER (X.690 §8.19), for DO'80' / DO'06' in protocol APDUs. */
export function oidToBytes(oid: string): Uint8Array {
  const arcs = oid.split('.').map((a) => {
    if (!/^[0-9]+$/.test(a)) throw new RangeError(`OID: malformed ${oid}`);
    return BigInt(a);
  });
  if (arcs.length < 2) throw new RangeError(`OID: malformed ${oid}`);
  const out: number[] = [];
  const first = arcs[0]! * 40n + arcs[1]!;
  for (const arc of [first, ...arcs.slice(2)]) {
    const chunk: number[] = [Number(arc & 0x7fn)];
    for (let v = arc >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return Uint8Array.from(out);
}

/** Inverse of oidToBytes. */
export function oidFromBytes(bytes: Uint8Array): string {
  const arcs: bigint[] = [];
  let v = 0n;
  for (const b of bytes) {
    v = (v << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(v);
      v = 0n;
    }
  }
  if (arcs.length === 0 || (bytes.length > 0 && (bytes[bytes.length - 1]! & 0x80) !== 0)) throw new RangeError('OID: truncated encoding');
  const first = arcs[0]!;
  const head = first < 80n ? [first / 40n, first % 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].map(String).join('.');
}

export type EcdsaHash = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Hash of an ECDSA signature algorithm OID (plain BSI TR-03111 or X9.62), e.g. from DG14's ActiveAuthenticationInfo. */
export const ECDSA_HASH_BY_OID: Readonly<Record<string, EcdsaHash>> = {
  [OID.ECDSA_PLAIN_SHA1]: 'sha1',
  [OID.ECDSA_PLAIN_SHA224]: 'sha224',
  [OID.ECDSA_PLAIN_SHA256]: 'sha256',
  [OID.ECDSA_PLAIN_SHA384]: 'sha384',
  [OID.ECDSA_PLAIN_SHA512]: 'sha512',
  [OID.ECDSA_WITH_SHA1]: 'sha1',
  [OID.ECDSA_WITH_SHA224]: 'sha224',
  [OID.ECDSA_WITH_SHA256]: 'sha256',
  [OID.ECDSA_WITH_SHA384]: 'sha384',
  [OID.ECDSA_WITH_SHA512]: 'sha512',
};
