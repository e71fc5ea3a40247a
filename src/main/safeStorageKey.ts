/**
 * Store key provider for the Electron host: the 32-byte SQLite key is kept encrypted with the OS keyring through
 * safeStorage (DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux). Where safeStorage would only
 * obfuscate (Linux "basic_text" backend, no keyring) it falls back to the 0600 key file, which is no weaker.
 */
import type * as Electron from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileKeyProvider, type KeyProvider } from '../store/keyFile';

export const SAFE_KEY_FILE = 'store.key.enc';

type SafeStorageLike = Pick<Electron.SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export function safeStorageKeyProvider(safeStorage: SafeStorageLike, dataDir: string, platform: NodeJS.Platform = process.platform): KeyProvider {
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text';
  if (!safeStorage.isEncryptionAvailable() || weak) return fileKeyProvider(dataDir);
  const file = path.join(dataDir, SAFE_KEY_FILE);
  return {
    async getKey(): Promise<Buffer> {
      if (!fs.existsSync(file)) {
        const key = randomBytes(32);
        fs.writeFileSync(file, safeStorage.encryptString(key.toString('hex')), { mode: 0o600, flag: 'wx' });
        return key;
      }
      const hex = safeStorage.decryptString(fs.readFileSync(file));
      if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${SAFE_KEY_FILE} does not hold a 32-byte key`);
      return Buffer.from(hex, 'hex');
    },
  };
}
