/**
 * Opening the encrypted SQLite file of the dossier store, crash-safe (WAL, synchronous=FULL) and encrypted at rest.
 *
 * Why better-sqlite3-multiple-ciphers and not plain better-sqlite3: Law 91/2025 and NĐ 356/2025 (forms.md §3.4)
 * ask for personal data to be encrypted at rest, so that a lost kiosk is not a readable breach. This fork is a
 * drop-in better-sqlite3 12.x (same synchronous API, same WAL behaviour) that bundles SQLite3 Multiple Ciphers:
 * `PRAGMA key` encrypts every page (default cipher chacha20 + Poly1305 per page), a wrong key gives
 * SQLITE_NOTADB, and WAL works with encryption (environment.md §4). Plain better-sqlite3 has no encryption.
 *
 * Opening order: an existing file is first probed READ-ONLY (key + integrity check), so a wrong key or a
 * damaged file is reported without a single byte written; only then is it opened read-write.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { StoreError } from './types';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { latestBackup } from './backup';

export type Db = Database.Database;

export type IntegrityCheck = 'quick' | 'full' | 'none';

export interface OpenDatabaseOptions {
  path: string;
  /** 32-byte key: raw bytes or 64 hex digits. */
  key: Uint8Array | string;
  /** Where backups are kept; used to name the latest backup when the file is corrupt. */
  backupDir?: string | null;
  /** `PRAGMA quick_check` (default) or the slower full `integrity_check` before use. */
  integrityCheck?: IntegrityCheck;
  busyTimeoutMs?: number;
}

const KEY_BYTES = 32;
const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Validates a 32-byte key and returns it as lower-case hex (safe to inline in a PRAGMA). */
export function normalizeKey(key: Uint8Array | string): string {
  const hex = typeof key === 'string' ? key.trim().toLowerCase() : Buffer.from(key).toString('hex');
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== KEY_BYTES * 2) {
    throw new TypeError(`store key must be ${KEY_BYTES} bytes (${KEY_BYTES * 2} hex digits)`);
  }
  return hex;
}

/** The key pragma must be the first statement on a connection (SQLite3 Multiple Ciphers docs, "PRAGMA key"). */
function applyKey(db: Db, hexKey: string): void {
  db.pragma(`hexkey='${hexKey}'`);
}

export function sqliteCode(err: unknown): string | null {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') {
    const code = (err as { code: string }).code;
    return code.startsWith('SQLITE_') ? code : null;
  }
  return null;
}

/** Maps SQLite failures to the store's error codes; anything else is returned unchanged. */
export function toStoreError(err: unknown, what: string): unknown {
  if (err instanceof StoreError) return err;
  const code = sqliteCode(err);
  if (!code) return err;
  if (code.startsWith('SQLITE_FULL')) {
    return new StoreError('DISK_FULL', `${what}: the disk is full; the change was rolled back and nothing was saved`);
  }
  if (code.startsWith('SQLITE_READONLY')) return new StoreError('READ_ONLY', `${what}: the database is read-only (${code})`);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError('CORRUPT', `${what}: the database file is damaged (${code})`);
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_BUSY')) {
    return new StoreError('IO', `${what}: storage error (${code})`);
  }
  return err;
}

function fileHasPlaintextHeader(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(PLAINTEXT_HEADER.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.equals(PLAINTEXT_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function runIntegrityCheck(db: Db, kind: IntegrityCheck): string | null {
  if (kind === 'none') return null;
  const rows = db.pragma(kind === 'full' ? 'integrity_check' : 'quick_check') as Record<string, unknown>[];
  const messages = rows.map((r) => String(Object.values(r)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? null : messages.slice(0, 5).join('; ');
}

/** True when `file` opens with `hexKey` and passes a quick check (used to tell a wrong key from a damaged header). */
export function fileOpensWithKey(file: string, key: Uint8Array | string): boolean {
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    applyKey(db, normalizeKey(key));
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return runIntegrityCheck(db, 'quick') === null;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Read-only probe of an existing file: right key? intact? Throws WRONG_KEY or CORRUPT; writes nothing.
 * An encrypted file whose first page is damaged is indistinguishable from a wrong key (page 1 carries the
 * KDF salt), so NOTADB is reported as CORRUPT only when the latest backup opens with the same key.
 */
function probeExisting(file: string, hexKey: string, integrity: IntegrityCheck, backupDir: string | null): void {
  const backup = backupDir ? latestBackup(backupDir) : null;
  const corrupt = (detail: string): StoreError =>
    new StoreError(
      'CORRUPT',
      `The database file is damaged (${detail}). It was not modified; restore it from ${backup ? 'the latest backup' : 'a backup'} (restoreBackup).`,
      backup,
    );
  let probe: Db;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new StoreError('IO', `Cannot open the database file read-only (${sqliteCode(err) ?? String(err)})`);
  }
  try {
    try {
      applyKey(probe, hexKey);
      probe.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch (err) {
      const code = sqliteCode(err);
      if (code === 'SQLITE_NOTADB') {
        if (fileHasPlaintextHeader(file)) {
          throw new StoreError('WRONG_KEY', 'The database file is not encrypted; refusing to use it with a key. Nothing was written.');
        }
        if (backup && fileOpensWithKey(backup, hexKey)) throw corrupt('unreadable first page; the key opens the latest backup');
        throw new StoreError('WRONG_KEY', 'The key does not open this database file (wrong key or a different device). Nothing was written.');
      }
      if (code?.startsWith('SQLITE_CORRUPT')) throw corrupt(code);
      throw toStoreError(err, 'Opening the database');
    }
    let problem: string | null;
    try {
      problem = runIntegrityCheck(probe, integrity);
    } catch (err) {
      const code = sqliteCode(err);
      if (code?.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw corrupt(code);
      throw toStoreError(err, 'Checking the database');
    }
    if (problem !== null) throw corrupt(`integrity check: ${problem}`);
  } finally {
    probe.close();
  }
}

function readSchemaVersion(db: Db): number {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'").get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies pending migrations, each in its own IMMEDIATE transaction (safe when two processes start together). */
export function migrate(db: Db, now: () => Date = () => new Date()): number {
  if (readSchemaVersion(db) > SCHEMA_VERSION) {
    throw new StoreError('IO', `The database schema (v${readSchemaVersion(db)}) is newer than this app (v${SCHEMA_VERSION}); update the app`);
  }
  for (const m of MIGRATIONS) {
    db.transaction(() => {
      if (readSchemaVersion(db) >= m.version) return;
      if (m.version === 1) {
        db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
      }
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)').run(m.version, m.description, now().toISOString());
    }).immediate();
  }
  return readSchemaVersion(db);
}

/** Opens (creating if needed) the encrypted store file: key, pragmas, integrity check, migrations. */
export function openDatabase(opts: OpenDatabaseOptions): Db {
  const hexKey = normalizeKey(opts.key);
  const integrity = opts.integrityCheck ?? 'quick';
  const exists = fs.existsSync(opts.path) && fs.statSync(opts.path).size > 0;
  if (exists) probeExisting(opts.path, hexKey, integrity, opts.backupDir ?? null);
  else if (!fs.existsSync(path.dirname(path.resolve(opts.path)))) {
    throw new StoreError('IO', 'The database folder does not exist');
  }

  let db: Db;
  try {
    if (!exists) {
      // Create the file owner-only before SQLite opens it: SQLite gives -wal/-shm the main file's mode, so the
      // whole store stays 0600 (it is encrypted too; this is defence in depth on shared kiosk accounts).
      fs.closeSync(fs.openSync(opts.path, 'a', 0o600));
      fs.chmodSync(opts.path, 0o600);
    }
    db = new Database(opts.path);
  } catch (err) {
    throw toStoreError(err, 'Opening the database');
  }
  try {
    applyKey(db, hexKey);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    // WAL + synchronous=FULL: a commit is durable once it returns, even on power loss (sqlite.org/pragma.html#pragma_synchronous).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    // Erased personal data is overwritten with zeros instead of lingering in free pages (right to erasure, Law 91/2025).
    db.pragma('secure_delete = ON');
    migrate(db);
    return db;
  } catch (err) {
    db.close();
    throw toStoreError(err, 'Preparing the database');
  }
}

function timestampForFileName(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace('.', '');
}

/**
 * Recovery path for a CORRUPT store: the damaged file (and its -wal/-shm) is moved aside with a timestamp —
 * never deleted — and the backup is copied in its place. With `key`, the backup is verified first.
 */
export function restoreBackup(
  backupPath: string,
  targetPath: string,
  opts: { key?: Uint8Array | string; now?: () => Date } = {},
): { movedAside: string | null } {
  if (!fs.existsSync(backupPath)) throw new StoreError('NOT_FOUND', 'The backup file does not exist');
  if (opts.key !== undefined && !fileOpensWithKey(backupPath, opts.key)) {
    throw new StoreError('CORRUPT', 'The backup does not open with this key or is damaged; the current file was left in place');
  }
  const stamp = timestampForFileName((opts.now ?? (() => new Date()))());
  const aside = `${targetPath}.corrupt-${stamp}`;
  let movedAside: string | null = null;
  if (fs.existsSync(targetPath)) {
    fs.renameSync(targetPath, aside);
    movedAside = aside;
  }
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(targetPath + suffix)) fs.renameSync(targetPath + suffix, aside + suffix);
  }
  const tmp = `${targetPath}.restoring`;
  fs.copyFileSync(backupPath, tmp);
  const fd = fs.openSync(tmp, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, targetPath);
  return { movedAside };
}
