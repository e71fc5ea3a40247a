/**
 * Online, encrypted, rotated backups of the store (issue #4 §1) to a configurable folder (e.g. a USB disk).
 *
 * Why `VACUUM INTO` and not the backup API (`db.backup(dest)`): better-sqlite3 opens the backup destination
 * with a fresh, un-keyed connection, and SQLite3 Multiple Ciphers refuses to copy pages from an encrypted
 * database into an un-keyed one ("backup is not supported with incompatible source and target databases") —
 * which is what we want, as a plaintext backup would defeat encryption at rest. `VACUUM INTO` is SQLite's other
 * online backup: it reads one consistent snapshot while writers continue (WAL), and SQLite3 Multiple Ciphers
 * writes the copy encrypted with the source connection's cipher and key (checked by tests/store/backup.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';

const BACKUP_RE = /^(.+)-backup-(\d{8}T\d{9}Z)\.sqlite3$/;

export interface BackupFile {
  path: string;
  /** UTC timestamp embedded in the name, e.g. 20261126T110603123Z. */
  stamp: string;
}

function stampOf(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/** Backups in `dir`, newest first (names sort by their UTC timestamp). */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: BackupFile[] = [];
  for (const name of names) {
    const m = BACKUP_RE.exec(name);
    if (m?.[2]) found.push({ path: path.join(dir, name), stamp: m[2] });
  }
  return found.sort((a, b) => (a.stamp < b.stamp ? 1 : a.stamp > b.stamp ? -1 : b.path.localeCompare(a.path)));
}

export function latestBackup(dir: string): string | null {
  return listBackups(dir)[0]?.path ?? null;
}

function fsyncPath(p: string, flags: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(p, flags);
    fs.fsyncSync(fd);
  } catch {
    // Directory fsync is not supported everywhere (e.g. some USB file systems); the file itself was synced.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function backupTarget(dir: string, opts: { prefix?: string; now?: () => Date }): { finalPath: string; tmp: string } {
  fs.mkdirSync(dir, { recursive: true });
  const prefix = (opts.prefix ?? 'motcua').replace(/[^A-Za-z0-9_.-]/g, '_');
  let when = (opts.now ?? (() => new Date()))();
  // Reserve the name by creating the (empty) temporary file exclusively — VACUUM INTO accepts an empty target —
  // so two backups in the same millisecond (a manual one racing the timer) get distinct names.
  for (;;) {
    const finalPath = path.join(dir, `${prefix}-backup-${stampOf(when)}.sqlite3`);
    const tmp = `${finalPath}.partial`;
    if (!fs.existsSync(finalPath)) {
      try {
        fs.closeSync(fs.openSync(tmp, 'wx'));
        return { finalPath, tmp };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    when = new Date(when.getTime() + 1);
  }
}

/** The copy is built under a temporary name, fsynced, then renamed: an unplugged USB disk never leaves a half backup that looks complete. */
function publishBackup(tmp: string, finalPath: string): string {
  fsyncPath(tmp, 'r');
  fs.renameSync(tmp, finalPath);
  fsyncPath(path.dirname(finalPath), 'r');
  return finalPath;
}

/** Writes an encrypted snapshot of `db` into `dir` as `<prefix>-backup-<UTC stamp>.sqlite3`, on this thread. */
export function createBackup(db: Database.Database, dir: string, opts: { prefix?: string; now?: () => Date } = {}): string {
  const { finalPath, tmp } = backupTarget(dir, opts);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    return publishBackup(tmp, finalPath);
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

/**
 * Same snapshot, taken by a separate read-only connection in a worker thread, so a large store does not
 * freeze the kiosk UI while it is copied. `hexKey` must be the validated 64-hex-digit store key.
 */
export function createBackupInBackground(source: string, hexKey: string, dir: string, opts: { prefix?: string; now?: () => Date } = {}): Promise<string> {
  if (!/^[0-9a-f]{64}$/.test(hexKey)) return Promise.reject(new TypeError('hexKey must be 64 lower-case hex digits'));
  const { finalPath, tmp } = backupTarget(dir, opts);
  const require = createRequire(import.meta.url);
  const modulePath = require.resolve('better-sqlite3-multiple-ciphers');
  return new Promise<string>((resolve, reject) => {
    const fail = (err: unknown) => {
      fs.rmSync(tmp, { force: true });
      reject(err);
    };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, source, hexKey, target: tmp } });
    worker.once('message', (m: { ok: boolean; code?: string; message?: string }) => {
      if (!m.ok) return fail(Object.assign(new Error(m.message ?? 'backup failed'), { code: m.code }));
      try {
        resolve(publishBackup(tmp, finalPath));
      } catch (err) {
        fail(err);
      }
    });
    worker.once('error', fail);
  });
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
