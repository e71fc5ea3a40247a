/**
 * Passive Authentication (ICAO 9303-11 §5.1): the data groups hash to the values in the LDSSecurityObject, the
 * SOD signature verifies with the Document Signer certificate, and the DS certificate chains to a trusted CSCA
 * that has not revoked it.
 *
 * Verdicts: a DG hash mismatch, a DG not covered by the SOD, a bad SOD signature or a revoked DS → INVALID;
 * an algorithm this code cannot check → NOT_SUPPORTED; everything verifies but no trusted CSCA → UNTRUSTED;
 * full chain → VALID. Certificate expiry is reported in the
 * notes but does not fail PA: DS certificates outlive their signing period by design (9303-12 §7.1.1), and
 * lifetime CCCDs (cccd.md §2.4) must not turn invalid because of it.
 */
import type { Verdict } from '../result';
import { bytesEqual } from '../asn1/der';
import { parseSod, type Sod } from './sod';
import { matchesSigner, verifySignerInfo } from './cms';
import { isValidAt, summarizeCertificate, type CertificateSummary } from './certificates';
import { digest } from './signature';
import type { TrustStore } from './trustStore';

export interface PassiveInput {
  /** EF.SOD bytes (with or without the 77 wrapper). */
  sod: Uint8Array;
  /** Data-group number → complete file bytes as read from the chip. */
  dataGroups: Map<number, Uint8Array>;
  trust: TrustStore;
  now?: Date;
}

export interface PassiveResult {
  passive: Verdict;
  /**
   * The SOD signature and its chain alone, DG hashes aside. Chip and Active Authentication use it: their keys
   * (DG14/DG15) are trustworthy when their own hash matches and the SOD itself is genuine, even if another DG
   * was tampered with.
   */
  signature: Verdict;
  /** "DG1" … → VALID (hash matches), INVALID (mismatch or not in the SOD), NOT_CHECKED (listed but not read). */
  dataGroups: Record<string, Verdict>;
  dsCertificate: CertificateSummary | null;
  cscaCertificate: CertificateSummary | null;
  /** English, log-safe. */
  notes: string[];
}

const SOD_CACHE_LIMIT = 8;
const sodCache = new Map<string, Sod>();

/** Parsed SODs are cached by content hash: the same card read twice costs no second decode. */
function parseSodCached(bytes: Uint8Array): Sod {
  const id = Buffer.from(digest('sha256', bytes)).toString('hex');
  const hit = sodCache.get(id);
  if (hit) return hit;
  const sod = parseSod(bytes);
  if (sodCache.size >= SOD_CACHE_LIMIT) sodCache.delete(sodCache.keys().next().value!);
  sodCache.set(id, sod);
  return sod;
}

export function verifyPassive(input: PassiveInput): PassiveResult {
  const r = verifyPassiveParts(input);
  // A DG hash mismatch invalidates the document whatever the signature says (ICAO 9303-11 §5.1.1 step 3).
  const passive = r.hashesOk ? r.signature : 'INVALID';
  return { passive, signature: r.signature, dataGroups: r.dataGroups, dsCertificate: r.dsCertificate, cscaCertificate: r.cscaCertificate, notes: r.notes };
}

interface Parts {
  hashesOk: boolean;
  signature: Verdict;
  dataGroups: Record<string, Verdict>;
  dsCertificate: CertificateSummary | null;
  cscaCertificate: CertificateSummary | null;
  notes: string[];
}

function verifyPassiveParts(input: PassiveInput): Parts {
  const now = input.now ?? new Date();
  const notes: string[] = [];
  const dataGroups: Record<string, Verdict> = {};
  let sod: Sod;
  try {
    sod = parseSodCached(input.sod);
  } catch (e) {
    for (const n of input.dataGroups.keys()) dataGroups[`DG${n}`] = 'NOT_CHECKED';
    return { hashesOk: false, signature: 'INVALID', dataGroups, dsCertificate: null, cscaCertificate: null, notes: [`SOD could not be parsed: ${(e as Error).message}`] };
  }

  // 1. Data-group hashes (9303-11 §5.1.1 step 3).
  let hashesOk = true;
  // Set when a check could not be made with the algorithms supported here (→ NOT_SUPPORTED, not INVALID).
  let unsupported = false;
  if (!sod.hash) {
    notes.push(`unsupported DG hash algorithm ${sod.hashAlgorithm.oid}`);
    unsupported = true;
  }
  for (const n of [...new Set([...sod.dataGroupHashes.keys(), ...input.dataGroups.keys()])].sort((a, b) => a - b)) {
    const expected = sod.dataGroupHashes.get(n);
    const bytes = input.dataGroups.get(n);
    const key = `DG${n}`;
    if (!bytes) {
      dataGroups[key] = 'NOT_CHECKED';
    } else if (!expected) {
      dataGroups[key] = 'INVALID';
      hashesOk = false;
      notes.push(`${key} is not covered by the SOD`);
    } else if (!sod.hash) {
      dataGroups[key] = 'NOT_CHECKED';
    } else if (bytesEqual(digest(sod.hash, bytes), expected)) {
      dataGroups[key] = 'VALID';
    } else {
      dataGroups[key] = 'INVALID';
      hashesOk = false;
      notes.push(`${key} hash does not match the SOD`);
    }
  }

  // 2. SOD signature with the DS key (9303-11 §5.1.1 steps 1–2).
  // ICAO 9303-10 §4.6.2.1: the DS certificate "should" be embedded; otherwise look for it among imported certificates.
  const ds = sod.dsCertificate ?? input.trust.certificates().find((c) => matchesSigner(c, sod.signerInfo.sid));
  const dsSummary = ds ? summarizeCertificate(ds) : null;
  if (!ds) {
    notes.push('Document Signer certificate is neither in the SOD nor in the trust store');
    return { hashesOk, signature: 'INVALID', dataGroups, dsCertificate: null, cscaCertificate: null, notes };
  }
  let signatureOk = false;
  try {
    const check = verifySignerInfo(sod.signedData, sod.signerInfo, ds.publicKey());
    signatureOk = check.digestMatches && check.signatureValid;
    if (!check.digestMatches && check.hash) notes.push('SOD messageDigest does not match the LDSSecurityObject');
    else if (check.error) {
      notes.push(`SOD signature not checked: ${check.error}`);
      unsupported = true;
    } else if (!check.signatureValid) notes.push('SOD signature is invalid');
  } catch (e) {
    notes.push(`SOD signature not checked: ${(e as Error).message}`);
    unsupported = true;
  }
  if (!signatureOk && !unsupported) {
    return { hashesOk, signature: 'INVALID', dataGroups, dsCertificate: dsSummary, cscaCertificate: null, notes };
  }
  if (unsupported) {
    return { hashesOk, signature: 'NOT_SUPPORTED', dataGroups, dsCertificate: dsSummary, cscaCertificate: null, notes };
  }

  // 3. Chain to a trusted CSCA (9303-11 §5.1.1 step 4, 9303-12 §7).
  const csca = input.trust.findTrustedIssuer(ds);
  if (!csca) {
    notes.push(`no trusted CSCA for issuer ${ds.issuer.text}`);
    return { hashesOk, signature: 'UNTRUSTED', dataGroups, dsCertificate: dsSummary, cscaCertificate: null, notes };
  }
  const cscaSummary = summarizeCertificate(csca);
  if (!isValidAt(csca, ds.notBefore)) {
    notes.push('CSCA certificate was not valid when the DS certificate was issued');
    return { hashesOk, signature: 'UNTRUSTED', dataGroups, dsCertificate: dsSummary, cscaCertificate: cscaSummary, notes };
  }
  if (input.trust.isRevoked(ds)) {
    notes.push('DS certificate is revoked by its CSCA');
    return { hashesOk, signature: 'INVALID', dataGroups, dsCertificate: dsSummary, cscaCertificate: cscaSummary, notes };
  }
  const signedAt = sod.signerInfo.signingTime;
  const at = signedAt ?? now;
  if (!isValidAt(ds, at)) notes.push(signedAt ? 'DS certificate was not valid at the SOD signing time' : 'DS certificate is outside its validity period');
  if (now > csca.notAfter) notes.push('CSCA certificate has expired');
  return { hashesOk, signature: 'VALID', dataGroups, dsCertificate: dsSummary, cscaCertificate: cscaSummary, notes };
}
