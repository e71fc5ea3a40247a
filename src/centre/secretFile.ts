/**
 * Secret JSON files of the centre link (a device's credentials and keyring; the administrator's centre keyring),
 * kept like the store key file: mode 0600, owner only, refused when group/other can read them (the rule OpenSSH
 * applies to private keys). Written to a temp file, fsynced, then renamed, so a crash leaves the old or the new file;
 * the folder is fsynced after the rename, as the store does for its key file: until the folder's entry reaches the
 * disk, a power loss can bring back the old file (or none) after the device already used the new credentials.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fsyncPath } from '../store/fileSafety';

export function writeSecretJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(value, null, 1) + '\n');
    fs.fchmodSync(fd, 0o600);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncPath(path.dirname(file));
}

export function readSecretJson<T>(file: string): T | null {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null;
  }
  if (process.platform !== 'win32') {
    if ((st.mode & 0o077) !== 0) {
      throw new Error(`${path.basename(file)} is accessible by group/other (mode ${(st.mode & 0o777).toString(8)}); refusing to use it. Run: chmod 600 ${file}`);
    }
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) throw new Error(`${path.basename(file)} belongs to another user; refusing to use it`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}
