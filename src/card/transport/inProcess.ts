/**
 * A ReaderMonitor + CardChannel over a VirtualCard living in the same process: demo mode, tests and
 * benchmarks. No pcscd, no sockets — but the same contract (events, TransportError kinds, removal)
 * as the PC/SC transport, plus a link model that accounts for the time a real reader would spend.
 *
 * Why a model instead of sleeping: loopback vpcd costs ~44 ms per APDU for reasons unrelated to the
 * reader code (Nagle + delayed ACK, research/environment.md §1.3), so benchmarks run in-process and
 * add the modeled air time of a contactless reader instead.
 */
import { readerMatches, waitForInsertEvent } from './waitForCard';
import { TransportError, type CardChannel, type ReaderEvent, type ReaderMonitor, type VirtualCard } from './types';

/** Cost of one exchange: fixed turnaround plus serial transfer of command and response bytes. */
export interface LinkModel {
  /** Reader + card turnaround per APDU (ms). */
  perApduMs: number;
  /** Effective air-interface throughput (kbit/s; ISO 14443 runs 106–848). 1 kbit/s = 1 bit/ms. */
  kbitPerSecond: number;
}

export interface LinkStats {
  apdus: number;
  /** Command + response bytes moved. */
  bytes: number;
  /** Sum of modeled per-APDU times (ms). */
  modeledMs: number;
}

export interface InProcessOptions {
  /** Reader names to expose; default one reader. */
  readers?: string[];
  link?: LinkModel;
  /** Also sleep for the modeled time of each APDU (demo mode); default false (count only). */
  realTime?: boolean;
}

export const DEFAULT_IN_PROCESS_READER = 'Motcua In-Process Reader 0';

/** Modeled time of one exchange (ms): turnaround + (command + response bytes) * 8 / kbit/s. */
export function modeledApduMs(link: LinkModel, commandBytes: number, responseBytes: number): number {
  const transferMs = link.kbitPerSecond > 0 ? ((commandBytes + responseBytes) * 8) / link.kbitPerSecond : 0;
  return link.perApduMs + transferMs;
}

interface Slot {
  name: string;
  card: VirtualCard | null;
  /** Bumped on every insert/remove so channels opened on an older insertion fail as CARD_REMOVED. */
  session: number;
}

export class InProcessMonitor implements ReaderMonitor {
  private readonly slots: Slot[];
  private readonly listeners = new Set<(e: ReaderEvent) => void>();
  /** Rejecters of pending waitForCard calls, so close() never leaves a caller hanging. */
  private readonly pendingWaits = new Set<() => void>();
  private stats: LinkStats = { apdus: 0, bytes: 0, modeledMs: 0 };
  private closed = false;
  link: LinkModel | undefined;
  realTime: boolean;

  constructor(opts: InProcessOptions = {}) {
    const names = opts.readers ?? [DEFAULT_IN_PROCESS_READER];
    this.slots = names.map((name) => ({ name, card: null, session: 0 }));
    this.link = opts.link;
    this.realTime = opts.realTime ?? false;
  }

  readers(): { name: string; cardPresent: boolean }[] {
    return this.slots.map((s) => ({ name: s.name, cardPresent: s.card !== null }));
  }

  on(listener: (e: ReaderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Put a card on a reader (default: the first). Powers it up (cold reset) like a reader's field would. */
  insert(card: VirtualCard, readerSubstring?: string): void {
    const slot = this.slotFor(readerSubstring);
    if (slot.card !== null) this.remove(slot.name);
    card.reset();
    slot.card = card;
    slot.session++;
    this.emit({ type: 'card-inserted', reader: slot.name, atr: Uint8Array.from(card.atr()) });
  }

  /** Take the card away (default: from the first reader holding one). No-op when empty. */
  remove(readerSubstring?: string): void {
    const slot =
      readerSubstring === undefined ? this.slots.find((s) => s.card !== null) : this.slotFor(readerSubstring);
    if (slot?.card == null) return;
    const card = slot.card;
    slot.card = null;
    slot.session++;
    card.powerOff();
    this.emit({ type: 'card-removed', reader: slot.name });
  }

  get linkStats(): LinkStats {
    return { ...this.stats };
  }

  resetLinkStats(): void {
    this.stats = { apdus: 0, bytes: 0, modeledMs: 0 };
  }

  async connect(readerSubstring?: string): Promise<CardChannel> {
    if (this.closed) throw new TransportError('NO_SERVICE', 'connect: in-process monitor is closed');
    const matching = this.matching(readerSubstring);
    if (matching.length === 0) throw new TransportError('NO_READER', `connect: no reader matches "${readerSubstring ?? ''}"`);
    const slot = matching.find((s) => s.card !== null);
    if (slot?.card == null) throw new TransportError('NO_CARD', `connect: no card in ${matching[0]!.name}`);
    return new InProcessChannel(this, slot, slot.session, Uint8Array.from(slot.card.atr()));
  }

  waitForCard(readerSubstring?: string, timeoutMs?: number): Promise<string> {
    const present = this.matching(readerSubstring).find((s) => s.card !== null);
    if (present) return Promise.resolve(present.name);
    if (this.closed) return Promise.reject(new TransportError('NO_SERVICE', 'waitForCard: monitor is closed'));
    return waitForInsertEvent((l) => this.on(l), this.pendingWaits, readerSubstring, timeoutMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const reject of [...this.pendingWaits]) reject();
    this.listeners.clear();
  }

  /** @internal one exchange for InProcessChannel; accounts link time and honours fault-injected removal. */
  async exchange(slot: Slot, session: number, apdu: Uint8Array): Promise<Uint8Array> {
    const card = slot.card;
    if (card === null || slot.session !== session) {
      throw new TransportError('CARD_REMOVED', `transmit: card was removed from ${slot.name}`);
    }
    if (isRemoved(card)) {
      // Fault injection already pulled the card: the exchange never reaches it.
      this.remove(slot.name);
      throw new TransportError('CARD_REMOVED', `transmit: card was removed from ${slot.name}`);
    }
    let response: Uint8Array;
    try {
      response = Uint8Array.from(card.transmit(Uint8Array.from(apdu)));
    } catch (e) {
      // VirtualCard contract: refusals are status words, so a throw is a simulator defect, not a card answer.
      throw new TransportError('PROTOCOL', `transmit: simulated card failed: ${(e as Error).message}`, e);
    }
    const ms = this.link ? modeledApduMs(this.link, apdu.length, response.length) : 0;
    this.stats.apdus++;
    this.stats.bytes += apdu.length + response.length;
    this.stats.modeledMs += ms;
    if (this.realTime && ms > 0) await new Promise((r) => setTimeout(r, ms));
    // "Remove after N APDUs": the Nth answer is delivered, then the card is gone.
    if (isRemoved(card)) this.remove(slot.name);
    if (response.length < 2) throw new TransportError('PROTOCOL', 'transmit: empty response (no status word)');
    return response;
  }

  private emit(e: ReaderEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A faulty listener must not break the transport or other listeners.
      }
    }
  }

  private matching(readerSubstring?: string): Slot[] {
    return this.slots.filter((s) => readerMatches(s.name, readerSubstring));
  }

  private slotFor(readerSubstring?: string): Slot {
    const slot = this.matching(readerSubstring)[0];
    if (!slot) throw new TransportError('NO_READER', `no in-process reader matches "${readerSubstring ?? ''}"`);
    return slot;
  }
}


class InProcessChannel implements CardChannel {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly monitor: InProcessMonitor,
    private readonly slot: Slot,
    private readonly session: number,
    readonly atr: Uint8Array,
  ) {}

  get readerName(): string {
    return this.slot.name;
  }

  transmit(apdu: Uint8Array, opts?: { maxResponseLength?: number; timeoutMs?: number }): Promise<Uint8Array> {
    // Serialise like a real reader: one APDU on the wire at a time, in call order.
    const run = this.queue.then(async () => {
      if (this.closed) throw new TransportError('PROTOCOL', 'transmit: channel is closed');
      const response = await this.monitor.exchange(this.slot, this.session, apdu);
      // Mirror PC/SC: a receive buffer smaller than the answer fails (SCARD_E_INSUFFICIENT_BUFFER).
      const max = opts?.maxResponseLength;
      if (max !== undefined && response.length > max + 2) {
        throw new TransportError('PROTOCOL', `transmit: Insufficient buffer (${response.length} > ${max + 2} bytes)`);
      }
      return response;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Read through a call: `removed` changes inside transmit(), which TypeScript's narrowing cannot see. */
function isRemoved(card: VirtualCard): boolean {
  return card.removed === true;
}
