/**
 * A lenient BER-TLV tree for structure-aware mutation: split a seed into nodes, change one node, and re-encode
 * every ancestor with correct lengths so the mutated input still reaches the code behind the outer checks.
 * Deliberately separate from src/card/asn1: a fuzzer must not share the parser it is testing.
 */

export interface TlvNode {
  /** Tag bytes as found (1–4 bytes). */
  tag: Uint8Array;
  /** Children when the tag is constructed and its value parsed as TLVs; otherwise undefined. */
  children: TlvNode[] | undefined;
  /** Primitive value (or the raw value of a constructed node whose content did not parse). */
  value: Uint8Array;
}

const MAX_PARSE_DEPTH = 64;

/** Header at `pos`: where the length octets start, where the value starts, and its length; undefined if broken. */
function readHeader(b: Uint8Array, pos: number): { lengthAt: number; valueAt: number; length: number } | undefined {
  let p = pos + 1;
  if ((b[pos]! & 0x1f) === 0x1f) {
    while (p < b.length && p - pos < 4 && (b[p]! & 0x80) !== 0) p++;
    p++;
  }
  if (p >= b.length) return undefined;
  const lengthAt = p;
  let length = b[p++]!;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 3 || p + n > b.length) return undefined;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + b[p + i]!;
    p += n;
  }
  return p + length > b.length ? undefined : { lengthAt, valueAt: p, length };
}

function readNode(b: Uint8Array, pos: number, depth: number): { node: TlvNode; next: number } | undefined {
  const h = readHeader(b, pos);
  if (!h) return undefined;
  const tag = b.subarray(pos, h.lengthAt);
  const value = b.subarray(h.valueAt, h.valueAt + h.length);
  const constructed = (tag[0]! & 0x20) !== 0;
  const children = constructed && depth < MAX_PARSE_DEPTH ? parseTlvList(value, depth + 1) : undefined;
  return { node: { tag, children, value }, next: h.valueAt + h.length };
}

/** Sibling TLVs filling `b` exactly, or undefined when it is not a clean TLV sequence. */
export function parseTlvList(b: Uint8Array, depth = 0): TlvNode[] | undefined {
  const out: TlvNode[] = [];
  let pos = 0;
  while (pos < b.length) {
    const r = readNode(b, pos, depth);
    if (!r) return undefined;
    out.push(r.node);
    pos = r.next;
  }
  return out;
}

export function lengthBytes(len: number): number[] {
  if (len < 0x80) return [len];
  const out: number[] = [];
  for (let v = len; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return [0x80 | out.length, ...out];
}

/** Encode `tag` + definite length + `value`. */
export function tlv(tag: Uint8Array | number[], value: Uint8Array): Uint8Array {
  const head = [...tag, ...lengthBytes(value.length)];
  const out = new Uint8Array(head.length + value.length);
  out.set(head, 0);
  out.set(value, head.length);
  return out;
}

export function encodeNodes(nodes: TlvNode[]): Uint8Array {
  const parts = nodes.map((n) => tlv(n.tag, n.children ? encodeNodes(n.children) : n.value));
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Every node in document order with its parent list (for replacing or removing it in place). */
export function allNodes(nodes: TlvNode[]): { node: TlvNode; siblings: TlvNode[]; index: number }[] {
  const out: { node: TlvNode; siblings: TlvNode[]; index: number }[] = [];
  const stack: TlvNode[][] = [nodes];
  while (stack.length > 0) {
    const list = stack.pop()!;
    list.forEach((node, index) => {
      out.push({ node, siblings: list, index });
      if (node.children) stack.push(node.children);
    });
  }
  return out;
}

/** Byte offsets of every length octet in a clean TLV encoding (targets for length-field mutations). */
export function lengthOffsets(b: Uint8Array, base = 0, depth = 0, out: number[] = []): number[] {
  let pos = 0;
  while (pos < b.length && out.length < 4096) {
    const h = readHeader(b, pos);
    if (!h) return out;
    out.push(base + h.lengthAt);
    const end = h.valueAt + h.length;
    if ((b[pos]! & 0x20) !== 0 && depth < MAX_PARSE_DEPTH) lengthOffsets(b.subarray(h.valueAt, end), base + h.valueAt, depth + 1, out);
    pos = end;
  }
  return out;
}
