/**
 * The hall display's announcement clips, served by both hosts under /announce/<clip id>.wav from dist/announce
 * (built by scripts/build-announcement-clips.mjs; a centre may put its own recordings there under the same names).
 * Only names shaped like a clip id are looked up: no path, no dot segment, nothing but `.wav`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const ANNOUNCE_PREFIX = '/announce/';
/** Clip ids are lowercase words joined by hyphens (src/queue/announcement.ts). */
const CLIP_FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*\.wav$/;

/** The clip a URL path names, or null (not a clip path, a bad name, or no such file). */
export async function loadAnnounceClip(dir: string, urlPath: string): Promise<Buffer | null> {
  if (!urlPath.startsWith(ANNOUNCE_PREFIX)) return null;
  const name = urlPath.slice(ANNOUNCE_PREFIX.length);
  if (!CLIP_FILE.test(name)) return null;
  try {
    return await readFile(path.join(dir, name));
  } catch {
    return null;
  }
}
