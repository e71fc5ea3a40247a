/**
 * Every parser a card (or a trust file put next to the app) can feed, as a fuzz target: bytes in, typed
 * rejection or a result out. Anything else thrown is a bug (untyped error), and so is a stack overflow.
 * Weights share the inputs of a run between targets: cheap wire-level parsers get many, the 900 KB master list
 * and the JPEG 2000 decoder (~100 ms per real face) get few, so a fixed-count CI pass still reaches all of them.
 */
import { decodeAll, decodeOne, isConstructed, readHeader } from '../src/card/asn1/tlv';
import { bigintOf, bitStringOf, children, isUniversal, octetsOf, oidOf, parseDer } from '../src/card/asn1/der';
import { CardDataError } from '../src/card/asn1/errors';
import { parseCardAccess } from '../src/card/lds/cardAccess';
import { parseCom } from '../src/card/lds/com';
import { parseDg1 } from '../src/card/lds/dg1';
import { parseDg2 } from '../src/card/lds/dg2';
import { dg13ToHolder, parseDg13 } from '../src/card/lds/dg13';
import { parseDg14 } from '../src/card/lds/dg14';
import { parseDg15 } from '../src/card/lds/dg15';
import { decodeJpeg2000, imageDimensions, sniffImageFormat } from '../src/card/lds/image';
import { parseMrz } from '../src/card/lds/mrz';
import { parseSod } from '../src/card/pa/sod';
import { parseSignedData } from '../src/card/pa/cms';
import { parseCertificate, summarizeCertificate } from '../src/card/pa/certificates';
import { parseCrl } from '../src/card/pa/crl';
import { parseMasterList } from '../src/card/pa/masterList';
// The CCCD QR text is read by the kiosk's keyboard-wedge detector, which keeps only the ID number (cccd.md §7).
import { parseQrId } from '../renderer/src/lib/qrWedge';

export interface FuzzTarget {
  name: string;
  /** Relative share of the inputs. */
  weight: number;
  run(input: Uint8Array): unknown;
}

/** The project's typed parse errors: what a parser may throw for bad input. */
export function isTypedRejection(e: unknown): boolean {
  return e instanceof CardDataError;
}

/** A JS stack overflow: the crash class the fuzzer found (it is a RangeError, so test it by message). */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

const FIXED_NOW = new Date(Date.UTC(2026, 0, 1));
const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
/** The walkers below belong to the harness; they stop at this depth so any overflow is the parser's own. */
const HARNESS_DEPTH = 48;

/** Walk a wire-level TLV tree (decodeAll on every constructed value), iteratively. */
function walkTlv(input: Uint8Array): number {
  readHeader(input);
  let count = 0;
  const stack: { bytes: Uint8Array; depth: number }[] = [{ bytes: input, depth: 0 }];
  while (stack.length > 0) {
    const { bytes, depth } = stack.pop()!;
    for (const t of decodeAll(bytes)) {
      count++;
      if (isConstructed(t.tag) && depth < HARNESS_DEPTH) stack.push({ bytes: t.value, depth: depth + 1 });
    }
  }
  return count;
}

/** Decode with asn1js (through the project's guard) and read every node with the typed accessors. */
function walkDer(input: Uint8Array): number {
  const stack = [{ node: parseDer(input, 'fuzz input'), depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    count++;
    if (isUniversal(node, 2)) bigintOf(node, 'INTEGER');
    else if (isUniversal(node, 6)) oidOf(node, 'OID');
    else if (isUniversal(node, 4)) octetsOf(node, 'OCTET STRING');
    else if (isUniversal(node, 3)) bitStringOf(node, 'BIT STRING');
    if (depth < HARNESS_DEPTH) for (const c of children(node)) stack.push({ node: c, depth: depth + 1 });
  }
  return count;
}

export const TARGETS: FuzzTarget[] = [
  { name: 'tlv', weight: 8, run: (b) => walkTlv(b) },
  { name: 'der', weight: 8, run: (b) => walkDer(b) },
  { name: 'cardAccess', weight: 6, run: (b) => parseCardAccess(b) },
  { name: 'com', weight: 4, run: (b) => parseCom(b) },
  { name: 'dg1', weight: 5, run: (b) => parseDg1(b, FIXED_NOW) },
  { name: 'dg2', weight: 4, run: (b) => parseDg2(b) },
  { name: 'dg13', weight: 8, run: (b) => dg13ToHolder(parseDg13(b)) },
  { name: 'dg14', weight: 6, run: (b) => parseDg14(b) },
  { name: 'dg15', weight: 6, run: (b) => parseDg15(b) },
  { name: 'sod', weight: 5, run: (b) => parseSod(b) },
  { name: 'cms', weight: 4, run: (b) => parseSignedData(b) },
  {
    name: 'certificate', weight: 6,
    run: (b) => {
      const c = parseCertificate(b);
      c.publicKey();
      return summarizeCertificate(c);
    },
  },
  { name: 'crl', weight: 4, run: (b) => parseCrl(b) },
  { name: 'masterList', weight: 0.02, run: (b) => parseMasterList(b) },
  { name: 'mrz', weight: 5, run: (b) => parseMrz(latin1.decode(b), FIXED_NOW) },
  { name: 'qr', weight: 5, run: (b) => parseQrId(utf8.decode(b)) },
  { name: 'imageHeader', weight: 5, run: (b) => [sniffImageFormat(b), imageDimensions(b)] },
  { name: 'jpeg2000', weight: 0.01, run: (b) => decodeJpeg2000(b) },
];

/** A single TLV parse used by the engine to describe an input in a reproducer note (never throws). */
export function describeInput(b: Uint8Array): string {
  try {
    const t = decodeOne(b);
    return `outer tag ${t.tag.toString(16).toUpperCase()}, ${b.length} bytes`;
  } catch {
    return `${b.length} bytes`;
  }
}
