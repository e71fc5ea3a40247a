/**
 * Where the store key comes from. The host supplies it through `KeyProvider`: the Electron host wraps it with
 * safeStorage (another module), the browser host and the CLI use a key file in the data folder.
 *
 * The key file holds 32 random bytes as hex, is created on first run with mode 0600 (owner only) and is refused
 * when group/other can read or write it — the same rule OpenSSH applies to private keys.
 *
 * It is written atomically: a temporary file (0600) is written and fsynced, then hard-linked to `store.key` —
 * link(2), unlike rename(2), fails when the name exists, so two first starts at once never replace each other's
 * key — and the folder is fsynced. A failed first write (disk full, `ulimit -f`, power loss) therefore leaves no
 * `store.key` at all, only a temporary file that the next start removes. An empty or truncated `store.key` written
 * by an older version is replaced only when no data encrypted with it can exist yet (no database and no backups
 * in the folder); otherwise the start stops and says what is wrong, since a new key would lock that data out.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StoreError } from './types';
import { fsyncPath, processIsAlive } from './fileSafety';

export interface KeyProvider {
  getKey(): Promise<Buffer>;
}

export const KEY_FILE_NAME = 'store.key';
const KEY_BYTES = 32;
const KEY_HEX = KEY_BYTES * 2;
/** Files next to the key that are (or hold) data encrypted with it. */
const DATA_FILE_RE = /\.(db|sqlite|sqlite3)$/;

export interface KeyFileOptions {
  /** Data encrypted with this key (default: any .db/.sqlite/.sqlite3 file beside the key, and `backups/`). */
  dataFiles?: string[];
}

function malformed(detail: string): StoreError {
  return new StoreError('IO', `The key file is malformed: ${detail}`);
}

function checkPermissions(file: string): fs.Stats {
  const st = fs.statSync(file);
  if (!st.isFile()) throw new StoreError('IO', 'The key file path is not a regular file');
  if (process.platform === 'win32') return st; // POSIX mode bits mean nothing on NTFS; the folder ACL protects it.
  if ((st.mode & 0o077) !== 0) {
    throw new StoreError(
      'IO',
      `The key file is accessible by group/other (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); refusing to use it. Run: chmod 600 <key file>`,
    );
  }
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) {
    throw new StoreError('IO', 'The key file belongs to another user; refusing to use it');
  }
  return st;
}

function writeFully(fd: number, data: Buffer): void {
  for (let off = 0; off < data.length; ) off += fs.writeSync(fd, data, off, data.length - off);
}

function writeFailed(err: unknown): StoreError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') {
    return new StoreError('DISK_FULL', `Could not create the key file: the disk is full (${code}); nothing was written. Free some space and start again.`);
  }
  return new StoreError('IO', `Could not create the key file (${code}); nothing was written`);
}

/**
 * Writes a new key to `file` unless it exists. Returns the key, or null when another process created the file
 * first (then read theirs).
 */
function createKeyFile(file: string): Buffer | null {
  const key = randomBytes(KEY_BYTES);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w', 0o600);
    try {
      fs.fchmodSync(fd, 0o600); // the umask may have dropped bits, never added: this is belt and braces.
      writeFully(fd, Buffer.from(`${key.toString('hex')}\n`, 'latin1'));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw writeFailed(err);
  }
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      fs.rmSync(tmp, { force: true });
      return null;
    }
    // No hard links here (e.g. FAT): rename, after checking nobody created it meanwhile.
    if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') && !fs.existsSync(file)) {
      fs.renameSync(tmp, file);
    } else {
      fs.rmSync(tmp, { force: true });
      throw writeFailed(err);
    }
  }
  fs.rmSync(tmp, { force: true });
  fsyncPath(path.dirname(file));
  return key;
}

/** Temporary key files of processes that died mid-write (they never became the key). */
function removeStaleTemps(file: string): void {
  const dir = path.dirname(file);
  const prefix = `${path.basename(file)}.`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)\.(tmp|broken)$/.exec(name.slice(prefix.length));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid !== process.pid && !processIsAlive(pid)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Existing files encrypted with the key in `file` (the store and its backups). */
function dataEncryptedWith(file: string, opts: KeyFileOptions): string[] {
  const nonEmpty = (p: string) => {
    try {
      return fs.statSync(p).size > 0;
    } catch {
      return false;
    }
  };
  if (opts.dataFiles) return opts.dataFiles.filter(nonEmpty);
  const dir = path.dirname(file);
  const list = (d: string) => {
    try {
      return fs.readdirSync(d).filter((n) => DATA_FILE_RE.test(n)).map((n) => path.join(d, n));
    } catch {
      return [];
    }
  };
  return [...list(dir), ...list(path.join(dir, 'backups'))].filter(nonEmpty);
}

/**
 * An empty or truncated key (only hex digits, fewer than 64): what an interrupted write of ours leaves. Anything
 * else is not ours to overwrite.
 */
function isInterruptedWrite(text: string): boolean {
  const t = text.trim();
  return /^[0-9a-fA-F]*$/.test(t) && t.length < KEY_HEX;
}

/** Moves the broken key aside and creates a new one; undoes the move if another process replaced it meanwhile. */
function replaceInterruptedKey(file: string, brokenIno: number, opts: KeyFileOptions): Buffer {
  const aside = `${file}.${process.pid}.broken`;
  fs.renameSync(file, aside);
  if (fs.statSync(aside).ino !== brokenIno) {
    // Another starting process already replaced it: put theirs back and use it.
    try {
      fs.linkSync(aside, file);
    } catch {
      // They (or a third process) already have a key in place.
    }
    fs.rmSync(aside, { force: true });
    return loadOrCreateKeyFile(file, opts);
  }
  fs.rmSync(aside, { force: true });
  return createKeyFile(file) ?? loadOrCreateKeyFile(file, opts);
}

function parseKeyText(text: string): Buffer {
  const hex = text.trim().toLowerCase();
  if (!/^[0-9a-f]*$/.test(hex)) throw malformed(`expected ${KEY_HEX} hex digits, found other characters`);
  if (hex.length !== KEY_HEX) throw malformed(`expected ${KEY_HEX} hex digits, found ${hex.length}`);
  return Buffer.from(hex, 'hex');
}

/** Reads the key file, creating it (0600, atomically) when missing. */
export function loadOrCreateKeyFile(file: string, opts: KeyFileOptions = {}): Buffer {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  removeStaleTemps(file);
  if (!fs.existsSync(file)) {
    const created = createKeyFile(file);
    if (created) return created;
    // Another process created it meanwhile: fall through and read theirs.
  }
  const st = checkPermissions(file);
  const text = fs.readFileSync(file, 'latin1');
  if (!isInterruptedWrite(text)) return parseKeyText(text);
  const data = dataEncryptedWith(file, opts);
  if (data.length === 0) return replaceInterruptedKey(file, st.ino, opts);
  throw new StoreError(
    'IO',
    `The key file is malformed: it is ${text.trim() === '' ? 'empty' : `incomplete (${text.trim().length} of ${KEY_HEX} hex digits)`}, ` +
      `probably from a write that failed (disk full?), and data encrypted with the lost key exists (${data.map((p) => path.basename(p)).join(', ')}). ` +
      'Nothing was changed. Put back a copy of the key file, or restore the data folder from a backup of both the key and the data.',
  );
}

/** KeyProvider for the browser host and the CLI: `<dataDir>/store.key`. */
export function fileKeyProvider(dataDir: string, fileName: string = KEY_FILE_NAME): KeyProvider {
  const file = path.join(dataDir, fileName);
  return { getKey: async () => loadOrCreateKeyFile(file) };
}
