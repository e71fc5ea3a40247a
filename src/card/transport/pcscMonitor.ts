/**
 * ReaderMonitor + CardChannel over pcsc-lite through the `smartcard` 3.7.0 binding.
 *
 * Built on the binding's low-level native `ReaderMonitor` (events from a background thread) and
 * `Context` (connect) rather than its `Devices` class, because Devices auto-connects to every card on
 * insert and disconnects it on removal: we connect only when the reader engine asks, and keep our own
 * handle per session. Measured binding behaviour this wrapper compensates for
 * (research/environment.md §1.4–1.6):
 *  - errors carry no codes → classifyError() by message;
 *  - no recovery after a pcscd restart (errors every second, forever) → dispose and recreate with backoff;
 *  - 258-byte default receive buffer → every transmit passes maxRecvLength explicitly;
 *  - a transmit during removal may resolve with 0 bytes → treated as a transport error.
 */
import type { CardInterface, ContextInterface, MonitorEvent, ReaderMonitorInterface } from 'smartcard';
import { loadSmartcardBinding, type PcscBinding } from './pcscBinding';
import { classifyError } from './classifyError';
import { readerMatches, waitForInsertEvent } from './waitForCard';
import { TransportError, type CardChannel, type ReaderEvent, type ReaderMonitor } from './types';
import { PcscChannel, safely } from './pcscChannel';

export { loadSmartcardBinding, type PcscBinding };

export interface PcscMonitorOptions {
  /** Receive-buffer size in data bytes when a transmit does not say (default 65536 → buffer 65538). */
  defaultMaxResponseLength?: number;
  /** Deadline per transmit, counted from the call (queue wait included) (default 15 000 ms). */
  transmitTimeoutMs?: number;
  /** Reconnect backoff after PC/SC service loss: first delay, doubled up to the cap (default 250 → 2000 ms). */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Override how the native binding is loaded (tests; alternative builds). */
  loadBinding?: () => PcscBinding;
}

/** ISO/IEC 7816-4 extended Le maximum: 65 536 data bytes + SW1 SW2. */
const DEFAULT_MAX_RESPONSE_LENGTH = 65536;

interface ReaderSlot {
  cardPresent: boolean;
  atr: Uint8Array;
  /** Bumped on every insert/removal so channels from an older insertion fail as CARD_REMOVED. */
  session: number;
}

interface NativeSession {
  generation: number;
  context: ContextInterface;
  monitor: ReaderMonitorInterface;
}

type ServiceState = 'starting' | 'up' | 'down';

export class PcscMonitor implements ReaderMonitor {
  private readonly opts: Required<Omit<PcscMonitorOptions, 'loadBinding'>>;
  private readonly loadBinding: () => PcscBinding;
  private binding: PcscBinding | undefined;
  private bindingError: TransportError | undefined;
  private native: NativeSession | null = null;
  /** Incremented on every (re)start and teardown; native events from older generations are dropped. */
  private generation = 0;
  private service: ServiceState = 'starting';
  private serviceDownReason = 'PC/SC service not started yet';
  private readonly slots = new Map<string, ReaderSlot>();
  private readonly listeners = new Set<(e: ReaderEvent) => void>();
  private readonly channels = new Set<PcscChannel>();
  /** Rejecters of pending waitForCard calls, so close() never leaves a caller hanging. */
  private readonly pendingWaits = new Set<() => void>();
  private restartTimer: NodeJS.Timeout | undefined;
  private backoffMs: number;
  private closed = false;
  private firstAttempt: { promise: Promise<boolean>; resolve: (up: boolean) => void };

  constructor(opts: PcscMonitorOptions = {}) {
    let resolve: (up: boolean) => void = () => undefined;
    const promise = new Promise<boolean>((r) => (resolve = r));
    this.firstAttempt = { promise, resolve };
    this.opts = {
      defaultMaxResponseLength: opts.defaultMaxResponseLength ?? DEFAULT_MAX_RESPONSE_LENGTH,
      transmitTimeoutMs: opts.transmitTimeoutMs ?? 15_000,
      backoffInitialMs: opts.backoffInitialMs ?? 250,
      backoffMaxMs: opts.backoffMaxMs ?? 2_000,
    };
    this.loadBinding = opts.loadBinding ?? loadSmartcardBinding;
    this.backoffMs = this.opts.backoffInitialMs;
    // Start on the next turn so listeners registered right after construction see service-up.
    this.restartTimer = setTimeout(() => this.start(), 0);
  }

  /** Resolves after the first connection attempt to the service: true when it is up. */
  ready(): Promise<boolean> {
    return this.firstAttempt.promise;
  }

  /** Whether the PC/SC service is currently reachable. */
  get serviceAvailable(): boolean {
    return this.service === 'up';
  }

  readers(): { name: string; cardPresent: boolean }[] {
    return [...this.slots].map(([name, s]) => ({ name, cardPresent: s.cardPresent }));
  }

  on(listener: (e: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async connect(readerSubstring?: string): Promise<CardChannel> {
    if (this.closed) throw new TransportError('NO_SERVICE', 'connect: monitor is closed');
    if (this.bindingError) throw this.bindingError;
    const native = this.native;
    const binding = this.binding;
    if (native === null || binding === undefined) {
      throw new TransportError('NO_SERVICE', `connect: ${this.serviceDownReason}`);
    }
    const matching = [...this.slots].filter(([name]) => readerMatches(name, readerSubstring));
    if (matching.length === 0) {
      throw new TransportError('NO_READER', `connect: no reader matches "${readerSubstring ?? ''}"`);
    }
    const withCard = matching.find(([, s]) => s.cardPresent);
    if (!withCard) throw new TransportError('NO_CARD', `connect: no card in ${matching[0]![0]}`);
    const [name, slot] = withCard;
    const session = slot.session;
    let card: CardInterface;
    try {
      const reader = native.context.listReaders().find((r) => r.name === name);
      if (!reader) throw new TransportError('NO_READER', `connect: reader ${name} is gone`);
      card = await reader.connect(binding.SCARD_SHARE_SHARED, binding.SCARD_PROTOCOL_T0 | binding.SCARD_PROTOCOL_T1);
    } catch (e) {
      const err = classifyError(e, `connect to ${name}`);
      // The context itself is dead (Windows stops SCardSvr when the last reader goes, SCARD_E_NO_SERVICE): drop it
      // and build a new one, as after a lost monitor.
      if (err.kind === 'NO_SERVICE') this.onServiceLost(native.generation, err.message);
      throw err;
    }
    const channel = new PcscChannel(this, binding, card, name, card.atr ? new Uint8Array(card.atr) : slot.atr);
    // The card may have left while connecting; then the channel is born dead rather than silently stale.
    if (native !== this.native || this.slots.get(name)?.session !== session) {
      channel.invalidate(new TransportError('CARD_REMOVED', `card left ${name} while connecting`));
    }
    this.channels.add(channel);
    return channel;
  }

  waitForCard(readerSubstring?: string, timeoutMs?: number): Promise<string> {
    const present = [...this.slots].find(([name, s]) => s.cardPresent && readerMatches(name, readerSubstring));
    if (present) return Promise.resolve(present[0]);
    if (this.closed) return Promise.reject(new TransportError('NO_SERVICE', 'waitForCard: monitor is closed'));
    return waitForInsertEvent((l) => this.on(l), this.pendingWaits, readerSubstring, timeoutMs);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.firstAttempt.resolve(false);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    await Promise.all([...this.channels].map((c) => c.close()));
    this.teardownNative();
    for (const reject of [...this.pendingWaits]) reject();
    this.listeners.clear();
  }

  /** @internal channel bookkeeping */
  forget(channel: PcscChannel): void {
    this.channels.delete(channel);
  }

  /** @internal whether the monitor still believes a card sits in `reader` (for empty-response diagnosis). */
  cardPresent(reader: string): boolean {
    return this.slots.get(reader)?.cardPresent ?? false;
  }

  /** @internal */
  get defaults(): { maxResponseLength: number; timeoutMs: number } {
    return { maxResponseLength: this.opts.defaultMaxResponseLength, timeoutMs: this.opts.transmitTimeoutMs };
  }

  private start(): void {
    this.restartTimer = undefined;
    if (this.closed) return;
    if (this.binding === undefined) {
      try {
        this.binding = this.loadBinding();
      } catch (e) {
        // A missing native library does not fix itself: report once, do not retry.
        this.bindingError = new TransportError('NO_SERVICE', `PC/SC library unavailable: ${(e as Error).message}`, e);
        this.setServiceDown(this.bindingError.message);
        return;
      }
    }
    const binding = this.binding;
    const generation = ++this.generation;
    let context: ContextInterface | undefined;
    let monitor: ReaderMonitorInterface | undefined;
    try {
      context = new binding.Context();
      monitor = new binding.ReaderMonitor();
      monitor.start((ev) => this.onNativeEvent(generation, ev));
    } catch (e) {
      safely(() => monitor?.stop());
      safely(() => context?.close());
      this.setServiceDown(classifyError(e).message);
      this.scheduleRestart();
      return;
    }
    this.native = { generation, context, monitor };
    this.backoffMs = this.opts.backoffInitialMs;
    this.service = 'up';
    this.firstAttempt.resolve(true);
    // Readers (and cards already present) follow as 'reader-attached' events from the native monitor.
    this.emit({ type: 'service-up' });
  }

  private scheduleRestart(): void {
    if (this.closed || this.restartTimer) return;
    const delay = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.opts.backoffMaxMs);
    this.restartTimer = setTimeout(() => this.start(), delay);
  }

  private onNativeEvent(generation: number, ev: MonitorEvent): void {
    // Runs on the JS thread via a thread-safe function: anything thrown here would crash the process.
    try {
      if (this.closed || generation !== this.generation || this.native?.generation !== generation) return;
      switch (ev.type) {
        case 'reader-attached': {
          const present = this.binding !== undefined && (ev.state & this.binding.SCARD_STATE_PRESENT) !== 0;
          if (!this.slots.has(ev.reader)) {
            this.slots.set(ev.reader, { cardPresent: false, atr: new Uint8Array(0), session: 0 });
            this.emit({ type: 'reader-added', reader: ev.reader });
          }
          if (present) this.cardInserted(ev.reader, ev.atr);
          break;
        }
        case 'reader-detached': {
          const slot = this.slots.get(ev.reader);
          if (!slot) break;
          if (slot.cardPresent) this.cardRemoved(ev.reader);
          this.slots.delete(ev.reader);
          this.emit({ type: 'reader-removed', reader: ev.reader });
          break;
        }
        case 'card-inserted':
          this.cardInserted(ev.reader, ev.atr);
          break;
        case 'card-removed':
          this.cardRemoved(ev.reader);
          break;
        case 'error':
          // The native loop only errors when SCardGetStatusChange fails, i.e. the service went away
          // ("Communication error", then "PC/SC service not running" every second, environment.md §1.5).
          // Tear down outside the thread-safe-function callback: stop() joins the monitor thread.
          setImmediate(() => this.onServiceLost(generation, ev.reader));
          break;
      }
    } catch {
      // Never let a bookkeeping fault escape into the native callback.
    }
  }

  private cardInserted(reader: string, atr: Buffer | null): void {
    let slot = this.slots.get(reader);
    if (!slot) {
      slot = { cardPresent: false, atr: new Uint8Array(0), session: 0 };
      this.slots.set(reader, slot);
      this.emit({ type: 'reader-added', reader });
    }
    if (slot.cardPresent) return;
    slot.cardPresent = true;
    slot.atr = atr ? new Uint8Array(atr) : new Uint8Array(0);
    slot.session++;
    this.emit({ type: 'card-inserted', reader, atr: slot.atr });
  }

  private cardRemoved(reader: string, why = `card was removed from ${reader}`): void {
    const slot = this.slots.get(reader);
    if (!slot || !slot.cardPresent) return;
    slot.cardPresent = false;
    slot.atr = new Uint8Array(0);
    slot.session++;
    for (const ch of this.channels) if (ch.readerName === reader) ch.invalidate(new TransportError('CARD_REMOVED', why));
    this.emit({ type: 'card-removed', reader });
  }

  private onServiceLost(generation: number, reason: string): void {
    if (this.closed || this.native?.generation !== generation) return;
    this.teardownNative();
    this.setServiceDown(reason);
    // Every handle of the lost service is void; report the world as empty, then rebuild it on service-up.
    for (const [name, slot] of [...this.slots]) {
      if (slot.cardPresent) this.cardRemoved(name, `PC/SC service lost (${reason}); card session ended`);
      this.slots.delete(name);
      this.emit({ type: 'reader-removed', reader: name });
    }
    for (const ch of this.channels) {
      ch.invalidate(new TransportError('CARD_REMOVED', `PC/SC service lost (${reason}); card session ended`));
    }
    this.scheduleRestart();
  }

  private teardownNative(): void {
    const native = this.native;
    this.native = null;
    this.generation++;
    if (!native) return;
    safely(() => native.monitor.stop());
    safely(() => native.context.close());
  }

  private setServiceDown(reason: string): void {
    this.serviceDownReason = reason;
    this.firstAttempt.resolve(false);
    if (this.service === 'down') return;
    this.service = 'down';
    this.emit({ type: 'service-down', reason });
  }

  private emit(e: ReaderEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A faulty listener must not break the monitor or the other listeners.
      }
    }
  }
}

/** Convenience factory: a monitor over the system's pcsc-lite (or WinSCard) service. */
export function createPcscMonitor(opts?: PcscMonitorOptions): PcscMonitor {
  return new PcscMonitor(opts);
}
