/**
 * EF.SOD (ICAO 9303-10 §4.6.2, tag 77): CMS SignedData over an LDSSecurityObject
 * (9303-10 §4.6.2.2: { version, hashAlgorithm, dataGroupHashValues SEQUENCE OF { dataGroupNumber, hash },
 * ldsVersionInfo? }) signed by the Document Signer, whose certificate is normally embedded.
 */
import { decodeOne } from '../asn1/tlv';
import { Asn1Error, children, intOf, isUniversal, octetsOf, parseDer } from '../asn1/der';
import { parseSignedData, matchesSigner, type SignedData, type SignerInfo } from './cms';
import { algorithmFromAsn1, hashFromOid, type AlgorithmIdentifier, type HashName } from './signature';
import { parseCertificate, type Certificate } from './certificates';
import { OID } from '../oids';


export interface Sod {
  signedData: SignedData;
  ldsVersion: number;
  hashAlgorithm: AlgorithmIdentifier;
  /** undefined when the hash algorithm is not supported. */
  hash: HashName | undefined;
  dataGroupHashes: Map<number, Uint8Array>;
  /** LDS 1.8 ldsVersionInfo, when present. */
  ldsVersionInfo: { ldsVersion: string; unicodeVersion: string } | undefined;
  signerInfo: SignerInfo;
  /** The embedded Document Signer certificate that matches the SignerInfo, if any. */
  dsCertificate: Certificate | undefined;
}

/** Accepts the file with its 77 wrapper or the bare ContentInfo. */
export function parseSod(bytes: Uint8Array): Sod {
  const outer = decodeOne(bytes);
  const contentInfo = outer.tag === 0x77 ? outer.value : bytes.subarray(0, outer.length);
  const signedData = parseSignedData(contentInfo);
  if (signedData.eContentType !== OID.LDS_SECURITY_OBJECT) {
    throw new Asn1Error(`SOD: eContentType ${signedData.eContentType} is not id-icao-ldsSecurityObject`);
  }
  const lso = parseDer(signedData.eContent, 'LDSSecurityObject');
  if (!isUniversal(lso, 16)) throw new Asn1Error('LDSSecurityObject: expected a SEQUENCE');
  const f = children(lso);
  const ldsVersion = intOf(f[0], 'LDSSecurityObject version');
  const hashAlgorithm = algorithmFromAsn1(f[1], 'LDSSecurityObject hashAlgorithm');
  const hashValues = f[2];
  if (!hashValues || !isUniversal(hashValues, 16)) throw new Asn1Error('LDSSecurityObject: missing dataGroupHashValues (SEQUENCE OF DataGroupHash)');
  const dataGroupHashes = new Map<number, Uint8Array>();
  for (const dgh of children(hashValues)) {
    const [n, h] = children(dgh);
    dataGroupHashes.set(intOf(n, 'DataGroupHash number'), octetsOf(h, 'DataGroupHash value'));
  }
  let ldsVersionInfo: Sod['ldsVersionInfo'];
  if (f[3] && isUniversal(f[3], 16)) {
    const [lv, uv] = children(f[3]);
    const str = (node: typeof lv) => (node ? String((node as unknown as { valueBlock: { value: unknown } }).valueBlock.value) : '');
    ldsVersionInfo = { ldsVersion: str(lv), unicodeVersion: str(uv) };
  }
  const signerInfo = signedData.signerInfos[0]!;
  let dsCertificate: Certificate | undefined;
  for (const der of signedData.certificates) {
    const c = parseCertificate(der);
    if (matchesSigner(c, signerInfo.sid)) {
      dsCertificate = c;
      break;
    }
  }
  // Some issuers identify the signer loosely; a single embedded certificate is the DS by construction.
  if (!dsCertificate && signedData.certificates.length === 1) dsCertificate = parseCertificate(signedData.certificates[0]!);
  return {
    signedData, ldsVersion, hashAlgorithm, hash: hashFromOid(hashAlgorithm.oid), dataGroupHashes, ldsVersionInfo,
    signerInfo, dsCertificate,
  };
}
