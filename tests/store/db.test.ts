import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { normalizeKey, openDatabase, restoreBackup, toStoreError } from '../../src/store/db';
import { createBackup } from '../../src/store/backup';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations';
import { StoreError } from '../../src/store/types';

let dir: string;
const key = randomBytes(32);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-db-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const listDir = () => fs.readdirSync(dir).sort();

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('expected a StoreError');
}

/** A store file with enough rows to span many pages, closed cleanly (WAL checkpointed into the main file). */
function makeStore(file: string, rows = 3000): void {
  const db = openDatabase({ path: file, key });
  const ins = db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) ins.run(`k${i}`, JSON.stringify('v'.repeat(100) + i), 'x');
  })();
  db.close();
}

describe('openDatabase', () => {
  it('creates an encrypted file from nothing, with WAL, synchronous=FULL, foreign keys and the latest schema', () => {
    const file = path.join(dir, 'store.db');
    const db = openDatabase({ path: file, key });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.prepare('SELECT max(version) FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table') ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['audit_log', 'dossier_events', 'dossier_fts', 'dossiers', 'schema_version', 'settings', 'users']));
    db.close();
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
  });

  it('reopens idempotently: migrations are not re-applied and data survives', () => {
    const file = path.join(dir, 'store.db');
    makeStore(file, 10);
    for (let i = 0; i < 3; i++) {
      const db = openDatabase({ path: file, key, integrityCheck: 'full' });
      expect(db.prepare('SELECT count(*) FROM schema_version').pluck().get()).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(10);
      db.close();
    }
  });

  it('treats an empty (0-byte) file as a new store', () => {
    const file = path.join(dir, 'store.db');
    fs.writeFileSync(file, '');
    const db = openDatabase({ path: file, key });
    expect(db.prepare('SELECT max(version) FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('wrong key → WRONG_KEY with nothing written (same bytes, no new files)', () => {
    const file = path.join(dir, 'store.db');
    makeStore(file);
    const before = sha(file);
    const filesBefore = listDir();
    const err = storeError(() => openDatabase({ path: file, key: randomBytes(32) }));
    expect(err.code).toBe('WRONG_KEY');
    expect(err.message).toMatch(/key does not open/);
    expect(sha(file)).toBe(before);
    expect(listDir()).toEqual(filesBefore);
    // and the right key still works afterwards
    openDatabase({ path: file, key }).close();
  });

  it('refuses a plaintext SQLite file instead of encrypting over it', () => {
    const file = path.join(dir, 'plain.db');
    const plain = new Database(file);
    plain.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    plain.close();
    const before = sha(file);
    const err = storeError(() => openDatabase({ path: file, key }));
    expect(err.code).toBe('WRONG_KEY');
    expect(err.message).toMatch(/not encrypted/);
    expect(sha(file)).toBe(before);
  });

  it('garbage inside the file → CORRUPT naming the latest backup; the damaged file is left untouched', () => {
    const file = path.join(dir, 'store.db');
    const backups = path.join(dir, 'backups');
    makeStore(file);
    const db = openDatabase({ path: file, key });
    const backup = createBackup(db, backups, { prefix: 'store' });
    db.close();

    const copy = path.join(dir, 'copy.db');
    fs.copyFileSync(file, copy);
    const fd = fs.openSync(copy, 'r+');
    fs.writeSync(fd, randomBytes(4096 * 3), 0, 4096 * 3, 4096 * 20);
    fs.closeSync(fd);
    const before = sha(copy);

    const err = storeError(() => openDatabase({ path: copy, key, backupDir: backups }));
    expect(err.code).toBe('CORRUPT');
    expect(err.latestBackup).toBe(backup);
    expect(sha(copy)).toBe(before);
    // Without a backup folder the error still says CORRUPT (latestBackup null).
    expect(storeError(() => openDatabase({ path: copy, key })).latestBackup).toBeNull();
  });

  it('a damaged first page (looks like a wrong key) is reported CORRUPT when the key opens the latest backup', () => {
    const file = path.join(dir, 'store.db');
    const backups = path.join(dir, 'backups');
    makeStore(file);
    const db = openDatabase({ path: file, key });
    const backup = createBackup(db, backups);
    db.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, randomBytes(64), 0, 64, 0);
    fs.closeSync(fd);
    const err = storeError(() => openDatabase({ path: file, key, backupDir: backups }));
    expect(err.code).toBe('CORRUPT');
    expect(err.latestBackup).toBe(backup);
    // A genuinely wrong key still says WRONG_KEY even with backups present.
    expect(storeError(() => openDatabase({ path: file, key: randomBytes(32), backupDir: backups })).code).toBe('WRONG_KEY');
  });

  it('restoreBackup moves the corrupt file aside (timestamped, never deleted) and copies the backup in', () => {
    const file = path.join(dir, 'store.db');
    const backups = path.join(dir, 'backups');
    makeStore(file, 50);
    const db = openDatabase({ path: file, key });
    const backup = createBackup(db, backups);
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('after-backup', '1', 'x')").run();
    db.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, randomBytes(4096), 0, 4096, 4096 * 5);
    fs.closeSync(fd);
    const corruptHash = sha(file);
    expect(storeError(() => openDatabase({ path: file, key, backupDir: backups })).code).toBe('CORRUPT');

    // A backup that does not open with the key is refused and nothing moves.
    expect(() => restoreBackup(backup, file, { key: randomBytes(32) })).toThrow(StoreError);
    expect(sha(file)).toBe(corruptHash);

    const { movedAside } = restoreBackup(backup, file, { key, now: () => new Date('2026-11-26T12:00:00Z') });
    expect(movedAside).toBe(`${file}.corrupt-20261126T120000000Z`);
    expect(sha(movedAside as string)).toBe(corruptHash);
    const reopened = openDatabase({ path: file, key, backupDir: backups, integrityCheck: 'full' });
    expect(reopened.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(50);
    expect(reopened.prepare("SELECT count(*) FROM settings WHERE key = 'after-backup'").pluck().get()).toBe(0);
    reopened.close();
  });

  it('validates the key shape', () => {
    expect(normalizeKey('AB'.repeat(32))).toBe('ab'.repeat(32));
    expect(normalizeKey(new Uint8Array(32).fill(1))).toBe('01'.repeat(32));
    expect(() => normalizeKey('abc')).toThrow(/32 bytes/);
    expect(() => normalizeKey(new Uint8Array(16))).toThrow(/32 bytes/);
    expect(() => normalizeKey(`'; DROP TABLE x; --${'a'.repeat(46)}`)).toThrow(/32 bytes/);
  });

  it('maps SQLite error codes to store error codes', () => {
    const e = (code: string) => Object.assign(new Error('x'), { code });
    expect((toStoreError(e('SQLITE_FULL'), 'Saving') as StoreError).code).toBe('DISK_FULL');
    expect((toStoreError(e('SQLITE_READONLY_DBMOVED'), 'Saving') as StoreError).code).toBe('READ_ONLY');
    expect((toStoreError(e('SQLITE_CORRUPT'), 'Saving') as StoreError).code).toBe('CORRUPT');
    expect((toStoreError(e('SQLITE_IOERR_WRITE'), 'Saving') as StoreError).code).toBe('IO');
    const other = new Error('plain');
    expect(toStoreError(other, 'Saving')).toBe(other);
  });
});

describe('file permissions', () => {
  it('a new store file is owner-only (0600)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-perm-'));
    const file = path.join(dir, 'p.db');
    const db = openDatabase({ path: file, key: 'ab'.repeat(32) });
    db.close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});
