/**
 * Where the store key comes from (issue #4 §1). The host supplies it through `KeyProvider`: the Electron host
 * wraps it with safeStorage (another module), the browser host and the CLI use a key file in the data folder.
 *
 * The key file holds 32 random bytes as hex, is created on first run with mode 0600 (owner only) and is refused
 * when group/other can read or write it — the same rule OpenSSH applies to private keys.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StoreError } from './types';

export interface KeyProvider {
  getKey(): Promise<Buffer>;
}

export const KEY_FILE_NAME = 'store.key';
const KEY_BYTES = 32;

function parseKeyText(text: string): Buffer {
  const hex = text.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length !== KEY_BYTES * 2) {
    throw new StoreError('IO', `The key file is malformed: expected ${KEY_BYTES * 2} hex digits`);
  }
  return Buffer.from(hex, 'hex');
}

function checkPermissions(file: string): void {
  if (process.platform === 'win32') return; // POSIX mode bits mean nothing on NTFS; the folder ACL protects it.
  const st = fs.statSync(file);
  if (!st.isFile()) throw new StoreError('IO', 'The key file path is not a regular file');
  if ((st.mode & 0o077) !== 0) {
    throw new StoreError(
      'IO',
      `The key file is accessible by group/other (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); refusing to use it. Run: chmod 600 <key file>`,
    );
  }
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    throw new StoreError('IO', 'The key file belongs to another user; refusing to use it');
  }
}

/** Reads the key file, creating it (0600, exclusive create) when missing. */
export function loadOrCreateKeyFile(file: string): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    const key = randomBytes(KEY_BYTES);
    let fd: number;
    try {
      // 'wx': fail if another process created it meanwhile; then fall through and read theirs.
      fd = fs.openSync(file, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return loadOrCreateKeyFile(file);
    }
    try {
      fs.writeSync(fd, `${key.toString('hex')}\n`);
      fs.fchmodSync(fd, 0o600); // the umask may have dropped bits, never added: this is belt and braces.
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return key;
  }
  checkPermissions(file);
  return parseKeyText(fs.readFileSync(file, 'utf8'));
}

/** KeyProvider for the browser host and the CLI: `<dataDir>/store.key`. */
export function fileKeyProvider(dataDir: string, fileName: string = KEY_FILE_NAME): KeyProvider {
  const file = path.join(dataDir, fileName);
  return { getKey: async () => loadOrCreateKeyFile(file) };
}
