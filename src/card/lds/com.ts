/**
 * EF.COM (ICAO 9303-10 §4.6.1, tag 60): LDS version (5F01), Unicode version (5F36) and the tag list (5C)
 * naming the data groups present. CCCD lists DG1, DG2, DG3, DG13, DG14, DG15 (cccd.md §3).
 */
import { decodeAll, decodeOne, TlvError, type Tlv } from '../asn1/tlv';

/** ICAO 9303-10 Table 32: data-group template tags → data-group numbers. */
export const DG_TAGS: Readonly<Record<number, number>> = {
  0x61: 1, 0x75: 2, 0x63: 3, 0x76: 4, 0x65: 5, 0x66: 6, 0x67: 7, 0x68: 8,
  0x69: 9, 0x6a: 10, 0x6b: 11, 0x6c: 12, 0x6d: 13, 0x6e: 14, 0x6f: 15, 0x70: 16,
};

export function dgNumberForTag(tag: number): number | undefined {
  return DG_TAGS[tag];
}

export function tagForDgNumber(dg: number): number | undefined {
  const hit = Object.entries(DG_TAGS).find(([, n]) => n === dg);
  return hit ? Number(hit[0]) : undefined;
}

export interface EfCom {
  /** e.g. "0107" = LDS 1.7 */
  ldsVersion: string | null;
  /** e.g. "040000" = Unicode 4.0.0 */
  unicodeVersion: string | null;
  /** Raw tags from the tag list. */
  tags: number[];
  /** Data-group numbers (unknown tags omitted), in tag-list order. */
  dataGroups: number[];
}

const latin1 = new TextDecoder('latin1');
/** Version fields are 4 and 6 digits (9303-10 §4.6.1); longer ones are malformed, not merely unusual. */
const MAX_VERSION_BYTES = 16;

function ascii(t: Tlv, what: string): string {
  if (t.value.length > MAX_VERSION_BYTES) throw new TlvError(`EF.COM: ${what} is ${t.value.length} bytes (at most ${MAX_VERSION_BYTES})`);
  return latin1.decode(t.value);
}

export function parseCom(bytes: Uint8Array): EfCom {
  const outer = decodeOne(bytes);
  if (outer.tag !== 0x60) throw new TlvError(`EF.COM: expected tag 60, got ${outer.tag.toString(16).toUpperCase()}`);
  let ldsVersion: string | null = null;
  let unicodeVersion: string | null = null;
  let tags: number[] = [];
  for (const t of decodeAll(outer.value)) {
    if (t.tag === 0x5f01) ldsVersion = ascii(t, 'LDS version');
    else if (t.tag === 0x5f36) unicodeVersion = ascii(t, 'Unicode version');
    else if (t.tag === 0x5c) tags = Array.from(t.value);
  }
  const dataGroups = tags.map((t) => DG_TAGS[t]).filter((n): n is number => n !== undefined);
  return { ldsVersion, unicodeVersion, tags, dataGroups };
}
