/**
 * Backups on a full disk (a real 2 MiB tmpfs standing in for a full USB disk; the test runs as root, as CI does):
 * a backup fails with a clear error and leaves no partial, the older backups stay whole, and an erasure that
 * cannot rewrite a backup there keeps the old backup intact, says so, and is completed once space is back.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore } from '../../src/store/sqliteStore';
import { StoreError } from '../../src/store/types';
import { eraseFromBackups } from '../../src/store/backupErasure';
import { backupWorkSettled, listBackups, listPartials } from '../../src/store/backupFiles';
import { chipField } from '../forms/fixtures';
import { foundIn } from '../helpers/backupProbe';
import { fillDisk, mountTmpfs, type Tmpfs } from '../helpers/tmpfs';

let disk: Tmpfs;
let root: string;
let usb: string;
const key = randomBytes(32);
const hexKey = key.toString('hex');

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bkfull-'));
  disk = mountTmpfs('2m');
  usb = disk.dir;
});
afterAll(() => {
  disk?.unmount();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('backups on a full disk', () => {
  it('a backup fails cleanly; an erasure waits for space without harming the old backup', async () => {
    const name = 'Đỗ Thị Đầy Đĩa';
    const id = '001199077777';
    const store = openStore({ path: path.join(root, 'store.db'), key, backupDir: usb, onBackupError: () => undefined });
    try {
      store.createDossier({ formId: 'CT01', formVersion: '1', fields: [chipField('fullName', name), chipField('idNumber', id)], actor: 'kiosk' });
      const first = await store.backupNow();
      const firstBytes = fs.readFileSync(first);
      const filler = fillDisk(usb);

      let err: unknown;
      try {
        await store.backupNow();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('DISK_FULL');
      expect((err as StoreError).message).toMatch(/disk is full/);
      expect(listPartials(usb)).toEqual([]);
      expect(listBackups(usb).map((b) => b.path)).toEqual([first]);

      // The rewrite needs space for a copy: it fails, the old backup is untouched, the failure is reported.
      expect(store.deleteCitizen(id, 'clerk1')).toBe(1);
      await backupWorkSettled(store.db.name);
      const report = await eraseFromBackups(store.db.name, hexKey);
      expect(report.failed.map((f) => f.path)).toEqual([first]);
      expect(report.failed[0]?.code).toMatch(/ENOSPC|SQLITE_FULL/);
      expect(fs.readFileSync(first).equals(firstBytes)).toBe(true);
      expect(listPartials(usb)).toEqual([]);

      // Space back: the next backup applies the erasure to the old one as well.
      fs.rmSync(filler);
      await store.backupNow();
      expect(listBackups(usb)).toHaveLength(2);
      for (const b of listBackups(usb)) expect(foundIn(b.path, hexKey, [name, id])).toEqual([]);
    } finally {
      store.close();
    }
  });
});
