/**
 * Command and response APDUs (ISO/IEC 7816-4 §5.1), short and extended length, and status words as typed errors.
 */

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length: undefined = absent; 256 (short) / 65536 (extended) = "as many as available". */
  le?: number;
  /** Force extended-length encoding even when short would fit. */
  extended?: boolean;
}

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

/** Encode per ISO/IEC 7816-4 §5.1 (cases 1–4, short or extended). */
export function encodeCommand(c: CommandApdu): Uint8Array {
  const data = c.data ?? new Uint8Array(0);
  const le = c.le;
  const ext = c.extended === true || data.length > 255 || (le !== undefined && le > 256);
  if (data.length > 65535) throw new RangeError(`APDU: command data too long (${data.length})`);
  if (le !== undefined && (le < 0 || le > 65536)) throw new RangeError(`APDU: Le out of range (${le})`);
  const out: number[] = [c.cla & 0xff, c.ins & 0xff, c.p1 & 0xff, c.p2 & 0xff];
  if (!ext) {
    if (data.length > 0) out.push(data.length, ...data);
    if (le !== undefined) out.push(le === 256 ? 0 : le);
  } else {
    if (data.length > 0) {
      out.push(0, data.length >> 8, data.length & 0xff, ...data);
      if (le !== undefined) out.push(le === 65536 ? 0 : le >> 8, le === 65536 ? 0 : le & 0xff);
    } else if (le !== undefined) {
      out.push(0, le === 65536 ? 0 : le >> 8, le === 65536 ? 0 : le & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** Decode a command APDU (card side). Throws RangeError on malformed encodings. */
export function decodeCommand(b: Uint8Array): CommandApdu & { extended: boolean } {
  if (b.length < 4) throw new RangeError('APDU: shorter than a header');
  const [cla, ins, p1, p2] = [b[0]!, b[1]!, b[2]!, b[3]!];
  const body = b.subarray(4);
  if (body.length === 0) return { cla, ins, p1, p2, extended: false };
  if (body.length === 1) return { cla, ins, p1, p2, le: body[0] === 0 ? 256 : body[0]!, extended: false };
  if (body[0] !== 0) {
    const lc = body[0]!;
    if (body.length === 1 + lc) return { cla, ins, p1, p2, data: body.subarray(1, 1 + lc), extended: false };
    if (body.length === 2 + lc) {
      const le = body[1 + lc]!;
      return { cla, ins, p1, p2, data: body.subarray(1, 1 + lc), le: le === 0 ? 256 : le, extended: false };
    }
    throw new RangeError('APDU: short Lc does not match the body length');
  }
  // Extended: first body byte 00.
  if (body.length === 3) {
    const le = (body[1]! << 8) | body[2]!;
    return { cla, ins, p1, p2, le: le === 0 ? 65536 : le, extended: true };
  }
  const lc = (body[1]! << 8) | body[2]!;
  if (lc === 0) throw new RangeError('APDU: extended Lc of zero');
  if (body.length === 3 + lc) return { cla, ins, p1, p2, data: body.subarray(3, 3 + lc), extended: true };
  if (body.length === 5 + lc) {
    const le = (body[3 + lc]! << 8) | body[4 + lc]!;
    return { cla, ins, p1, p2, data: body.subarray(3, 3 + lc), le: le === 0 ? 65536 : le, extended: true };
  }
  throw new RangeError('APDU: extended Lc does not match the body length');
}

export function decodeResponse(r: Uint8Array): ResponseApdu {
  if (r.length < 2) throw new RangeError(`APDU: response of ${r.length} bytes has no status word`);
  return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2]! << 8) | r[r.length - 1]! };
}

export function encodeResponse(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = (sw >> 8) & 0xff;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** Status words used by ICAO 9303 chips (ISO/IEC 7816-4 §5.1.3). */
export const SW = {
  OK: 0x9000,
  END_OF_FILE_WARNING: 0x6282, // fewer bytes than Le: end of file reached
  VERIFICATION_FAILED: 0x6300,
  WRONG_LENGTH: 0x6700,
  SM_DATA_MISSING: 0x6987, // expected secure messaging data objects missing
  SM_DATA_INCORRECT: 0x6988, // incorrect secure messaging data objects (bad MAC)
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTH_METHOD_BLOCKED: 0x6983,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED_NO_EF: 0x6986,
  WRONG_DATA: 0x6a80,
  FUNCTION_NOT_SUPPORTED: 0x6a81,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6b00, // also: offset beyond the end of the EF
  INCORRECT_P1P2: 0x6a86,
  WRONG_LE: 0x6c00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

export function swHex(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** A card-level refusal, carrying the status word; protocol code catches it by `sw`. */
export class StatusWordError extends Error {
  override readonly name = 'StatusWordError';
  constructor(
    readonly sw: number,
    readonly command: string,
  ) {
    super(`${command} refused by the card: SW ${swHex(sw)} (${describeSw(sw)})`);
  }
}

export function describeSw(sw: number): string {
  switch (sw) {
    case SW.OK: return 'success';
    case SW.END_OF_FILE_WARNING: return 'end of file reached before Le bytes';
    case SW.WRONG_LENGTH: return 'wrong length';
    case SW.SM_DATA_MISSING: return 'secure messaging data objects missing';
    case SW.SM_DATA_INCORRECT: return 'secure messaging data objects incorrect';
    case SW.SECURITY_STATUS_NOT_SATISFIED: return 'security status not satisfied';
    case SW.AUTH_METHOD_BLOCKED: return 'authentication method blocked';
    case SW.CONDITIONS_NOT_SATISFIED: return 'conditions of use not satisfied';
    case SW.WRONG_DATA: return 'incorrect data';
    case SW.FUNCTION_NOT_SUPPORTED: return 'function not supported';
    case SW.FILE_NOT_FOUND: return 'file not found';
    case SW.WRONG_P1P2: return 'wrong parameters (offset beyond end of file)';
    case SW.INCORRECT_P1P2: return 'incorrect parameters P1-P2';
    case SW.INS_NOT_SUPPORTED: return 'instruction not supported';
    case SW.CLA_NOT_SUPPORTED: return 'class not supported';
    default:
      if ((sw & 0xff00) === 0x6c00) return `wrong Le; exact length is ${sw & 0xff}`;
      if ((sw & 0xff00) === 0x6100) return `${sw & 0xff} more bytes available`;
      if ((sw & 0xfff0) === 0x63c0) return `verification failed, ${sw & 0x0f} tries left`;
      return 'unknown status';
  }
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}

export function fromHex(s: string): Uint8Array {
  const clean = s.replace(/[\s:]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new RangeError('hex: malformed input');
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}
