/**
 * Backup files hold personal data: owner-only whatever the umask, and no half-written copy left behind by a
 * process that died mid-backup.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../src/store/db';
import { createBackup, createBackupInBackground } from '../../src/store/backup';
import { knownBackupDirs, listPartials, removeStalePartials } from '../../src/store/backupFiles';

let dir: string;
let umask: number;
const key = randomBytes(32);
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bfiles-'));
  umask = process.umask(0o022); // the usual default: files 0644, folders 0755 unless the code says otherwise
});
afterEach(() => {
  process.umask(umask);
  fs.rmSync(dir, { recursive: true, force: true });
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** The pid of a process that has exited (its partials are stale). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('backup files', () => {
  it('are 0600 in 0700 folders at umask 022 (new folders, nested folders, and an existing 0755 folder)', async () => {
    const db = openDatabase({ path: path.join(dir, 'store.db'), key });
    const nested = path.join(dir, 'usb', 'motcua', 'backups');
    const a = createBackup(db, nested);
    const existing = path.join(dir, 'existing');
    fs.mkdirSync(existing, { mode: 0o755 });
    expect(mode(existing)).toBe(0o755);
    db.close();
    const b = await createBackupInBackground(path.join(dir, 'store.db'), key.toString('hex'), existing);
    expect(mode(a)).toBe(0o600);
    expect(mode(b)).toBe(0o600);
    expect(mode(nested)).toBe(0o700);
    expect(mode(path.join(dir, 'usb'))).toBe(0o700);
    expect(mode(existing)).toBe(0o700);
    // The list of folders the store backed up to (so erasures reach them) is owner-only too.
    expect(knownBackupDirs(path.join(dir, 'store.db')).sort()).toEqual([existing, nested].sort());
    expect(mode(`${path.join(dir, 'store.db')}.backup-dirs.json`)).toBe(0o600);
  });

  it('removes the partials of dead processes (and of old versions) before the next backup, never a live one', async () => {
    const db = openDatabase({ path: path.join(dir, 'store.db'), key });
    const backups = path.join(dir, 'b');
    fs.mkdirSync(backups);
    const dead = path.join(backups, `store-backup-20261126T100000000Z.sqlite3.${deadPid()}.partial`);
    const legacy = path.join(backups, 'store-backup-20261126T090000000Z.sqlite3.partial');
    // pid 1 is alive (init): another process's backup in progress.
    const live = path.join(backups, 'store-backup-20261126T110000000Z.sqlite3.1.partial');
    for (const f of [dead, legacy, live]) fs.writeFileSync(f, 'half a backup');
    const unrelated = path.join(backups, 'notes.partial');
    fs.writeFileSync(unrelated, 'not ours');

    createBackup(db, backups);
    db.close();
    expect(listPartials(backups)).toEqual([live]);
    expect(fs.existsSync(unrelated)).toBe(true);

    // A live process's partial a day old is abandoned (e.g. a USB disk brought from another machine).
    expect(removeStalePartials(backups, Date.now() + 25 * 3600_000)).toEqual([live]);
  });

  it('a failed backup (here: a key that does not open the store) leaves no partial', async () => {
    const backups = path.join(dir, 'b');
    openDatabase({ path: path.join(dir, 'store.db'), key }).close();
    await expect(createBackupInBackground(path.join(dir, 'store.db'), 'ab'.repeat(32), backups)).rejects.toMatchObject({ code: 'SQLITE_NOTADB' });
    expect(fs.readdirSync(backups)).toEqual([]);
  });
});
