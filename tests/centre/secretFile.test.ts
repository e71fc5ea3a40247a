/**
 * The centre's secret files (a device's link, the administrator's keyring): 0600, refused when others can read them,
 * and durable in the right order — the temp file's data is synced before the rename, and the folder after it, so
 * that after a power loss the folder names the new file (not the old one, and never a half-written one).
 */
import { afterEach, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSecretJson, writeSecretJson } from '../../src/centre/secretFile';

afterEach(() => vi.restoreAllMocks());

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-secret-'));
}

it('writes 0600 through a temp file, fsyncs the file before the rename and the folder after it', () => {
  const dir = path.join(tempDir(), 'link');
  const file = path.join(dir, 'centre-link.json');
  writeSecretJson(file, { first: true }); // creates the folder (0700)
  const events: string[] = [];
  const pathOfFd = new Map<number, string>();
  const open = fs.openSync.bind(fs);
  vi.spyOn(fs, 'openSync').mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
    const fd = (open as (...a: unknown[]) => number)(p, ...rest);
    pathOfFd.set(fd, String(p));
    return fd;
  }) as typeof fs.openSync);
  const fsync = fs.fsyncSync.bind(fs);
  vi.spyOn(fs, 'fsyncSync').mockImplementation((fd: number) => {
    const p = pathOfFd.get(fd) ?? '?';
    events.push(`fsync ${p === dir ? 'folder' : p.endsWith('.tmp') ? 'temp' : p}`);
    fsync(fd);
  });
  const rename = fs.renameSync.bind(fs);
  vi.spyOn(fs, 'renameSync').mockImplementation((a: fs.PathLike, b: fs.PathLike) => {
    events.push(`rename ${path.basename(String(b))}`);
    rename(a, b);
  });

  writeSecretJson(file, { second: true });

  expect(events).toEqual(['fsync temp', 'rename centre-link.json', 'fsync folder']);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  expect(fs.readdirSync(dir)).toEqual(['centre-link.json']); // no temp file left
  expect(readSecretJson(file)).toEqual({ second: true });
});

it('refuses a secret file that group or other can read, and reads a missing one as null', () => {
  const file = path.join(tempDir(), 'k.keys.json');
  expect(readSecretJson(file)).toBeNull();
  writeSecretJson(file, { keys: { '1': 'x' } });
  fs.chmodSync(file, 0o644);
  expect(() => readSecretJson(file)).toThrow(/accessible by group\/other \(mode 644\).*chmod 600/);
});
