/**
 * `npm run bench:sync`: the centre sync on a throwaway PostgreSQL 15 cluster on this machine (TLS on).
 * Prints: push throughput of five devices × 2,000 dossiers, kiosk→counter visibility p50/p99 with LISTEN/NOTIFY
 * (target p99 ≤ 1 s), catch-up of a device that missed 10,000 changes (target ≤ 10 s), and the worker's memory
 * over its host process (target ≤ 20 MB) and idle CPU (target ≤ 1 % of a core). Numbers, not assertions.
 *
 * The memory/idle probe runs in a child (`tsx bench/sync.bench.ts --probe <store file>`), so the baseline is a
 * process that has the device store open and nothing of the sync loaded.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const DEVICES = 5;
const PER_DEVICE = 2_000;
const VISIBILITY_SAMPLES = 200;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const mb = (b: number) => (b / 1048576).toFixed(1);

async function probe(storeFile: string): Promise<void> {
  // Run twice on the same store: the first run catches up (10,000 changes), the second starts caught up, so its
  // memory is the worker's steady state rather than the catch-up's transient allocations.
  const { OutboxStore } = await import('../tests/centre/helpers/outboxStore');
  const store = new OutboxStore(storeFile);
  store.pendingCount();
  global.gc?.();
  const base = process.memoryUsage();
  const { loadLink, saveLink } = await import('../src/centre/device/link');
  const { SyncWorker } = await import('../src/centre/device/worker');
  const worker = new SyncWorker({ store, link: loadLink(storeFile)!, saveLink: (l) => saveLink(storeFile, l), pollMs: 30_000 });
  const t = performance.now();
  const r = await worker.syncOnce();
  const catchUpS = (performance.now() - t) / 1000;
  worker.start();
  await new Promise((res) => setTimeout(res, 3_000));
  global.gc?.();
  const cpu0 = process.cpuUsage();
  const idle0 = performance.now();
  await new Promise((res) => setTimeout(res, 20_000));
  const cpu = process.cpuUsage(cpu0);
  const idleMs = performance.now() - idle0;
  global.gc?.();
  const after = process.memoryUsage();
  await worker.stop();
  store.close();
  process.stdout.write(
    JSON.stringify({ pulled: r.pulled, catchUpS, rssOverMb: (after.rss - base.rss) / 1048576, heapOverMb: (after.heapUsed - base.heapUsed) / 1048576, idleCpuPct: ((cpu.user + cpu.system) / 1000 / idleMs) * 100 }) + '\n',
  );
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

    // 3 + 4. Catch-up of a device that missed everything, then memory and idle CPU of its worker (child process).
    late.store.close();
    const runProbe = () => {
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', new URL(import.meta.url).pathname, '--probe', late.storeFile], { encoding: 'utf8', timeout: 300_000 });
      if (r.status !== 0) throw new Error(`probe failed: ${r.stderr}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!);
    };
    const p = runProbe();
    console.log(`catch-up: ${p.pulled} changes pulled, decrypted and applied in ${p.catchUpS.toFixed(2)} s (target ≤ 10 s); right after it: RSS +${p.rssOverMb.toFixed(1)} MB, heap +${p.heapOverMb.toFixed(1)} MB`);
    const q = runProbe();
    console.log(`worker memory over its host process (caught up, running): RSS +${q.rssOverMb.toFixed(1)} MB, heap +${q.heapOverMb.toFixed(1)} MB (target ≤ 20 MB; includes loading pg and the worker modules)`);
    console.log(`worker idle CPU (LISTEN, 1 s outbox check, 30 s poll): ${q.idleCpuPct.toFixed(2)} % of a core (target ≤ 1 %)`);
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
