/**
 * The sync worker of one device: push the outbox to the centre, pull the centre's changes by position, and stay
 * awake on LISTEN/NOTIFY (a slow poll is the fallback). Every step is safe to repeat after a crash:
 * - push: `INSERT … ON CONFLICT (change_id) DO NOTHING` commits on the server, THEN the store marks the batch
 *   pushed; a crash in between re-pushes the batch, which inserts nothing.
 * - pull: the store applies a batch and moves its cursor in one SQLite transaction; a crash before that re-pulls
 *   the same rows, and the store skips changes it already has.
 * When the server cannot be reached, nothing is lost: changes stay pending in the outbox and the worker retries
 * with exponential back-off (1 s → 15 s).
 */
import type { Client } from 'pg';
import { deviceClientConfig, isRefused, isUnreachable } from '../connection';
import { loadPg } from '../pgModule';
import { unwrapForDevice } from '../crypto';
import { centreChannel, SERVER_ERRORS } from '../server/schema';
import type { SyncStore } from '../../store/syncPort';
import { CHANGE_COLUMNS, decodeRow, encodeChange, MissingKeyError, type ServerRowOut } from './codec';
import { credentialsOf, latestKeyVersion, type CentreLink } from './link';
import { fetchDeviceNames, type KnownDevice } from './names';

export interface SyncCounts {
  pushed: number;
  pulled: number;
  pending: number;
}

export type SyncPhase = 'starting' | 'synced' | 'syncing' | 'offline' | 'refused';

export interface SyncState {
  phase: SyncPhase;
  pending: number;
  /** ISO time of the last completed exchange with the server. */
  lastSyncAt: string | null;
  /** ISO time the server became unreachable (null while online). */
  offlineSince: string | null;
  /** English, no personal data. */
  lastError: string | null;
  conflicts: number;
}

export interface WorkerOptions {
  store: SyncStore;
  link: CentreLink;
  /** Persist the link after new data keys arrived (rotation after a revoke). */
  saveLink: (link: CentreLink) => void;
  pushBatch?: number;
  pullBatch?: number;
  /** Payload bytes per pull batch (at least one row is always taken): what a catch-up holds in memory at once. */
  pullBytes?: number;
  /** Full exchange even without a notification (the fallback when NOTIFY is lost). */
  pollMs?: number;
  /** How often the worker looks at the local outbox when it runs in another process than the app. */
  localCheckMs?: number;
  onState?: (s: SyncState) => void;
  /**
   * The centre's device names, fetched after connecting, when a change comes from a device not in the last list,
   * and after a revoke. Without it the worker does not ask.
   */
  onDevices?: (devices: KnownDevice[]) => void;
}

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly reason: 'UNREACHABLE' | 'REFUSED' | 'FAILED',
    message: string,
    readonly pending: number,
  ) {
    super(message);
  }
}

/** Deterministic SIGKILL at a named step, for the crash-resumption tests (MOTCUA_SYNC_CRASH_AT=<step>). */
function crashPoint(step: string): void {
  if (process.env.MOTCUA_SYNC_CRASH_AT === step) process.kill(process.pid, 'SIGKILL');
}

// A LAN server that comes back should be used again within seconds; 15 s caps the retry rate of a centre's devices.
const MAX_BACKOFF_MS = 15_000;

/**
 * The next rows after the cursor: at most $2 of them, and only while the payloads before a row stay under $3 bytes
 * (so the first row always comes). `n` is how many rows the count limit alone would give: fewer returned means the
 * byte bound cut the batch and more rows are waiting.
 */
const PULL_SQL = `SELECT change_id, position, device_id, kind, entity_id, base_version, meta, key_version, payload, erased_at, n
  FROM (SELECT l.*, count(*) OVER () AS n,
               coalesce(sum(coalesce(octet_length(payload), 0)) OVER (ORDER BY position ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
          FROM (SELECT * FROM motcua.changes WHERE position > $1 ORDER BY position LIMIT $2) l) w
 WHERE before < $3
 ORDER BY position`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SyncWorker {
  private readonly store: SyncStore;
  private link: CentreLink;
  private readonly o: Required<Omit<WorkerOptions, 'onState' | 'onDevices'>> & Pick<WorkerOptions, 'onState' | 'onDevices'>;
  /** Device ids of the last names fetched; null = fetch at the next exchange. */
  private knownDevices: Set<string> | null = null;
  private serverHasNoNames = false;
  private st: SyncState = { phase: 'starting', pending: 0, lastSyncAt: null, offlineSince: null, lastError: null, conflicts: 0 };
  private stopped = false;
  private wake: (() => void) | null = null;
  private woken = false;
  private loop: Promise<void> | null = null;
  private client: Client | null = null;

  constructor(o: WorkerOptions) {
    this.store = o.store;
    this.link = o.link;
    this.o = { pushBatch: 200, pullBatch: 500, pullBytes: 1 << 20, pollMs: 30_000, localCheckMs: 1_000, ...o };
  }

  state(): SyncState {
    return { ...this.st };
  }

  private setState(p: Partial<SyncState>): void {
    this.st = { ...this.st, ...p };
    this.o.onState?.(this.state());
  }

  private async connect(): Promise<Client> {
    const pg = await loadPg();
    const c = new pg.Client({ ...deviceClientConfig(credentialsOf(this.link)), query_timeout: 20_000 });
    c.on('error', () => this.poke()); // the loop sees the broken client on its next query
    await c.connect();
    return c;
  }

  private async refreshKeys(c: Client): Promise<void> {
    const r = await c.query<{ key_version: number; wrapped: Buffer }>('SELECT key_version, wrapped FROM motcua.key_grants WHERE key_version > $1 ORDER BY key_version', [latestKeyVersion(this.link)]);
    if (r.rows.length === 0) return;
    const keys = { ...this.link.keys };
    for (const g of r.rows) keys[String(g.key_version)] = unwrapForDevice(Buffer.from(this.link.privateKey, 'base64'), g.wrapped, g.key_version).toString('hex');
    this.link = { ...this.link, keys };
    this.o.saveLink(this.link);
  }

  private async push(c: Client): Promise<number> {
    let pushed = 0;
    for (;;) {
      const batch = this.store.pendingChanges(this.o.pushBatch);
      if (batch.length === 0) return pushed;
      const rows = batch.map((ch) => encodeChange(this.link, ch));
      const values = rows.map((_, i) => `(${CHANGE_COLUMNS.map((__, j) => `$${i * CHANGE_COLUMNS.length + j + 1}`).join(', ')})`).join(', ');
      try {
        await c.query(`INSERT INTO motcua.changes (${CHANGE_COLUMNS.join(', ')}) VALUES ${values} ON CONFLICT (change_id) DO NOTHING`, rows.flat());
      } catch (e) {
        if ((e as { code?: string }).code !== SERVER_ERRORS.STALE_KEY) throw e;
        await this.refreshKeys(c); // a device was revoked: seal with the new key and try again
        continue;
      }
      crashPoint('push.afterServerCommit');
      this.store.markPushed(batch.map((b) => b.changeId));
      crashPoint('push.afterMarkPushed');
      pushed += batch.length;
    }
  }

  private async pull(c: Client): Promise<number> {
    let pulled = 0;
    for (;;) {
      const cursor = this.store.pullCursor();
      const r = await c.query<ServerRowOut & { n: string }>(PULL_SQL, [cursor, this.o.pullBatch, this.o.pullBytes]);
      if (r.rows.length === 0) return pulled;
      crashPoint('pull.afterFetch');
      let changes;
      try {
        changes = r.rows.map((row) => decodeRow(this.link, row)).filter((x) => x !== null);
      } catch (e) {
        if (!(e instanceof MissingKeyError)) throw e;
        await this.refreshKeys(c);
        changes = r.rows.map((row) => decodeRow(this.link, row)).filter((x) => x !== null);
      }
      const last = Number(r.rows[r.rows.length - 1]!.position);
      const res = this.store.applyRemote(changes, last);
      crashPoint('pull.afterApply');
      pulled += r.rows.length;
      if (this.knownDevices && r.rows.some((row) => !this.knownDevices!.has(row.device_id))) this.knownDevices = null;
      if (res.conflicts) this.setState({ conflicts: this.st.conflicts + res.conflicts });
      if (r.rows.length === Number(r.rows[0]!.n) && r.rows.length < this.o.pullBatch) return pulled;
    }
  }

  /** One exchange on an open connection: who am I (revoked?), new keys, push, pull. */
  private async exchange(c: Client, pull = true): Promise<SyncCounts> {
    const s = await c.query<{ key_version: number }>('SELECT * FROM motcua.device_status()');
    if (s.rows[0]!.key_version > latestKeyVersion(this.link)) await this.refreshKeys(c);
    const pushed = await this.push(c);
    const pulled = pull ? await this.pull(c) : 0;
    if (this.o.onDevices && this.knownDevices === null && !this.serverHasNoNames) {
      const names = await fetchDeviceNames(c);
      this.serverHasNoNames = names === null; // a server whose schema predates names: ids only, no asking again
      this.knownDevices = new Set(names?.map((d) => d.id) ?? []);
      if (names) this.o.onDevices(names);
    }
    const pending = this.store.pendingCount();
    this.setState({ phase: 'synced', pending, lastSyncAt: new Date().toISOString(), offlineSince: null, lastError: null });
    return { pushed, pulled, pending };
  }

  private classify(e: unknown): SyncError {
    const pending = this.store.pendingCount();
    const msg = (e as Error)?.message ?? String(e);
    if (isRefused(e)) return new SyncError('REFUSED', `the centre server refused this device (${msg}); it may have been revoked`, pending);
    if (isUnreachable(e)) return new SyncError('UNREACHABLE', `the centre server cannot be reached (${msg})`, pending);
    return new SyncError('FAILED', msg, pending);
  }

  /** `motcua sync --once`: connect, exchange everything (or only push), disconnect. Throws SyncError. */
  async syncOnce(o: { pull?: boolean } = {}): Promise<SyncCounts> {
    let c: Client | null = null;
    try {
      c = await this.connect();
      return await this.exchange(c, o.pull ?? true);
    } catch (e) {
      throw e instanceof SyncError ? e : this.classify(e);
    } finally {
      await c?.end().catch(() => undefined);
    }
  }

  /** Wake the loop now (the app made a change, or a notification came). */
  poke(): void {
    this.woken = true;
    this.wake?.();
  }

  private async waitForWork(): Promise<void> {
    const deadline = Date.now() + this.o.pollMs;
    while (!this.stopped && !this.woken && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, Math.min(this.o.localCheckMs, deadline - Date.now()));
      });
      this.wake = null;
      if (!this.woken && this.store.pendingCount() > 0) this.woken = true;
    }
    this.woken = false;
  }

  /** Runs until stop(): the worker of `motcua sync` and of the hosts. */
  start(): void {
    if (this.loop) return;
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    let backoff = 1000;
    while (!this.stopped) {
      try {
        this.client = await this.connect();
        await this.client.query(`LISTEN ${centreChannel(this.link.centreId)}`);
        this.client.on('notification', (m) => {
          if (m.payload === 'key') this.knownDevices = null; // a revoke: that device is shown as revoked
          this.poke();
        });
        this.knownDevices = null; // names may have changed while this device was away
        backoff = 1000;
        while (!this.stopped) {
          this.setState({ phase: 'syncing' });
          await this.exchange(this.client);
          await this.waitForWork();
        }
      } catch (e) {
        if (this.stopped) break;
        const err = this.classify(e);
        const refused = err.reason === 'REFUSED';
        this.setState({ phase: refused ? 'refused' : 'offline', pending: err.pending, offlineSince: this.st.offlineSince ?? new Date().toISOString(), lastError: err.message });
        await this.client?.end().catch(() => undefined);
        this.client = null;
        await this.sleepUnlessStopped(refused ? 60_000 : backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async sleepUnlessStopped(ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (!this.stopped && Date.now() < end) await sleep(Math.min(250, end - Date.now()));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.client?.end().catch(() => undefined);
    await this.loop;
  }
}
