/** Where the app keeps its data: one folder for the store, its key file, backups and the trust store. */
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MOTCUA_DATA) return env.MOTCUA_DATA;
  if (env.MOTCUA_DATA_DIR) return env.MOTCUA_DATA_DIR;
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'motcua');
}
