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
    expect(fs.readdirSync(path.join(ROOT, 'dist/samples')).filter((f) => f.endsWith('.json')).length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});
