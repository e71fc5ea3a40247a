/**
 * Online, encrypted, rotated backups of the store to a configurable folder (e.g. a USB disk).
 *
 * Why `VACUUM INTO` and not the backup API (`db.backup(dest)`): better-sqlite3 opens the backup destination
 * with a fresh, un-keyed connection, and SQLite3 Multiple Ciphers refuses to copy pages from an encrypted
 * database into an un-keyed one ("backup is not supported with incompatible source and target databases") —
 * which is what we want, as a plaintext backup would defeat encryption at rest. `VACUUM INTO` is SQLite's other
 * online backup: it reads one consistent snapshot while writers continue (WAL), and SQLite3 Multiple Ciphers
 * writes the copy encrypted with the source connection's cipher and key (checked by tests/store/backup.test.ts).
 *
 * Backups hold personal data, so files are 0600 and folders 0700 whatever the umask (the store itself is 0600:
 * encryption is the main guard, owner-only modes are defence in depth on shared kiosk accounts). A copy is built
 * as `<name>.<pid>.partial` and renamed when complete; a `.partial` left by a process that died (kill -9, power
 * loss, unplugged disk) is removed before the next backup into that folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  ensurePrivateDir,
  listBackups,
  partialName,
  publishFile,
  recordBackupDir,
  removeStalePartials,
  serializeBackupWork,
} from './backupFiles';
import { eraseFromBackups, type BackupErasureReport } from './backupErasure';

export { listBackups, latestBackup, type BackupFile } from './backupFiles';

export interface BackupOptions {
  prefix?: string;
  now?: () => Date;
}

function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '');
}

function backupTarget(dir: string, opts: BackupOptions): { finalPath: string; tmp: string } {
  ensurePrivateDir(dir);
  removeStalePartials(dir);
  const prefix = (opts.prefix ?? 'motcua').replace(/[^A-Za-z0-9_.-]/g, '_');
  let when = (opts.now ?? (() => new Date()))();
  // Reserve the name by creating the (empty) temporary file exclusively, owner-only — VACUUM INTO accepts an
  // empty target and keeps its mode — so two backups in the same millisecond get distinct names.
  for (;;) {
    const finalPath = path.join(dir, `${prefix}-backup-${stampOf(when)}.sqlite3`);
    const tmp = partialName(finalPath);
    if (!fs.existsSync(finalPath)) {
      try {
        fs.closeSync(fs.openSync(tmp, 'wx', 0o600));
        return { finalPath, tmp };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    when = new Date(when.getTime() + 1);
  }
}

/** Writes an encrypted snapshot of `db` into `dir` as `<prefix>-backup-<UTC stamp>.sqlite3`, on this thread. */
export function createBackup(db: Database.Database, dir: string, opts: BackupOptions = {}): string {
  const { finalPath, tmp } = backupTarget(dir, opts);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    const file = publishFile(tmp, finalPath);
    if (db.name && db.name !== ':memory:') recordBackupDir(db.name, dir);
    return file;
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

// Runs in a worker thread; plain CommonJS because an eval'd worker cannot load the app's TypeScript.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
let db;
try {
  db = new Database(workerData.source, { readonly: true, fileMustExist: true });
  db.pragma("hexkey='" + workerData.hexKey + "'");
  db.prepare('VACUUM INTO ?').run(workerData.target);
  parentPort.postMessage({ ok: true });
} catch (e) {
  parentPort.postMessage({ ok: false, code: e && e.code, message: String(e && e.message) });
} finally {
  if (db) db.close();
}`;

function snapshotInWorker(source: string, hexKey: string, target: string): Promise<void> {
  const require = createRequire(import.meta.url);
  const modulePath = require.resolve('better-sqlite3-multiple-ciphers');
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, source, hexKey, target } });
    worker.once('message', (m: { ok: boolean; code?: string; message?: string }) => {
      if (m.ok) resolve();
      else reject(Object.assign(new Error(m.message ?? 'backup failed'), { code: m.code }));
    });
    worker.once('error', reject);
  });
}

/**
 * Same snapshot, taken by a separate read-only connection in a worker thread, so a large store does not
 * freeze the kiosk UI while it is copied. `hexKey` must be the validated 64-hex-digit store key.
 *
 * After publishing, the erasures the store has made are applied to every backup of this store (this folder and
 * every folder it backed up to before): this catches a snapshot that was being copied while a citizen was
 * erased, and backups on a USB disk that was unplugged when the erasure ran. The backup itself has succeeded
 * even if that pass fails; its failure goes to `onErasureError` (default: a warning with codes only).
 */
export function createBackupInBackground(
  source: string,
  hexKey: string,
  dir: string,
  opts: BackupOptions & { onErasureError?: (report: BackupErasureReport) => void } = {},
): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(hexKey)) return Promise.reject(new TypeError('hexKey must be 64 lower-case hex digits'));
  const written = serializeBackupWork(source, async () => {
    const { finalPath, tmp } = backupTarget(dir, opts);
    try {
      await snapshotInWorker(source, hexKey, tmp);
      publishFile(tmp, finalPath);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    recordBackupDir(source, dir);
    return finalPath;
  });
  return written.then(async (file) => {
    const report = await eraseFromBackups(source, hexKey, { dirs: [dir] }).catch(
      (err: unknown): BackupErasureReport => ({ checked: 0, rewritten: [], failed: [{ path: source, code: (err as { code?: string }).code ?? 'ERROR' }] }),
    );
    if (report.failed.length > 0) {
      (opts.onErasureError ?? warnErasureFailures)(report);
    }
    return file;
  });
}

function warnErasureFailures(report: BackupErasureReport): void {
  console.warn(`backup: erasure could not be applied to ${report.failed.length} backup(s) (${report.failed.map((f) => f.code).join(', ')}); retried at the next backup`);
}

/** Keeps the `keep` newest backups in `dir`; returns the deleted paths. */
export function rotateBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const doomed = all.slice(Math.max(1, Math.floor(keep)));
  for (const b of doomed) fs.rmSync(b.path, { force: true });
  return doomed.map((b) => b.path);
}

/**
 * Periodic backups. The timer is unref'd so it never keeps the process alive; a failed run is reported to
 * `onError` (e.g. USB disk missing) and retried at the next tick.
 */
export function scheduleBackups(opts: {
  everyMinutes: number;
  run: () => unknown;
  onError?: (err: unknown) => void;
}): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return; // a slow USB disk: never stack backups
    running = true;
    Promise.resolve()
      .then(opts.run)
      .catch((err: unknown) => opts.onError?.(err))
      .finally(() => {
        running = false;
      });
  }, Math.max(1, opts.everyMinutes) * 60_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
