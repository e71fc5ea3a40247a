/**
 * Erasure reaches the backups: after "delete this citizen's data" and after the retention purge, no backup —
 * in the store's backup folder or on a second (USB) folder — holds the citizen's name or ID number anywhere in
 * its decrypted bytes, while everyone else's data stays restorable.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import { eraseFromBackups } from '../../src/store/backupErasure';
import { backupWorkSettled, listBackups, listPartials } from '../../src/store/backupFiles';
import { foldForSearch } from '../../src/store/searchText';
import { chipField } from '../forms/fixtures';
import { foundIn, ftsCount, openReadOnly } from '../helpers/backupProbe';

const ERASED = { name: 'Lê Thị Xoá Bỏ', id: '001199012345' };
const KEPT = { name: 'Phạm Văn Còn Lại', id: '079088054321' };
const NEEDLES = [ERASED.name, foldForSearch(ERASED.name), ERASED.id];
const FTS_ID = `id_number:"${ERASED.id}"`;
const FTS_NAME = `search_name:"${foldForSearch(ERASED.name)}"`;

let dir: string;
let store: SqliteDossierStore | null = null;
const key = randomBytes(32);
const hexKey = key.toString('hex');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-erase-'));
});
afterEach(async () => {
  if (store) await backupWorkSettled(store.db.name);
  store?.close();
  store = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function citizen(p: { name: string; id: string }) {
  return [chipField('fullName', p.name), chipField('idNumber', p.id), chipField('placeOfResidence', 'Thôn 4, xã Tân Phú, tỉnh Đồng Nai')];
}

function allBackups(): string[] {
  return [...listBackups(path.join(dir, 'backups')), ...listBackups(path.join(dir, 'usb'))].map((b) => b.path);
}

async function seededStore(opts: { now?: () => Date; onBackupError?: (err: unknown) => void } = {}) {
  store = openStore({ path: path.join(dir, 'store.db'), key, backupDir: path.join(dir, 'backups'), ...opts });
  const erased = [
    store.createDossier({ formId: 'CT01', formVersion: '1', fields: citizen(ERASED), actor: 'kiosk' }),
    // A marriage-style dossier where the erased citizen is the second person.
    store.createDossier({
      formId: 'CT01',
      formVersion: '1',
      fields: [...citizen(KEPT), chipField('spouse.hoTen', ERASED.name), chipField('spouse.soDinhDanh', ERASED.id)],
      actor: 'kiosk',
    }),
  ];
  const kept = store.createDossier({ formId: 'CT01', formVersion: '1', fields: citizen(KEPT), actor: 'kiosk' });
  await store.backupNow();
  await store.backupNow();
  await store.backupNow(path.join(dir, 'usb'));
  return { store, erased, kept };
}

describe('erasure reaches the backups', () => {
  it('deleteCitizen: every backup (both folders) is rewritten without the citizen; other data stays', async () => {
    const { store, kept } = await seededStore();
    const backups = allBackups();
    expect(backups).toHaveLength(3);
    // The probe finds the citizen before the erasure: the search below can see what it looks for.
    for (const b of backups) {
      expect(foundIn(b, hexKey, NEEDLES)).toEqual(NEEDLES);
      expect(ftsCount(b, hexKey, FTS_ID)).toBe(1);
      expect(ftsCount(b, hexKey, FTS_NAME)).toBe(2);
    }

    // The store starts the pass itself; awaiting it is what the API does before it reports the erasure done.
    expect(store.deleteCitizen(ERASED.id, 'clerk1')).toBe(2);
    await backupWorkSettled(store.db.name);

    for (const b of allBackups()) {
      expect(foundIn(b, hexKey, NEEDLES), b).toEqual([]);
      // The search index forgot the citizen too (its terms are prefix-compressed, so bytes alone do not prove it).
      expect(ftsCount(b, hexKey, FTS_ID)).toBe(0);
      expect(ftsCount(b, hexKey, FTS_NAME)).toBe(0);
      expect(fs.statSync(b).mode & 0o777).toBe(0o600);
      // Still a complete, restorable backup of everyone else.
      const db = openReadOnly(b, hexKey);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db.prepare('SELECT id, status, full_name FROM dossiers ORDER BY seq').all() as { id: string; status: string; full_name: string | null }[];
      db.close();
      expect(rows.find((r) => r.id === kept.id)).toMatchObject({ status: 'draft', full_name: KEPT.name });
      expect(rows.filter((r) => r.status === 'purged')).toHaveLength(2);
      expect(foundIn(b, hexKey, [KEPT.name, KEPT.id])).toEqual([KEPT.name, KEPT.id]);
    }
    expect([...listPartials(path.join(dir, 'backups')), ...listPartials(path.join(dir, 'usb'))]).toEqual([]);

    // A second pass has nothing left to rewrite: backups are read, not copied again.
    const again = await eraseFromBackups(store.db.name, hexKey);
    expect(again).toEqual({ checked: 3, rewritten: [], failed: [] });
  });

  it('retention purge: purged dossiers leave every backup too', async () => {
    let now = new Date('2026-01-01T08:00:00Z');
    const { store, kept } = await seededStore({ now: () => now });
    now = new Date('2026-06-01T08:00:00Z');
    store.updateFields(kept.id, citizen(KEPT), 'clerk1'); // recent change: kept by the purge
    expect(store.purgeOlderThan(90, 'retention')).toBe(2);
    await backupWorkSettled(store.db.name);
    for (const b of allBackups()) {
      expect(foundIn(b, hexKey, NEEDLES), b).toEqual([]);
      expect(foundIn(b, hexKey, [KEPT.id])).toEqual([KEPT.id]);
    }
  });

  it('a USB folder that was unplugged during the erasure is cleaned by the next backup', async () => {
    const { store } = await seededStore();
    const usb = path.join(dir, 'usb');
    const unplugged = path.join(dir, 'usb-away');
    fs.renameSync(usb, unplugged);
    store.deleteCitizen(ERASED.id, 'clerk1');
    await backupWorkSettled(store.db.name);
    for (const b of listBackups(path.join(dir, 'backups'))) expect(foundIn(b.path, hexKey, NEEDLES)).toEqual([]);
    fs.renameSync(unplugged, usb);
    const [onUsb] = listBackups(usb);
    expect(foundIn(onUsb!.path, hexKey, NEEDLES)).toEqual(NEEDLES); // still there while it was away

    // The next backup (here into the store's own folder) applies the erasures to every known folder.
    await store.backupNow();
    for (const b of allBackups()) expect(foundIn(b, hexKey, NEEDLES), b).toEqual([]);
  });

  it('a backup that does not open with the key is reported, not touched, and does not stop the others', async () => {
    const errors: unknown[] = [];
    const { store } = await seededStore({ onBackupError: (e) => errors.push(e) });
    const foreign = path.join(dir, 'backups', 'store-backup-20200101T000000000Z.sqlite3');
    fs.writeFileSync(foreign, randomBytes(8192), { mode: 0o600 });
    const before = fs.readFileSync(foreign);
    store.deleteCitizen(ERASED.id, 'clerk1');
    await backupWorkSettled(store.db.name);
    expect(errors.map((e) => (e as Error).message)).toEqual(['Erasing from 1 backup(s) failed; retried at the next backup']);
    const report = await eraseFromBackups(store.db.name, hexKey);
    expect(report).toEqual({ checked: 3, rewritten: [], failed: [{ path: foreign, code: 'SQLITE_NOTADB' }] });
    expect(fs.readFileSync(foreign).equals(before)).toBe(true);
    for (const b of allBackups().filter((p) => p !== foreign)) expect(foundIn(b, hexKey, NEEDLES)).toEqual([]);
  });
});
