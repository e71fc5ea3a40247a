/**
 * The files of the backup folders: names, listing, owner-only modes, durable renames, leftovers of dead
 * processes, which folders a store has written backups to, and the one-job-at-a-time queue per store.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fsyncPath, processIsAlive } from './fileSafety';

const BACKUP_RE = /^(.+)-backup-(\d{8}T\d{9}Z)\.sqlite3$/;
/** `<backup>.<pid>.partial` (current) or `<backup>.partial` (written by versions before the pid was added). */
const PARTIAL_RE = /^.+-backup-\d{8}T\d{9}Z\.sqlite3(?:\.(\d+))?\.partial$/;
/** A `.partial` this old is abandoned even when its pid is alive (a disk carried over from another machine). */
const PARTIAL_MAX_AGE_MS = 24 * 3600_000;

export interface BackupFile {
  path: string;
  /** UTC timestamp embedded in the name, e.g. 20261126T110603123Z. */
  stamp: string;
}

/** Backups in `dir`, newest first (names sort by their UTC timestamp). */
/** A folder's names; none when it is missing or unreadable (an unplugged USB disk). */
function namesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

export function listBackups(dir: string): BackupFile[] {
  const found: BackupFile[] = [];
  for (const name of namesIn(dir)) {
    const m = BACKUP_RE.exec(name);
    if (m?.[2]) found.push({ path: path.join(dir, name), stamp: m[2] });
  }
  return found.sort((a, b) => (a.stamp < b.stamp ? 1 : a.stamp > b.stamp ? -1 : b.path.localeCompare(a.path)));
}

export function latestBackup(dir: string): string | null {
  return listBackups(dir)[0]?.path ?? null;
}

/** The temporary name a backup (or a rewrite of one) is built under by this process. */
export function partialName(finalPath: string): string {
  return `${finalPath}.${process.pid}.partial`;
}

/** Owner-only file, fsynced, then renamed over `finalPath` and the folder fsynced: all or nothing. */
export function publishFile(tmp: string, finalPath: string): string {
  fs.chmodSync(tmp, 0o600); // SQLite may have created it; the umask may have left group/other bits.
  fsyncPath(tmp);
  fs.renameSync(tmp, finalPath);
  fsyncPath(path.dirname(finalPath));
  return finalPath;
}

/**
 * Creates `dir` (and missing parents) 0700 and tightens an existing folder we own to 0700. A file system without
 * POSIX modes (FAT on a USB disk) refuses chmod; the backups there are still encrypted.
 */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  try {
    const st = fs.statSync(dir);
    const mine = typeof process.getuid !== 'function' || st.uid === process.getuid();
    if (mine && (st.mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
  } catch {
    // See above: no POSIX modes here.
  }
}

/**
 * Removes the `.partial` files of processes that are gone (killed mid-backup, power loss). A partial of a live
 * process is another backup in progress and is left alone, unless it is a day old.
 */
export function removeStalePartials(dir: string, nowMs: number = Date.now()): string[] {
  const removed: string[] = [];
  for (const name of namesIn(dir)) {
    const m = PARTIAL_RE.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    const pid = m[1] === undefined ? null : Number(m[1]);
    if (pid !== null && pid === process.pid) continue; // ours: its job removes it on failure
    let stale = pid === null || !processIsAlive(pid);
    if (!stale) {
      try {
        stale = nowMs - fs.statSync(file).mtimeMs > PARTIAL_MAX_AGE_MS;
      } catch {
        continue;
      }
    }
    if (!stale) continue;
    fs.rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/** `.partial` files in `dir` (for tests and the kill harness). */
export function listPartials(dir: string): string[] {
  return namesIn(dir).filter((n) => PARTIAL_RE.test(n)).map((n) => path.join(dir, n));
}

/**
 * Every folder a store has written backups to, kept next to the database (`<db>.backup-dirs.json`, 0600), so an
 * erasure also reaches the backups on a USB disk chosen in the settings, even after a restart. Folders only —
 * no personal data.
 */
function registryFile(dbPath: string): string {
  return `${path.resolve(dbPath)}.backup-dirs.json`;
}

export function knownBackupDirs(dbPath: string): string[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(registryFile(dbPath), 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string') : [];
  } catch {
    return [];
  }
}

export function recordBackupDir(dbPath: string, dir: string): void {
  const abs = path.resolve(dir);
  const dirs = knownBackupDirs(dbPath);
  if (dirs.includes(abs)) return;
  const file = registryFile(dbPath);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify([...dirs, abs], null, 1)}\n`, { mode: 0o600 });
  publishFile(tmp, file);
}

/**
 * Backups and backup rewrites of one store run one after another in this process: an erasure that commits while a
 * snapshot is being copied is applied after that copy is published, never before (it would miss it).
 */
const queues = new Map<string, Promise<unknown>>();

export function serializeBackupWork<T>(dbPath: string, job: () => Promise<T>): Promise<T> {
  const k = path.resolve(dbPath);
  const run = (queues.get(k) ?? Promise.resolve()).then(job, job);
  const tail = run.catch(() => undefined);
  queues.set(k, tail);
  void tail.then(() => {
    if (queues.get(k) === tail) queues.delete(k);
  });
  return run;
}

/** Resolves when every backup job queued so far for this store has finished (whatever its outcome). */
export async function backupWorkSettled(dbPath: string): Promise<void> {
  for (;;) {
    const q = queues.get(path.resolve(dbPath));
    if (!q) return;
    await q;
  }
}
