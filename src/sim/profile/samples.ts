/** The bundled SYNTHETIC sample cards (src/sim/samples/*.json) and their built profiles. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildProfile, type BuildOptions } from './build';
import { loadIdentityFile, type Identity } from './identity';
import type { SimProfile } from './types';

export const SAMPLES_DIR = fileURLToPath(new URL('../samples/', import.meta.url));

/** Sample identity files, sorted (cccd-1-…, cccd-2-…, …). */
export function sampleFiles(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(SAMPLES_DIR, f));
}

export function sampleIdentities(): Identity[] {
  return sampleFiles().map((f) => loadIdentityFile(f).identity);
}

const profileCache = new Map<string, SimProfile>();

/** Profile of sample `index` (0-based), built once per process and options. */
export function sampleProfile(index: number, opts: Omit<BuildOptions, 'baseDir'> = {}): SimProfile {
  const files = sampleFiles();
  const file = files[index];
  if (!file) throw new RangeError(`sampleProfile: no sample #${index} (there are ${files.length})`);
  const key = `${file}|${opts.seed ?? ''}|${opts.keyDir ?? ''}|${opts.label ?? ''}`;
  const hit = profileCache.get(key);
  if (hit) return hit;
  const { identity, baseDir } = loadIdentityFile(file);
  const profile = buildProfile(identity, { ...opts, baseDir });
  profileCache.set(key, profile);
  return profile;
}
