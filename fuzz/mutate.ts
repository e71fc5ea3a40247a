/**
 * Mutations of a seed input: byte-level damage (bit flips, interesting bytes, truncation, insertions, deletions,
 * broken length fields, splices from another seed) and structure-aware changes re-encoded with correct lengths
 * (deep nesting, huge elements, retagged/removed/duplicated nodes), so both the outer checks and the code behind
 * them are exercised. Every choice comes from the caller's seeded PRNG, so a run is reproducible from its seed.
 */
import { allNodes, encodeNodes, lengthBytes, lengthOffsets, parseTlvList, type TlvNode } from './tlvTree';

export type Rng = () => number;

export const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
export const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)]!;

const INTERESTING = [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x1c, 0x1e, 0x30, 0x31, 0x7f, 0x80, 0x81, 0x82, 0x83, 0x84, 0xa0, 0xff];
const BAD_LENGTHS: number[][] = [[0x80], [0x84, 0xff, 0xff, 0xff, 0xff], [0x82, 0xff, 0xff], [0x81, 0x00], [0x85, 1, 0, 0, 0, 0], [0x7f], [0x00], [0x83, 0x01, 0x00, 0x00]];
/** Tags a card may use and that parsers treat differently (strings of every width, INTEGER, OID, SET, context tags). */
const RETAGS = [0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x14, 0x16, 0x17, 0x18, 0x1c, 0x1e, 0x30, 0x31, 0xa0, 0xa1, 0x80, 0x81];
const NEST_TAGS = [[0x30], [0x31], [0xa0], [0x7f, 0x61], [0x6d]];
const NEST_DEPTHS = [8, 40, 200, 1_000, 4_000];
const HUGE_SIZES = [1_000, 20_000, 70_000, 130_000, 200_000];

function splice(b: Uint8Array, start: number, count: number, insert: ArrayLike<number>): Uint8Array {
  const deleteCount = Math.max(0, Math.min(count, b.length - start));
  const out = new Uint8Array(b.length - deleteCount + insert.length);
  out.set(b.subarray(0, start), 0);
  out.set(insert, start);
  out.set(b.subarray(start + deleteCount), start + insert.length);
  return out;
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = int(rng, 256);
  return out;
}

type Mutator = (rng: Rng, b: Uint8Array, donors: readonly Uint8Array[]) => Uint8Array;

const flipBits: Mutator = (rng, b) => {
  if (b.length === 0) return b;
  const out = b.slice();
  for (let k = 1 + int(rng, 8); k > 0; k--) out[int(rng, out.length)]! ^= 1 << int(rng, 8);
  return out;
};

const interestingBytes: Mutator = (rng, b) => {
  if (b.length === 0) return Uint8Array.of(pick(rng, INTERESTING));
  const out = b.slice();
  for (let k = 1 + int(rng, 4); k > 0; k--) out[int(rng, out.length)] = pick(rng, INTERESTING);
  return out;
};

const truncate: Mutator = (rng, b) => b.slice(0, int(rng, b.length + 1));

const deleteRange: Mutator = (rng, b) => {
  if (b.length < 2) return b;
  const start = int(rng, b.length);
  return splice(b, start, 1 + int(rng, Math.min(64, b.length - start)), []);
};

const insertBytes: Mutator = (rng, b) => splice(b, int(rng, b.length + 1), 0, randomBytes(rng, 1 + int(rng, 16)));

const duplicateRange: Mutator = (rng, b) => {
  if (b.length === 0) return b;
  const start = int(rng, b.length);
  const chunk = b.slice(start, start + 1 + int(rng, 256));
  return splice(b, int(rng, b.length + 1), 0, chunk);
};

/** Rewrite one length field: indefinite, 4-byte huge, zero, off by one, or a random byte. */
const breakLength: Mutator = (rng, b) => {
  const offsets = lengthOffsets(b);
  if (offsets.length === 0) return flipBits(rng, b, []);
  const at = pick(rng, offsets);
  const first = b[at]!;
  const oldSize = first & 0x80 ? 1 + (first & 0x7f) : 1;
  const roll = int(rng, 3);
  if (roll === 0) return splice(b, at, oldSize, pick(rng, BAD_LENGTHS));
  if (roll === 1) {
    const old = first & 0x80 ? Number.parseInt(Buffer.from(b.subarray(at + 1, at + oldSize)).toString('hex') || '0', 16) : first;
    return splice(b, at, oldSize, lengthBytes(Math.max(0, old + pick(rng, [-2, -1, 1, 2, 128, 65_536]))));
  }
  return splice(b, at, 1, [int(rng, 256)]);
};

/** Paste a slice of another seed of the same target. */
const spliceDonor: Mutator = (rng, b, donors) => {
  if (donors.length === 0) return b;
  const d = pick(rng, donors);
  const start = int(rng, d.length);
  const chunk = d.subarray(start, start + 1 + int(rng, 512));
  const at = int(rng, b.length + 1);
  return splice(b, at, int(rng, Math.min(64, b.length - at + 1)), chunk);
};

function structural(change: (rng: Rng, hit: { node: TlvNode; siblings: TlvNode[]; index: number }) => void): Mutator {
  return (rng, b) => {
    const tree = parseTlvList(b);
    if (!tree || tree.length === 0) return flipBits(rng, b, []);
    const nodes = allNodes(tree);
    change(rng, pick(rng, nodes));
    return encodeNodes(tree);
  };
}

/** `depth` layers of `tag` around `inner`, written in one allocation (re-wrapping layer by layer is quadratic). */
export function nestLayers(tag: readonly number[], depth: number, inner: Uint8Array): Uint8Array {
  const headers: number[][] = [];
  let size = inner.length;
  for (let d = 0; d < depth; d++) {
    const h = [...tag, ...lengthBytes(size)];
    headers.push(h);
    size += h.length;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (let d = depth - 1; d >= 0; d--) {
    out.set(headers[d]!, o);
    o += headers[d]!.length;
  }
  out.set(inner, o);
  return out;
}

/** Wrap one node in hundreds or thousands of constructed layers (stack-depth attacks). */
const deepNest = structural((rng, hit) => {
  const tag = pick(rng, NEST_TAGS);
  const layers = nestLayers(tag, pick(rng, NEST_DEPTHS) - 1, encodeNodes([hit.node]));
  // The outermost layer stays a node so that its ancestors are re-encoded with the right lengths.
  hit.siblings[hit.index] = { tag: Uint8Array.from(tag), children: undefined, value: layers };
});

/** Replace one element's value with a huge one (a 130 KB MRZ, a 125 KB PrintableString…). */
const hugeValue = structural((rng, hit) => {
  const size = pick(rng, HUGE_SIZES);
  const fill = hit.node.value.length > 0 ? hit.node.value : Uint8Array.of(0x41);
  const value = new Uint8Array(size);
  for (let i = 0; i < size; i += fill.length) value.set(fill.subarray(0, Math.min(fill.length, size - i)), i);
  hit.siblings[hit.index] = { tag: hit.node.tag, children: undefined, value };
});

const retag = structural((rng, hit) => {
  hit.siblings[hit.index] = { tag: Uint8Array.of(pick(rng, RETAGS)), children: hit.node.children, value: hit.node.value };
});

const removeNode = structural((_rng, hit) => {
  hit.siblings.splice(hit.index, 1);
});

const duplicateNode = structural((rng, hit) => {
  for (let k = 1 + int(rng, 3); k > 0; k--) hit.siblings.splice(hit.index, 0, hit.node);
});

const randomValue = structural((rng, hit) => {
  hit.siblings[hit.index] = { tag: hit.node.tag, children: undefined, value: randomBytes(rng, int(rng, 40)) };
});

const MUTATORS: { name: string; weight: number; run: Mutator }[] = [
  { name: 'flipBits', weight: 6, run: flipBits },
  { name: 'interestingBytes', weight: 4, run: interestingBytes },
  { name: 'truncate', weight: 3, run: truncate },
  { name: 'deleteRange', weight: 2, run: deleteRange },
  { name: 'insertBytes', weight: 2, run: insertBytes },
  { name: 'duplicateRange', weight: 1, run: duplicateRange },
  { name: 'breakLength', weight: 5, run: breakLength },
  { name: 'spliceDonor', weight: 2, run: spliceDonor },
  { name: 'deepNest', weight: 1, run: deepNest },
  { name: 'hugeValue', weight: 1, run: hugeValue },
  { name: 'retag', weight: 3, run: retag },
  { name: 'removeNode', weight: 2, run: removeNode },
  { name: 'duplicateNode', weight: 1, run: duplicateNode },
  { name: 'randomValue', weight: 3, run: randomValue },
];
const TOTAL_WEIGHT = MUTATORS.reduce((s, m) => s + m.weight, 0);

function pickMutator(rng: Rng): (typeof MUTATORS)[number] {
  let r = rng() * TOTAL_WEIGHT;
  for (const m of MUTATORS) {
    r -= m.weight;
    if (r < 0) return m;
  }
  return MUTATORS[0]!;
}

/** Apply 1–3 mutations to a copy of `seed`; returns the input and the mutation names (for the reproducer note). */
export function mutate(rng: Rng, seed: Uint8Array, donors: readonly Uint8Array[]): { input: Uint8Array; steps: string[] } {
  let input = seed;
  const steps: string[] = [];
  for (let k = 1 + int(rng, 3); k > 0; k--) {
    const m = pickMutator(rng);
    input = m.run(rng, input, donors);
    steps.push(m.name);
  }
  return { input: input === seed ? seed.slice() : input, steps };
}
