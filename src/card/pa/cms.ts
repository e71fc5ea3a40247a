/**
 * CMS SignedData (RFC 5652 §5) as used by EF.SOD (ICAO 9303-10 §4.6.2) and CSCA master lists (9303-12 §8).
 * The outer layers are split with the wire-level TLV decoder because asn1js speculatively decodes every OCTET
 * STRING (a 900 KB master list takes ~0.5 s that way); only the small SignerInfo is decoded with asn1js.
 */
import { decodeAll, decodeOne, TlvError, unsignedValue } from '../asn1/tlv';
import {
  Asn1Error, bytesEqual, children, contentOf, decodeOid, derOf, intOf, isContext, isUniversal, octetsOf, oidOf, parseDer, timeOf,
  unsignedBytesOf,
} from '../asn1/der';
import type { PublicKey } from '../lds/publicKey';
import { algorithmFromAsn1, digest, hashFromOid, verifySignature, type AlgorithmIdentifier, type HashName } from './signature';
import { parseName, type Certificate } from './certificates';
import { OID } from '../oids';


export interface SignerIdentifier {
  /** IssuerAndSerialNumber: issuer name key (certificates.ts) and serial (hex). */
  issuerKey?: string;
  serialHex?: string;
  /** [0] SubjectKeyIdentifier */
  subjectKeyIdentifier?: Uint8Array;
}

export interface SignerInfo {
  version: number;
  sid: SignerIdentifier;
  digestAlgorithm: AlgorithmIdentifier;
  /** The signed attributes re-encoded as SET (tag 0x31): the exact input of the signature (RFC 5652 §5.4). */
  signedAttrs: Uint8Array | undefined;
  contentType: string | undefined;
  messageDigest: Uint8Array | undefined;
  signingTime: Date | undefined;
  signatureAlgorithm: AlgorithmIdentifier;
  signature: Uint8Array;
}

export interface SignedData {
  version: number;
  digestAlgorithms: string[];
  eContentType: string;
  eContent: Uint8Array;
  /** DER of every certificate in the certificates field. */
  certificates: Uint8Array[];
  crls: Uint8Array[];
  signerInfos: SignerInfo[];
}

function parseSignerInfo(der: Uint8Array): SignerInfo {
  const root = parseDer(der, 'SignerInfo');
  const f = children(root);
  // version, sid, digestAlgorithm, signatureAlgorithm, signature at least (RFC 5652 §5.3).
  if (!isUniversal(root, 16) || f.length < 5) throw new Asn1Error('SignerInfo: expected a SEQUENCE of at least five fields');
  let i = 0;
  const version = intOf(f[i++], 'SignerInfo version');
  const sidNode = f[i++]!;
  const sid: SignerIdentifier = {};
  if (isContext(sidNode, 0)) sid.subjectKeyIdentifier = contentOf(sidNode);
  else {
    const [issuer, serial] = children(sidNode);
    if (issuer) sid.issuerKey = parseName(derOf(issuer)).key;
    if (serial) {
      let s = unsignedBytesOf(serial, 'SignerInfo serialNumber');
      while (s.length > 1 && s[0] === 0) s = s.subarray(1);
      sid.serialHex = Array.from(s, (x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
    }
  }
  const digestAlgorithm = algorithmFromAsn1(f[i++], 'SignerInfo digestAlgorithm');
  let signedAttrs: Uint8Array | undefined;
  let contentType: string | undefined;
  let messageDigest: Uint8Array | undefined;
  let signingTime: Date | undefined;
  if (f[i] && isContext(f[i]!, 0)) {
    const node = f[i++]!;
    // [0] IMPLICIT SET OF Attribute: the signature covers the explicit SET OF encoding, i.e. tag 0x31.
    signedAttrs = derOf(node).slice();
    signedAttrs[0] = 0x31;
    for (const attr of children(node)) {
      const [typeNode, valuesNode] = children(attr);
      const type = oidOf(typeNode, 'Attribute type');
      const value = valuesNode ? children(valuesNode)[0] : undefined;
      if (!value) continue;
      if (type === OID.MESSAGE_DIGEST) messageDigest = octetsOf(value, 'messageDigest');
      else if (type === OID.CONTENT_TYPE) contentType = oidOf(value, 'contentType');
      else if (type === OID.SIGNING_TIME) signingTime = timeOf(value);
    }
  }
  const signatureAlgorithm = algorithmFromAsn1(f[i++], 'SignerInfo signatureAlgorithm');
  const signature = octetsOf(f[i++], 'SignerInfo signature');
  return { version, sid, digestAlgorithm, signedAttrs, contentType, messageDigest, signingTime, signatureAlgorithm, signature };
}

/** Parse a ContentInfo holding SignedData (DER, definite lengths as ICAO requires). */
export function parseSignedData(contentInfo: Uint8Array): SignedData {
  const ci = decodeOne(contentInfo);
  if (ci.tag !== 0x30) throw new TlvError('CMS: ContentInfo is not a SEQUENCE');
  const [typeTlv, explicit] = decodeAll(ci.value);
  if (!typeTlv || typeTlv.tag !== 0x06 || decodeOid(typeTlv.value) !== OID.SIGNED_DATA) throw new TlvError('CMS: content type is not signedData');
  if (!explicit || explicit.tag !== 0xa0) throw new TlvError('CMS: missing [0] content');
  const sd = decodeOne(explicit.value);
  const parts = decodeAll(sd.value);
  let k = 0;
  const version = unsignedValue(parts[k++]?.value ?? new Uint8Array());
  const digestSet = parts[k++];
  const digestAlgorithms = digestSet ? decodeAll(digestSet.value).map((a) => decodeOid(decodeAll(a.value)[0]?.value ?? new Uint8Array())) : [];
  const eci = parts[k++];
  if (!eci || eci.tag !== 0x30) throw new TlvError('CMS: missing encapContentInfo');
  const [eTypeTlv, eExplicit] = decodeAll(eci.value);
  if (!eTypeTlv || eTypeTlv.tag !== 0x06) throw new TlvError('CMS: missing eContentType');
  if (!eExplicit) throw new TlvError('CMS: detached content is not supported');
  const octets = decodeOne(eExplicit.value);
  // eContent may be a constructed OCTET STRING (BER segments); concatenate them.
  const eContent = octets.tag === 0x04 ? octets.value.slice() : Uint8Array.from(decodeAll(octets.value).flatMap((s) => Array.from(s.value)));
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  let signerInfos: SignerInfo[] = [];
  for (; k < parts.length; k++) {
    const p = parts[k]!;
    if (p.tag === 0xa0) for (const c of decodeAll(p.value)) if (c.tag === 0x30) certificates.push(contentInfoSlice(p.value, c));
    if (p.tag === 0xa1) for (const c of decodeAll(p.value)) if (c.tag === 0x30) crls.push(contentInfoSlice(p.value, c));
    if (p.tag === 0x31) signerInfos = decodeAll(p.value).map((s) => parseSignerInfo(contentInfoSlice(p.value, s)));
  }
  if (signerInfos.length === 0) throw new TlvError('CMS: no SignerInfo');
  return { version, digestAlgorithms, eContentType: decodeOid(eTypeTlv.value), eContent, certificates, crls, signerInfos };
}

function contentInfoSlice(parent: Uint8Array, t: { offset: number; length: number }): Uint8Array {
  return parent.slice(t.offset, t.offset + t.length);
}

/** Does `cert` match the SignerIdentifier (RFC 5652 §5.3)? */
export function matchesSigner(cert: Certificate, sid: SignerIdentifier): boolean {
  if (sid.subjectKeyIdentifier) return !!cert.subjectKeyIdentifier && bytesEqual(cert.subjectKeyIdentifier, sid.subjectKeyIdentifier);
  return sid.issuerKey === cert.issuer.key && sid.serialHex === cert.serialHex;
}

export interface SignerCheck {
  /** messageDigest attribute equals the hash of eContent (true when there are no signed attributes). */
  digestMatches: boolean;
  signatureValid: boolean;
  hash: HashName | undefined;
  /** Why verification could not be completed (unsupported algorithm), if so. */
  error?: string;
}

/** Verify one SignerInfo over the encapsulated content with the signer's public key (RFC 5652 §5.4, §5.6). */
export function verifySignerInfo(sd: SignedData, si: SignerInfo, key: PublicKey): SignerCheck {
  const hash = hashFromOid(si.digestAlgorithm.oid);
  if (!hash) return { digestMatches: false, signatureValid: false, hash, error: `unsupported digest algorithm ${si.digestAlgorithm.oid}` };
  let digestMatches = true;
  if (si.signedAttrs) {
    digestMatches = !!si.messageDigest && bytesEqual(si.messageDigest, digest(hash, sd.eContent));
  }
  try {
    const signatureValid = verifySignature({
      algorithm: si.signatureAlgorithm, fallbackHash: hash, publicKey: key,
      data: si.signedAttrs ?? sd.eContent, signature: si.signature,
    });
    return { digestMatches, signatureValid, hash };
  } catch (e) {
    return { digestMatches, signatureValid: false, hash, error: (e as Error).message };
  }
}
