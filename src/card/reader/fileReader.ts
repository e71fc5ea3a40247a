/**
 * Reading an elementary file fast: select it implicitly with a short-FID READ BINARY when possible,
 * ask for the whole file in the first APDU (the header tells the real length), then read the rest in as few APDUs
 * as the strategy allows; odd INS B1 past offset 32 767 (ISO/IEC 7816-4 §11.3.3: B0 offsets are 15 bits).
 * Accepts answers longer than Le on short APDUs (seen on real CCCD chips, cccd.md §9).
 */
import { SW, StatusWordError, type CommandApdu, type ResponseApdu } from '../apdu';
import { concat, decodeOne, encode, readHeader, TlvError } from '../asn1/tlv';
import type { ApduSend } from './session';
import type { ReadStrategy } from './readStrategy';

export interface FileRef {
  name: string; // "DG1", "EF.SOD" — for progress and errors (no content)
  fid: number;
  sfi?: number;
}

/** Thrown when the card refuses a command in a way the strategy can work around (extended length not supported). */
export class StrategyRefusedError extends Error {
  override readonly name = 'StrategyRefusedError';
}

const MAX_B0_OFFSET = 0x7fff;

function le(strategy: ReadStrategy, n: number): { le: number; extended: boolean } {
  if (strategy.extendedLength) return { le: Math.min(n, 65536), extended: true };
  return { le: Math.min(n, 256), extended: false };
}

function isExtendedRefusal(sw: number): boolean {
  // Cards without extended-length support answer 6700 (wrong length) or 6D00/6E00 for the unknown encoding.
  return sw === SW.WRONG_LENGTH || sw === SW.INS_NOT_SUPPORTED || sw === SW.CLA_NOT_SUPPORTED;
}

async function readAt(send: ApduSend, strategy: ReadStrategy, offset: number, length: number, sfi?: number): Promise<ResponseApdu> {
  let cmd: CommandApdu;
  if (offset > MAX_B0_OFFSET) {
    // Odd INS: offset in DO'54', response data in DO'53' (ICAO 9303-11 §9.8.6.2 / ISO 7816-4 §11.3.3).
    const off = Uint8Array.of((offset >> 16) & 0xff, (offset >> 8) & 0xff, offset & 0xff);
    // B1 responses carry a DO'53' header (up to 4 bytes) inside the data.
    cmd = { cla: 0x00, ins: 0xb1, p1: 0, p2: 0, data: encode(0x54, trimLeadingZeros(off)), ...le(strategy, length + 4) };
  } else if (sfi !== undefined && offset <= 0xff) {
    cmd = { cla: 0x00, ins: 0xb0, p1: 0x80 | sfi, p2: offset, ...le(strategy, length) };
  } else {
    cmd = { cla: 0x00, ins: 0xb0, p1: (offset >> 8) & 0x7f, p2: offset & 0xff, ...le(strategy, length) };
  }
  const r = await send(cmd);
  if (cmd.ins === 0xb1 && (r.sw === SW.OK || r.sw === SW.END_OF_FILE_WARNING) && r.data.length > 0) {
    const t = decodeOne(r.data, 0);
    if (t.tag !== 0x53) throw new TlvError('READ BINARY (B1): response is not DO\'53\'');
    return { data: t.value, sw: r.sw };
  }
  return r;
}

function trimLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

export async function selectFile(send: ApduSend, fid: number, name: string): Promise<void> {
  const r = await send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: Uint8Array.of(fid >> 8, fid & 0xff) });
  if (r.sw !== SW.OK) throw new StatusWordError(r.sw, `SELECT ${name}`);
}

/** Progress of one file read, kept by the caller so a read interrupted by an SM failure resumes where it stopped. */
export interface PartialRead {
  parts: Uint8Array[];
  offset: number;
  total: number | null;
}

/**
 * Read a whole TLV-encoded EF. Throws StatusWordError for refusals (6A82 absent, 6982 protected),
 * StrategyRefusedError when extended length was refused (caller switches strategy and retries).
 */
export async function readFile(
  send: ApduSend,
  ref: FileRef,
  strategy: ReadStrategy,
  onBytes?: (read: number, total: number | null) => void,
  partial: PartialRead = { parts: [], offset: 0, total: null },
): Promise<Uint8Array> {
  const check = (r: ResponseApdu, what: string) => {
    if (r.sw === SW.OK || r.sw === SW.END_OF_FILE_WARNING) return;
    if (strategy.extendedLength && isExtendedRefusal(r.sw)) throw new StrategyRefusedError(`${what}: extended length refused (SW ${r.sw.toString(16)})`);
    throw new StatusWordError(r.sw, what);
  };

  if (partial.total === null) {
    // First APDU: ask for a whole chunk; the TLV header in the answer gives the real size (ICAO 9303-10 §3.6.3).
    let first = await readAt(send, strategy, 0, strategy.chunkSize, ref.sfi);
    if (ref.sfi !== undefined && (first.sw === SW.INCORRECT_P1P2 || first.sw === SW.FUNCTION_NOT_SUPPORTED || first.sw === SW.WRONG_P1P2)) {
      // Card without short-FID support: select explicitly (cccd.md §1.3 — never via the master file).
      await selectFile(send, ref.fid, ref.name);
      first = await readAt(send, strategy, 0, strategy.chunkSize);
    }
    check(first, `READ BINARY ${ref.name}`);
    const h = readHeader(first.data, 0);
    partial.total = h.headerLength + h.valueLength;
    partial.parts.push(first.data);
    partial.offset = first.data.length;
  } else {
    // Resuming after re-authentication: no EF is selected any more.
    await selectFile(send, ref.fid, ref.name);
  }
  const total = partial.total;
  onBytes?.(Math.min(partial.offset, total), total);

  while (partial.offset < total) {
    const want = Math.min(strategy.chunkSize, total - partial.offset);
    const r = await readAt(send, strategy, partial.offset, want);
    check(r, `READ BINARY ${ref.name} @${partial.offset}`);
    if (r.data.length === 0) throw new TlvError(`${ref.name}: card returned no data at offset ${partial.offset} of ${total}`);
    partial.parts.push(r.data);
    partial.offset += r.data.length;
    onBytes?.(Math.min(partial.offset, total), total);
  }
  // The last answer may run past the header's length (padding): keep exactly `total` bytes.
  return concat(...partial.parts).subarray(0, total);
}

