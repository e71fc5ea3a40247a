/**
 * EF.COM (ICAO 9303-10 §4.6.1): tag 60 { 5F01 LDS version, 5F36 Unicode version, 5C tag list }.
 * CCCD lists [DG1, DG2, DG3, DG13, DG14, DG15] (cccd.md §3; 26 bytes read by khoa288). Versions are cccd.md's
 * inferred "0107" / "040000".
 */
import { encode } from '../../card/asn1/tlv';

export const CCCD_DG_TAGS = [0x61, 0x75, 0x63, 0x6d, 0x6e, 0x6f] as const;

export interface ComOptions {
  ldsVersion?: string;
  unicodeVersion?: string;
  tags?: readonly number[];
}

export function encodeCom(opts: ComOptions = {}): Uint8Array {
  const ascii = new TextEncoder();
  return encode(0x60, [
    encode(0x5f01, ascii.encode(opts.ldsVersion ?? '0107')),
    encode(0x5f36, ascii.encode(opts.unicodeVersion ?? '040000')),
    encode(0x5c, Uint8Array.from(opts.tags ?? CCCD_DG_TAGS)),
  ]);
}
