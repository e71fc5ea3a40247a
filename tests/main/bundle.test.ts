/** The Electron host bundles (what electron-builder packages): built here, checked for the sandbox's rules. */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('Electron bundles', () => {
  it('build, with a preload that requires nothing but electron and the demo cards beside main', () => {
    execFileSync(process.execPath, ['scripts/build-bundles.mjs'], { cwd: ROOT, stdio: 'pipe' });
    const preload = fs.readFileSync(path.join(ROOT, 'dist/preload/preload.js'), 'utf8');
    const requires = new Set([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    expect([...requires]).toEqual(['electron']);
    expect(preload).toContain('contextBridge');
    const main = fs.readFileSync(path.join(ROOT, 'dist/main/main.js'), 'utf8');
    expect(main).toMatch(/from "electron"|require\("electron"\)|import\("electron"\)/);
    expect(main).toContain('contextIsolation');
    // PDF rendering lives in the print worker beside each bundle, not in the main thread's bundle.
    for (const dir of ['dist/main', 'dist/cli']) {
      expect(fs.readFileSync(path.join(ROOT, dir, 'printWorker.js'), 'utf8')).toMatch(/from\s*"pdfkit"/);
      const host = fs.readFileSync(path.join(ROOT, dir, dir === 'dist/main' ? 'main.js' : 'motcua.js'), 'utf8');
      expect(host).not.toMatch(/pdfkit|qrcode/i);
      // One-byte source text: V8 would store a bundle with any non-ASCII character as a two-byte string.
      expect(/[^\t\n\r\x20-\x7e]/.test(host)).toBe(false);
    }
    expect(fs.readdirSync(path.join(ROOT, 'dist/samples')).filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
