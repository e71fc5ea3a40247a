/**
 * Test PKI for simulated cards: a self-signed CSCA (CA, keyCertSign) issuing a Document Signer (ICAO 9303-12 §7),
 * in three flavours: ECDSA brainpoolP256r1, ECDSA P-256, RSA-2048.
 *
 * Certificates are assembled with pkijs structures, but the signature over the TBSCertificate DER is computed here:
 * pkijs signs through WebCrypto, which has no brainpool curves (environment.md §5), so @noble/curves signs EC and
 * node:crypto signs RSA.
 */
import { createHash, sign as rsaSign } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { curveByName, type CurveName } from '../../card/crypto/ec';
import { encode } from '../../card/asn1/tlv';
import { derAlgorithm, derNull, derOctetString, derOid, derPrintable, derSequence, derSet, derUtf8 } from '../../card/asn1/derEncode';
import { deriveEcKey, ecSpkiNamed, rsaKey, type EcKeyPair } from './keys';
import type { SimProfile } from './types';
import { OID } from '../../card/oids';

export type PkiAlgorithm = 'brainpoolP256r1' | 'secp256r1' | 'rsa2048';

export interface SigningKey {
  algorithm: PkiAlgorithm;
  /** SubjectPublicKeyInfo DER (named curve for EC). */
  spki: Uint8Array;
  /** DER AlgorithmIdentifier of the signatures this key makes (ecdsa-with-SHA256 / sha256WithRSAEncryption). */
  signatureAlgorithm: Uint8Array;
  signatureAlgorithmOid: string;
  /** Signature over `data` (SHA-256 is applied here): DER ECDSA-Sig-Value or PKCS#1 v1.5. */
  sign(data: Uint8Array): Uint8Array;
}

export interface TestPki {
  algorithm: PkiAlgorithm;
  csca: { certificate: Uint8Array; key: SigningKey };
  ds: { certificate: Uint8Array; key: SigningKey };
}

export interface PkiOptions {
  /** Seed for deterministic EC keys (default "default"). */
  seed?: string;
  /** Folder to cache RSA keys in (PKCS#8 PEM); without it RSA keys live for the process only. */
  keyDir?: string;
}

function ecSigningKey(pair: EcKeyPair): SigningKey {
  const c = curveByName(pair.curve);
  return {
    algorithm: pair.curve as PkiAlgorithm,
    spki: ecSpkiNamed(pair),
    signatureAlgorithm: derAlgorithm(OID.ECDSA_WITH_SHA256),
    signatureAlgorithmOid: OID.ECDSA_WITH_SHA256,
    // prehash: noble hashes with the curve's SHA-256; RFC 6979 nonces keep signatures reproducible.
    sign: (data) => c.ecdsa.sign(data, pair.privateKey, { format: 'der' }),
  };
}

function rsaSigningKey(label: string, keyDir?: string): SigningKey {
  const pair = rsaKey(label, keyDir);
  return {
    algorithm: 'rsa2048',
    spki: pair.spki,
    signatureAlgorithm: derAlgorithm(OID.SHA256_WITH_RSA, derNull()),
    signatureAlgorithmOid: OID.SHA256_WITH_RSA,
    sign: (data) => new Uint8Array(rsaSign('sha256', data, pair.privateKey)),
  };
}

function signingKeyFor(algorithm: PkiAlgorithm, role: string, opts: PkiOptions): SigningKey {
  const seed = opts.seed ?? 'default';
  if (algorithm === 'rsa2048') return rsaSigningKey(`pki-${seed.replace(/[^A-Za-z0-9._-]/g, '_')}-rsa2048-${role}`, opts.keyDir);
  return ecSigningKey(deriveEcKey(algorithm as CurveName, `pki|${seed}|${role}`));
}

function toArrayBuffer(u: Uint8Array): ArrayBuffer {
  return u.slice().buffer;
}

function pkiAlgorithmIdentifier(der: Uint8Array): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ schema: asn1js.fromBER(toArrayBuffer(der)).result });
}

/**
 * Name with one attribute per RDN (C, O, CN). Built as DER and parsed back because pkijs' own toSchema puts all
 * attributes into a single multi-valued RDN.
 */
function distinguishedName(cn: string): pkijs.RelativeDistinguishedNames {
  const rdn = (oid: string, value: Uint8Array) => derSet(derSequence(derOid(oid), value));
  const der = derSequence(rdn(OID.AT_COUNTRY, derPrintable('VN')), rdn(OID.AT_ORGANIZATION, derUtf8('Motcua Test PKI')), rdn(OID.AT_COMMON_NAME, derUtf8(cn)));
  return new pkijs.RelativeDistinguishedNames({ schema: asn1js.fromBER(toArrayBuffer(der)).result });
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value. */
function keyIdentifier(spki: Uint8Array): Uint8Array {
  const parsed = asn1js.fromBER(toArrayBuffer(spki)).result as asn1js.Sequence;
  const bits = parsed.valueBlock.value[1] as asn1js.BitString;
  return new Uint8Array(createHash('sha1').update(new Uint8Array(bits.valueBlock.valueHexView)).digest());
}

function extension(oid: string, critical: boolean, value: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({ extnID: oid, critical, extnValue: toArrayBuffer(value) });
}

interface CertSpec {
  subjectCn: string;
  issuerCn: string;
  serial: string;
  notBefore: Date;
  notAfter: Date;
  subjectKey: SigningKey;
  issuerKey: SigningKey;
  ca: boolean;
}

function serialBytes(label: string): Uint8Array {
  const h = createHash('sha256').update(label).digest().subarray(0, 8);
  h[0] = (h[0]! & 0x7f) | 0x10; // positive, 8 significant bytes (RFC 5280 §4.1.2.2)
  return new Uint8Array(h);
}

export function issueCertificate(spec: CertSpec): Uint8Array {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: toArrayBuffer(serialBytes(spec.serial)) });
  cert.issuer = distinguishedName(spec.issuerCn);
  cert.subject = distinguishedName(spec.subjectCn);
  cert.notBefore = new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: spec.notBefore });
  cert.notAfter = new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: spec.notAfter });
  cert.subjectPublicKeyInfo = new pkijs.PublicKeyInfo({ schema: asn1js.fromBER(toArrayBuffer(spec.subjectKey.spki)).result });
  cert.signature = pkiAlgorithmIdentifier(spec.issuerKey.signatureAlgorithm);
  cert.signatureAlgorithm = pkiAlgorithmIdentifier(spec.issuerKey.signatureAlgorithm);
  const ski = keyIdentifier(spec.subjectKey.spki);
  const aki = keyIdentifier(spec.issuerKey.spki);
  // KeyUsage BIT STRINGs (RFC 5280 §4.2.1.3): keyCertSign+cRLSign = 0x06 (1 unused bit); digitalSignature = 0x80.
  const keyUsage = spec.ca ? Uint8Array.of(0x03, 0x02, 0x01, 0x06) : Uint8Array.of(0x03, 0x02, 0x07, 0x80);
  const extensions = [
    extension(OID.EXT_KEY_USAGE, true, keyUsage),
    extension(OID.EXT_SUBJECT_KEY_ID, false, derOctetString(ski)),
    extension(OID.EXT_AUTHORITY_KEY_ID, false, derSequence(encode(0x80, aki))),
  ];
  if (spec.ca) {
    // basicConstraints { cA TRUE, pathLenConstraint 0 } (RFC 5280 §4.2.1.9; ICAO 9303-12 §7.1.1.3)
    extensions.push(extension(OID.EXT_BASIC_CONSTRAINTS, true, Uint8Array.of(0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00)));
  }
  cert.extensions = extensions;
  const tbs = new Uint8Array(cert.encodeTBS().toBER());
  cert.tbsView = tbs;
  cert.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(spec.issuerKey.sign(tbs)) });
  return new Uint8Array(cert.toSchema(false).toBER());
}

const pkiCache = new Map<string, TestPki>();

/** CSCA → DS chain for `algorithm`; cached per process (and RSA keys on disk when keyDir is given). */
export function getTestPki(algorithm: PkiAlgorithm, opts: PkiOptions = {}): TestPki {
  const subjectLabel = `${algorithm}|${opts.seed ?? 'default'}`; // serials must not depend on the key cache folder
  const cacheKey = `${subjectLabel}|${opts.keyDir ?? ''}`;
  const hit = pkiCache.get(cacheKey);
  if (hit) return hit;
  const cscaKey = signingKeyFor(algorithm, 'csca', opts);
  const dsKey = signingKeyFor(algorithm, 'ds', opts);
  const cscaCn = `CSCA TEST Vietnam CCCD ${algorithm}`;
  const csca = issueCertificate({
    subjectCn: cscaCn,
    issuerCn: cscaCn,
    serial: `${subjectLabel}|csca`,
    notBefore: new Date(Date.UTC(2020, 0, 1)),
    notAfter: new Date(Date.UTC(2045, 0, 1)),
    subjectKey: cscaKey,
    issuerKey: cscaKey,
    ca: true,
  });
  const ds = issueCertificate({
    subjectCn: `DS TEST Vietnam CCCD ${algorithm}`,
    issuerCn: cscaCn,
    serial: `${subjectLabel}|ds`,
    notBefore: new Date(Date.UTC(2020, 6, 1)),
    notAfter: new Date(Date.UTC(2040, 0, 1)),
    subjectKey: dsKey,
    issuerKey: cscaKey,
    ca: false,
  });
  const pki: TestPki = { algorithm, csca: { certificate: csca, key: cscaKey }, ds: { certificate: ds, key: dsKey } };
  pkiCache.set(cacheKey, pki);
  return pki;
}

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

/** Write the profile's CSCA as a trust anchor: PEM when `path` ends in .pem, DER otherwise. */
export function writeTrustAnchor(profile: SimProfile, path: string): void {
  if (!profile.cscaCertificate) throw new Error('writeTrustAnchor: this profile has no test-PKI CSCA (raw LDS profile?)');
  mkdirSync(dirname(path), { recursive: true });
  if (path.toLowerCase().endsWith('.pem')) writeFileSync(path, toPem(profile.cscaCertificate));
  else writeFileSync(path, profile.cscaCertificate);
}
