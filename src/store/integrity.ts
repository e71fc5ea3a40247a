/**
 * The store's integrity check, off the start-up path. `PRAGMA quick_check` reads every page: 13 s on a
 * 1,000,000-dossier (1.6 GB) store, which made every start wait. Here it runs in a worker thread on its own
 * read-only connection (WAL lets it read a consistent snapshot while the kiosk keeps saving), shortly after start
 * and then on a schedule, and its result is a status the counter shows. Damage found at run time by a normal
 * query is still reported at once by the store (CORRUPT, naming the latest backup); this check finds damage in
 * pages nobody has read yet, so the clerk can restore while the last good backup is recent.
 *
 * The status carries SQLite's own messages (page numbers, index names — never row contents) and the latest
 * backup's file name; no personal data.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { latestBackup } from './backupFiles';

export type IntegrityState = 'not_checked' | 'checking' | 'ok' | 'damaged' | 'check_failed';

export interface IntegrityStatus {
  state: IntegrityState;
  /** When the last completed check started (ISO); null before the first one. */
  checkedAt: string | null;
  /** How long the last completed check took. */
  durationMs: number | null;
  /** Up to 5 messages from SQLite (damaged), or the error code (check_failed). */
  problems: string[];
  /** File name of the newest backup in the backup folder, to restore from when damaged. */
  latestBackup: string | null;
}

export interface IntegrityMonitorOptions {
  path: string;
  /** The validated 64-hex-digit store key. */
  hexKey: string;
  /** 'quick' (default): PRAGMA quick_check; 'full': PRAGMA integrity_check (also checks index contents). */
  kind?: 'quick' | 'full';
  /** First check this long after start (default 30 s: after the kiosk's first screen, off the start-up path). */
  firstAfterMs?: number;
  /** Then every this many hours (default 24; 0 = only the first check). */
  everyHours?: number;
  backupDir?: string | null;
  /** Called on every state change (e.g. to push a status event to the counter). */
  onChange?: (status: IntegrityStatus) => void;
  now?: () => Date;
}

// Runs in a worker thread; plain CommonJS because an eval'd worker cannot load the app's TypeScript.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
try {
  db = new Database(workerData.source, { readonly: true, fileMustExist: true });
  db.pragma("hexkey='" + workerData.hexKey + "'");
  const rows = db.pragma(workerData.kind === 'full' ? 'integrity_check(5)' : 'quick_check(5)');
  const messages = rows.map((r) => String(Object.values(r)[0]));
  parentPort.postMessage({ ok: true, messages });
} catch (e) {
  const code = (e && e.code) || 'ERROR';
  parentPort.postMessage({ ok: false, code, corrupt: code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' });
} finally {
  if (db) db.close();
}`;

interface WorkerAnswer {
  ok: boolean;
  messages?: string[];
  code?: string;
  corrupt?: boolean;
}

function checkInWorker(source: string, hexKey: string, kind: 'quick' | 'full'): Promise<WorkerAnswer> {
  const require = createRequire(import.meta.url);
  const modulePath = require.resolve('better-sqlite3-multiple-ciphers');
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, source, hexKey, kind } });
    worker.once('message', (m: WorkerAnswer) => resolve(m));
    worker.once('error', (err: NodeJS.ErrnoException) => resolve({ ok: false, code: err.code ?? 'WORKER_ERROR' }));
  });
}

export class IntegrityMonitor {
  private current: IntegrityStatus = { state: 'not_checked', checkedAt: null, durationMs: null, problems: [], latestBackup: null };
  private running: Promise<IntegrityStatus> | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly opts: IntegrityMonitorOptions) {
    if (!/^[0-9a-f]{64}$/.test(opts.hexKey)) throw new TypeError('hexKey must be 64 lower-case hex digits');
  }

  /** Starts the schedule; the timers are unref'd, so they never keep the process alive. */
  start(): this {
    const first = setTimeout(() => void this.checkNow(), this.opts.firstAfterMs ?? 30_000);
    first.unref();
    this.timers.push(first);
    const hours = this.opts.everyHours ?? 24;
    if (hours > 0) {
      const every = setInterval(() => void this.checkNow(), hours * 3600_000);
      every.unref();
      this.timers.push(every);
    }
    return this;
  }

  status(): IntegrityStatus {
    return { ...this.current, problems: [...this.current.problems] };
  }

  /** Runs a check now (or joins the one running) and resolves with its result. */
  checkNow(): Promise<IntegrityStatus> {
    if (this.running) return this.running;
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
  }

  private set(next: IntegrityStatus): void {
    this.current = next;
    if (!this.stopped) this.opts.onChange?.(this.status());
  }

  private async run(): Promise<IntegrityStatus> {
    const now = this.opts.now ?? (() => new Date());
    const started = now();
    const t0 = performance.now();
    this.set({ ...this.current, state: 'checking' });
    const answer = await checkInWorker(this.opts.path, this.opts.hexKey, this.opts.kind ?? 'quick');
    const durationMs = Math.round(performance.now() - t0);
    const backup = this.opts.backupDir ? latestBackup(this.opts.backupDir) : null;
    const base = { checkedAt: started.toISOString(), durationMs, latestBackup: backup ? path.basename(backup) : null };
    if (answer.ok && answer.messages?.length === 1 && answer.messages[0] === 'ok') {
      this.set({ ...base, state: 'ok', problems: [] });
    } else if (answer.ok || answer.corrupt) {
      this.set({ ...base, state: 'damaged', problems: answer.ok ? (answer.messages ?? []).slice(0, 5) : [answer.code ?? 'SQLITE_CORRUPT'] });
    } else {
      this.set({ ...base, state: 'check_failed', problems: [answer.code ?? 'ERROR'] });
    }
    return this.status();
  }
}

/** Creates and starts the monitor for an open store (see IntegrityMonitorOptions for the defaults). */
export function startIntegrityMonitor(opts: IntegrityMonitorOptions): IntegrityMonitor {
  return new IntegrityMonitor(opts).start();
}
