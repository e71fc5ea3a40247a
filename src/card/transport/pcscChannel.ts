/**
 * One open card connection of the PC/SC transport (see pcscMonitor.ts): one APDU at a time in call order, an explicit
 * receive buffer on every transmit, a deadline per exchange, and an empty "success" diagnosed as removal or fault.
 */
import type { CardInterface } from 'smartcard';
import { classifyError } from './classifyError';
import { TransportError, type CardChannel } from './types';
import type { PcscBinding, PcscMonitor } from './pcscMonitor';

/** smartcard's native receive-buffer cap (TransmitOptions.maxRecvLength, 256 KiB). */
const BINDING_MAX_RECV = 262144;
/** How long an empty response waits for evidence of removal (pcscd polls readers every ~400 ms). */
const EMPTY_RESPONSE_GRACE_MS = 1_000;

export class PcscChannel implements CardChannel {
  private queue: Promise<unknown> = Promise.resolve();
  private dead: TransportError | undefined;
  private closed = false;

  constructor(
    private readonly monitor: PcscMonitor,
    private readonly binding: PcscBinding,
    private readonly card: CardInterface,
    readonly readerName: string,
    readonly atr: Uint8Array,
  ) {}

  /** Mark the session lost (removal, service loss); later transmits fail fast with `why`. */
  invalidate(why: TransportError): void {
    this.dead ??= why;
  }

  transmit(apdu: Uint8Array, opts?: { maxResponseLength?: number; timeoutMs?: number }): Promise<Uint8Array> {
    const { maxResponseLength, timeoutMs } = this.monitor.defaults;
    const recv = Math.min(BINDING_MAX_RECV, Math.max(2, (opts?.maxResponseLength ?? maxResponseLength) + 2));
    const deadline = opts?.timeoutMs ?? timeoutMs;
    // One APDU at a time per card, in call order: the reader engine may fire concurrently (UI + reader).
    const run = this.queue.then(() => this.transmitNow(apdu, recv));
    this.queue = run.catch(() => undefined);
    return withTimeout(run, deadline, `transmit on ${this.readerName}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.monitor.forget(this);
    // Release the handle only once no exchange is in flight: SCardDisconnect is synchronous in the
    // binding and would block the JS thread behind a native transmit. Wait a bounded time, and if an
    // exchange is stuck, disconnect whenever it ends instead of blocking here.
    const release = () => safely(() => this.card.disconnect(this.binding.SCARD_LEAVE_CARD));
    const drained = await withTimeout(this.queue.then(() => true), 2_000, 'close').catch(() => false);
    if (drained) release();
    else void this.queue.then(release);
  }

  private async transmitNow(apdu: Uint8Array, maxRecvLength: number): Promise<Uint8Array> {
    if (this.closed) throw new TransportError('PROTOCOL', `transmit on ${this.readerName}: channel is closed`);
    if (this.dead) throw this.dead;
    let response: Buffer;
    try {
      response = await this.card.transmit(Buffer.from(apdu.buffer, apdu.byteOffset, apdu.byteLength), { maxRecvLength });
    } catch (e) {
      const err = classifyError(e, `transmit on ${this.readerName}`);
      if (this.dead) throw this.dead;
      throw err;
    }
    if (response.length < 2) throw await this.emptyResponseError();
    return new Uint8Array(response);
  }

  /**
   * A 0-byte "success" happens when the card leaves mid-exchange (environment.md §1.4), before pcscd
   * has polled the reader (~400 ms) and so before the handle or the monitor know. Watch the handle's
   * status and our own removal events for up to EMPTY_RESPONSE_GRACE_MS to tell a removal from a
   * genuinely malformed exchange.
   */
  private async emptyResponseError(): Promise<TransportError> {
    const prefix = `transmit on ${this.readerName}: empty response (no status word)`;
    const until = Date.now() + EMPTY_RESPONSE_GRACE_MS;
    for (;;) {
      if (this.dead) return new TransportError('CARD_REMOVED', `${prefix}; ${this.dead.message}`);
      try {
        const status = this.card.getStatus();
        if ((status.state & this.binding.SCARD_STATE_PRESENT) === 0 || !this.monitor.cardPresent(this.readerName)) {
          return new TransportError('CARD_REMOVED', `${prefix}; card is gone`);
        }
      } catch (e) {
        const err = classifyError(e);
        return new TransportError(err.kind === 'PROTOCOL' ? 'CARD_REMOVED' : err.kind, `${prefix}; ${err.message}`, e);
      }
      if (Date.now() >= until) return new TransportError('PROTOCOL', prefix);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}


export function safely(f: () => void): void {
  try {
    f();
  } catch {
    // Disposal of a handle whose service is already gone: nothing useful to report.
  }
}

/** Reject with TIMEOUT after `ms`; the underlying native call cannot be cancelled and simply finishes later. */
function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  if (!Number.isFinite(ms) || ms <= 0) return p;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransportError('TIMEOUT', `${what}: no answer within ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
