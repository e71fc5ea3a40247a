/**
 * `npm run bench:sync`: the centre sync on a throwaway PostgreSQL 15 cluster on this machine (TLS on).
 * Prints: push throughput of five devices × 2,000 dossiers, kiosk→counter visibility p50/p99 with LISTEN/NOTIFY
 * (target p99 ≤ 1 s), catch-up of a device that missed 10,000 changes (target ≤ 10 s), and the worker's memory
 * over its host process (target ≤ 20 MB) and idle CPU (target ≤ 1 % of a core). Numbers, not assertions.
 *
 * The catch-up runs in a child (`tsx bench/sync.bench.ts --probe <store file>`) on the test device store. Memory and
 * idle CPU are measured as the worker runs in production: the browser host from the built bundle in a plain node
 * process, alone and with the worker, on the same store (bench/syncHostMemory.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { hostMemory, medianMem, type Mem } from './syncHostMemory';

const DEVICES = 5;
const PER_DEVICE = 2_000;
const VISIBILITY_SAMPLES = 200;
/** Dossiers (≈ 3 KB each, two changes each) the measured host pulls before its memory is sampled. */
const HOST_DOSSIERS = 2_000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const mb = (b: number) => (b / 1048576).toFixed(1);
const memText = (m: Mem) => `RSS ${mb(m.rss)} MB, heap ${mb(m.heapUsed)} MB used / ${mb(m.heapTotal)} MB`;

function newestMs(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) n = Math.max(n, e.isDirectory() ? newestMs(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs);
  return n;
}

/** The measured host must be the current code: rebuild the bundle when a source file is newer. */
function freshBundle(): void {
  const bundle = path.join(ROOT, 'dist', 'cli', 'motcua.js');
  if (fs.existsSync(bundle) && fs.statSync(bundle).mtimeMs >= newestMs(path.join(ROOT, 'src'))) return;
  console.log('building dist/ (npm run build:bundles) so the host is measured from the current sources');
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-bundles.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('build:bundles failed');
}

async function probe(storeFile: string): Promise<void> {
  const { OutboxStore } = await import('../tests/centre/helpers/outboxStore');
  const store = new OutboxStore(storeFile);
  const { loadLink, saveLink } = await import('../src/centre/device/link');
  const { SyncWorker } = await import('../src/centre/device/worker');
  const worker = new SyncWorker({ store, link: loadLink(storeFile)!, saveLink: (l) => saveLink(storeFile, l), pollMs: 30_000 });
  const t = performance.now();
  const r = await worker.syncOnce();
  const catchUpS = (performance.now() - t) / 1000;
  store.close();
  process.stdout.write(JSON.stringify({ pulled: r.pulled, catchUpS }) + '\n');
}

async function main(): Promise<void> {
  const { startCentreServer, newCentre, joinDevice, citizen } = await import('../tests/centre/helpers/centre');
  const s = await startCentreServer();
  try {
    const centre = await newCentre(s, 'Bench centre');
    const devices = [];
    for (let i = 0; i < DEVICES; i++) devices.push(await joinDevice(s, centre, i === 0 ? 'kiosk' : 'counter'));
    const late = await joinDevice(s, centre, 'counter');

    // 1. Push throughput: every device has 2,000 new dossiers; all push at once.
    for (const [i, d] of devices.entries()) {
      d.store.db.transaction(() => {
        for (let n = 0; n < PER_DEVICE; n++) {
          const c = citizen(i * PER_DEVICE + n);
          d.store.put(`HS-${i}-${n}`, c.payload, [c.subject]);
        }
      })();
    }
    const t0 = performance.now();
    await Promise.all(devices.map((d) => d.worker().syncOnce({ pull: false })));
    const pushS = (performance.now() - t0) / 1000;
    const total = DEVICES * PER_DEVICE;
    console.log(`push: ${total} changes from ${DEVICES} devices at once in ${pushS.toFixed(2)} s = ${Math.round(total / pushS)} changes/s (all five workers share this one Node thread)`);
    const t1 = performance.now();
    await Promise.all(devices.map((d) => d.worker().syncOnce()));
    console.log(`then every device pulls the others' ${total - PER_DEVICE} changes: ${((performance.now() - t1) / 1000).toFixed(2)} s for all five`);

    // 2. Visibility kiosk → counter with both workers running (in-process, as in the hosts: a save pokes the worker).
    const kiosk = devices[0]!;
    const counter = devices[1]!;
    const seen = new Map<string, number>();
    const apply = counter.store.applyRemote.bind(counter.store);
    counter.store.applyRemote = (changes, cursor) => {
      const r = apply(changes, cursor);
      const now = performance.now();
      for (const c of changes) if (!seen.has(c.entityId)) seen.set(c.entityId, now);
      return r;
    };
    const kw = kiosk.worker({ pollMs: 30_000 });
    const cw = counter.worker({ pollMs: 30_000 });
    kw.start();
    cw.start();
    while (kw.state().phase !== 'synced' || cw.state().phase !== 'synced') await new Promise((r) => setTimeout(r, 50));
    const lat: number[] = [];
    for (let n = 0; n < VISIBILITY_SAMPLES; n++) {
      const id = `HS-VIS-${n}`;
      const t = performance.now();
      kiosk.store.put(id, citizen(50_000 + n).payload, [citizen(50_000 + n).subject]);
      kw.poke();
      while (!seen.has(id)) await new Promise((r) => setTimeout(r, 2));
      lat.push(seen.get(id)! - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    await kw.stop();
    await cw.stop();
    console.log(`visibility kiosk→counter (LISTEN/NOTIFY, ${VISIBILITY_SAMPLES} dossiers): p50 ${pct(lat, 50).toFixed(0)} ms, p99 ${pct(lat, 99).toFixed(0)} ms, max ${Math.max(...lat).toFixed(0)} ms (target p99 ≤ 1000 ms)`);

    // 3. Catch-up of a device that missed everything (child process, the test device store).
    late.store.close();
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--probe', late.storeFile], { encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`probe failed: ${r.stderr}`);
    const p = JSON.parse(r.stdout.trim().split('\n').pop()!) as { pulled: number; catchUpS: number };
    console.log(`catch-up: ${p.pulled} changes pulled, decrypted and applied in ${p.catchUpS.toFixed(2)} s (target ≤ 10 s)`);

    // 4. Memory and idle CPU of the worker in the production host (bundle, plain node), on a centre of its own.
    freshBundle();
    const h = await hostMemory(s, await newCentre(s, 'Bench host centre'), HOST_DOSSIERS);
    const alone = medianMem(h.alone);
    const linked = medianMem(h.linked);
    console.log(`host from the bundle (plain node, npm start's flags), store of ${h.dossiers} dossiers; median of ${h.alone.length} samples after a full GC each:`);
    console.log(`  alone (standalone, pg never loaded): ${memText(alone)}; peak ${mb(h.peakAlone)} MB`);
    console.log(`  with the worker (caught up, LISTEN): ${memText(linked)}; peak ${mb(h.peakLinked)} MB`);
    console.log(`worker memory over its host: RSS +${mb(linked.rss - alone.rss)} MB, heap +${mb(linked.heapUsed - alone.heapUsed)} MB (target ≤ 20 MB)`);
    console.log(`first start of the linked host, pulling ${h.changes} changes (${(h.catchUpMs / 1000).toFixed(1)} s): peak RSS ${mb(h.peakDuringCatchUp)} MB (+${mb(h.peakDuringCatchUp - h.peakAlone)} MB over the alone peak); after it ${memText(h.afterCatchUp)}; 30 s later ${memText(h.settledAfterCatchUp)}`);
    console.log(`idle CPU of the host: alone ${h.idleCpuAlonePct.toFixed(2)} %, with the worker ${h.idleCpuLinkedPct.toFixed(2)} % of a core → worker +${(h.idleCpuLinkedPct - h.idleCpuAlonePct).toFixed(2)} % (target ≤ 1 %)`);
    const size = await s.admin().then(async (c) => {
      const q = await c.query("SELECT pg_total_relation_size('motcua.changes') AS b, count(*)::int AS n FROM motcua.changes");
      await c.end();
      return q.rows[0];
    });
    console.log(`server: ${size.n} changes take ${mb(Number(size.b))} MB with indexes (${(Number(size.b) / size.n).toFixed(0)} B per change)`);
    for (const d of devices) d.store.close();
  } finally {
    s.cluster.destroy();
  }
}

const probeAt = process.argv.indexOf('--probe');
(probeAt > 0 ? probe(process.argv[probeAt + 1]!) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
