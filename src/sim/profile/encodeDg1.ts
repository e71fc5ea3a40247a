/** DG1 (ICAO 9303-10 §4.7.1): 61 { 5F1F MRZ characters }, 90 characters for TD1 (cccd.md §3: 95 bytes). */
import { encode } from '../../card/asn1/tlv';

export function encodeDg1(mrzLines: readonly string[]): Uint8Array {
  const mrz = mrzLines.join('');
  if (!/^[A-Z0-9<]+$/.test(mrz)) throw new RangeError('DG1: MRZ contains characters outside [A-Z0-9<]');
  if (![90, 72, 88].includes(mrz.length)) throw new RangeError(`DG1: MRZ length ${mrz.length} is not TD1/TD2/TD3`);
  return encode(0x61, [encode(0x5f1f, new TextEncoder().encode(mrz))]);
}
