/**
 * Erasure reaches the backups: the right to erasure and storage limitation (Law 91/2025 on personal data
 * protection, Art. 14; Decree 356/2025) cover every copy the kiosk keeps, and a backup is a copy.
 *
 * Why re-written backups and not crypto-shredding (per-dossier data keys destroyed on erasure): the store encrypts
 * whole pages with one key (SQLite3 Multiple Ciphers) and must search names and ID numbers through plaintext
 * columns and an FTS5 index inside that encrypted file. Per-dossier keys would have to encrypt those columns too
 * (no more search) or leave them readable (nothing shredded), and the vault of dossier keys would have to live
 * outside the backups yet be backed up itself — the same problem again. A backup, on the other hand, is a
 * complete SQLite copy under the same key, so we can open it and apply the very tombstone the store applies.
 *
 * The live store is the durable record of what was erased (a purged dossier keeps its id with no personal data),
 * so a pass needs no journal of its own: it tombstones, in every backup, each dossier that is purged in the store
 * and not yet in the backup. A pass interrupted by a crash leaves the old backup whole and only a `.partial`
 * (removed by the next pass); the next pass, or the next backup, finishes the job. A backup that holds nothing
 * to erase is only read, never rewritten.
 *
 * A rewrite copies the backup to `<backup>.<pid>.partial` (0600), tombstones there with `secure_delete` on (freed
 * cells are zeroed) and FTS5 secure-delete (set in the schema), VACUUMs so no free page keeps old text, then
 * renames it over the backup. All of this runs in a worker thread: a large backup never stalls the kiosk.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { knownBackupDirs, listBackups, partialName, publishFile, removeStalePartials, serializeBackupWork } from './backupFiles';

export interface BackupErasureReport {
  /** Backups opened and checked. */
  checked: number;
  /** Backups that held an erased dossier and were rewritten without it. */
  rewritten: string[];
  /** Backups that could not be checked or rewritten (e.g. made with another key, damaged, disk removed). */
  failed: { path: string; code: string }[];
}

// Runs in a worker thread; plain CommonJS because an eval'd worker cannot load the app's TypeScript.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const Database = require(workerData.modulePath);
const { hexKey } = workerData;
const open = (file, readonly) => {
  const db = new Database(file, { readonly, fileMustExist: true });
  db.pragma("hexkey='" + hexKey + "'");
  return db;
};
const hasTable = (db, name) => db.prepare("SELECT 1 FROM main.sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
const codeOf = (e) => (e && e.code) || 'ERROR';
const result = { checked: 0, ready: [], failed: [] };
let live;
const readers = [];
try {
  // One streaming pass over the store's purged dossiers feeds every backup's check (memory stays flat on a
  // store with hundreds of thousands of tombstones).
  live = open(workerData.source, true);
  for (const job of workerData.backups) {
    try {
      const db = open(job.file, true);
      db.exec('CREATE TEMP TABLE erased (id TEXT PRIMARY KEY, at TEXT NOT NULL)');
      db.exec('BEGIN');
      readers.push({ job, db, ins: db.prepare('INSERT OR IGNORE INTO temp.erased (id, at) VALUES (?, ?)') });
    } catch (e) {
      result.failed.push({ path: job.file, code: codeOf(e) });
    }
  }
  for (const [id, at] of live.prepare("SELECT id, updated_at FROM dossiers WHERE status = 'purged'").raw().iterate()) {
    for (const r of readers) r.ins.run(id, at);
  }
  live.close();
  live = null;
  for (const { job, db } of readers.splice(0)) {
    let w;
    try {
      db.exec('COMMIT');
      const hits = db.prepare("SELECT d.seq, e.at FROM main.dossiers d JOIN temp.erased e ON e.id = d.id WHERE d.status != 'purged'").raw().all();
      db.close();
      result.checked += 1;
      if (hits.length === 0) continue;
      fs.copyFileSync(job.file, job.tmp, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(job.tmp, 0o600);
      w = open(job.tmp, false);
      w.pragma('journal_mode = DELETE');
      w.pragma('secure_delete = ON');
      w.exec('CREATE TEMP TABLE hit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL)');
      const ins = w.prepare('INSERT INTO temp.hit (seq, at) VALUES (?, ?)');
      w.transaction(() => {
        for (const [seq, at] of hits) ins.run(seq, at);
        // The same wipe as the store's (Dossiers.wipe, ChangeRecorder.erase), for the schema this backup has.
        const inHit = 'IN (SELECT seq FROM temp.hit)';
        if (hasTable(w, 'dossier_ids')) w.exec('DELETE FROM main.dossier_ids WHERE seq ' + inHit);
        if (hasTable(w, 'dossier_conflicts')) w.exec('DELETE FROM main.dossier_conflicts WHERE dossier_seq ' + inHit);
        if (hasTable(w, 'outbox')) w.exec("DELETE FROM main.outbox WHERE kind = 'dossier.put' AND entity_id IN (SELECT id FROM main.dossiers WHERE seq " + inHit + ')');
        const cols = new Set(w.prepare("SELECT name FROM pragma_table_info('dossiers')").pluck().all());
        const extra = ['server_state', 'needs_review'].filter((c) => cols.has(c)).map((c) => ', ' + c + ' = NULL').join('');
        w.exec("UPDATE main.dossiers SET status = 'purged', fields_json = '[]', full_name = NULL, id_number = NULL, search_name = NULL" + extra +
          ', updated_at = (SELECT at FROM temp.hit h WHERE h.seq = dossiers.seq) WHERE seq ' + inHit);
      })();
      w.exec('DROP TABLE temp.hit');
      w.exec('VACUUM');
      w.close();
      w = null;
      result.ready.push(job);
    } catch (e) {
      if (db.open) db.close();
      if (w) w.close();
      fs.rmSync(job.tmp, { force: true });
      result.failed.push({ path: job.file, code: codeOf(e) });
    }
  }
  parentPort.postMessage({ ok: true, result });
} catch (e) {
  if (live) live.close();
  for (const r of readers) r.db.close();
  parentPort.postMessage({ ok: false, code: codeOf(e), message: String(e && e.message) });
}`;

interface WorkerJob {
  file: string;
  tmp: string;
}

function passInWorker(source: string, hexKey: string, backups: WorkerJob[]): Promise<{ checked: number; ready: WorkerJob[]; failed: { path: string; code: string }[] }> {
  const require = createRequire(import.meta.url);
  const modulePath = require.resolve('better-sqlite3-multiple-ciphers');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modulePath, source, hexKey, backups } });
    worker.once('message', (m: { ok: boolean; result?: { checked: number; ready: WorkerJob[]; failed: { path: string; code: string }[] }; code?: string; message?: string }) => {
      if (m.ok && m.result) resolve(m.result);
      else reject(Object.assign(new Error(`Reading the erased dossiers failed (${m.code ?? 'error'})`), { code: m.code }));
    });
    worker.once('error', reject);
  });
}

async function runPass(source: string, hexKey: string, dirs: string[]): Promise<BackupErasureReport> {
  const jobs: WorkerJob[] = [];
  for (const dir of dirs) {
    removeStalePartials(dir);
    for (const b of listBackups(dir)) jobs.push({ file: b.path, tmp: partialName(b.path) });
  }
  const report: BackupErasureReport = { checked: 0, rewritten: [], failed: [] };
  if (jobs.length === 0) return report;
  const r = await passInWorker(source, hexKey, jobs);
  report.checked = r.checked;
  report.failed.push(...r.failed);
  for (const job of r.ready) {
    try {
      publishFile(job.tmp, job.file);
      report.rewritten.push(job.file);
    } catch (err) {
      fs.rmSync(job.tmp, { force: true });
      report.failed.push({ path: job.file, code: (err as NodeJS.ErrnoException).code ?? 'ERROR' });
    }
  }
  return report;
}

const pending = new Map<string, { dirs: Set<string>; promise: Promise<BackupErasureReport> }>();

/**
 * Applies the store's erasures to every backup of the store at `dbPath`: the folders it has backed up to (see
 * backupFiles.ts) plus `dirs`. Call it after an erasure commits (deleteCitizen, retention purge) and at start-up.
 * Calls while a pass is waiting to run share that pass; a call made while a pass runs gets a new one after it,
 * so an erasure committed at any moment is covered by a pass that starts after it.
 */
export function eraseFromBackups(dbPath: string, hexKey: string, opts: { dirs?: string[] } = {}): Promise<BackupErasureReport> {
  if (!/^[0-9a-f]{64}$/.test(hexKey)) return Promise.reject(new TypeError('hexKey must be 64 lower-case hex digits'));
  const source = path.resolve(dbPath);
  const extra = (opts.dirs ?? []).map((d) => path.resolve(d));
  const waiting = pending.get(source);
  if (waiting) {
    for (const d of extra) waiting.dirs.add(d);
    return waiting.promise;
  }
  const entry = { dirs: new Set(extra), promise: Promise.resolve<BackupErasureReport>({ checked: 0, rewritten: [], failed: [] }) };
  entry.promise = serializeBackupWork(source, () => {
    pending.delete(source);
    return runPass(source, hexKey, [...new Set([...knownBackupDirs(source), ...entry.dirs])]);
  });
  pending.set(source, entry);
  return entry.promise;
}
