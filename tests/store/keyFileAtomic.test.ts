/**
 * The key file survives a failed first write: a real first start killed by `ulimit -f 0` (SIGXFSZ on the first
 * byte written), a real full disk (a tmpfs mounted for the test, as root like CI), and the empty `store.key`
 * that older versions left behind.
 */
import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { KEY_FILE_NAME, loadOrCreateKeyFile } from '../../src/store/keyFile';
import { openDatabase } from '../../src/store/db';
import { StoreError } from '../../src/store/types';
import { fillDisk, mountTmpfs, type Tmpfs } from '../helpers/tmpfs';

const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'tests/helpers/keyChild.ts');

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-keyatomic-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * One start in a child process; with `ulimit -f 0` the kernel refuses the first byte written to any file (Node
 * ignores SIGXFSZ, so the write fails with EFBIG — what a full disk or quota looks like to the key file code).
 */
function start(dataDir: string, fileSizeLimit?: number) {
  const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(CHILD)} ${JSON.stringify(dataDir)}`;
  const script = fileSizeLimit === undefined ? `exec ${node}` : `ulimit -f ${fileSizeLimit}; exec ${node}`;
  const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

const keyText = (data: string) => fs.readFileSync(path.join(data, KEY_FILE_NAME), 'utf8');

describe('key file writes', () => {
  it('a first start that cannot write the key (ulimit -f 0) leaves no key file; the next start creates one and keeps it', () => {
    // Warm tsx's transform cache first, so the limited run dies on the key write and not on a cache file.
    expect(start(path.join(dir, 'warm')).status).toBe(0);

    const data = path.join(dir, 'data');
    const refused = start(data, 0);
    expect(refused.stderr).toContain('loading key');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Could not create the key file: the disk is full \(EFBIG\); nothing was written/);
    // The write failed before the key existed: no empty store.key, which would fail every later start.
    expect(fs.readdirSync(data)).toEqual([]);

    const first = start(data);
    expect(first.stderr).not.toContain('error');
    expect(first.status).toBe(0);
    expect(keyText(data)).toMatch(/^[0-9a-f]{64}\n$/);
    expect(fs.statSync(path.join(data, KEY_FILE_NAME)).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(data).filter((n) => n.startsWith(`${KEY_FILE_NAME}.`))).toEqual([]);
    const again = start(data);
    expect(again.status).toBe(0);
    expect(again.stdout).toBe(first.stdout); // the same key: the store created by the first start opens
  }, 120_000); // four child processes, each starting tsx

  it('replaces an empty or truncated key file when no data encrypted with it exists yet', () => {
    for (const leftover of ['', '\n', '3fa9c0']) {
      const file = path.join(dir, `d${leftover.length}`, KEY_FILE_NAME);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, leftover, { mode: 0o600 });
      const key = loadOrCreateKeyFile(file);
      expect(key).toHaveLength(32);
      expect(fs.readFileSync(file, 'utf8')).toBe(`${key.toString('hex')}\n`);
      expect(loadOrCreateKeyFile(file).equals(key)).toBe(true);
    }
    // A start killed between creating its temporary key and linking it (power loss) leaves only that file.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const data = path.join(dir, 'killed');
    fs.mkdirSync(data);
    fs.writeFileSync(path.join(data, `${KEY_FILE_NAME}.${dead}.tmp`), '3fa9', { mode: 0o600 });
    loadOrCreateKeyFile(path.join(data, KEY_FILE_NAME));
    expect(fs.readdirSync(data)).toEqual([KEY_FILE_NAME]);
  });

  it('refuses an empty key beside an existing database or backup, says why, and changes nothing', () => {
    const file = path.join(dir, KEY_FILE_NAME);
    const db = openDatabase({ path: path.join(dir, 'motcua.db'), key: 'ab'.repeat(32) });
    db.close();
    const before = fs.readFileSync(path.join(dir, 'motcua.db'));
    fs.writeFileSync(file, '', { mode: 0o600 });
    const err = storeError(() => loadOrCreateKeyFile(file));
    expect(err.message).toMatch(/key file is malformed: it is empty.*failed.*motcua\.db.*Nothing was changed/);
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    expect(fs.readFileSync(path.join(dir, 'motcua.db')).equals(before)).toBe(true);

    // Only a backup left (the database was deleted): the backup is still data under the lost key.
    const other = path.join(dir, 'other');
    fs.mkdirSync(path.join(other, 'backups'), { recursive: true });
    fs.copyFileSync(path.join(dir, 'motcua.db'), path.join(other, 'backups', 'motcua-backup-20261126T100000000Z.sqlite3'));
    fs.writeFileSync(path.join(other, KEY_FILE_NAME), '3fa9', { mode: 0o600 });
    expect(storeError(() => loadOrCreateKeyFile(path.join(other, KEY_FILE_NAME))).message).toMatch(/incomplete \(4 of 64 hex digits\).*motcua-backup-/);
    // Text that is not an interrupted key is never overwritten.
    fs.writeFileSync(path.join(dir, 'k2'), 'not a key at all\n', { mode: 0o600 });
    expect(storeError(() => loadOrCreateKeyFile(path.join(dir, 'k2'))).message).toMatch(/malformed: expected 64 hex digits, found other characters/);
  });
});

describe('key file on a full disk (a real 64 KiB tmpfs)', () => {
  let disk: Tmpfs;
  beforeAll(() => {
    disk = mountTmpfs('64k');
  });
  afterAll(() => disk?.unmount());

  it('fails with DISK_FULL leaving no key file, and works once space is freed', () => {
    const mnt = disk.dir;
    const filler = fillDisk(mnt);
    const file = path.join(mnt, KEY_FILE_NAME);
    const err = storeError(() => loadOrCreateKeyFile(file));
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toMatch(/disk is full \(ENOSPC\); nothing was written/);
    expect(fs.readdirSync(mnt)).toEqual(['filler.bin']);

    fs.rmSync(filler);
    const key = loadOrCreateKeyFile(file);
    expect(fs.readFileSync(file, 'utf8')).toBe(`${key.toString('hex')}\n`);
  });
});
