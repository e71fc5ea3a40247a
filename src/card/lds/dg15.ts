/**
 * DG15 (ICAO 9303-10 §4.7.15, tag 6F): the Active Authentication public key as a SubjectPublicKeyInfo.
 * RSA keys are accepted with lenient AlgorithmIdentifiers (cccd.md §1.4, dmrtd PR #38); `publicKey.canonicalSpki`
 * is a clean rsaEncryption SPKI that node:crypto accepts.
 */
import { decodeOne, TlvError } from '../asn1/tlv';
import { parseSubjectPublicKeyInfo, type PublicKey } from './publicKey';

export interface Dg15 {
  /** The SPKI exactly as stored on the chip. */
  spki: Uint8Array;
  publicKey: PublicKey;
}

export function parseDg15(bytes: Uint8Array): Dg15 {
  const outer = decodeOne(bytes);
  if (outer.tag !== 0x6f) throw new TlvError(`DG15: expected tag 6F, got ${outer.tag.toString(16).toUpperCase()}`);
  const spki = outer.value.slice();
  return { spki, publicKey: parseSubjectPublicKeyInfo(spki, 'DG15 public key') };
}
