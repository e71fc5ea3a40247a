/**
 * Trust anchors for Passive Authentication: `--trust` files/folders (PEM/DER certificates, ICAO master lists, CRLs),
 * else the app's configured trust store folder (`<data dir>/trust`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { TrustStore } from '../pa/trustStore';
import { defaultDataDir } from '../../services/paths';

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
