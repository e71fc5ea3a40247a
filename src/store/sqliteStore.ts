/**
 * The dossier store on encrypted SQLite: one connection shared by the dossier (dossiers.ts, dossierQueries.ts),
 * clerk account (users.ts) and settings (settings.ts) modules behind the one `DossierStore` port, the centre sync
 * side (outbox.ts, changeRecorder.ts, remoteChanges.ts) behind `SyncStore`, plus the WAL checkpoint and backup
 * timers. Every change, its audit entry and their outbox entries commit in one IMMEDIATE transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FilledField, FormId } from '../forms/types';
import { StoreError, type AuditEntry, type ClerkAccount, type DossierAccess, type Dossier, type DossierStatus, type DossierStore, type DossierSummary } from './types';
import { normalizeKey, openDatabase, toStoreError, type Db, type IntegrityCheck } from './db';
import { readAudit, verifyAuditChain } from './audit';
import { createBackupInBackground, rotateBackups, scheduleBackups } from './backup';
import { eraseFromBackups } from './backupErasure';
import { DEFAULT_SCRYPT, type ScryptParams } from './passwords';
import { DEFAULT_SEARCH_KEYS, type SearchKeys } from './searchText';
import { StoreContext } from './storeContext';
import { DossierQueries } from './dossierQueries';
import { Dossiers } from './dossiers';
import { UserAccounts } from './users';
import { Settings } from './settings';
import { Outbox } from './outbox';
import { ChangeRecorder } from './changeRecorder';
import { RemoteChanges } from './remoteChanges';
import { QueueStore } from './queue';
import { DossierProgressStore } from './progress';
import type { CentreLinkInfo, OutboxChange, RemoteChange, SyncStore } from './syncPort';

export interface OpenStoreOptions {
  path: string;
  key: Uint8Array | string;
  backupDir?: string | null;
  /** 0 or absent: no timer (backupNow() still works when backupDir is set). */
  backupEveryMinutes?: number;
  keepBackups?: number;
  now?: () => Date;
  searchKeys?: Partial<SearchKeys>;
  integrityCheck?: IntegrityCheck;
  /** Scheduled backup failures (e.g. the USB disk is missing); the message carries no personal data. */
  onBackupError?: (err: unknown) => void;
  /** Clerk password hashing cost; tests may lower it. */
  scrypt?: ScryptParams;
  /**
   * WAL checkpoints run on this unref'd timer (default 5 s; 0 = SQLite's automatic checkpoints only), so a save
   * does not pay for copying ~1000 pages back into the main file and its extra fsyncs (the save p99 otherwise).
   */
  checkpointEverySeconds?: number;
}

/** Backstop when the timer cannot run (a busy loop, a burst): SQLite checkpoints itself past ~40 MB of WAL. */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export class SqliteDossierStore implements DossierStore, SyncStore {
  private readonly ctx: StoreContext;
  private readonly queries: DossierQueries;
  private readonly dossiers: Dossiers;
  private readonly outbox: Outbox;
  private readonly changes: ChangeRecorder;
  private readonly remote: RemoteChanges;
  private readonly users: UserAccounts;
  private readonly settings: Settings;
  /** The centre's queue on this store (no personal data), shared by the kiosk and counters of this PC. */
  readonly queue: QueueStore;
  /** Dossier progress for the status look-up. */
  readonly progress: DossierProgressStore;
  private readonly backupTimer: { stop(): void } | null = null;
  private readonly checkpointTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    /** The open connection; for tests and maintenance tools only. */
    readonly db: Db,
    private readonly opts: OpenStoreOptions,
  ) {
    this.ctx = new StoreContext(db, opts.now ?? (() => new Date()), opts.backupDir ?? null);
    const keys: SearchKeys = {
      fullName: opts.searchKeys?.fullName ?? DEFAULT_SEARCH_KEYS.fullName,
      idNumber: opts.searchKeys?.idNumber ?? DEFAULT_SEARCH_KEYS.idNumber,
    };
    this.queries = new DossierQueries(this.ctx);
    this.outbox = new Outbox(this.ctx);
    this.changes = new ChangeRecorder(this.ctx, this.queries, this.outbox, keys);
    this.dossiers = new Dossiers(this.ctx, this.queries, keys, this.changes);
    this.remote = new RemoteChanges(this.ctx, this.queries, this.dossiers, this.outbox, keys);
    this.users = new UserAccounts(this.ctx, opts.scrypt ?? DEFAULT_SCRYPT);
    this.settings = new Settings(this.ctx);
    this.queue = new QueueStore(this.ctx);
    this.progress = new DossierProgressStore(this.ctx, this.outbox);
    const checkpointEvery = opts.checkpointEverySeconds ?? 5;
    if (checkpointEvery > 0) {
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      this.checkpointTimer = setInterval(() => {
        try {
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch {
          // Busy or closing: the next tick (or the automatic backstop) catches up.
        }
      }, checkpointEvery * 1000);
      this.checkpointTimer.unref();
    }
    if (opts.backupDir && opts.backupEveryMinutes && opts.backupEveryMinutes > 0) {
      this.backupTimer = scheduleBackups({
        everyMinutes: opts.backupEveryMinutes,
        run: () => this.backup('system'),
        onError: opts.onBackupError ?? ((err) => console.warn(`store: scheduled backup failed (${err instanceof StoreError ? err.code : 'error'})`)),
      });
    }
  }

  createDossier(input: { formId: FormId; formVersion: string; fields: FilledField[]; actor: string; verificationOverride?: boolean }): Dossier {
    return this.dossiers.create(input);
  }

  updateFields(id: string, fields: FilledField[], actor: string): Dossier {
    return this.dossiers.updateFields(id, fields, actor);
  }

  transition(id: string, to: DossierStatus, actor: string): Dossier {
    return this.dossiers.transition(id, to, actor);
  }

  /** Clears the review flag (e.g. after a concurrent edit); synced to the centre like any other change. */
  markReviewed(id: string, actor: string): Dossier {
    return this.dossiers.markReviewed(id, actor);
  }

  get(id: string): Dossier | null {
    return this.queries.get(id);
  }

  list(opts?: { status?: DossierStatus; limit?: number; offset?: number }): DossierSummary[] {
    return this.queries.list(opts);
  }

  search(query: string, limit?: number): DossierSummary[] {
    return this.queries.search(query, limit);
  }

  deleteCitizen(idNumber: string, actor: string): number {
    return this.erasedFromBackups(this.dossiers.deleteCitizen(idNumber, actor));
  }

  purgeOlderThan(days: number, actor: string): number {
    return this.erasedFromBackups(this.dossiers.purgeOlderThan(days, actor));
  }

  /** Erasure reaches the backups too (backupErasure.ts), in a worker; `backupWorkSettled(path)` awaits it. */
  private erasedFromBackups(count: number): number {
    const report = this.opts.onBackupError ?? ((err) => console.warn(`store: erasing from backups failed (${(err as { code?: string }).code ?? 'error'})`));
    if (count > 0) {
      eraseFromBackups(this.opts.path, normalizeKey(this.opts.key), { dirs: this.opts.backupDir ? [this.opts.backupDir] : [] }).then(
        (r) => r.failed.length > 0 && report(new StoreError('IO', `Erasing from ${r.failed.length} backup(s) failed; retried at the next backup`)),
        report,
      );
    }
    return count;
  }

  recordAccess(action: DossierAccess, id: string, actor: string): void {
    this.ctx.write('Recording the access', () => this.ctx.audit(action, actor, id, null));
  }

  audit(opts?: { limit?: number; afterSeq?: number }): AuditEntry[] {
    return this.ctx.read('Reading the audit log', () => readAudit(this.db, opts));
  }

  verifyAudit(): number | null {
    return this.ctx.read('Verifying the audit log', () => verifyAuditChain(this.db));
  }

  private async backup(actor: string, toDir?: string): Promise<string> {
    const dir = toDir ?? this.opts.backupDir;
    if (!dir) throw new StoreError('IO', 'No backup folder is configured');
    if (this.closed) throw new StoreError('IO', 'The store is closed');
    let file: string;
    try {
      const prefix = path.basename(this.opts.path).replace(/\.[^.]*$/, '');
      file = await createBackupInBackground(this.opts.path, normalizeKey(this.opts.key), dir, { prefix, now: this.ctx.now });
      rotateBackups(dir, this.opts.keepBackups ?? 10);
    } catch (err) {
      const mapped = toStoreError(err, 'Writing the backup');
      if (mapped instanceof StoreError) throw mapped;
      throw new StoreError('IO', `Writing the backup failed (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!this.closed) this.ctx.write('Recording the backup', () => this.ctx.audit('backup.create', actor, path.basename(file), null));
    return file;
  }

  /**
   * Encrypted snapshot into `dir` (default: backupDir), taken off the main thread; rotated to keepBackups
   * (default 10). A clerk may point `dir` at a USB disk.
   */
  backupNow(dir?: string): Promise<string> {
    if (dir !== undefined) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return this.backup('system', dir);
  }

  createUser(u: ClerkAccount & { password: string }, actor: string): void {
    this.users.create(u, actor);
  }

  login(username: string, password: string): Promise<ClerkAccount> {
    return this.users.login(username, password);
  }

  listUsers(): ClerkAccount[] {
    return this.users.list();
  }

  getSetting<T = unknown>(key: string): T | null {
    return this.settings.get<T>(key);
  }

  setSetting(key: string, value: unknown, actor: string): void {
    this.settings.set(key, value, actor);
  }

  linkCentre(link: CentreLinkInfo): { enqueued: number } {
    return this.changes.linkCentre(link);
  }

  unlinkCentre(actor: string): void {
    this.changes.unlinkCentre(actor);
  }

  centreLink(): CentreLinkInfo | null {
    return this.ctx.read('Reading the centre link', () => this.outbox.link());
  }

  pendingChanges(limit: number): OutboxChange[] {
    return this.outbox.pending(limit);
  }

  markPushed(changeIds: string[]): void {
    this.outbox.markPushed(changeIds);
  }

  pendingCount(): number {
    return this.outbox.pendingCount();
  }

  pendingDossierCount(): number {
    return this.outbox.pendingEntityCount();
  }

  pullCursor(): number {
    return this.outbox.cursor();
  }

  applyRemote(changes: RemoteChange[], cursor: number): { applied: number; conflicts: number } {
    return this.remote.apply(changes, cursor);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.backupTimer?.stop();
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.db.close();
  }
}

/** Opens the store: encrypted file, integrity check and migrations (see db.ts), optional backup timer. */
export function openStore(opts: OpenStoreOptions): SqliteDossierStore {
  const db = openDatabase({
    path: opts.path,
    key: opts.key,
    backupDir: opts.backupDir ?? null,
    integrityCheck: opts.integrityCheck ?? 'quick',
  });
  return new SqliteDossierStore(db, opts);
}
