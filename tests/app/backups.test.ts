import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startScheduledBackups } from '../../src/app/backups';
import { openStore } from '../../src/store/sqliteStore';

describe('scheduled backups', () => {
  it('writes an encrypted backup when the interval has passed, to the folder currently configured', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bk-'));
    const store = openStore({ path: path.join(dir, 'm.db'), key: 'ef'.repeat(32), backupDir: path.join(dir, 'default') });
    let t = 0;
    const policy = { dir: path.join(dir, 'usb'), everyMinutes: 60 };
    const logs: string[] = [];
    const s = startScheduledBackups(store, () => policy, { now: () => t, tickMs: 3_600_000, log: (m) => logs.push(m) });
    try {
      t = 60 * 60_000;
      const first = await s.tick();
      expect(first && path.dirname(first)).toBe(policy.dir);
      expect(fs.readFileSync(first!).subarray(0, 15).toString()).not.toBe('SQLite format 3');
      t += 30 * 60_000;
      expect(await s.tick()).toBeNull(); // not yet due
      policy.dir = path.join(dir, 'usb2'); // a clerk points it elsewhere: no restart needed
      t += 31 * 60_000;
      expect(path.dirname((await s.tick())!)).toBe(policy.dir);
      policy.everyMinutes = 0;
      t += 1000 * 60_000;
      expect(await s.tick()).toBeNull(); // off
      // A folder that cannot be created (a file in the way): logged without personal data, retried later.
      policy.everyMinutes = 1;
      fs.writeFileSync(path.join(dir, 'blocked'), 'x');
      policy.dir = path.join(dir, 'blocked', 'sub');
      expect(await s.tick()).toBeNull();
      expect(logs.join('\n')).toMatch(/scheduled backup failed/);
    } finally {
      s.stop();
      store.close();
    }
  });
});
