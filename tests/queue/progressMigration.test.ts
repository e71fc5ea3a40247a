/** Migration 5 on a store an app of schema 4 left: accounts kept (with the new role allowed), dossier progress usable. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../src/store/sqliteStore';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations';
import { hashPassword } from '../../src/store/passwords';

const KEY = 'd4'.repeat(32);
const FAST = { N: 1024, r: 8, p: 1, keyLen: 32 };

function storeAtV4(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-mig5-'));
  const file = path.join(dir, 'm.db');
  const db = new Database(file);
  db.pragma(`hexkey='${KEY}'`);
  db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version <= 4)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(m.version, m.description, '2026-01-01T00:00:00.000Z');
  }
  const { salt, hash, params } = hashPassword('password-admin', FAST);
  db.prepare('INSERT INTO users (username, display_name, role, password_salt, password_hash, scrypt_params, failed_attempts, created_at) VALUES (?, ?, ?, ?, ?, ?, 2, ?)').run(
    'admin',
    'Quản trị',
    'admin',
    salt,
    hash,
    JSON.stringify(params),
    '2026-01-01T00:00:00.000Z',
  );
  expect(() => db.prepare("UPDATE users SET role = 'head' WHERE username = 'admin'").run()).toThrow(/CHECK/);
  db.prepare("INSERT INTO queue_tickets (day, issuer, seq, label, group_id, dossier_id, state, issued_at, queue_at) VALUES ('2026-01-01', 'C', 1, '1', 'CU_TRU', 'HS-20260101-AAAAAA', 'waiting', 'x', 'x')").run();
  db.close();
  return { dir, file };
}

describe('store migration 5', () => {
  it("keeps accounts and queue tickets, allows the 'head' role, and starts with no progress", async () => {
    const { dir, file } = storeAtV4();
    const s = openStore({ path: file, key: KEY, scrypt: FAST, checkpointEverySeconds: 0 });
    try {
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(5);
      expect(s.db.prepare('SELECT max(version) FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION);
      expect(s.db.prepare("SELECT failed_attempts FROM users WHERE username = 'admin'").pluck().get()).toBe(2);
      expect(await s.login('admin', 'password-admin')).toEqual({ username: 'admin', displayName: 'Quản trị', role: 'admin' });
      s.createUser({ username: 'truong', displayName: 'Trưởng', role: 'head', password: 'password-head' }, 'test');
      expect(s.listUsers().map((u) => u.role).sort()).toEqual(['admin', 'head']);
      expect(s.queue.findByDossier('HS-20260101-AAAAAA')?.label).toBe('1');
      expect(s.db.prepare('SELECT count(*) FROM dossier_progress').pluck().get()).toBe(0);
      // The table refuses a state outside the list and a malformed date even if a bug let one through.
      expect(() => s.db.prepare("INSERT INTO dossier_progress VALUES ('x', 'lost', NULL, 'x', 'x')").run()).toThrow();
    } finally {
      s.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
