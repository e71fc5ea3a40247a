/**
 * EF.SOD (ICAO 9303-10 §4.6.2): 77 { ContentInfo { signedData, SignedData v3 { sha256, eContent =
 * LDSSecurityObject v0 (id-icao-mrtd-security-ldsSecurityObject 2.23.136.1.1.1), DS certificate, one SignerInfo } } }.
 * Signed attributes: contentType, signingTime, messageDigest (ICAO 9303-10 §4.6.2.2; RFC 5652 §5.3–5.4).
 * pkijs provides the CMS structures; the signature is computed by the test PKI key (brainpool is not in WebCrypto).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encode } from '../../card/asn1/tlv';
import { compareBytes, derAlgorithm, derInteger, derOctetString, derSequence } from '../../card/asn1/derEncode';
import type { SigningKey } from './pki';
import { OID } from '../../card/oids';

export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** LDSSecurityObject v0 (ICAO 9303-10 §4.6.2.3) with SHA-256 hashes of the given DGs, sorted by DG number. */
export function encodeLdsSecurityObject(dataGroups: Map<number, Uint8Array>): Uint8Array {
  const hashes = [...dataGroups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([n, content]) => derSequence(derInteger(n), derOctetString(sha256(content))));
  return derSequence(derInteger(0), derAlgorithm(OID.SHA256), derSequence(...hashes));
}

export interface SodOptions {
  /** DG number (1…16) → full file content including its tag. */
  dataGroups: Map<number, Uint8Array>;
  dsCertificate: Uint8Array;
  dsKey: SigningKey;
  signingTime?: Date;
}

function ab(u: Uint8Array): ArrayBuffer {
  return u.slice().buffer;
}

function attribute(type: string, value: asn1js.AsnType): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

export function encodeSod(opts: SodOptions): Uint8Array {
  const eContent = encodeLdsSecurityObject(opts.dataGroups);
  const cert = new pkijs.Certificate({ schema: asn1js.fromBER(ab(opts.dsCertificate)).result });

  const attrs = [
    attribute(OID.CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: OID.LDS_SECURITY_OBJECT })),
    attribute(OID.MESSAGE_DIGEST, new asn1js.OctetString({ valueHex: ab(sha256(eContent)) })),
  ];
  if (opts.signingTime) attrs.push(attribute(OID.SIGNING_TIME, new asn1js.UTCTime({ valueDate: opts.signingTime })));
  // DER SET OF order (X.690 §11.6): verifiers hash the attributes exactly as transmitted, re-tagged as SET.
  const encoded = attrs.map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER()) })).sort((x, y) => compareBytes(x.der, y.der));
  const signedAttrsSet = encode(0x31, encoded.map((e) => e.der));
  const signature = opts.dsKey.sign(signedAttrsSet);

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.SHA256 }),
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: encoded.map((e) => e.a) }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ schema: asn1js.fromBER(ab(opts.dsKey.signatureAlgorithm)).result }),
    signature: new asn1js.OctetString({ valueHex: ab(signature) }),
  });
  const signedData = new pkijs.SignedData({
    version: 3, // RFC 5652 §5.1: eContentType is not id-data
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.SHA256 })],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.LDS_SECURITY_OBJECT,
      eContent: new asn1js.OctetString({ valueHex: ab(eContent) }),
    }),
    certificates: [cert],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.SIGNED_DATA, content: signedData.toSchema(true) });
  const der = new Uint8Array(contentInfo.toSchema().toBER());
  return encode(0x77, der);
}
