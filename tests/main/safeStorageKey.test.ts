import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { safeStorageKeyProvider, SAFE_KEY_FILE } from '../../src/main/safeStorageKey';
import { fakeElectron } from './fakeElectron';

describe('safeStorage key provider', () => {
  it('creates a 32-byte key once, stores it only encrypted, returns the same key later', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-ss-'));
    const { e } = fakeElectron();
    const k1 = await safeStorageKeyProvider(e.safeStorage, dir, 'linux').getKey();
    const k2 = await safeStorageKeyProvider(e.safeStorage, dir, 'linux').getKey();
    expect(k1.length).toBe(32);
    expect(k2.equals(k1)).toBe(true);
    expect(readFileSync(path.join(dir, SAFE_KEY_FILE)).toString()).not.toContain(k1.toString('hex'));
  });

  it('falls back to the 0600 key file where safeStorage only obfuscates', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-ss-'));
    const { e } = fakeElectron();
    const weak = { ...e.safeStorage, getSelectedStorageBackend: () => 'basic_text' };
    const k = await safeStorageKeyProvider(weak, dir, 'linux').getKey();
    expect(k.length).toBe(32);
    expect(existsSync(path.join(dir, SAFE_KEY_FILE))).toBe(false);
    expect(existsSync(path.join(dir, 'store.key'))).toBe(true);
  });
});
