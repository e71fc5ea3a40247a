/**
 * Shape check run on every input BEFORE it reaches asn1js (der.ts parseDer).
 *
 * Why asn1js is wrapped rather than trusted: it recurses once per nesting level (a few thousand nested SETs
 * overflow the JS stack), builds string values with String.fromCharCode.apply over the whole content (a
 * 125,000-byte PrintableString overflows the stack), spends ~0.25 ms on every OBJECT IDENTIFIER and ~20 µs on
 * every other node, and throws plain Errors from inside some decoders (GeneralizedTime "0"). The bytes come from
 * a chip or a trust file (a cloned chip controls every one of them, and Passive Authentication itself needs this
 * parse), so the scan below is iterative and linear, and its limits sit far above what ICAO 9303-10/-12 and
 * RFC 5280 structures use.
 */
import { Asn1Error } from './der';

export const DER_LIMITS = {
  /** Certificates with extensions nest ~10 levels, CMS around them ~8 more. */
  maxDepth: 32,
  /**
   * What goes through asn1js is small (SecurityInfos, SubjectPublicKeyInfo, SignerInfo, LDSSecurityObject with
   * at most 16 hashes: tens to a few hundred nodes); large structures (CMS, certificates, CRLs, master lists)
   * are split with tlv.ts. The node and OID counts keep one parse well under 100 ms.
   */
  maxNodes: 2_048,
  maxOids: 128,
  /** Longest registered OIDs are ~40 bytes (X.660 allows more, nobody issues them). */
  maxOidBytes: 128,
  /** RSA-8192 modulus (1025 bytes) plus headroom. */
  maxIntegerBytes: 1_100,
  /** Names, dates and version strings: X.520 upper bounds are 64–32768 characters (ub-name etc.). */
  maxStringBytes: 32_768,
} as const;

/** Universal string and time types whose content asn1js turns into a JS string (X.680 §41, §46–47). */
const STRING_TAGS = new Set([12, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);

/**
 * Walk the TLV headers of `bytes` without recursion and throw an Asn1Error naming `what` when the structure
 * breaks a limit or is not DER-shaped (indefinite lengths are BER-only, X.690 §10.1).
 */
export function assertDerShape(bytes: Uint8Array, what: string): void {
  // Each frame is the end offset of an open constructed value; the stack depth is the nesting depth.
  const ends: number[] = [bytes.length];
  let pos = 0;
  let nodes = 0;
  let oids = 0;
  while (pos < bytes.length) {
    while (ends.length > 1 && pos === ends[ends.length - 1]) ends.pop();
    const first = bytes[pos]!;
    const constructed = (first & 0x20) !== 0;
    const universal = (first & 0xc0) === 0;
    let tagNumber = first & 0x1f;
    let p = pos + 1;
    if (tagNumber === 0x1f) {
      tagNumber = 0;
      do {
        if (p >= bytes.length || p - pos > 5) throw new Asn1Error(`${what}: malformed DER (bad tag at offset ${pos})`);
        tagNumber = tagNumber * 128 + (bytes[p]! & 0x7f);
      } while (bytes[p++]! & 0x80);
    }
    if (p >= bytes.length) throw new Asn1Error(`${what}: malformed DER (truncated header at offset ${pos})`);
    const l0 = bytes[p++]!;
    let length = l0;
    if (l0 === 0x80) throw new Asn1Error(`${what}: indefinite length at offset ${pos} (DER requires definite lengths)`);
    if (l0 & 0x80) {
      const n = l0 & 0x7f;
      if (n > 4 || p + n > bytes.length) throw new Asn1Error(`${what}: malformed DER (bad length at offset ${pos})`);
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + bytes[p + i]!;
      p += n;
    }
    const end = p + length;
    if (end > ends[ends.length - 1]!) throw new Asn1Error(`${what}: malformed DER (element at offset ${pos} runs past its container)`);
    if (++nodes > DER_LIMITS.maxNodes) throw new Asn1Error(`${what}: more than ${DER_LIMITS.maxNodes} DER elements`);
    if (universal && tagNumber === 6 && ++oids > DER_LIMITS.maxOids) throw new Asn1Error(`${what}: more than ${DER_LIMITS.maxOids} OBJECT IDENTIFIERs`);
    if (universal && !constructed) {
      const limit = tagNumber === 6 ? DER_LIMITS.maxOidBytes : tagNumber === 2 ? DER_LIMITS.maxIntegerBytes : STRING_TAGS.has(tagNumber) ? DER_LIMITS.maxStringBytes : Infinity;
      if (length > limit) throw new Asn1Error(`${what}: ${length}-byte element with universal tag ${tagNumber} is longer than any real one (${limit})`);
    }
    if (constructed) {
      if (ends.length > DER_LIMITS.maxDepth) throw new Asn1Error(`${what}: DER nested deeper than ${DER_LIMITS.maxDepth} levels`);
      ends.push(end);
      pos = p;
    } else {
      pos = end;
    }
  }
}
