/**
 * Serves the built renderer (renderer/dist) read-only. Paths are resolved inside the root and anything escaping
 * it is a 404; unknown routes fall back to index.html (single-page app).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export interface StaticFile {
  body: Buffer;
  type: string;
}

export async function loadStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const abs = path.resolve(root, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
  if (abs !== root && !abs.startsWith(root + path.sep)) return null;
  const file = (await isFile(abs)) ? abs : path.extname(rel) === '' ? path.join(root, 'index.html') : null;
  if (!file || !(await isFile(file))) return null;
  return { body: await readFile(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}
