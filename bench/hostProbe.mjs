// The production browser host from the built bundle (dist/cli/motcua.js), in a plain node process, with a memory
// probe for bench/sync.bench.ts: each "mem" line on stdin runs a full GC (three passes, a tick apart, so weak
// references and finalizers settle) and prints one line `MEM {"rss":…,"heapUsed":…,…}`. Everything else on stdin is
// passed to the host unchanged (the "launch" lines of `motcua serve`). Run it with the host's own flags
// (package.json "serve") plus --expose-gc:
//   node --max-semi-space-size=1 --v8-pool-size=1 --expose-gc bench/hostProbe.mjs serve --no-open --port 0 --data <dir>
// The bundle is imported as is, never rebuilt here: `npm run build:bundles` makes it.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'cli', 'motcua.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write('dist/cli/motcua.js is missing: run `npm run build:bundles` first\n');
  process.exit(2);
}
if (typeof globalThis.gc !== 'function') {
  process.stderr.write('run with --expose-gc\n');
  process.exit(2);
}

const tick = () => sleep(50);
let buf = '';
process.stdin.on('data', async (d) => {
  buf += d.toString();
  let nl;
  while ((nl = buf.indexOf('\n')) >= 0) {
    const line = buf.slice(0, nl).trim();
    buf = buf.slice(nl + 1);
    if (line !== 'mem') continue;
    for (let i = 0; i < 3; i++) {
      globalThis.gc();
      await tick();
    }
    const m = process.memoryUsage();
    process.stdout.write(`MEM ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers })}\n`);
  }
});

const { main } = await import(pathToFileURL(bundle).href);
const code = await main(process.argv.slice(2));
process.exit(typeof code === 'number' ? code : 0);
