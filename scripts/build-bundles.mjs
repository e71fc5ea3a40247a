// Bundles the hosts into dist/: the Electron main + preload for electron-builder (package.json "main":
// dist/main/main.js), and the `motcua` CLI / browser host (dist/cli/motcua.js), which bin/motcua.mjs runs instead of
// the TypeScript sources when it is up to date: plain Node needs ~60 MB less memory than the tsx loader at run time.
// Each Node bundle has its print worker beside it (printWorker.js, src/print/printWorker.ts says why).
// Native and asset-loading packages stay external: electron-builder ships them from node_modules, rebuilt for
// Electron's ABI on a machine with internet (research/environment.md §7). The sample cards of demo mode are copied
// next to the bundle, where src/sim/profile/samples.ts looks for them (../samples from the module).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const external = [
  'electron',
  'smartcard',
  'better-sqlite3-multiple-ciphers',
  'pdfkit',
  '@cornerstonejs/codec-openjpeg',
  'dejavu-fonts-ttf',
];

/**
 * esbuild's ascii charset leaves regular-expression literals as written (/[đĐ]/ in src/forms/text.ts …); escape what
 * is left so the whole source stays a one-byte string. \uXXXX means the same code unit in a string, a template
 * and a regex with or without the u flag; a character outside the BMP would need the u flag, so it stops the build.
 */
function asciiOnly(file, text) {
  return text.replace(/[^\t\n\r\x20-\x7e]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) throw new Error(`${file}: non-BMP character left by esbuild`);
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Write through a temporary file and rename, so a process starting meanwhile never loads half a bundle. */
function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

/** An ESM bundle for Node/Electron main. ESM bundles have no require(); some CommonJS dependencies call it. */
async function nodeEsm(entry, outfile) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    // V8 keeps a module's whole source text in the heap (lazy compilation, Function.prototype.toString), and one
    // non-ASCII character in a comment makes it a two-byte string: 3.3 MB of source became 6.4 MB of heap. Stripping
    // whitespace and comments (names kept for readable stack traces in logs) leaves ~2.5 MB of ASCII.
    minifyWhitespace: true,
    minifySyntax: true,
    keepNames: true,
    charset: 'ascii',
    legalComments: 'external',
    write: false,
    logLevel: 'warning',
  });
  for (const f of result.outputFiles) writeAtomic(f.path, f.path.endsWith('.js') ? asciiOnly(f.path, f.text) : f.text);
}

await nodeEsm('src/print/worker.ts', 'dist/cli/printWorker.js');
fs.mkdirSync('dist/main', { recursive: true });
fs.copyFileSync('dist/cli/printWorker.js', 'dist/main/printWorker.js');
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
console.log('built dist/main/{main,printWorker}.js, dist/preload/preload.js, dist/cli/{motcua,printWorker}.js, dist/samples/');
