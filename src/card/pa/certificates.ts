/**
 * X.509 helpers for CSCA/DS certificates and master-list signers (RFC 5280, ICAO 9303-12 §7.1).
 * The certificate skeleton is split with the wire-level TLV decoder (tlv.ts): asn1js costs ~0.5 ms per
 * certificate, which made importing a 588-certificate master list take 0.4 s of CPU for fields this simple.
 * The public key is decoded lazily with asn1js (publicKey.ts) because only chain candidates ever need it.
 * pkijs is not used: its verification path rejects explicit-parameter EC keys and lacks brainpool (environment.md §5).
 */
import { decodeAll, decodeOne, TlvError, type Tlv } from '../asn1/tlv';
import { decodeOid, parseDer, toHex } from '../asn1/der';
import { publicKeyFromAsn1, type PublicKey } from '../lds/publicKey';
import { algorithmFromAsn1, describeSignatureAlgorithm, digest, verifySignature, type AlgorithmIdentifier } from './signature';
import { OID } from '../oids';

const ATTRIBUTE_NAMES: Record<string, string> = {
  [OID.AT_COUNTRY]: 'C', [OID.AT_ORGANIZATION]: 'O', [OID.AT_ORGANIZATIONAL_UNIT]: 'OU', [OID.AT_COMMON_NAME]: 'CN', [OID.AT_SERIAL_NUMBER]: 'serialNumber', [OID.AT_LOCALITY]: 'L',
  [OID.AT_STATE]: 'ST', [OID.AT_SURNAME]: 'SN', [OID.AT_GIVEN_NAME]: 'GN', [OID.AT_TITLE]: 'T', [OID.AT_EMAIL]: 'emailAddress',
  [OID.AT_DOMAIN_COMPONENT]: 'DC', [OID.AT_ORGANIZATION_IDENTIFIER]: 'organizationIdentifier',
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

const utf8 = new TextDecoder('utf-8');
const latin1 = new TextDecoder('latin1');

/** X.520 DirectoryString and friends (RFC 5280 §4.1.2.4) → text. */
function directoryString(t: Tlv): string {
  switch (t.tag) {
    case 0x1e: { // BMPString, UTF-16BE
      let out = '';
      for (let i = 0; i + 1 < t.value.length; i += 2) out += String.fromCharCode((t.value[i]! << 8) | t.value[i + 1]!);
      return out;
    }
    case 0x1c: { // UniversalString, UTF-32BE
      let out = '';
      for (let i = 0; i + 3 < t.value.length; i += 4) {
        const cp = ((t.value[i]! << 24) >>> 0) + (t.value[i + 1]! << 16) + (t.value[i + 2]! << 8) + t.value[i + 3]!;
        // UCS-4 allows 31-bit values; Unicode ends at U+10FFFF (String.fromCodePoint throws a RangeError beyond).
        if (cp > 0x10ffff) throw new TlvError(`Name: UniversalString holds U+${cp.toString(16).toUpperCase()}, beyond Unicode`);
        out += String.fromCodePoint(cp);
      }
      return out;
    }
    case 0x14: // TeletexString: treated as Latin-1, as OpenSSL does
      return latin1.decode(t.value);
    default: // UTF8String, PrintableString, IA5String, VisibleString, NumericString
      return utf8.decode(t.value);
  }
}

function normalize(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Name ::= SEQUENCE OF RelativeDistinguishedName (DER of the whole Name). */
export function parseName(der: Uint8Array): DistinguishedName {
  const name = decodeOne(der);
  const attributes: NameAttribute[] = [];
  const keyParts: string[] = [];
  for (const rdn of decodeAll(name.value)) {
    for (const atv of decodeAll(rdn.value)) {
      const [t, v] = decodeAll(atv.value);
      if (!t || t.tag !== 0x06) throw new TlvError('Name: attribute without a type OID');
      const type = decodeOid(t.value);
      const value = v ? directoryString(v) : '';
      attributes.push({ type, value });
      keyParts.push(`${type}=${normalize(value)}`);
    }
  }
  const text = attributes.map((a) => `${ATTRIBUTE_NAMES[a.type] ?? a.type}=${a.value}`).join(', ');
  return { text, key: keyParts.join(','), attributes, der: der.subarray(0, name.length) };
}

/** UTCTime (YYMMDDHHMMSSZ, RFC 5280 §4.1.2.5.1: YY < 50 → 20YY) or GeneralizedTime (YYYYMMDDHHMMSS[.f]Z). */
export function parseTime(t: Tlv | undefined, what: string): Date {
  const s = t ? latin1.decode(t.value) : '';
  let m: RegExpExecArray | null = null;
  let year = 0;
  if (t?.tag === 0x17 && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s))) {
    year = Number(m[1]) < 50 ? 2000 + Number(m[1]) : 1900 + Number(m[1]);
  } else if ((t?.tag === 0x18 || t?.tag === 0x80 || t?.tag === 0x81) && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s))) {
    year = Number(m[1]);
  }
  if (!m) throw new TlvError(`${what}: expected UTCTime or GeneralizedTime`);
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)));
}

function slice(parent: Uint8Array, t: Tlv): Uint8Array {
  return parent.subarray(t.offset, t.offset + t.length);
}

function unsigned(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

/** Bounded so that a long-running kiosk cannot grow it without limit (master lists hold ~600 certificates). */
const CACHE_LIMIT = 4096;
const cache = new Map<string, Certificate>();

/** Parse a DER certificate (results cached by fingerprint: DS certificates repeat across reads). */
export function parseCertificate(der: Uint8Array): Certificate {
  const fingerprint = toHex(digest('sha256', der));
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const root = decodeOne(der);
  if (root.tag !== 0x30 || root.length !== der.length) throw new TlvError('Certificate: not a single DER SEQUENCE');
  const [tbsTlv, sigAlgTlv, sigTlv] = decodeAll(root.value);
  if (!tbsTlv || !sigAlgTlv || sigTlv?.tag !== 0x03) throw new TlvError('Certificate: expected tbsCertificate, signatureAlgorithm, signature');
  const tbs = slice(root.value, tbsTlv);
  const f = decodeAll(tbsTlv.value);
  let i = 0;
  let version = 1;
  if (f[0]?.tag === 0xa0) {
    version = (decodeOne(f[0].value).value[0] ?? 0) + 1;
    i = 1;
  }
  const need = (k: number, tag: number, what: string): Tlv => {
    const t = f[k];
    if (!t || t.tag !== tag) throw new TlvError(`Certificate: missing ${what}`);
    return t;
  };
  const serialNumber = unsigned(need(i, 0x02, 'serialNumber').value);
  const issuer = parseName(slice(tbsTlv.value, need(i + 2, 0x30, 'issuer')));
  const [nb, na] = decodeAll(need(i + 3, 0x30, 'validity').value);
  const notBefore = parseTime(nb, 'Certificate notBefore');
  const notAfter = parseTime(na, 'Certificate notAfter');
  const subject = parseName(slice(tbsTlv.value, need(i + 4, 0x30, 'subject')));
  const spki = slice(tbsTlv.value, need(i + 5, 0x30, 'subjectPublicKeyInfo'));

  let subjectKeyIdentifier: Uint8Array | undefined;
  let authorityKeyIdentifier: Uint8Array | undefined;
  let keyUsage: string[] | undefined;
  let isCA: boolean | undefined;
  let privateKeyUsagePeriod: Certificate['privateKeyUsagePeriod'];
  const extWrapper = f.slice(i + 6).find((t) => t.tag === 0xa3);
  for (const ext of extWrapper ? decodeAll(decodeOne(extWrapper.value).value) : []) {
    try {
      const parts = decodeAll(ext.value);
      const id = parts[0];
      const value = parts[parts.length - 1];
      if (id?.tag !== 0x06 || value?.tag !== 0x04) continue;
      const extnId = decodeOid(id.value);
      const inner = decodeOne(value.value);
      if (extnId === OID.EXT_SUBJECT_KEY_ID) subjectKeyIdentifier = inner.value;
      else if (extnId === OID.EXT_AUTHORITY_KEY_ID) authorityKeyIdentifier = decodeAll(inner.value).find((t) => t.tag === 0x80)?.value;
      else if (extnId === OID.EXT_KEY_USAGE) {
        const bits = inner.value; // first octet = unused bits
        keyUsage = KEY_USAGE_BITS.filter((_, b) => ((bits[1 + (b >> 3)] ?? 0) & (0x80 >> (b & 7))) !== 0);
      } else if (extnId === OID.EXT_BASIC_CONSTRAINTS) {
        const ca = decodeAll(inner.value)[0];
        isCA = ca?.tag === 0x01 && (ca.value[0] ?? 0) !== 0;
      } else if (extnId === OID.EXT_PRIVATE_KEY_USAGE_PERIOD) {
        privateKeyUsagePeriod = {};
        for (const t of decodeAll(inner.value)) {
          if (t.tag === 0x80) privateKeyUsagePeriod.notBefore = parseTime(t, 'PrivateKeyUsagePeriod notBefore');
          else if (t.tag === 0x81) privateKeyUsagePeriod.notAfter = parseTime(t, 'PrivateKeyUsagePeriod notAfter');
        }
      }
    } catch {
      // A malformed non-essential extension must not make the certificate unusable; matching falls back to names.
    }
  }

  const sigBits = sigTlv.value;
  if (sigBits.length < 1) throw new TlvError('Certificate: empty signature');
  let key: PublicKey | undefined;
  const cert: Certificate = {
    der, fingerprint, version, serialNumber, serialHex: toHex(serialNumber), subject, issuer, notBefore, notAfter,
    subjectKeyIdentifier, authorityKeyIdentifier, keyUsage, isCA, privateKeyUsagePeriod, tbs,
    signatureAlgorithm: algorithmFromAsn1(parseDer(slice(root.value, sigAlgTlv), 'Certificate signatureAlgorithm'), 'Certificate signatureAlgorithm'),
    signature: sigBits.subarray(1),
    spki,
    publicKey() {
      key ??= publicKeyFromAsn1(parseDer(spki, 'Certificate public key'), 'Certificate public key');
      return key;
    },
    country: subject.attributes.find((a) => a.type === OID.AT_COUNTRY)?.value,
    commonName: subject.attributes.find((a) => a.type === OID.AT_COMMON_NAME)?.value,
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
