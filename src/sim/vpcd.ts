/**
 * Bridge a VirtualCard to vsmartcard's vpcd driver so the real pcscd sees it as a card in
 * 'Virtual PCD 00 00' (TCP 35963) or 'Virtual PCD 00 01' (TCP 35964).
 *
 * vpcd protocol (vsmartcard "vpcd" driver, shared/README.md): the card is a TCP *client*; every
 * message either way is a 2-byte big-endian length followed by the payload. A 1-byte payload from
 * vpcd is a control code (0 power off, 1 power on, 2 reset, 4 get ATR → answer the ATR); a longer
 * one is a C-APDU to answer with an R-APDU. Closing the socket is a card removal.
 *
 * Written by hand because the protocol is ~20 lines and no maintained npm package speaks it.
 *
 * Run the bridge in a different process (or worker thread) from any PC/SC client that talks to the
 * same pcscd: smartcard's disconnect/status calls block the JS thread until pcscd answers, and pcscd
 * may be waiting for this very card to answer its reader poll — observed as a deadlock in testing.
 */
import { Socket } from 'node:net';
import type { VirtualCard } from '../card/transport/types';

export const VPCD_PORT_READER_0 = 35963;

const CTRL_POWER_OFF = 0x00;
const CTRL_POWER_ON = 0x01;
const CTRL_RESET = 0x02;
const CTRL_GET_ATR = 0x04;

/**
 * The frame length is 16 bits, so an R-APDU can carry at most 65 533 data bytes + SW1 SW2
 * (research/environment.md §2). Longer answers are cut and flagged 6282 ("end of data reached before
 * Le bytes", ISO/IEC 7816-4 §5.6) instead of desynchronising the stream.
 */
export const VPCD_MAX_RESPONSE_DATA = 65533;

export interface VpcdBridgeOptions {
  /** Default 127.0.0.1 (vpcd listens on all interfaces; loopback is enough). */
  host?: string;
  /** Default 35963 = 'Virtual PCD 00 00'. */
  port?: number;
  /**
   * Give up connecting after this long (default 5000 ms). vpcd accepts one card per port; while another
   * card holds it, the SYN sits in a full backlog and a plain connect would retry for minutes.
   */
  connectTimeoutMs?: number;
  /** Called once whenever the link goes down (remove(), fault injection, or the peer closing). */
  onRemoved?: (reason: string) => void;
}

/** Encode one vpcd frame: 2-byte big-endian length + payload. */
export function encodeVpcdFrame(payload: Uint8Array): Uint8Array {
  if (payload.length > 0xffff) throw new RangeError(`vpcd: payload of ${payload.length} bytes exceeds 65535`);
  const out = new Uint8Array(payload.length + 2);
  out[0] = payload.length >> 8;
  out[1] = payload.length & 0xff;
  out.set(payload, 2);
  return out;
}

/** Fit an R-APDU into one vpcd frame (see VPCD_MAX_RESPONSE_DATA). */
export function capVpcdResponse(rapdu: Uint8Array): Uint8Array {
  if (rapdu.length <= VPCD_MAX_RESPONSE_DATA + 2) return rapdu;
  const out = new Uint8Array(VPCD_MAX_RESPONSE_DATA + 2);
  out.set(rapdu.subarray(0, VPCD_MAX_RESPONSE_DATA));
  out[VPCD_MAX_RESPONSE_DATA] = 0x62;
  out[VPCD_MAX_RESPONSE_DATA + 1] = 0x82;
  return out;
}

export class VpcdBridge {
  private socket: Socket | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private readonly host: string;
  private readonly port: number;
  private readonly onRemoved: ((reason: string) => void) | undefined;
  private readonly connectTimeoutMs: number;
  private closedForGood = false;

  constructor(
    private readonly card: VirtualCard,
    opts: VpcdBridgeOptions = {},
  ) {
    this.host = opts.host ?? '127.0.0.1';
    this.port = opts.port ?? VPCD_PORT_READER_0;
    this.onRemoved = opts.onRemoved;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? 5_000;
  }

  /** True while the socket to vpcd is open (the card is "in the reader"). */
  get inserted(): boolean {
    return this.socket !== null;
  }

  /** Present the card: connect to vpcd. Resolves once connected; rejects if vpcd is not listening. */
  insert(): Promise<void> {
    if (this.closedForGood) return Promise.reject(new Error('vpcd: bridge is closed'));
    if (this.socket !== null) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      // Our answers go out as one write; NODELAY keeps Nagle from holding them (environment.md §1.3).
      socket.setNoDelay(true);
      const onConnectError = (e: Error): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new Error(`vpcd: cannot connect to ${this.host}:${this.port}: ${e.message}`));
      };
      const timer = setTimeout(
        () => onConnectError(new Error(`no answer within ${this.connectTimeoutMs} ms (is another card on this port?)`)),
        this.connectTimeoutMs,
      );
      socket.once('error', onConnectError);
      socket.connect(this.port, this.host, () => {
        clearTimeout(timer);
        socket.off('error', onConnectError);
        this.pending = Buffer.alloc(0);
        this.socket = socket;
        socket.on('data', (chunk: Buffer) => this.onData(socket, chunk));
        // Errors end in 'close'; the listener only keeps them from becoming uncaught exceptions.
        socket.on('error', () => undefined);
        socket.on('close', () => this.linkDown(socket, 'connection closed'));
        resolve();
      });
    });
  }

  /** Take the card out: close the socket. Resolves once it is closed. */
  async remove(): Promise<void> {
    const socket = this.socket;
    if (socket === null) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.destroy();
    });
  }

  /** Remove and refuse further inserts. */
  async close(): Promise<void> {
    this.closedForGood = true;
    await this.remove();
  }

  private linkDown(socket: Socket, reason: string): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.pending = Buffer.alloc(0);
    this.card.powerOff();
    this.onRemoved?.(reason);
  }

  private onData(socket: Socket, chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    while (this.socket === socket && this.pending.length >= 2) {
      const len = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + len) return;
      const payload = new Uint8Array(this.pending.subarray(2, 2 + len));
      this.pending = this.pending.subarray(2 + len);
      this.onFrame(socket, payload);
    }
  }

  private onFrame(socket: Socket, payload: Uint8Array): void {
    if (payload.length === 0) return;
    if (payload.length === 1) {
      this.onControl(socket, payload[0]!);
      return;
    }
    if (isRemoved(this.card)) {
      // Pulled by fault injection before this exchange: the APDU gets no answer.
      socket.destroy();
      return;
    }
    let rapdu: Uint8Array;
    try {
      rapdu = this.card.transmit(payload);
    } catch {
      // VirtualCard contract says refusals are status words; a throw is a simulator defect → 6F00 (no diagnosis).
      rapdu = Uint8Array.from([0x6f, 0x00]);
    }
    socket.write(encodeVpcdFrame(capVpcdResponse(rapdu)));
    // "Remove after N APDUs": the Nth answer goes out first, then the card leaves the field.
    if (isRemoved(this.card)) socket.end(() => socket.destroy());
  }

  private onControl(socket: Socket, code: number): void {
    switch (code) {
      case CTRL_POWER_OFF:
        this.card.powerOff();
        break;
      case CTRL_POWER_ON:
      case CTRL_RESET:
        this.card.reset();
        break;
      case CTRL_GET_ATR:
        socket.write(encodeVpcdFrame(this.card.atr()));
        break;
      default:
        // Unknown control codes have no answer in the vpcd protocol; ignoring keeps the stream in sync.
        break;
    }
  }
}

/** Read through a call: `removed` changes inside transmit(), which TypeScript's narrowing cannot see. */
function isRemoved(card: VirtualCard): boolean {
  return card.removed === true;
}
