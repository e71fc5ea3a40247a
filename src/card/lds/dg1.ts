/** DG1 (ICAO 9303-10 §4.7.1): template 61 holding the MRZ as data element 5F1F. */
import { decodeOne, require_, TlvError } from '../asn1/tlv';
import { parseMrz, type Mrz } from './mrz';

export interface Dg1 {
  mrzText: string;
  mrz: Mrz;
}

/** The longest MRZ is TD1's 3 × 30 characters (ICAO 9303-10 §4.7.1: 5F1F holds 90, 72 or 88 bytes). */
const MAX_MRZ_BYTES = 90;
const latin1 = new TextDecoder('latin1');

export function parseDg1(bytes: Uint8Array, now = new Date()): Dg1 {
  const outer = decodeOne(bytes);
  if (outer.tag !== 0x61) throw new TlvError(`DG1: expected tag 61, got ${outer.tag.toString(16).toUpperCase()}`);
  const mrz = require_(outer.value, 0x5f1f, 'DG1 MRZ').value;
  // Checked before decoding: the MRZ is the chip's own, and an oversized element is malformed, not just long text.
  if (mrz.length > MAX_MRZ_BYTES) throw new TlvError(`DG1: MRZ element is ${mrz.length} bytes (at most ${MAX_MRZ_BYTES})`);
  const mrzText = latin1.decode(mrz);
  return { mrzText, mrz: parseMrz(mrzText, now) };
}
