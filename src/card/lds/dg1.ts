/** DG1 (ICAO 9303-10 §4.7.1): template 61 holding the MRZ as data element 5F1F. */
import { decodeOne, require_, TlvError } from '../asn1/tlv';
import { parseMrz, type Mrz } from './mrz';

export interface Dg1 {
  mrzText: string;
  mrz: Mrz;
}

export function parseDg1(bytes: Uint8Array, now = new Date()): Dg1 {
  const outer = decodeOne(bytes);
  if (outer.tag !== 0x61) throw new TlvError(`DG1: expected tag 61, got ${outer.tag.toString(16).toUpperCase()}`);
  const mrzText = String.fromCharCode(...require_(outer.value, 0x5f1f, 'DG1 MRZ').value);
  return { mrzText, mrz: parseMrz(mrzText, now) };
}
