/**
 * Fault injection for the simulated CCCD and the APDU counters used by benchmarks.
 *
 * File faults are applied once, when the applet is built: the profile's SOD was signed over the original
 * files, so altering the served bytes afterwards is exactly what a cloned or edited chip looks like to
 * passive authentication (ICAO 9303-11 §5.1).
 */
import { decodeAll, decodeOne, type Tlv } from '../../card/asn1/tlv';
import { createHash, generateKeyPairSync, createPrivateKey } from 'node:crypto';
import { curveByName, type CurveName } from '../../card/crypto/ec';
import { FID, type SimProfile } from '../profile/types';

export interface SimFaults {
  /** After the response to the N-th APDU the card counts as removed (VirtualCard.removed) and answers nothing more. */
  removeAfterApdus?: number;
  /** Extended-length command APDUs are refused with 6700, as on chips or readers without extended length. */
  refuseExtendedLength?: boolean;
  /** Flip one byte of this file's content (the SOD still holds the hash of the original). */
  tamperFid?: number;
  /** Flip one byte inside the SOD's SignerInfo signature value. */
  corruptSodSignature?: boolean;
  /** Never answer more than this many response data bytes (before the status word) in one R-APDU. */
  maxResponseBytes?: number;
  /**
   * A clone's Chip Authentication: every file is the genuine card's (so Passive Authentication holds, DG14 included),
   * but the chip's CA private key is its own, since a private key cannot be copied out of a chip.
   */
  cloneChipAuthentication?: boolean;
  /** A clone's Active Authentication: DG15 is genuine, the signing key is the clone's own. */
  cloneActiveAuthentication?: boolean;
}

/** APDU counters, e.g. for read benchmarks ("how many APDUs / bytes did a full read cost"). */
export interface SimStats {
  apdus: number;
  /** Command bytes received by the card. */
  bytesIn: number;
  /** Response bytes sent by the card, status words included. */
  bytesOut: number;
}

/** Return a copy of `files` with the file faults applied (the profile itself is never modified). */
export function applyFileFaults(files: ReadonlyMap<number, Uint8Array>, faults: SimFaults): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const [fid, bytes] of files) out.set(fid, bytes);
  if (faults.tamperFid !== undefined) {
    const original = files.get(faults.tamperFid);
    if (!original) throw new Error(`Sim faults: tamperFid 0x${faults.tamperFid.toString(16)} is not a file of this profile`);
    out.set(faults.tamperFid, tamperContent(original));
  }
  if (faults.corruptSodSignature) {
    const sod = out.get(FID.SOD);
    if (!sod) throw new Error('Sim faults: corruptSodSignature needs an EF.SOD in the profile');
    out.set(FID.SOD, corruptSodSignature(sod));
  }
  return out;
}

/**
 * Change one byte near the end of a file while keeping it parseable, so the reader gets as far as the hash
 * check: MRZ/Printable characters stay in their class (digit→digit, letter→letter, '<'→letter), a JPEG keeps its
 * EOI marker, and no byte becomes 0xFF (a JPEG marker prefix).
 */
export function tamperContent(original: Uint8Array): Uint8Array {
  if (original.length === 0) throw new Error('Sim faults: cannot tamper with an empty file');
  const out = Uint8Array.from(original);
  const endsWithJpegEoi = out.length >= 3 && out[out.length - 2] === 0xff && out[out.length - 1] === 0xd9;
  const i = endsWithJpegEoi ? out.length - 3 : out.length - 1;
  out[i] = tamperByte(out[i]!);
  return out;
}

function tamperByte(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b === 0x39 ? 0x30 : b + 1; // digit
  if (b >= 0x41 && b <= 0x5a) return b === 0x5a ? 0x41 : b + 1; // upper-case letter
  if (b >= 0x61 && b <= 0x7a) return b === 0x7a ? 0x61 : b + 1; // lower-case letter
  if (b === 0x3c) return 0x58; // '<' → 'X'
  const x = b ^ 0x01;
  return x === 0xff ? b ^ 0x02 : x;
}

/**
 * Flip the last byte of SignerInfo.signature (RFC 5652 §5.3) inside EF.SOD ('77' wrapping a CMS ContentInfo,
 * ICAO 9303-10 §4.6.2). The last byte lies inside the RSA integer or the ECDSA `s` value, so the DER structure
 * stays valid and only the signature check fails.
 */
export function corruptSodSignature(sod: Uint8Array): Uint8Array {
  const sig = findSignatureValue(sod);
  const out = Uint8Array.from(sod);
  const last = sig.offset + sig.length - 1;
  out[last] = out[last]! ^ 0x01;
  return out;
}

/** Absolute position of the SignerInfo signature OCTET STRING value inside the SOD. */
function findSignatureValue(sod: Uint8Array): { offset: number; length: number } {
  const fail = (what: string): never => {
    throw new Error(`Sim faults: cannot locate the SOD signature (${what})`);
  };
  const outer = decodeOne(sod, 0);
  if (outer.tag !== 0x77) fail('EF.SOD does not start with tag 77');
  const base = (t: Tlv, parentValueStart: number) => parentValueStart + t.offset + t.headerLength;
  const sodValueStart = outer.headerLength;
  const contentInfo = decodeAll(outer.value)[0] ?? fail('no ContentInfo');
  const ciStart = base(contentInfo, sodValueStart);
  const explicit = decodeAll(contentInfo.value).find((t) => t.tag === 0xa0) ?? fail('no [0] content');
  const exStart = base(explicit, ciStart);
  const signedData = decodeAll(explicit.value)[0] ?? fail('no SignedData');
  const sdStart = base(signedData, exStart);
  const signerInfos = decodeAll(signedData.value).filter((t) => t.tag === 0x31).pop() ?? fail('no signerInfos');
  const siSetStart = base(signerInfos, sdStart);
  const signerInfo = decodeAll(signerInfos.value)[0] ?? fail('empty signerInfos');
  const siStart = base(signerInfo, siSetStart);
  const signature = decodeAll(signerInfo.value).filter((t) => t.tag === 0x04).pop() ?? fail('no signature OCTET STRING');
  if (signature.value.length === 0) fail('empty signature');
  return { offset: base(signature, siStart), length: signature.value.length };
}

type ChipKeys = Pick<SimProfile, 'chipAuthentication' | 'activeAuthentication'>;

/** The private keys the chip answers CA and AA with: the profile's, or a clone's own where a clone fault asks. */
export function chipKeys(profile: SimProfile, faults: SimFaults): ChipKeys {
  let { chipAuthentication, activeAuthentication } = profile;
  if (faults.cloneChipAuthentication && chipAuthentication) {
    chipAuthentication = { ...chipAuthentication, privateKey: otherEcKey(chipAuthentication.curve, chipAuthentication.privateKey) };
  }
  if (faults.cloneActiveAuthentication && activeAuthentication) {
    activeAuthentication =
      activeAuthentication.kind === 'EC'
        ? { ...activeAuthentication, privateKey: otherEcKey(activeAuthentication.curve, activeAuthentication.privateKey) }
        : { kind: 'RSA', privateKeyPkcs8: otherRsaKey(activeAuthentication.privateKeyPkcs8) };
  }
  return { chipAuthentication, activeAuthentication };
}

/** A different valid private key on the same curve, derived from the genuine one (reproducible across runs). */
function otherEcKey(curve: CurveName, genuine: Uint8Array): Uint8Array {
  const c = curveByName(curve);
  // noble reduces a seed of 1.5 × the order's size to a scalar without bias (FIPS 186-5 A.2.1).
  const seed = createHash('shake256', { outputLength: Math.ceil(c.size * 1.5) }).update('clone').update(genuine).digest();
  return c.ecdsa.utils.randomSecretKey(new Uint8Array(seed));
}

/** An RSA key of the same size as the genuine one (RSA keys cannot be derived from a seed with node:crypto). */
function otherRsaKey(genuinePkcs8: Uint8Array): Uint8Array {
  const bits = createPrivateKey({ key: Buffer.from(genuinePkcs8), format: 'der', type: 'pkcs8' }).asymmetricKeyDetails?.modulusLength ?? 2048;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits });
  return new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
}
