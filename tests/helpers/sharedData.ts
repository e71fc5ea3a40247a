/** The read-only reference folder beside the repository (<repo>/../shared): tests read its research and data as they are. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

export const SHARED = path.resolve(repoRoot(), '..', 'shared');
export const SHARED_DATA = path.join(SHARED, 'data');

export function sharedFile(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SHARED_DATA, ...parts)));
}

export const bsi = (name: string): Uint8Array => sharedFile('icao', 'bsi2008', name);
