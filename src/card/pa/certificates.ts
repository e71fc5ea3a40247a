/**
 * X.509 helpers for CSCA/DS certificates and master-list signers (RFC 5280, ICAO 9303-12 §7.1).
 * Decoded with asn1js directly: pkijs would reject explicit-parameter EC keys at verification time and its
 * webcrypto path lacks brainpool (environment.md §5), and the fields needed here are few.
 */
import type * as asn1js from 'asn1js';
import {
  Asn1Error, bitStringOf, children, contentOf, derOf, isContext, isUniversal, octetsOf, oidOf, parseDer, toHex,
  unsignedBytesOf,
} from '../lds/der';
import { publicKeyFromAsn1, type PublicKey } from '../lds/publicKey';
import { algorithmFromAsn1, describeSignatureAlgorithm, digest, verifySignature, type AlgorithmIdentifier } from './signature';

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.6': 'C', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.3': 'CN', '2.5.4.5': 'serialNumber', '2.5.4.7': 'L',
  '2.5.4.8': 'ST', '2.5.4.4': 'SN', '2.5.4.42': 'GN', '2.5.4.12': 'T', '1.2.840.113549.1.9.1': 'emailAddress',
  '0.9.2342.19200300.100.1.25': 'DC', '2.5.4.97': 'organizationIdentifier',
};

export interface NameAttribute {
  type: string;
  value: string;
}

export interface DistinguishedName {
  /** RFC 4514-style, most significant RDN first as encoded, e.g. "C=VN, O=…, CN=CSCA ePassport Vietnam". */
  text: string;
  /** Case- and space-insensitive form used to match issuer and subject names across string types (RFC 5280 §7.1). */
  key: string;
  attributes: NameAttribute[];
  der: Uint8Array;
}

export interface Certificate {
  der: Uint8Array;
  /** SHA-256 of the DER, hex. */
  fingerprint: string;
  version: number;
  serialNumber: Uint8Array;
  serialHex: string;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  notBefore: Date;
  notAfter: Date;
  subjectKeyIdentifier: Uint8Array | undefined;
  authorityKeyIdentifier: Uint8Array | undefined;
  /** Named bits of KeyUsage (RFC 5280 §4.2.1.3), undefined when the extension is absent. */
  keyUsage: string[] | undefined;
  /** BasicConstraints cA; undefined when the extension is absent. */
  isCA: boolean | undefined;
  privateKeyUsagePeriod: { notBefore?: Date; notAfter?: Date } | undefined;
  tbs: Uint8Array;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
  /** Raw SubjectPublicKeyInfo DER. */
  spki: Uint8Array;
  /** Decoded lazily: unsupported key types must not prevent importing a master list. */
  publicKey(): PublicKey;
  /** Subject country (C) and common name, for display. */
  country: string | undefined;
  commonName: string | undefined;
  selfSigned: boolean;
}

export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  signatureAlgorithm: string;
  publicKey: string;
  fingerprint: string;
}

const KEY_USAGE_BITS = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

function stringValue(node: asn1js.AsnType): string {
  const vb = (node as unknown as { valueBlock: { value?: unknown } }).valueBlock;
  if (typeof vb.value === 'string') return vb.value;
  return new TextDecoder().decode(contentOf(node));
}

function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function parseName(node: asn1js.AsnType): DistinguishedName {
  const attributes: NameAttribute[] = [];
  const keyParts: string[] = [];
  for (const rdn of children(node)) {
    for (const atv of children(rdn)) {
      const [t, v] = children(atv);
      const type = oidOf(t, 'Name attribute type');
      const value = v ? stringValue(v) : '';
      attributes.push({ type, value });
      keyParts.push(`${type}=${normalize(value)}`);
    }
  }
  const text = attributes.map((a) => `${ATTRIBUTE_NAMES[a.type] ?? a.type}=${a.value}`).join(', ');
  return { text, key: keyParts.join(','), attributes, der: derOf(node) };
}

function timeOf(node: asn1js.AsnType | undefined, what: string): Date {
  const d = (node as unknown as { toDate?: () => Date } | undefined)?.toDate?.();
  if (!d || Number.isNaN(d.getTime())) throw new Asn1Error(`${what}: expected UTCTime or GeneralizedTime`);
  return d;
}

/** Convert asn1js's GeneralizedTime content (implicitly tagged in PrivateKeyUsagePeriod) to a Date. */
function generalizedTimeText(b: Uint8Array): Date | undefined {
  const s = String.fromCharCode(...b);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!)) : undefined;
}

/** Bounded so that a long-running kiosk cannot grow it without limit (master lists hold ~600 certificates). */
const CACHE_LIMIT = 4096;
const cache = new Map<string, Certificate>();

/** Parse a DER certificate (results cached by fingerprint: DS certificates repeat across reads). */
export function parseCertificate(der: Uint8Array): Certificate {
  const fingerprint = toHex(digest('sha256', der));
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const root = parseDer(der, 'Certificate');
  const [tbsNode, sigAlgNode, sigNode] = children(root);
  if (!tbsNode || !sigAlgNode || !sigNode) throw new Asn1Error('Certificate: expected tbsCertificate, signatureAlgorithm, signature');
  const tbsFields = children(tbsNode);
  let i = 0;
  let version = 1;
  if (tbsFields[0] && isContext(tbsFields[0], 0)) {
    version = Number(unsignedBytesOf(children(tbsFields[0])[0], 'Certificate version')[0] ?? 0) + 1;
    i = 1;
  }
  const serialNumber = unsignedBytesOf(tbsFields[i], 'Certificate serialNumber');
  const issuer = parseName(tbsFields[i + 2]!);
  const validity = children(tbsFields[i + 3]!);
  const notBefore = timeOf(validity[0], 'Certificate notBefore');
  const notAfter = timeOf(validity[1], 'Certificate notAfter');
  const subject = parseName(tbsFields[i + 4]!);
  const spkiNode = tbsFields[i + 5];
  if (!spkiNode) throw new Asn1Error('Certificate: missing subjectPublicKeyInfo');
  const spki = derOf(spkiNode);

  let subjectKeyIdentifier: Uint8Array | undefined;
  let authorityKeyIdentifier: Uint8Array | undefined;
  let keyUsage: string[] | undefined;
  let isCA: boolean | undefined;
  let privateKeyUsagePeriod: Certificate['privateKeyUsagePeriod'];
  const extWrapper = tbsFields.slice(i + 6).find((n) => isContext(n, 3));
  for (const ext of extWrapper ? children(children(extWrapper)[0]!) : []) {
    const f = children(ext);
    const extnId = oidOf(f[0], 'Extension id');
    const value = octetsOf(f[f.length - 1], 'Extension value');
    try {
      const inner = parseDer(value, `Extension ${extnId}`);
      if (extnId === '2.5.29.14') subjectKeyIdentifier = octetsOf(inner, 'SubjectKeyIdentifier');
      else if (extnId === '2.5.29.35') {
        const kid = children(inner).find((n) => isContext(n, 0));
        if (kid) authorityKeyIdentifier = contentOf(kid);
      } else if (extnId === '2.5.29.15') {
        const bits = contentOf(inner);
        keyUsage = KEY_USAGE_BITS.filter((_, b) => ((bits[1 + (b >> 3)] ?? 0) & (0x80 >> (b & 7))) !== 0);
      } else if (extnId === '2.5.29.19') {
        const ca = children(inner)[0];
        isCA = !!ca && isUniversal(ca, 1) && (contentOf(ca)[0] ?? 0) !== 0;
      } else if (extnId === '2.5.29.16') {
        privateKeyUsagePeriod = {};
        for (const n of children(inner)) {
          const d = generalizedTimeText(contentOf(n));
          if (isContext(n, 0)) privateKeyUsagePeriod.notBefore = d;
          else if (isContext(n, 1)) privateKeyUsagePeriod.notAfter = d;
        }
      }
    } catch {
      // A malformed non-essential extension must not make the certificate unusable; matching falls back to names.
    }
  }

  let key: PublicKey | undefined;
  const cert: Certificate = {
    der, fingerprint, version, serialNumber, serialHex: toHex(serialNumber), subject, issuer, notBefore, notAfter,
    subjectKeyIdentifier, authorityKeyIdentifier, keyUsage, isCA, privateKeyUsagePeriod,
    tbs: derOf(tbsNode),
    signatureAlgorithm: algorithmFromAsn1(sigAlgNode, 'Certificate signatureAlgorithm'),
    signature: bitStringOf(sigNode, 'Certificate signature'),
    spki,
    publicKey() {
      key ??= publicKeyFromAsn1(spkiNode, 'Certificate public key');
      return key;
    },
    country: subject.attributes.find((a) => a.type === '2.5.4.6')?.value,
    commonName: subject.attributes.find((a) => a.type === '2.5.4.3')?.value,
    selfSigned: subject.key === issuer.key,
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(fingerprint, cert);
  return cert;
}

/** Split PEM text into DER blocks (several certificates per file allowed). */
export function pemToDer(text: string, label = 'CERTIFICATE'): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  const out: Uint8Array[] = [];
  for (const m of text.matchAll(re)) out.push(new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
  return out;
}

export function isValidAt(cert: Certificate, at: Date): boolean {
  return cert.notBefore.getTime() <= at.getTime() && at.getTime() <= cert.notAfter.getTime();
}

/** True when `issuer` may have issued `cert` by name and, when both are present, AKI = SKI (RFC 5280 §4.2.1.1). */
export function couldHaveIssued(issuer: Certificate, cert: Certificate): boolean {
  if (issuer.subject.key !== cert.issuer.key) return false;
  if (cert.authorityKeyIdentifier && issuer.subjectKeyIdentifier) {
    return toHex(cert.authorityKeyIdentifier) === toHex(issuer.subjectKeyIdentifier);
  }
  return true;
}

/** Verify `cert`'s signature with `issuerKey`; false on a bad signature or an unsupported algorithm/key. */
export function verifyCertificateSignature(cert: Certificate, issuerKey: PublicKey): boolean {
  try {
    return verifySignature({ algorithm: cert.signatureAlgorithm, publicKey: issuerKey, data: cert.tbs, signature: cert.signature });
  } catch {
    return false;
  }
}

function describeKey(cert: Certificate): string {
  try {
    const k = cert.publicKey();
    if (k.kind === 'EC') return `EC ${k.domain.name}`;
    if (k.kind === 'RSA') return `RSA ${k.bits}`;
    return k.kind;
  } catch {
    return 'unsupported';
  }
}

/** Log-safe summary (certificates name authorities, never holders). */
export function summarizeCertificate(cert: Certificate): CertificateSummary {
  return {
    subject: cert.subject.text,
    issuer: cert.issuer.text,
    serialNumber: cert.serialHex,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    signatureAlgorithm: describeSignatureAlgorithm(cert.signatureAlgorithm),
    publicKey: describeKey(cert),
    fingerprint: cert.fingerprint,
  };
}
