/**
 * Active Authentication, reader side (ICAO 9303-11 §6.1): INTERNAL AUTHENTICATE with an 8-byte challenge, verified
 * with the DG15 public key. RSA: ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery (§6.1.2.2,
 * worked example App. F). ECDSA: plain r‖s signature (BSI TR-03111) over the challenge (§6.1.2.3).
 */
import { constants, createHash, createPublicKey, publicDecrypt, randomBytes } from 'node:crypto';
import { SW, swHex } from '../apdu';
import type { NamedCurve } from '../crypto/ec';
import { parseEcSpki, parseSpki } from '../crypto/ecSpki';
import { ECDSA_HASH_BY_OID } from '../pace/oids';
import { OID } from '../oids';
import type { ApduSender } from '../sm/channel';

export interface ActiveAuthenticationResult {
  valid: boolean;
  reason?: string;
  /**
   * True when the exchange itself could not carry the signature (extended length refused and the chip will not
   * answer more than 256 bytes to a short APDU): nothing was proven either way, so this is "not checked", not a
   * failed check.
   */
  notPerformed?: boolean;
}

export interface ActiveAuthenticationOptions {
  /** ActiveAuthenticationInfo.signatureAlgorithm from DG14 (ECDSA hash choice). Absent → chosen by key size. */
  signatureAlgorithmOid?: string;
  /** Fixed 8-byte challenge (tests); otherwise random. */
  challenge?: Uint8Array;
  rng?: (n: number) => Uint8Array;
}

type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
const HASH_LENGTH: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

/** ISO/IEC 10118-3 hash identifiers used in the two-byte trailer xx CC (ICAO 9303-11 §6.1.2.2). */
const TRAILER_HASH: Record<number, HashName> = { 0x33: 'sha1', 0x38: 'sha224', 0x34: 'sha256', 0x36: 'sha384', 0x35: 'sha512' };


function digest(alg: HashName, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(alg);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Check a recovered ISO/IEC 9796-2 scheme 1 message representative F = 6A ‖ M1 ‖ H(M1‖M2) ‖ trailer against the
 * non-recoverable part M2 (our challenge). Exported so App. F's representative can be checked directly.
 */
export function verifyIso9796Representative(representative: Uint8Array, challenge: Uint8Array): ActiveAuthenticationResult {
  // Leading zero bytes occur when the modulus length is not a multiple of 8 bits.
  let start = 0;
  while (start < representative.length && representative[start] === 0) start++;
  const f = representative.subarray(start);
  if (f.length < 2) return { valid: false, reason: 'RSA: empty message representative' };
  if ((f[0]! & 0xc0) !== 0x40) return { valid: false, reason: 'RSA: representative header is not ISO 9796-2 (01xx)' };
  if (f[0] === 0x4a) return { valid: false, reason: 'RSA: full message recovery (4A) does not carry the challenge' };
  if (f[0] !== 0x6a) return { valid: false, reason: `RSA: unexpected representative header ${f[0]!.toString(16)}` };

  let hash: HashName;
  let trailerLength: number;
  const last = f[f.length - 1]!;
  if (last === 0xbc) {
    hash = 'sha1';
    trailerLength = 1;
  } else if (last === 0xcc) {
    const h = TRAILER_HASH[f[f.length - 2]!];
    if (!h) return { valid: false, reason: `RSA: unsupported trailer ${f[f.length - 2]!.toString(16)}CC` };
    hash = h;
    trailerLength = 2;
  } else {
    return { valid: false, reason: `RSA: unknown trailer byte ${last.toString(16)}` };
  }
  const hashLength = HASH_LENGTH[hash];
  const dStart = f.length - trailerLength - hashLength;
  if (dStart <= 1) return { valid: false, reason: 'RSA: representative too short for its hash' };
  const m1 = f.subarray(1, dStart);
  const d = f.subarray(dStart, dStart + hashLength);
  if (!equal(d, digest(hash, m1, challenge))) return { valid: false, reason: 'RSA: recovered digest does not match the challenge' };
  return { valid: true };
}

function verifyRsa(spkiDer: Uint8Array, signature: Uint8Array, challenge: Uint8Array): ActiveAuthenticationResult {
  const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
  const modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (signature.length !== Math.ceil(modulusBits / 8)) {
    return { valid: false, reason: `RSA: signature is ${signature.length} bytes, modulus is ${modulusBits} bits` };
  }
  let f: Uint8Array;
  try {
    // Raw RSA (s^e mod n); padding is the 9796-2 structure checked below (environment.md §3.4).
    f = new Uint8Array(publicDecrypt({ key, padding: constants.RSA_NO_PADDING }, Buffer.from(signature)));
  } catch (e) {
    return { valid: false, reason: `RSA: signature is not a valid RSA value (${(e as Error).message})` };
  }
  return verifyIso9796Representative(f, challenge);
}

function ecdsaHash(curve: NamedCurve, oid: string | undefined): HashName {
  if (oid !== undefined) {
    const h = ECDSA_HASH_BY_OID[oid];
    if (!h) throw new RangeError(`AA: unsupported ECDSA signature algorithm ${oid}`);
    return h;
  }
  // §6.1.2.3: a hash no longer than the key; absent DG14 guidance, use the one matching the key size.
  if (curve.size <= 28) return 'sha224';
  if (curve.size <= 32) return 'sha256';
  if (curve.size <= 48) return 'sha384';
  return 'sha512';
}

function verifyEcdsa(spkiDer: Uint8Array, signature: Uint8Array, challenge: Uint8Array, oid: string | undefined): ActiveAuthenticationResult {
  const { curve, publicPoint } = parseEcSpki(spkiDer);
  let hash: HashName;
  try {
    hash = ecdsaHash(curve, oid);
  } catch (e) {
    return { valid: false, reason: (e as Error).message };
  }
  const h = digest(hash, challenge);
  // Plain r‖s is mandated (TR-03111), but some chips answer DER; accept both. lowS:false — chips emit high-S too.
  const format = signature.length === 2 * curve.size ? 'compact' : 'der';
  try {
    const ok = curve.ecdsa.verify(signature, h, publicPoint, { prehash: false, lowS: false, format });
    return ok ? { valid: true } : { valid: false, reason: `ECDSA: signature does not verify (${curve.name}, ${hash})` };
  } catch (e) {
    return { valid: false, reason: `ECDSA: malformed signature (${(e as Error).message})` };
  }
}

/** Verify an AA signature over `challenge` with the DG15 SubjectPublicKeyInfo. */
export function verifyActiveAuthenticationSignature(
  spkiDer: Uint8Array,
  challenge: Uint8Array,
  signature: Uint8Array,
  signatureAlgorithmOid?: string,
): ActiveAuthenticationResult {
  try {
    const { algorithm } = parseSpki(spkiDer);
    if (algorithm === OID.RSA_ENCRYPTION) return verifyRsa(spkiDer, signature, challenge);
    if (algorithm === OID.EC_PUBLIC_KEY) return verifyEcdsa(spkiDer, signature, challenge, signatureAlgorithmOid);
    return { valid: false, reason: `AA: unsupported public key algorithm ${algorithm}` };
  } catch (e) {
    return { valid: false, reason: `DG15 public key unusable: ${(e as Error).message}` };
  }
}

/** Largest signature whose AES- or 3DES-protected response still fits a short (256-byte) answer: 224 bytes → 258. */
const MAX_SHORT_SM_SIGNATURE = 223;

function expectedSignatureLength(spkiDer: Uint8Array): number {
  const { algorithm } = parseSpki(spkiDer);
  if (algorithm === OID.RSA_ENCRYPTION) {
    const bits = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' }).asymmetricKeyDetails?.modulusLength ?? 0;
    return Math.ceil(bits / 8);
  }
  if (algorithm === OID.EC_PUBLIC_KEY) return 2 * parseEcSpki(spkiDer).curve.size + 9; // DER worst case
  return 256;
}

function isLengthRefusal(sw: number): boolean {
  return sw === SW.WRONG_LENGTH || (sw & 0xff00) === 0x6c00 || sw === SW.INS_NOT_SUPPORTED || sw === SW.CLA_NOT_SUPPORTED;
}

/** Run INTERNAL AUTHENTICATE (inside SM: pass SecureChannel.send) and verify the answer. */
export async function performActiveAuthentication(
  send: ApduSender,
  dg15SpkiDer: Uint8Array,
  options: ActiveAuthenticationOptions = {},
): Promise<ActiveAuthenticationResult> {
  const challenge = options.challenge ?? (options.rng ?? ((n: number) => new Uint8Array(randomBytes(n))))(8);
  if (challenge.length !== 8) throw new RangeError('AA: the challenge RND.IFD must be 8 bytes (§6.1.2.1)');
  let expectedLength: number;
  try {
    expectedLength = expectedSignatureLength(dg15SpkiDer);
  } catch (e) {
    // An unusable DG15 key is an AA failure to report, not a crash; the chip is not asked at all.
    return { valid: false, reason: `DG15 public key unusable: ${(e as Error).message}` };
  }
  // AA runs under SM, whose DOs add up to ~33 bytes: signatures over 1792 bits (AES SM) / 1848 bits (3DES SM) need
  // extended length (§6.1.4 note). Not every reader/chip supports it, so short Le is kept whenever the answer fits.
  const extended = expectedLength > MAX_SHORT_SM_SIGNATURE;
  let r = await send({ cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00, data: challenge, le: extended ? 65536 : 256 });
  if (extended && isLengthRefusal(r.sw)) {
    // Reader or chip without extended length: some chips (real CCCD, cccd.md §9) still answer more than 256 bytes
    // to a short Le = 00.
    r = await send({ cla: 0x00, ins: 0x88, p1: 0x00, p2: 0x00, data: challenge, le: 256 });
    if (isLengthRefusal(r.sw)) {
      return { valid: false, notPerformed: true, reason: `the signature does not fit a short APDU and extended length is refused (SW ${swHex(r.sw)})` };
    }
  }
  if (r.sw !== SW.OK) return { valid: false, reason: `INTERNAL AUTHENTICATE refused: SW ${swHex(r.sw)}` };
  if (r.data.length === 0) return { valid: false, reason: 'INTERNAL AUTHENTICATE returned no signature' };
  return verifyActiveAuthenticationSignature(dg15SpkiDer, challenge, r.data, options.signatureAlgorithmOid);
}
