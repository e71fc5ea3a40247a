/** DG15 (ICAO 9303-10 §4.7.15, 9303-11 §6.1): 6F { SubjectPublicKeyInfo of the Active Authentication key }. */
import { encode } from '../../card/asn1/tlv';

export function encodeDg15(spki: Uint8Array): Uint8Array {
  return encode(0x6f, spki);
}
