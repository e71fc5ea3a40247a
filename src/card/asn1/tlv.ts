/**
 * BER-TLV as used by ICAO 9303 (part 10 §4 for LDS files, part 11 for protocol data objects) and ISO/IEC 7816-4.
 * Hand-written rather than asn1js because protocol code needs raw tag numbers as they appear on the wire
 * (multi-byte application tags such as 5F1F, 7F61) and exact byte offsets of partially read files;
 * asn1js is used where real ASN.1 structures are decoded (SOD, certificates, SecurityInfos).
 */

import { CardDataError } from './errors';

export class TlvError extends CardDataError {
  override readonly name = 'TlvError';
}

export interface Tlv {
  /** Tag as a number including class/constructed bits, e.g. 0x5F1F, 0x7F61, 0x61. */
  tag: number;
  /** Value bytes (a view into the source buffer). */
  value: Uint8Array;
  /** Offset of the tag in the source and total encoded length (header + value). */
  offset: number;
  length: number;
  /** Header length (tag + length bytes). */
  headerLength: number;
}

export function isConstructed(tag: number): boolean {
  let first = tag;
  while (first > 0xff) first >>>= 8;
  return (first & 0x20) !== 0;
}

/** Read a tag at `pos`; returns [tag, bytesConsumed]. ISO/IEC 7816-4 §5.2.2.1. */
export function readTag(buf: Uint8Array, pos: number): [number, number] {
  if (pos >= buf.length) throw new TlvError(`TLV: tag beyond end at offset ${pos}`);
  const b0 = buf[pos]!;
  let tag = b0;
  let n = 1;
  if ((b0 & 0x1f) === 0x1f) {
    for (;;) {
      if (pos + n >= buf.length) throw new TlvError(`TLV: truncated multi-byte tag at offset ${pos}`);
      const b = buf[pos + n]!;
      tag = tag * 256 + b;
      n += 1;
      if ((b & 0x80) === 0) break;
      if (n > 4) throw new TlvError(`TLV: tag too long at offset ${pos}`);
    }
  }
  return [tag, n];
}

/** Read a definite length at `pos`; returns [length, bytesConsumed]. X.690 §8.1.3. */
export function readLength(buf: Uint8Array, pos: number): [number, number] {
  if (pos >= buf.length) throw new TlvError(`TLV: length beyond end at offset ${pos}`);
  const b0 = buf[pos]!;
  if (b0 < 0x80) return [b0, 1];
  const count = b0 & 0x7f;
  if (count === 0 || count > 4) throw new TlvError(`TLV: unsupported length form 0x${b0.toString(16)} at offset ${pos}`);
  if (pos + count >= buf.length) throw new TlvError(`TLV: truncated length at offset ${pos}`);
  let len = 0;
  for (let i = 1; i <= count; i++) len = len * 256 + buf[pos + i]!;
  return [len, 1 + count];
}

/**
 * Parse the header only (tag + length) — used to learn a file's total size from its first bytes
 * (ICAO 9303-10 §3.6.3: read the header, then the rest).
 */
export function readHeader(buf: Uint8Array, pos = 0): { tag: number; valueLength: number; headerLength: number } {
  const [tag, tn] = readTag(buf, pos);
  const [valueLength, ln] = readLength(buf, pos + tn);
  return { tag, valueLength, headerLength: tn + ln };
}

/** Decode one TLV at `pos`. */
export function decodeOne(buf: Uint8Array, pos = 0): Tlv {
  const { tag, valueLength, headerLength } = readHeader(buf, pos);
  const start = pos + headerLength;
  if (start + valueLength > buf.length) {
    throw new TlvError(`TLV: value of tag 0x${tag.toString(16)} runs past the end (${start + valueLength} > ${buf.length})`);
  }
  return { tag, value: buf.subarray(start, start + valueLength), offset: pos, length: headerLength + valueLength, headerLength };
}

/** Decode a sequence of sibling TLVs filling `buf` exactly. Padding bytes 0x00/0xFF between objects are skipped. */
export function decodeAll(buf: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const b = buf[pos]!;
    if (b === 0x00 || b === 0xff) {
      pos += 1;
      continue;
    }
    const t = decodeOne(buf, pos);
    out.push(t);
    pos += t.length;
  }
  return out;
}

/** First child with `tag` among the children of a constructed value, or undefined. */
export function find(value: Uint8Array, tag: number): Tlv | undefined {
  return decodeAll(value).find((t) => t.tag === tag);
}

/** Like find() but throws a TlvError naming the missing tag. */
export function require_(value: Uint8Array, tag: number, what: string): Tlv {
  const t = find(value, tag);
  if (!t) throw new TlvError(`TLV: missing ${what} (tag 0x${tag.toString(16).toUpperCase()})`);
  return t;
}

/** Minimal unsigned big-endian bytes of a non-negative integer (tag numbers, key references); 0 → 00. */
export function unsignedBytes(n: number): Uint8Array {
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(v & 0xff);
    v = Math.floor(v / 256);
  } while (v > 0);
  return Uint8Array.from(bytes);
}

/** Unsigned big-endian value of a short byte string (small ASN.1 INTEGER contents, parameter ids). */
export function unsignedValue(b: Uint8Array): number {
  let v = 0;
  for (const x of b) v = v * 256 + x;
  return v;
}

export function encodeTag(tag: number): Uint8Array {
  return unsignedBytes(tag);
}

export function encodeLength(len: number): Uint8Array {
  if (len < 0x80) return Uint8Array.of(len);
  if (len <= 0xff) return Uint8Array.of(0x81, len);
  if (len <= 0xffff) return Uint8Array.of(0x82, len >> 8, len & 0xff);
  if (len <= 0xffffff) return Uint8Array.of(0x83, len >> 16, (len >> 8) & 0xff, len & 0xff);
  return Uint8Array.of(0x84, (len >>> 24) & 0xff, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff);
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Encode one TLV; `value` may be bytes or a list of already-encoded children. */
export function encode(tag: number, value: Uint8Array | Uint8Array[]): Uint8Array {
  const v = Array.isArray(value) ? concat(...value) : value;
  return concat(encodeTag(tag), encodeLength(v.length), v);
}
