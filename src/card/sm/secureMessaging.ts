/**
 * ICAO 9303-11 §9.8 secure messaging (3DES and AES), both the reader (PCD) side and the chip side.
 *
 * Command:  CLA|0C INS P1 P2 Lc [DO'87' 01‖cryptogram | DO'85' cryptogram] [DO'97' Le] DO'8E' MAC  Le'
 * Response: [DO'87' 01‖cryptogram | DO'85' cryptogram] DO'99' SW DO'8E' MAC  SW
 * The SSC is incremented before computing each command MAC and before each response MAC (§9.8.2), so one
 * command/response pair advances it by two.
 */
import { decodeCommand, encodeCommand, type CommandApdu, type ResponseApdu } from '../apdu';
import { aesCbc, aesCmac, aesEcbEncryptBlock } from '../crypto/aes';
import { retailMac, tdesCbc } from '../crypto/des';
import type { CipherAlg } from '../crypto/kdf';
import { padIso9797M2, unpadIso9797M2, PaddingError } from '../crypto/padding';
import { concat, decodeAll, encode, TlvError, type Tlv } from '../asn1/tlv';

/** A secure-messaging failure. `sw` is what a chip answers for it (ISO/IEC 7816-4 §5.1.3): 6987 or 6988. */
export class SmError extends Error {
  override readonly name = 'SmError';
  constructor(
    readonly sw: number,
    message: string,
  ) {
    super(message);
  }
}

const SW_SM_MISSING = 0x6987;
const SW_SM_INCORRECT = 0x6988;

export class SecureMessaging {
  private readonly blockSize: number;
  private counter: Uint8Array;

  constructor(
    readonly alg: CipherAlg,
    private readonly kEnc: Uint8Array,
    private readonly kMac: Uint8Array,
    ssc: Uint8Array,
  ) {
    this.blockSize = alg === 'AES' ? 16 : 8;
    if (ssc.length !== this.blockSize) {
      throw new RangeError(`SM: SSC must be ${this.blockSize} bytes for ${alg}, got ${ssc.length}`);
    }
    if (alg === 'DESede' && (kEnc.length !== 16 || kMac.length !== 16)) throw new RangeError('SM: 3DES keys must be 16 bytes');
    this.counter = Uint8Array.from(ssc);
  }

  /** Current send sequence counter (a copy). */
  get ssc(): Uint8Array {
    return Uint8Array.from(this.counter);
  }

  // ---------------------------------------------------------------- reader (PCD) side

  /** Protect a command APDU (ICAO 9303-11 §9.8.4). Advances the SSC. */
  wrapCommand(c: CommandApdu): Uint8Array {
    if ((c.cla & 0x0c) !== 0) throw new RangeError('SM: command CLA already indicates secure messaging');
    this.increment();
    const cla = (c.cla & 0xff) | 0x0c;
    const data = c.data ?? new Uint8Array(0);
    const extended = c.extended === true || data.length > 255 || (c.le !== undefined && c.le > 256);

    const header = padIso9797M2(Uint8Array.of(cla, c.ins, c.p1, c.p2), this.blockSize);
    const dataDo = data.length > 0 ? this.encryptedDo(c.ins, data) : new Uint8Array(0);
    const leDo = c.le !== undefined ? encode(0x97, encodeLe(c.le, extended)) : new Uint8Array(0);
    const mac = this.mac(concat(header, dataDo, leDo));
    const body = concat(dataDo, leDo, encode(0x8e, mac));
    // The protected command always expects data (at least DO'99' and DO'8E'), so Le' = 00 / 0000 (maximum). SM
    // overhead can push a short command's body past 255 bytes; then the outer APDU must be extended as well.
    const outerExtended = extended || body.length > 255;
    return encodeCommand({ cla, ins: c.ins, p1: c.p1, p2: c.p2, data: body, le: outerExtended ? 65536 : 256, extended: outerExtended });
  }

  /**
   * Verify and decrypt a protected response (ICAO 9303-11 §9.8.5). Advances the SSC.
   * Throws SmError: 6987 when DO'99'/DO'8E' are missing, 6988 when the MAC is wrong; a bare 6987/6988 from the
   * chip (it aborted SM) is reported with the chip's status word.
   */
  unwrapResponse(r: Uint8Array): ResponseApdu {
    if (r.length < 2) throw new SmError(SW_SM_MISSING, 'SM: response shorter than a status word');
    const outerSw = (r[r.length - 2]! << 8) | r[r.length - 1]!;
    const body = r.subarray(0, r.length - 2);
    this.increment();
    if (body.length === 0) {
      // Chips answer some errors without SM. An unauthenticated success or warning must never be accepted,
      // but a bare error SW carries no data, so passing it up is harmless (the caller fails anyway).
      if (outerSw === SW_SM_MISSING || outerSw === SW_SM_INCORRECT) {
        throw new SmError(outerSw, `SM: chip rejected the protected command (SW ${outerSw.toString(16).toUpperCase()})`);
      }
      if (outerSw >= 0x6400 && outerSw !== 0x9000) return { data: new Uint8Array(0), sw: outerSw };
      throw new SmError(SW_SM_MISSING, 'SM: response has no secure messaging data objects');
    }
    const dos = parseDos(body, 'response');
    const macDo = dos.find((d) => d.tag === 0x8e);
    const swDo = dos.find((d) => d.tag === 0x99);
    if (!macDo) throw new SmError(SW_SM_MISSING, 'SM: response has no MAC (DO\'8E\')');
    requireLast(macDo, body, 'response');
    if (!swDo || swDo.value.length !== 2) throw new SmError(SW_SM_MISSING, 'SM: response has no status DO\'99\'');
    const macInput = body.subarray(0, macDo.offset);
    this.verifyMac(macInput, macDo.value, 'response');
    const dataDo = dos.find((d) => d.tag === 0x87 || d.tag === 0x85);
    const data = dataDo ? this.decryptDo(dataDo, 'response') : new Uint8Array(0);
    return { data, sw: (swDo.value[0]! << 8) | swDo.value[1]! };
  }

  // ---------------------------------------------------------------- chip side

  /**
   * Verify and decrypt a protected command (chip side, ICAO 9303-11 §9.8.4). Advances the SSC.
   * Throws SmError 6987 (no SM / missing DO'8E') or 6988 (bad MAC, bad padding, malformed DOs).
   */
  unwrapCommand(capdu: Uint8Array): CommandApdu {
    let c: ReturnType<typeof decodeCommand>;
    try {
      c = decodeCommand(capdu);
    } catch (e) {
      throw new SmError(SW_SM_INCORRECT, `SM: malformed command APDU (${(e as Error).message})`);
    }
    if ((c.cla & 0x0c) !== 0x0c) throw new SmError(SW_SM_MISSING, 'SM: command is not protected (CLA without 0C)');
    this.increment();
    const body = c.data ?? new Uint8Array(0);
    const dos = parseDos(body, 'command');
    const macDo = dos.find((d) => d.tag === 0x8e);
    if (!macDo) throw new SmError(SW_SM_MISSING, 'SM: command has no MAC (DO\'8E\')');
    requireLast(macDo, body, 'command');
    const header = padIso9797M2(Uint8Array.of(c.cla, c.ins, c.p1, c.p2), this.blockSize);
    this.verifyMac(concat(header, body.subarray(0, macDo.offset)), macDo.value, 'command');

    const dataDo = dos.find((d) => d.tag === 0x87 || d.tag === 0x85);
    const leDo = dos.find((d) => d.tag === 0x97);
    const data = dataDo ? this.decryptDo(dataDo, 'command') : undefined;
    let le: number | undefined;
    if (leDo) {
      if (leDo.value.length === 1) le = leDo.value[0] === 0 ? 256 : leDo.value[0]!;
      else if (leDo.value.length === 2) {
        const v = (leDo.value[0]! << 8) | leDo.value[1]!;
        le = v === 0 ? 65536 : v;
      } else throw new SmError(SW_SM_INCORRECT, 'SM: DO\'97\' must hold 1 or 2 bytes');
    }
    const extended = c.extended || (leDo?.value.length ?? 0) === 2 || (data?.length ?? 0) > 255;
    const out: CommandApdu = { cla: c.cla & ~0x0c & 0xff, ins: c.ins, p1: c.p1, p2: c.p2, extended };
    if (data && data.length > 0) out.data = data;
    if (le !== undefined) out.le = le;
    return out;
  }

  /**
   * Protect a response (chip side, ICAO 9303-11 §9.8.5). Advances the SSC.
   * `useDo85` puts the data in DO'85' (no padding-content indicator) as for odd-INS commands.
   */
  wrapResponse(data: Uint8Array, sw: number, options: { useDo85?: boolean } = {}): Uint8Array {
    this.increment();
    const dataDo = data.length > 0 ? this.encryptedDo(options.useDo85 ? 0x01 : 0x00, data) : new Uint8Array(0);
    const swDo = encode(0x99, Uint8Array.of((sw >> 8) & 0xff, sw & 0xff));
    const mac = this.mac(concat(dataDo, swDo));
    return concat(dataDo, swDo, encode(0x8e, mac), Uint8Array.of((sw >> 8) & 0xff, sw & 0xff));
  }

  // ---------------------------------------------------------------- internals

  private increment(): void {
    for (let i = this.counter.length - 1; i >= 0; i--) {
      this.counter[i] = (this.counter[i]! + 1) & 0xff;
      if (this.counter[i] !== 0) return;
    }
  }

  /** MAC over pad(SSC ‖ input): 3DES retail MAC, or AES-CMAC truncated to 8 bytes (§9.8.6). */
  private mac(input: Uint8Array): Uint8Array {
    const n = padIso9797M2(concat(this.counter, input), this.blockSize);
    return this.alg === 'AES' ? aesCmac(this.kMac, n).subarray(0, 8) : retailMac(this.kMac, n);
  }

  private verifyMac(input: Uint8Array, received: Uint8Array, what: string): void {
    const expected = this.mac(input);
    if (received.length !== 8 || !equalConstantTime(expected, received)) {
      throw new SmError(SW_SM_INCORRECT, `SM: ${what} MAC verification failed`);
    }
  }

  /** §9.8.6: 3DES uses IV zero; AES uses IV = E(K_enc, SSC). */
  private iv(): Uint8Array {
    return this.alg === 'AES' ? aesEcbEncryptBlock(this.kEnc, this.counter) : new Uint8Array(8);
  }

  private cipher(data: Uint8Array, encrypt: boolean): Uint8Array {
    return this.alg === 'AES' ? aesCbc(this.kEnc, this.iv(), data, encrypt) : tdesCbc(this.kEnc, this.iv(), data, encrypt);
  }

  /** DO'87' (01 ‖ cryptogram) for even INS, DO'85' (cryptogram) for odd INS (ICAO 9303-11 §9.8.4). */
  private encryptedDo(ins: number, data: Uint8Array): Uint8Array {
    const cryptogram = this.cipher(padIso9797M2(data, this.blockSize), true);
    return (ins & 1) === 1 ? encode(0x85, cryptogram) : encode(0x87, concat(Uint8Array.of(0x01), cryptogram));
  }

  private decryptDo(d: Tlv, what: string): Uint8Array {
    let cryptogram = d.value;
    if (d.tag === 0x87) {
      if (cryptogram[0] !== 0x01) throw new SmError(SW_SM_INCORRECT, `SM: ${what} DO'87' padding-content indicator is not 01`);
      cryptogram = cryptogram.subarray(1);
    }
    if (cryptogram.length === 0 || cryptogram.length % this.blockSize !== 0) {
      throw new SmError(SW_SM_INCORRECT, `SM: ${what} cryptogram length ${cryptogram.length} is not a block multiple`);
    }
    try {
      return Uint8Array.from(unpadIso9797M2(this.cipher(cryptogram, false)));
    } catch (e) {
      if (e instanceof PaddingError) throw new SmError(SW_SM_INCORRECT, `SM: ${what} plaintext padding is invalid`);
      throw e;
    }
  }
}

function encodeLe(le: number, extended: boolean): Uint8Array {
  if (extended) return le === 65536 ? Uint8Array.of(0, 0) : Uint8Array.of(le >> 8, le & 0xff);
  return Uint8Array.of(le === 256 ? 0 : le);
}

function parseDos(body: Uint8Array, what: string): Tlv[] {
  try {
    // decodeAll skips 00/FF filler bytes, which never occur between SM DOs, so they would only hide corruption.
    const dos = decodeAll(body);
    let covered = 0;
    for (const d of dos) covered += d.length;
    if (covered !== body.length) throw new TlvError('filler bytes between data objects');
    return dos;
  } catch (e) {
    if (e instanceof TlvError) throw new SmError(SW_SM_INCORRECT, `SM: malformed ${what} data objects (${e.message})`);
    throw e;
  }
}

/** Anything after DO'8E' would be outside the MAC, so it is refused rather than ignored. */
function requireLast(macDo: Tlv, body: Uint8Array, what: string): void {
  if (macDo.offset + macDo.length !== body.length) throw new SmError(SW_SM_INCORRECT, `SM: ${what} has data after DO'8E'`);
}

function equalConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
