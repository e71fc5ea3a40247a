import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../../src/store/db';
import { createBackup, createBackupInBackground, latestBackup, listBackups, rotateBackups, scheduleBackups } from '../../src/store/backup';

let dir: string;
const key = randomBytes(32);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-backup-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function seeded() {
  const db = openDatabase({ path: path.join(dir, 'store.db'), key });
  db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('office', '\"UBND xã Tân Phú\"', 'x')").run();
  return db;
}

describe('backup', () => {
  it('writes an encrypted snapshot: unreadable without the key or with another key, intact with it', () => {
    const db = seeded();
    const file = createBackup(db, path.join(dir, 'usb'), { prefix: 'store', now: () => new Date('2026-11-26T10:00:00.000Z') });
    db.close();
    expect(path.basename(file)).toBe('store-backup-20261126T100000000Z.sqlite3');
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('Tân Phú'))).toBe(false);

    const noKey = new Database(file, { readonly: true });
    expect(() => noKey.prepare('SELECT * FROM settings').all()).toThrow(/not a database/);
    noKey.close();
    const wrongKey = new Database(file, { readonly: true });
    wrongKey.pragma(`hexkey='${randomBytes(32).toString('hex')}'`);
    expect(() => wrongKey.prepare('SELECT * FROM settings').all()).toThrow(/not a database/);
    wrongKey.close();

    const restored = openDatabase({ path: file, key });
    expect(restored.prepare('SELECT value_json FROM settings').pluck().get()).toBe('"UBND xã Tân Phú"');
    expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
    restored.close();
  });

  it('names backups by UTC time, lists newest first, never collides, and rotation keeps N', () => {
    const db = seeded();
    const backups = path.join(dir, 'b');
    const t = new Date('2026-11-26T10:00:00.000Z');
    const made = [0, 1, 2, 3, 4].map((i) => createBackup(db, backups, { now: () => new Date(t.getTime() + i * 60_000) }));
    const same = createBackup(db, backups, { now: () => new Date(t.getTime() + 4 * 60_000) });
    db.close();
    expect(same).not.toBe(made[4]);
    expect(listBackups(backups).map((b) => b.path)).toEqual([same, ...made.slice().reverse()]);
    expect(latestBackup(backups)).toBe(same);
    const removed = rotateBackups(backups, 3);
    expect(removed.sort()).toEqual([made[0], made[1], made[2]].sort());
    expect(listBackups(backups)).toHaveLength(3);
    expect(fs.readdirSync(backups).some((n) => n.endsWith('.partial'))).toBe(false);
    expect(latestBackup(path.join(dir, 'missing'))).toBeNull();
  });

  it('schedules runs on an interval, reports failures without stopping, and never stacks runs', async () => {
    vi.useFakeTimers();
    try {
      let runs = 0;
      const errors: unknown[] = [];
      const s = scheduleBackups({
        everyMinutes: 5,
        run: async () => {
          runs += 1;
          if (runs === 2) throw new Error('usb missing');
        },
        onError: (e) => errors.push(e),
      });
      await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
      expect(runs).toBe(0);
      await vi.advanceTimersByTimeAsync(1 + 10 * 60_000);
      expect(runs).toBe(3);
      expect(errors).toHaveLength(1);
      s.stop();
      await vi.advanceTimersByTimeAsync(60 * 60_000);
      expect(runs).toBe(3);

      let slowRuns = 0;
      let release: () => void = () => undefined;
      const slow = scheduleBackups({ everyMinutes: 1, run: () => new Promise<void>((r) => { slowRuns += 1; release = r; }) });
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(slowRuns).toBe(1); // still running: later ticks are skipped
      release();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(slowRuns).toBe(2);
      slow.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('takes the snapshot in a worker thread from the file, encrypted with the same key', async () => {
    const db = seeded();
    const file = await createBackupInBackground(path.join(dir, 'store.db'), key.toString('hex'), path.join(dir, 'bg'), { prefix: 'store' });
    db.close();
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    const noKey = new Database(file, { readonly: true });
    expect(() => noKey.prepare('SELECT * FROM settings').all()).toThrow(/not a database/);
    noKey.close();
    const restored = openDatabase({ path: file, key });
    expect(restored.prepare('SELECT value_json FROM settings').pluck().get()).toBe('"UBND xã Tân Phú"');
    restored.close();
    // A wrong key fails in the worker and leaves no partial file behind.
    await expect(createBackupInBackground(path.join(dir, 'store.db'), 'ab'.repeat(32), path.join(dir, 'bg'))).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
    expect(fs.readdirSync(path.join(dir, 'bg'))).toEqual([path.basename(file)]);
  });

  it('does not keep the process alive (the interval is unref’d)', () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const s = scheduleBackups({ everyMinutes: 1, run: () => undefined });
    const after = timeouts();
    s.stop();
    const ref = setInterval(() => undefined, 60_000);
    const withRef = timeouts();
    clearInterval(ref);
    expect(after).toBe(before);
    expect(withRef).toBe(before + 1); // the probe itself works
  });
});
