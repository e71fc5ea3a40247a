/** Small file-system helpers for durable, crash-safe writes of the store's own files (key file, backups). */
import fs from 'node:fs';

/** fsync a file or folder by path, so a rename or a new file survives power loss. */
export function fsyncPath(p: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(p, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Directory fsync is not supported everywhere (e.g. some USB file systems); the file itself was synced.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** True while process `pid` exists (also another user's): its temporary files are still in use. */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
