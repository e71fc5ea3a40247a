/**
 * Trust anchors for Passive Authentication: the given files/folders (PEM/DER certificates, ICAO master lists,
 * CRLs), else the fallback folder when it exists (the app's `<data dir>/trust`, which the caller knows).
 */
import fs from 'node:fs';
import { TrustStore } from '../pa/trustStore';

export async function loadTrust(paths: string[], fallbackDir?: string): Promise<TrustStore> {
  const store = new TrustStore();
  const sources = paths.length > 0 ? paths : fallbackDir !== undefined && fs.existsSync(fallbackDir) ? [fallbackDir] : [];
  for (const p of sources) {
    if (!fs.existsSync(p)) throw new Error(`trust source not found: ${p}`);
    await store.importPath(p);
  }
  return store;
}
