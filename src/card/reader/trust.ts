/**
 * Trust anchors for Passive Authentication: `--trust` files/folders (PEM/DER certificates, ICAO master lists, CRLs),
 * else the app's configured trust store folder (`<data dir>/trust`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TrustStore } from '../pa/trustStore';

export function defaultDataDir(): string {
  return process.env.MOTCUA_DATA_DIR ?? path.join(os.homedir(), '.local', 'share', 'motcua');
}

export function defaultTrustDir(): string {
  return path.join(defaultDataDir(), 'trust');
}

export async function loadTrust(paths: string[], fallbackDir = defaultTrustDir()): Promise<TrustStore> {
  const store = new TrustStore();
  const sources = paths.length > 0 ? paths : fs.existsSync(fallbackDir) ? [fallbackDir] : [];
  for (const p of sources) {
    if (!fs.existsSync(p)) throw new Error(`trust source not found: ${p}`);
    await store.importPath(p);
  }
  return store;
}
