/**
 * The integrity check off the start-up path: a store with a damaged page deep inside opens without the start-up
 * check (as the app should), and the background check — a worker thread on its own read-only connection — reports
 * the damage with the backup to restore from.
 */
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import { IntegrityMonitor, startIntegrityMonitor, type IntegrityStatus } from '../../src/store/integrity';
import { chipField } from '../forms/fixtures';

let dir: string;
let store: SqliteDossierStore | null = null;
const key = randomBytes(32);
const hexKey = key.toString('hex');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-integrity-'));
});
afterEach(() => {
  store?.close();
  store = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

async function storeWithBackup(n: number) {
  const file = path.join(dir, 'store.db');
  const s = openStore({ path: file, key, backupDir: path.join(dir, 'backups') });
  for (let i = 0; i < n; i++) {
    s.createDossier({ formId: 'CT01', formVersion: '1', fields: [chipField('fullName', `Người ${i}`), chipField('note', 'x'.repeat(400))], actor: 'kiosk' });
  }
  const backup = await s.backupNow();
  s.close();
  return { file, backup };
}

describe('background integrity check', () => {
  it('reports ok for an intact store, with the states it went through', async () => {
    const { file } = await storeWithBackup(20);
    store = openStore({ path: file, key, integrityCheck: 'none' });
    const seen: IntegrityStatus['state'][] = [];
    const monitor = new IntegrityMonitor({ path: file, hexKey, backupDir: path.join(dir, 'backups'), onChange: (s) => seen.push(s.state), now: () => new Date('2026-12-02T08:00:00Z') });
    expect(monitor.status().state).toBe('not_checked');
    const [a, b] = [monitor.checkNow(), monitor.checkNow()]; // a second request joins the running check
    expect(b).toBe(a);
    const s = await a;
    expect(s).toMatchObject({ state: 'ok', checkedAt: '2026-12-02T08:00:00.000Z', problems: [] });
    expect(s.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen).toEqual(['checking', 'ok']);
  });

  it('finds a damaged page that the fast start did not read, and names the latest backup to restore', async () => {
    const { file, backup } = await storeWithBackup(300);
    const pages = fs.statSync(file).size / 4096;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, randomBytes(4096), 0, 4096, 4096 * Math.floor(pages / 2));
    fs.closeSync(fd);

    store = openStore({ path: file, key, integrityCheck: 'none' }); // the app's fast start
    const changes: IntegrityStatus[] = [];
    const monitor = new IntegrityMonitor({ path: file, hexKey, backupDir: path.join(dir, 'backups'), onChange: (s) => changes.push(s) });
    const s = await monitor.checkNow();
    expect(s.state).toBe('damaged');
    expect(s.problems.length).toBeGreaterThan(0);
    expect(s.problems.join(' ')).not.toMatch(/Người/); // SQLite's messages name pages, not contents
    expect(s.latestBackup).toBe(path.basename(backup));
    expect(changes.at(-1)).toEqual(s);
  });

  it('a check that cannot run (file gone) is check_failed, not ok', async () => {
    const monitor = new IntegrityMonitor({ path: path.join(dir, 'missing.db'), hexKey });
    expect(await monitor.checkNow()).toMatchObject({ state: 'check_failed', problems: ['SQLITE_CANTOPEN'] });
  });

  it('runs first after a delay and then on its schedule, with unref’d timers', async () => {
    const { file } = await storeWithBackup(5);
    vi.useFakeTimers();
    try {
      const monitor = startIntegrityMonitor({ path: file, hexKey, firstAfterMs: 30_000, everyHours: 24 });
      const spy = vi.spyOn(monitor, 'checkNow').mockResolvedValue(monitor.status());
      await vi.advanceTimersByTimeAsync(29_999);
      expect(spy).toHaveBeenCalledTimes(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(spy).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(24 * 3600_000);
      expect(spy).toHaveBeenCalledTimes(2);
      monitor.stop();
      await vi.advanceTimersByTimeAsync(48 * 3600_000);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
