import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileKeyProvider, KEY_FILE_NAME, loadOrCreateKeyFile } from '../../src/store/keyFile';
import { StoreError } from '../../src/store/types';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-key-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('key file', () => {
  it('creates a 0600 file with 32 random bytes as hex on first run, then returns the same key', async () => {
    const provider = fileKeyProvider(path.join(dir, 'data'));
    const k1 = await provider.getKey();
    const file = path.join(dir, 'data', KEY_FILE_NAME);
    expect(k1.length).toBe(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8').trim()).toBe(k1.toString('hex'));
    expect((await provider.getKey()).equals(k1)).toBe(true);
    const other = await fileKeyProvider(path.join(dir, 'other')).getKey();
    expect(other.equals(k1)).toBe(false);
  });

  it('refuses a key file readable by group or other', () => {
    const file = path.join(dir, KEY_FILE_NAME);
    loadOrCreateKeyFile(file);
    for (const mode of [0o640, 0o604, 0o660, 0o644]) {
      fs.chmodSync(file, mode);
      let err: unknown;
      try {
        loadOrCreateKeyFile(file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(StoreError);
      expect((err as Error).message).toMatch(/group\/other/);
    }
    fs.chmodSync(file, 0o600);
    expect(loadOrCreateKeyFile(file).length).toBe(32);
  });

  it('refuses a malformed key file', () => {
    const file = path.join(dir, KEY_FILE_NAME);
    fs.writeFileSync(file, 'not-hex\n', { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(file)).toThrow(/malformed/);
  });
});
