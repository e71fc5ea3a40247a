/**
 * SELECT and READ BINARY of the simulated chip, and how large a (protected) response may be on the link.
 */
import { SW, type CommandApdu } from '../../card/apdu';
import { decodeOne, encode, TlvError } from '../../card/asn1/tlv';
import { status, type Context, type Result } from './commandResult';
import { SimFileSystem } from './fileSystem';

/** READ BINARY with an odd INS: offset in DO'54', data in DO'53' (ISO/IEC 7816-4 §11.2.3). */
const READ_BINARY_ODD = 0xb1;

/** SELECT (ISO/IEC 7816-4 §11.1.1). P2 may ask for FCI/FCP; like many eMRTD chips this one returns none. */
export function selectFile(fs: SimFileSystem, c: CommandApdu, ctx: Context): Result {
  if (c.p2 !== 0x0c && c.p2 !== 0x00 && c.p2 !== 0x04) return status(SW.INCORRECT_P1P2);
  const data = c.data ?? new Uint8Array(0);
  switch (c.p1) {
    case 0x00: {
      // CCCD quirk (cccd.md §1.3, NFCPassportReader #219): SELECT MF answers 6D00; EF.CardAccess by FID works.
      if (data.length === 0) return status(SW.INS_NOT_SUPPORTED);
      if (data.length !== 2) return status(SW.WRONG_LENGTH);
      const fid = (data[0]! << 8) | data[1]!;
      if (fid === 0x3f00) return status(SW.INS_NOT_SUPPORTED);
      return status(fs.selectEf(fid, ctx.secure));
    }
    case 0x02: {
      if (data.length !== 2) return status(SW.WRONG_LENGTH);
      return status(fs.selectEf((data[0]! << 8) | data[1]!, ctx.secure));
    }
    case 0x04: {
      if (data.length < 5 || data.length > 16) return status(SW.WRONG_LENGTH);
      return status(fs.selectApplication(data));
    }
    default:
      return status(SW.INCORRECT_P1P2);
  }
}

/**
 * READ BINARY (ISO/IEC 7816-4 §11.2.3, ICAO 9303-10 §3.6.2). Even INS B0: P1 bit 8 set → SFI in P1 bits 5–1 and
 * offset in P2; otherwise a 15-bit offset into the current EF. Odd INS B1: offset in DO'54', data in DO'53'.
 *
 * End of file before Ne bytes: with Le = maximum (short 00 / extended 0000) the rest is returned with 9000,
 * because ISO/IEC 7816-4 §5.1 defines that Le as "all available bytes"; with an explicit Le the rest comes with
 * 6282 "end of file reached before reading Ne bytes" (§5.1.3 Table 6), which readers treat as a warning.
 */
export function readBinary(fs: SimFileSystem, c: CommandApdu, ctx: Context, smAlg: 'DESede' | 'AES' | null): Result {
  const odd = c.ins === READ_BINARY_ODD;
  let fid: number | null;
  let offset: number;
  if (!odd) {
    if (c.data && c.data.length > 0) return status(SW.WRONG_LENGTH);
    if ((c.p1 & 0x80) !== 0) {
      if ((c.p1 & 0x60) !== 0 || (c.p1 & 0x1f) === 0) return status(SW.INCORRECT_P1P2);
      fid = SimFileSystem.fidForSfi(c.p1 & 0x1f);
      offset = c.p2;
    } else {
      fid = null;
      offset = ((c.p1 & 0x7f) << 8) | c.p2;
    }
  } else {
    const p1p2 = (c.p1 << 8) | c.p2;
    if (p1p2 === 0) fid = null;
    else if (c.p1 === 0 && (c.p2 & 0xe0) === 0) fid = SimFileSystem.fidForSfi(c.p2 & 0x1f);
    else fid = p1p2;
    const parsed = parseOffsetDo(c.data);
    if (parsed === null) return status(SW.WRONG_DATA);
    offset = parsed;
  }
  if (c.le === undefined) return status(SW.WRONG_LENGTH);
  const ne = c.le;

  // Largest plain response (before SM protection) the transport allows.
  let plainMax = Math.min(ne, ctx.outerCap);
  if (smAlg) {
    while (plainMax > 0 && wrappedLength(plainMax, smAlg, odd) > ctx.outerCap) plainMax -= 1;
  }
  const wanted = odd ? contentFitting(ne) : ne;
  const budget = odd ? contentFitting(plainMax) : plainMax;
  if (budget <= 0) return status(SW.WRONG_LENGTH);

  const read = fs.read(fid, offset, budget, ctx.secure);
  if (!read.ok) return status(read.sw);
  const { data, endOfFile } = read.value;
  const leIsMaximum = ne === 256 || ne === 65536;
  const sw = endOfFile && data.length < wanted && !leIsMaximum ? SW.END_OF_FILE_WARNING : SW.OK;
  return { data: odd ? encode(0x53, data) : data, sw };
}

/** DO'54' offset of an odd-INS READ BINARY (1–4 bytes), or null when malformed. */
function parseOffsetDo(data: Uint8Array | undefined): number | null {
  if (!data || data.length === 0) return null;
  try {
    const t = decodeOne(data, 0);
    if (t.tag !== 0x54 || t.length !== data.length || t.value.length === 0 || t.value.length > 4) return null;
    let v = 0;
    for (const b of t.value) v = v * 256 + b;
    return v;
  } catch (e) {
    if (e instanceof TlvError) return null;
    throw e;
  }
}

function lengthOfLength(n: number): number {
  return n < 0x80 ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : 4;
}

/** Content bytes that fit into a DO'53' of at most `max` bytes in total. */
function contentFitting(max: number): number {
  let n = max - 2;
  while (n > 0 && 1 + lengthOfLength(n) + n > max) n -= 1;
  return Math.max(0, n);
}

/**
 * Size of a protected response with `plainLength` data bytes (ICAO 9303-11 §9.8.5): DO'87' (01 ‖ padded
 * cryptogram) or DO'85' (padded cryptogram) for odd INS, DO'99' (4 bytes) and DO'8E' (10 bytes).
 */
export function wrappedLength(plainLength: number, alg: 'DESede' | 'AES', odd: boolean): number {
  if (plainLength === 0) return 14;
  const block = alg === 'AES' ? 16 : 8;
  const padded = (Math.floor(plainLength / block) + 1) * block;
  const v = padded + (odd ? 0 : 1);
  return 1 + lengthOfLength(v) + v + 14;
}
