/**
 * Thin helpers over asn1js for the DER structures of the LDS and of X.509/CMS (X.690).
 * asn1js is used (rather than the wire-level tlv.ts) where OIDs, INTEGERs and nested universal types are decoded.
 */
import * as asn1js from 'asn1js';
import { concat } from './tlv';
import { CardDataError } from './errors';
import { assertDerShape, DER_LIMITS } from './derLimits';

export class Asn1Error extends CardDataError {
  override readonly name = 'Asn1Error';
}

/**
 * asn1js 4 speculatively decodes OCTET/BIT STRING contents as nested BER ("embedded") and caps the node count at
 * 10 000; a master list holds hundreds of certificates inside one OCTET STRING. Embedded parsing is switched off
 * (callers decode extension values themselves), which also makes certificate parsing several times faster.
 */
const PARSE_LIMITS = { maxNodes: DER_LIMITS.maxNodes, parseEmbedded: false } as const;

/**
 * Decode exactly one DER object that fills `bytes`; throws an Asn1Error naming `what` otherwise. The shape is
 * checked first (derLimits.ts says why asn1js cannot be handed arbitrary bytes), and anything asn1js itself
 * throws becomes an Asn1Error.
 */
export function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  assertDerShape(bytes, what);
  let r: ReturnType<typeof asn1js.fromBER>;
  try {
    r = asn1js.fromBER(bytes, PARSE_LIMITS);
  } catch (e) {
    throw new Asn1Error(`${what}: malformed DER (${e instanceof Error ? e.message : 'decode error'})`);
  }
  if (r.offset === -1) throw new Asn1Error(`${what}: malformed DER (${r.result.error || 'decode error'})`);
  if (r.offset !== bytes.length) throw new Asn1Error(`${what}: ${bytes.length - r.offset} trailing bytes after the DER object`);
  return r.result;
}

/** Children of a constructed node (SEQUENCE, SET, or constructed context tag); none for a primitive. */
export function children(node: asn1js.AsnType): asn1js.AsnType[] {
  // A primitive OBJECT IDENTIFIER also keeps an array in valueBlock.value (its arcs), which are not nodes.
  if (!node.idBlock.isConstructed) return [];
  const vb = (node as asn1js.Constructed).valueBlock as { value?: unknown };
  return Array.isArray(vb.value) ? (vb.value as asn1js.AsnType[]) : [];
}

/** True for a context-specific tag [n]. */
export function isContext(node: asn1js.AsnType, n: number): boolean {
  return node.idBlock.tagClass === 3 && node.idBlock.tagNumber === n;
}

/** Universal tag number check (X.690 §8.1.2.2). */
export function isUniversal(node: asn1js.AsnType, n: number): boolean {
  return node.idBlock.tagClass === 1 && node.idBlock.tagNumber === n;
}

export function oidOf(node: asn1js.AsnType | undefined, what: string): string {
  if (!node || !(node instanceof asn1js.ObjectIdentifier)) throw new Asn1Error(`${what}: expected an OBJECT IDENTIFIER`);
  return node.valueBlock.toString();
}

/** Content octets of a primitive node (INTEGER, OCTET STRING, implicit primitive tags). */
export function contentOf(node: asn1js.AsnType): Uint8Array {
  // Every asn1js node keeps its original encoding; slicing past the header works for all primitive types,
  // including OCTET STRINGs that asn1js speculatively decoded as nested BER.
  const der = derOf(node);
  const headerLength = node.idBlock.blockLength + node.lenBlock.blockLength;
  return der.subarray(headerLength);
}

/** The complete original encoding of a node (tag + length + value). */
export function derOf(node: asn1js.AsnType): Uint8Array {
  // A view into asn1js's private copy of the input (fromBER copies by default): no further copy needed.
  return node.valueBeforeDecodeView;
}

/** Unsigned big-endian INTEGER value as bigint (X.690 §8.3, leading sign byte ignored). */
export function bigintOf(node: asn1js.AsnType | undefined, what: string): bigint {
  if (!node || !isUniversal(node, 2)) throw new Asn1Error(`${what}: expected an INTEGER`);
  let v = 0n;
  for (const b of contentOf(node)) v = (v << 8n) | BigInt(b);
  return v;
}

export function intOf(node: asn1js.AsnType | undefined, what: string): number {
  const v = bigintOf(node, what);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Asn1Error(`${what}: INTEGER too large`);
  return Number(v);
}

/** INTEGER content without leading zero bytes (magnitude), e.g. RSA modulus or a serial number. */
export function unsignedBytesOf(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!node || !isUniversal(node, 2)) throw new Asn1Error(`${what}: expected an INTEGER`);
  const c = contentOf(node);
  let i = 0;
  while (i < c.length - 1 && c[i] === 0) i++;
  return c.subarray(i);
}

export function octetsOf(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!node || !isUniversal(node, 4)) throw new Asn1Error(`${what}: expected an OCTET STRING`);
  if (node.idBlock.isConstructed) return concat(...children(node).map((c) => octetsOf(c, what)));
  return contentOf(node);
}

/** BIT STRING content without the unused-bits byte (keys and signatures always have 0 unused bits). */
export function bitStringOf(node: asn1js.AsnType | undefined, what: string): Uint8Array {
  if (!node || !isUniversal(node, 3)) throw new Asn1Error(`${what}: expected a BIT STRING`);
  const c = contentOf(node);
  if (c.length < 1) throw new Asn1Error(`${what}: empty BIT STRING`);
  return c.subarray(1);
}

/**
 * A UTCTime/GeneralizedTime node as a Date; undefined for another type or an impossible date. asn1js throws
 * plain Errors for some malformed time strings, so its toDate() is never called unguarded.
 */
export function timeOf(node: asn1js.AsnType | undefined): Date | undefined {
  if (!node || !(isUniversal(node, 23) || isUniversal(node, 24))) return undefined;
  try {
    const d = (node as unknown as { toDate(): Date }).toDate();
    return d instanceof Date && !Number.isNaN(d.getTime()) ? d : undefined;
  } catch {
    return undefined;
  }
}

/** OBJECT IDENTIFIER content octets → dotted text (X.690 §8.19), for wire-level (tlv.ts) callers. */
export function decodeOid(content: Uint8Array): string {
  const arcs: number[] = [];
  let v = 0;
  for (const x of content) {
    v = v * 128 + (x & 0x7f);
    if ((x & 0x80) === 0) {
      arcs.push(v);
      v = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const a0 = first < 40 ? 0 : first < 80 ? 1 : 2;
  return [a0, first - a0 * 40, ...arcs].join('.');
}

export function toHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
