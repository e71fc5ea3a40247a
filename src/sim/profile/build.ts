/**
 * Identity JSON → SimProfile: every file of a CCCD chip by FID plus its secrets (CAN, CA key, AA key) and test PKI.
 * File set per cccd.md §3: EF.CardAccess, EF.COM, EF.SOD, DG1, DG2, DG3 (EAC-protected), DG13, DG14, DG15.
 */
import { createHash } from 'node:crypto';
import { encode } from '../../card/asn1/tlv';
import { cccdCardAccess } from './cardAccess';
import { encodeCom } from './encodeCom';
import { encodeDg1 } from './encodeDg1';
import { encodeDg13 } from './encodeDg13';
import { encodeDg14 } from './encodeDg14';
import { encodeDg15 } from './encodeDg15';
import { encodeDg2 } from './encodeDg2';
import { loadFace } from './face';
import { loadIdentityFile, type Identity } from './identity';
import { deriveEcKey, ecSpkiNamed, rsaKey } from './keys';
import { buildMrz } from './mrz';
import { getTestPki } from './pki';
import { encodeSod } from './sod';
import { FID, type SimProfile } from './types';

export interface BuildOptions {
  /** Folder relative face paths are resolved against (the identity file's folder); default: cwd. */
  baseDir?: string;
  /** Seed for deterministic EC keys (test PKI, CA, EC AA); default "default". */
  seed?: string;
  /** Folder to cache RSA keys in across runs; otherwise they are per process. */
  keyDir?: string;
  /** Overrides identity.label. */
  label?: string;
}

/** The CA curve: CCCD's ChipAuthenticationInfo names ECDH, and its PACE runs on brainpoolP256r1 (cccd.md §1.2). */
const CA_CURVE = 'brainpoolP256r1' as const;

/**
 * DG3 stand-in: an empty Biometric Information Group Template. The real DG3 is unreadable without EAC (6982,
 * cccd.md §1.4) — it exists only so the SOD carries a DG3 hash as on a real card.
 */
function placeholderDg3(): Uint8Array {
  return encode(0x63, [encode(0x7f61, [encode(0x02, Uint8Array.of(0))])]);
}

/** Key labels must not carry personal data (they may become file names under keyDir). */
function cardKeyLabel(identity: Identity, seed: string): string {
  return createHash('sha256').update(`${seed}|${identity.idNumber}`).digest('hex').slice(0, 16);
}

export function buildProfile(identity: Identity, opts: BuildOptions = {}): SimProfile {
  const seed = opts.seed ?? 'default';
  const cardLabel = cardKeyLabel(identity, seed);
  const mrz = buildMrz(identity);
  const face = loadFace(identity.face, opts.baseDir ?? process.cwd());

  const caKey = deriveEcKey(CA_CURVE, `ca|${cardLabel}`);
  const aaEc = identity.aa === 'EC' ? deriveEcKey(CA_CURVE, `aa|${cardLabel}`) : undefined;
  const aaRsa = identity.aa === 'RSA' ? rsaKey(`aa-${cardLabel}`, opts.keyDir) : undefined;
  const aaSpki = aaEc ? ecSpkiNamed(aaEc) : aaRsa!.spki;

  const dataGroups = new Map<number, Uint8Array>([
    [1, encodeDg1(mrz.lines)],
    [2, encodeDg2({ ...face, sex: identity.sex })],
    [3, placeholderDg3()],
    [13, encodeDg13(identity)],
    [14, encodeDg14({ caKey, ecdsaActiveAuthentication: identity.aa === 'EC' })],
    [15, encodeDg15(aaSpki)],
  ]);

  const pki = getTestPki(identity.pki, { seed, ...(opts.keyDir ? { keyDir: opts.keyDir } : {}) });
  // Signed "at issuance" (10:00 Vietnam time on the issue date) so output is reproducible.
  const signingTime = new Date(`${identity.dateOfIssue}T03:00:00Z`);
  const sod = encodeSod({ dataGroups, dsCertificate: pki.ds.certificate, dsKey: pki.ds.key, signingTime });

  const files = new Map<number, Uint8Array>([
    [FID.CARD_ACCESS, cccdCardAccess()],
    [FID.COM, encodeCom()],
    [FID.SOD, sod],
  ]);
  for (const [n, content] of dataGroups) files.set(0x0100 + n, content);

  return {
    label: opts.label ?? identity.label ?? 'THẺ MẪU',
    files,
    protectedFids: [FID.DG3],
    mrzInformation: mrz.mrzInformation,
    can: identity.idNumber.slice(6),
    pace: true,
    chipAuthentication: { curve: CA_CURVE, privateKey: caKey.privateKey },
    activeAuthentication: aaEc
      ? { kind: 'EC', curve: aaEc.curve, privateKey: aaEc.privateKey }
      : { kind: 'RSA', privateKeyPkcs8: aaRsa!.pkcs8 },
    cscaCertificate: pki.csca.certificate,
    dsCertificate: pki.ds.certificate,
  };
}

/** Convenience: validate an identity JSON file and build its profile (face paths relative to the file). */
export function buildProfileFromFile(path: string, opts: Omit<BuildOptions, 'baseDir'> = {}): SimProfile {
  const { identity, baseDir } = loadIdentityFile(path);
  return buildProfile(identity, { ...opts, baseDir });
}
