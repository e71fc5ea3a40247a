/**
 * Full disk during a save, for real: a 1 MiB tmpfs is mounted (the test runs as root, like CI), filled, and a
 * save must fail with DISK_FULL while the previous state stays intact. No skipping: a failed mount fails.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import { StoreError } from '../../src/store/types';
import type { FilledField } from '../../src/forms/types';
import { fillDisk, mountTmpfs, type Tmpfs } from '../helpers/tmpfs';

let disk: Tmpfs;
let mnt: string;
const key = randomBytes(32);

const f = (key: string, value: string): FilledField => ({ key, group: 'g', label: key, value, source: 'INPUT', provenance: 'citizen' });

beforeAll(() => {
  disk = mountTmpfs('1m');
  mnt = disk.dir;
});

afterAll(() => disk?.unmount());

describe('disk full', () => {
  it('a save on a full disk throws DISK_FULL, rolls back, and the store keeps working once space is freed', () => {
    let store: SqliteDossierStore | null = openStore({ path: path.join(mnt, 'store.db'), key });
    try {
      const kept = store.createDossier({ formId: 'CT01', formVersion: '1', fields: [f('fullName', 'Nguyễn Văn Trước'), f('idNumber', '001099000001')], actor: 'kiosk' });
      const auditBefore = store.audit().length;
      const filler = fillDisk(mnt);

      // A dossier with a long free-text field (not image-like) needs pages the disk no longer has.
      const big = [f('fullName', 'Trần Thị Đầy'), f('idNumber', '001099000002'), f('note', 'Thôn 3, xã Tân Phú; '.repeat(8000))];
      let err: unknown;
      try {
        store.createDossier({ formId: 'CT01', formVersion: '1', fields: big, actor: 'kiosk' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('DISK_FULL');
      expect((err as StoreError).message).toMatch(/disk is full/);

      // Previous state intact: same dossiers, same audit chain, nothing half-written.
      expect(store.list().map((s) => s.id)).toEqual([kept.id]);
      expect(store.get(kept.id)).toEqual(kept);
      expect(store.audit().length).toBe(auditBefore);
      expect(store.verifyAudit()).toBeNull();
      expect(store.search('tran thi day')).toEqual([]);

      // Space back: the same connection saves again, and a fresh open passes the full integrity check.
      fs.rmSync(filler);
      const after = store.createDossier({ formId: 'CT01', formVersion: '1', fields: big, actor: 'kiosk' });
      expect(store.get(after.id)?.fields[2]?.value.length).toBe(big[2]?.value.length);
      store.close();
      store = openStore({ path: path.join(mnt, 'store.db'), key, integrityCheck: 'full' });
      expect(store.list()).toHaveLength(2);
      expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      store?.close();
    }
  });
});
