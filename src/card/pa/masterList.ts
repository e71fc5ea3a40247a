/**
 * ICAO CSCA master lists (ICAO 9303-12 §8): CMS SignedData with eContentType id-icao-cscaMasterList
 * (2.23.136.1.1.2) over CscaMasterList ::= SEQUENCE { version INTEGER, certList SET OF Certificate }.
 * The list's own signature is verified with its Master List Signer certificate (embedded in the CMS), and that
 * signer is checked against the CSCAs of its own country contained in the list (9303-12 §8.2).
 */
import { decodeAll, decodeOne, TlvError } from '../asn1/tlv';
import { parseSignedData, matchesSigner, verifySignerInfo } from './cms';
import { couldHaveIssued, isValidAt, parseCertificate, summarizeCertificate, verifyCertificateSignature, type Certificate, type CertificateSummary } from './certificates';
import { OID } from '../oids';
import { CardDataError } from '../asn1/errors';


export interface MasterList {
  cscas: Certificate[];
  signer: CertificateSummary | undefined;
  /** The CMS signature over the list verifies with the embedded signer certificate (and messageDigest matches). */
  signatureValid: boolean;
  /** The signer certificate verifies under a CSCA contained in the list or in the CMS certificates. */
  signerChainValid: boolean;
  /** Certificates that could not be parsed (kept out of the list), count only. */
  skipped: number;
  notes: string[];
}

export function parseMasterList(bytes: Uint8Array): MasterList {
  const sd = parseSignedData(bytes);
  if (sd.eContentType !== OID.CSCA_MASTER_LIST) throw new TlvError(`Master list: eContentType ${sd.eContentType} is not id-icao-cscaMasterList`);
  const notes: string[] = [];
  const list = decodeOne(sd.eContent);
  const [, certSet] = decodeAll(list.value);
  if (!certSet || certSet.tag !== 0x31) throw new TlvError('Master list: missing certList SET');
  const cscas: Certificate[] = [];
  let skipped = 0;
  for (const t of decodeAll(certSet.value)) {
    try {
      cscas.push(parseCertificate(certSet.value.slice(t.offset, t.offset + t.length)));
    } catch (e) {
      // A malformed certificate is skipped and counted; anything else is a bug and must surface.
      if (!(e instanceof CardDataError)) throw e;
      skipped += 1;
    }
  }
  if (skipped) notes.push(`${skipped} certificate(s) in the master list could not be parsed and were skipped`);

  const si = sd.signerInfos[0]!;
  const embedded = sd.certificates.map((d) => parseCertificate(d));
  const signer = embedded.find((c) => matchesSigner(c, si.sid));
  let signatureValid = false;
  let signerChainValid = false;
  if (!signer) {
    notes.push('master list signer certificate not found in the CMS');
  } else {
    const check = verifySignerInfo(sd, si, signer.publicKey());
    signatureValid = check.digestMatches && check.signatureValid;
    if (check.error) notes.push(`master list signature not checked: ${check.error}`);
    else if (!check.digestMatches) notes.push('master list messageDigest does not match its content');
    else if (!check.signatureValid) notes.push('master list signature is invalid');
    const issuers = [...embedded, ...cscas].filter((c) => c !== signer && couldHaveIssued(c, signer));
    signerChainValid = issuers.some((c) => {
      try {
        return verifyCertificateSignature(signer, c.publicKey());
      } catch {
        return false;
      }
    });
    if (!signerChainValid) notes.push('master list signer certificate does not chain to a CSCA in the list');
    const signedAt = si.signingTime ?? new Date();
    if (!isValidAt(signer, signedAt)) notes.push('master list signer certificate was not valid at signing time');
  }
  return { cscas, signer: signer ? summarizeCertificate(signer) : undefined, signatureValid, signerChainValid, skipped, notes };
}
