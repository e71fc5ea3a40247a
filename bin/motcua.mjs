#!/usr/bin/env node
// Entry point for `npx motcua …` and the npm scripts. Runs the bundle dist/cli/motcua.js (built by `npm run build`,
// which scripts/setup.sh runs) when it is newer than every source file; otherwise the TypeScript sources through
// tsx, so a developer's edit is never shadowed by a stale bundle.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli', 'motcua.js');

function newestSourceMs(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSourceMs(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.MOTCUA_FROM_SOURCE === '1') return false;
  try {
    return fs.statSync(bundle).mtimeMs >= newestSourceMs(path.join(root, 'src'));
  } catch {
    return false;
  }
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(pathToFileURL(path.join(root, 'src', 'cli', 'main.ts')).href));
}
const code = await main(process.argv.slice(2));
process.exitCode = typeof code === 'number' ? code : 0;
