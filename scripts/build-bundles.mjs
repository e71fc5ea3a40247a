// Bundles the hosts into dist/: the Electron main + preload for electron-builder (package.json "main":
// dist/main/main.js), and the `motcua` CLI / browser host (dist/cli/motcua.js), which bin/motcua.mjs runs instead of
// the TypeScript sources when it is up to date: plain Node needs ~60 MB less memory than the tsx loader at run time.
// Native and asset-loading packages stay external: electron-builder ships them from node_modules, rebuilt for
// Electron's ABI on a machine with internet (research/environment.md §7). The sample cards of demo mode are copied
// next to the bundle, where src/sim/profile/samples.ts looks for them (../samples from the module).
import { build } from 'esbuild';
import fs from 'node:fs';

const external = [
  'electron',
  'smartcard',
  'better-sqlite3-multiple-ciphers',
  'pdfkit',
  '@cornerstonejs/codec-openjpeg',
  'dejavu-fonts-ttf',
];

/** An ESM bundle for Node/Electron main. ESM bundles have no require(); some CommonJS dependencies call it. */
const nodeEsm = (entry, outfile) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });

await nodeEsm('src/main/main.ts', 'dist/main/main.js');
await nodeEsm('src/cli/main.ts', 'dist/cli/motcua.js');
await build({
  entryPoints: ['src/preload/preload.ts'],
  outfile: 'dist/preload/preload.js',
  bundle: true,
  platform: 'node',
  // Sandboxed preloads are CommonJS and may only require('electron').
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});
fs.rmSync('dist/samples', { recursive: true, force: true });
fs.cpSync('src/sim/samples', 'dist/samples', { recursive: true });
console.log('built dist/main/main.js, dist/preload/preload.js, dist/cli/motcua.js, dist/samples/');
