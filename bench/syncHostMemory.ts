/**
 * The sync worker's cost as it runs in production: the browser host from the built bundle (dist/cli/motcua.js, via
 * bench/hostProbe.mjs) in a plain node process with the host's own flags, on the same data folder twice — alone
 * (no centre-link.json: standalone, `pg` never loaded) and with the worker (linked, caught up, LISTENing) — sampled
 * after a full GC several times. The store holds the same dossiers in both runs: the linked host pulls them first
 * (that catch-up is measured too, as the transient it is), then the link file is moved aside for the alone run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { enrollDevice } from '../src/centre/server/admin';
import { joinCentre } from '../src/centre/device/enrol';
import { linkFileFor, saveLink } from '../src/centre/device/link';
import { SyncWorker } from '../src/centre/device/worker';
import { openStore } from '../src/store/sqliteStore';
import type { CentreServer } from '../tests/centre/helpers/centre';
import { chipField } from '../tests/forms/fixtures';
import Database from 'better-sqlite3-multiple-ciphers';
import { fileKeyProvider } from '../src/store/keyFile';
import { normalizeKey } from '../src/store/db';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The flags of `npm start` / `npm run serve` (package.json), plus --expose-gc for the probe. */
const HOST_FLAGS = ['--max-semi-space-size=1', '--v8-pool-size=1', '--expose-gc'];
const SAMPLES = 5;
const ROUNDS = 2;
const SETTLE_MS = 10_000;
const IDLE_MS = 20_000;

export interface Mem {
  rss: number;
  heapUsed: number;
  heapTotal: number;
}

export interface HostMemory {
  dossiers: number;
  changes: number;
  catchUpMs: number;
  /** VmHWM of the linked host at the end of its first start (the catch-up). */
  peakDuringCatchUp: number;
  afterCatchUp: Mem;
  /** The same process 30 s later, idle. */
  settledAfterCatchUp: Mem;
  alone: Mem[];
  linked: Mem[];
  idleCpuAlonePct: number;
  idleCpuLinkedPct: number;
  /** Highest VmHWM of the alone runs and of the caught-up linked runs (start-up included). */
  peakAlone: number;
  peakLinked: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const medianMem = (ms: Mem[]): Mem => ({ rss: median(ms.map((m) => m.rss)), heapUsed: median(ms.map((m) => m.heapUsed)), heapTotal: median(ms.map((m) => m.heapTotal)) });

/** A counter's real store with `n` dossiers of about 3 KB each (CT01-like fields), pushed to the centre. */
async function feed(s: CentreServer, centreId: string, n: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-feed-'));
  const storeFile = path.join(dir, 'motcua.db');
  const { code } = await enrollDevice(s.url, centreId, 'counter', s.keysDir);
  const link = await joinCentre({ server: { host: s.cluster.host, port: s.cluster.port, database: s.db }, code, storeFile, caPem: fs.readFileSync(s.cluster.caFile, 'utf8') });
  const store = openStore({ path: storeFile, key: randomBytes(32), integrityCheck: 'none' });
  store.linkCentre({ deviceId: link.deviceId, centreId: link.centreId });
  for (let i = 0; i < n; i++) {
    const id = `0790${String(10_000_000 + i).slice(-8)}`;
    const fields = [
      chipField('fullName', `Trần Thị Bích Ngọc ${i}`),
      chipField('idNumber', id),
      chipField('dateOfBirth', '12/03/1987'),
      chipField('placeOfOrigin', 'Xã Tân Phú, huyện Định Quán, tỉnh Đồng Nai'),
      chipField('placeOfResidence', `Số ${i}, ngõ 45, phố Trần Hưng Đạo, phường Hoàn Kiếm, Hà Nội`),
      ...Array.from({ length: 12 }, (_, k) => chipField(`item${k}`, `Nội dung kê khai số ${k} của hồ sơ ${i}: thay đổi nơi thường trú theo Luật Cư trú 2020`)),
    ];
    store.createDossier({ formId: 'CT01', formVersion: '1', fields, actor: 'bench' });
  }
  const r = await new SyncWorker({ store, link, saveLink: (l) => saveLink(storeFile, l) }).syncOnce({ pull: false });
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return r.pushed;
}

/** Time until the host's store has pulled up to the centre's newest position (its cursor, read beside the host). */
async function waitCaughtUp(s: CentreServer, centreId: string, data: string): Promise<number> {
  const t0 = Date.now();
  const admin = await s.admin();
  const newest = Number((await admin.query('SELECT max(position) AS p FROM motcua.changes WHERE centre_id = $1', [centreId])).rows[0].p);
  await admin.end();
  const key = normalizeKey(await fileKeyProvider(data).getKey());
  for (;;) {
    if (Date.now() - t0 > 300_000) throw new Error('the linked host did not catch up in 5 minutes');
    await new Promise((r) => setTimeout(r, 100));
    let db: InstanceType<typeof Database> | null = null;
    try {
      db = new Database(path.join(data, 'motcua.db'), { readonly: true, fileMustExist: true });
      db.pragma(`hexkey='${key}'`);
      const r = db.prepare('SELECT pull_cursor AS c FROM sync_link WHERE id = 1').get() as { c: number } | undefined;
      if ((r?.c ?? 0) >= newest) return Date.now() - t0;
    } catch {
      // the host is still creating the store
    } finally {
      db?.close();
    }
  }
}

interface Host {
  proc: ChildProcess;
  out: () => string;
  mem(): Promise<Mem>;
  cpuSeconds(): number;
  /** Peak resident set since the process started (VmHWM). */
  peakRss(): number;
  stop(): Promise<void>;
}

async function startHost(data: string): Promise<Host> {
  const proc = spawn(process.execPath, [...HOST_FLAGS, path.join(ROOT, 'bench', 'hostProbe.mjs'), 'serve', '--no-open', '--port', '0', '--data', data], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const t0 = Date.now();
  while (!/Motcua ready at /.test(out)) {
    if (proc.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`the host did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    proc,
    out: () => out,
    async mem() {
      const seen = out.split('\nMEM ').length;
      proc.stdin!.write('mem\n');
      while (out.split('\nMEM ').length === seen) await new Promise((r) => setTimeout(r, 20));
      return JSON.parse(out.split('\nMEM ').pop()!.split('\n')[0]!) as Mem;
    },
    cpuSeconds() {
      // utime + stime (fields 14 and 15 of /proc/<pid>/stat, after the parenthesised name), in clock ticks.
      const f = fs.readFileSync(`/proc/${proc.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    },
    peakRss() {
      return Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8'))![1]) * 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

async function samples(h: Host): Promise<{ mem: Mem[]; idleCpuPct: number; peak: number }> {
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  // Idle CPU first, with no probe running (its forced GCs would count as the host's work).
  const cpu0 = h.cpuSeconds();
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const idleCpuPct = ((h.cpuSeconds() - cpu0) / ((Date.now() - t0) / 1000)) * 100;
  const mem: Mem[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    mem.push(await h.mem());
    await new Promise((r) => setTimeout(r, 1_000));
  }
  return { mem, idleCpuPct, peak: h.peakRss() };
}

export async function hostMemory(s: CentreServer, centreId: string, dossiers: number): Promise<HostMemory> {
  const bundle = path.join(ROOT, 'dist', 'cli', 'motcua.js');
  if (!fs.existsSync(bundle)) throw new Error('dist/cli/motcua.js is missing: run `npm run build:bundles` first');
  const changes = await feed(s, centreId, dossiers);

  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-host-'));
  const storeFile = path.join(data, 'motcua.db');
  const { code } = await enrollDevice(s.url, centreId, 'counter', s.keysDir);
  await joinCentre({ server: { host: s.cluster.host, port: s.cluster.port, database: s.db }, code, storeFile, caPem: fs.readFileSync(s.cluster.caFile, 'utf8') });
  const linkFile = linkFileFor(storeFile);
  try {
    // 1. Linked, first start: the worker pulls everything the feeder pushed.
    let h = await startHost(data);
    const catchUpMs = await waitCaughtUp(s, centreId, data);
    const peakDuringCatchUp = h.peakRss();
    const afterCatchUp = await h.mem();
    await new Promise((r) => setTimeout(r, 30_000));
    const settledAfterCatchUp = await h.mem();
    await h.stop();
    // 2. Alone (same store, link file moved aside) and linked (caught up: the worker's steady state), twice each,
    // alternating, so a drift of the machine shows up in both.
    const alone: Awaited<ReturnType<typeof samples>>[] = [];
    const linked: Awaited<ReturnType<typeof samples>>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      fs.renameSync(linkFile, `${linkFile}.aside`);
      h = await startHost(data);
      alone.push(await samples(h));
      await h.stop();
      fs.renameSync(`${linkFile}.aside`, linkFile);
      h = await startHost(data);
      linked.push(await samples(h));
      await h.stop();
    }
    return {
      dossiers,
      changes,
      catchUpMs,
      peakDuringCatchUp,
      afterCatchUp,
      settledAfterCatchUp,
      alone: alone.flatMap((x) => x.mem),
      linked: linked.flatMap((x) => x.mem),
      idleCpuAlonePct: median(alone.map((x) => x.idleCpuPct)),
      idleCpuLinkedPct: median(linked.map((x) => x.idleCpuPct)),
      peakAlone: Math.max(...alone.map((x) => x.peak)),
      peakLinked: Math.max(...linked.map((x) => x.peak)),
    };
  } finally {
    fs.rmSync(data, { recursive: true, force: true });
  }
}
