/**
 * The app's card service (CardService in ./types): the real PC/SC reader, or — only in demo mode — the built-in
 * simulated card ("THẺ MẪU"). Outside demo mode a missing pcscd or reader is reported as such ('service-down',
 * 'no-reader') and the service recovers when it returns; it never swaps in the sample card, whose data would then
 * pass for a citizen's. Host-independent: no Electron import (Electron is a thin host).
 */
import type { ReaderEvent, ReaderMonitor } from '../card/transport/types';
import type { ReadResult, ReadProgress } from '../card/result';
import type { TrustStore } from '../card/pa/trustStore';
import { readCard } from '../card/reader/readCard';
import { toCardReadError } from '../card/reader/errors';
import { chipSecrets } from '../card/reader/accessKey';
import { KeyInputError } from '../vn/can';
import { createDemoReader, DemoReader } from './demoReader';
import { CardServiceError, type CardService, type CardStatus, type ReadRequest, type ReaderState } from './types';

export interface CardServiceOptions {
  /** pcsc: the machine's readers (the only mode that reads citizens' cards); demo: the built-in sample cards. */
  mode: 'pcsc' | 'demo';
  /** The start-up choice of reader (`--reader`): part of its name. The counter's setting replaces it (useReader). */
  readerFilter?: string;
  /** Trust anchors for Passive Authentication (loaded lazily, once). */
  trust?: () => Promise<TrustStore>;
  /** Builds the demo reader with its sample card(s) inserted. */
  demoMonitor?: () => Promise<ReaderMonitor>;
  /** The PC/SC monitor factory (default: smartcard over pcsc-lite). */
  pcscMonitor?: () => Promise<ReaderMonitor>;
  /** How long read() waits for a card to be put on the reader. */
  waitForCardMs?: number;
}

export async function createCardService(opts: CardServiceOptions): Promise<CardService> {
  const svc = new MonitorCardService(opts);
  await svc.start();
  return svc;
}

class MonitorCardService implements CardService {
  private monitor: ReaderMonitor | null = null;
  private demo = false;
  private state: ReaderState = { state: 'no-reader' };
  private readonly listeners = new Set<(s: CardStatus) => void>();
  private unsubscribe: (() => void) | null = null;
  private current: AbortController | null = null;
  private trustStore: Promise<TrustStore> | null = null;
  /** The counter's reader setting, if any; it wins over the start-up choice, as it does for reads. */
  private chosen: string | null = null;

  constructor(private readonly opts: CardServiceOptions) {}

  /**
   * Readers whose card counts as gone since a read failed because it left, until the monitor reports an insertion
   * there. pcscd notices a removal up to ~400 ms after the failed exchange; without this the status right after the
   * failure could still show the card, and a client could not tell the next insertion from the old one.
   */
  private readonly leftDuringRead = new Set<string>();

  async start(): Promise<void> {
    if (this.opts.mode === 'pcsc') this.attach(await (this.opts.pcscMonitor ?? defaultPcscMonitor)(), false);
    else this.attach(await (this.opts.demoMonitor ?? (async () => createDemoReader()))(), true);
  }

  private attach(monitor: ReaderMonitor, demo: boolean): void {
    this.monitor = monitor;
    this.demo = demo;
    this.unsubscribe = monitor.on((e) => this.onEvent(e));
    this.recomputeState();
  }

  private onEvent(e: ReaderEvent): void {
    if (e.type === 'card-inserted' || e.type === 'card-removed' || e.type === 'reader-removed') this.leftDuringRead.delete(e.reader);
    if (e.type === 'service-down') {
      this.setState({ state: 'service-down', reason: e.reason });
      return;
    }
    // During a read the read itself reports what happens (a removal fails it with CARD_REMOVED).
    if (this.state.state !== 'reading') this.recomputeState();
  }

  private recomputeState(): void {
    const m = this.monitor;
    if (!m) return this.setState({ state: 'no-reader' });
    if (m.serviceAvailable === false) {
      return this.setState({ state: 'service-down', reason: 'the PC/SC service (pcscd) is not running or not reachable' });
    }
    const readers = this.readersMatching();
    if (readers.length === 0) return this.setState({ state: 'no-reader' });
    const withCard = readers.find((r) => r.cardPresent);
    this.setState(withCard ? { state: 'card-present', reader: withCard.name } : { state: 'no-card', reader: readers[0]!.name });
  }

  private filter(): string | undefined {
    return this.chosen ?? this.opts.readerFilter;
  }

  private readersMatching(): { name: string; cardPresent: boolean }[] {
    const all = (this.monitor?.readers() ?? []).map((r) => (this.leftDuringRead.has(r.name) ? { ...r, cardPresent: false } : r));
    const f = this.filter();
    return f ? all.filter((r) => r.name.includes(f)) : all;
  }

  useReader(filter: string | null): void {
    const next = filter || null;
    if (next === this.chosen) return;
    this.chosen = next;
    // A read in progress keeps its reader; the next status after it uses the new choice.
    if (this.state.state !== 'reading') this.recomputeState();
  }

  private setState(s: ReaderState): void {
    this.state = s;
    const st = this.status();
    for (const l of this.listeners) l(st);
  }

  status(): CardStatus {
    const demoCard = this.monitor instanceof DemoReader ? this.monitor.current : null;
    return { demo: this.demo, readers: this.readersMatching(), machineReaders: (this.monitor?.readers() ?? []).map((r) => r.name), state: this.state, demoCard };
  }

  async insertDemoCard(index: number): Promise<void> {
    if (!(this.monitor instanceof DemoReader)) throw new CardServiceError('NO_READER', 'not in demo mode');
    this.monitor.insertSample(index);
    this.recomputeState();
  }

  onStatus(listener: (s: CardStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private trust(): Promise<TrustStore> | undefined {
    if (!this.opts.trust) return undefined;
    this.trustStore ??= this.opts.trust();
    return this.trustStore;
  }

  reloadTrust(): void {
    this.trustStore = null;
  }

  async read(req: ReadRequest, onProgress?: (p: ReadProgress) => void): Promise<ReadResult> {
    const monitor = this.monitor;
    if (!monitor) throw new CardServiceError('NO_READER', 'no card reader');
    if (this.current) throw new CardServiceError('INTERNAL', 'a read is already running');
    try {
      chipSecrets(req); // a malformed key fails here, before waiting for a card
    } catch (e) {
      if (e instanceof KeyInputError) throw new CardServiceError('ACCESS_DENIED', e.message);
      throw e;
    }
    const ctl = new AbortController();
    this.current = ctl;
    const filter = req.reader ?? this.filter();
    let reader: string | null = null;
    try {
      reader = await monitor.waitForCard(filter, this.opts.waitForCardMs ?? 60_000);
      this.setState({ state: 'reading', reader });
      const channel = await monitor.connect(filter);
      try {
        const trust = await this.trust();
        const result = await readCard(channel, { key: req, trust, onProgress, signal: ctl.signal });
        this.recomputeState();
        return result;
      } finally {
        await channel.close();
      }
    } catch (e) {
      const err = ctl.signal.aborted ? new CardServiceError('CANCELLED', 'read cancelled') : toServiceError(e);
      // Reported before the rejection, so a client that gets CARD_REMOVED already holds a status without the card:
      // the next status with a card there is a new insertion, and the client can simply read again then.
      if (err.code === 'CARD_REMOVED' && reader !== null && monitor.readers().some((r) => r.name === reader && r.cardPresent)) this.leftDuringRead.add(reader);
      this.setState({ state: 'error', reader: reader ?? this.readersMatching()[0]?.name ?? null, code: err.code, message: err.message });
      throw err;
    } finally {
      this.current = null;
    }
  }

  cancel(): void {
    this.current?.abort('cancelled');
  }

  async close(): Promise<void> {
    this.cancel();
    this.unsubscribe?.();
    await this.monitor?.close();
    this.monitor = null;
  }
}

/** The system's PC/SC service, after its first connection attempt (so the first status says whether it is up). */
async function defaultPcscMonitor(): Promise<ReaderMonitor> {
  const { createPcscMonitor } = await import('../card/transport/pcscMonitor');
  const m = createPcscMonitor();
  await m.ready();
  return m;
}

/** The card layer's typed failure, as the app's card service reports it (same code and message). */
function toServiceError(e: unknown): CardServiceError {
  if (e instanceof CardServiceError) return e;
  const r = toCardReadError(e);
  return new CardServiceError(r.code, r.message);
}
