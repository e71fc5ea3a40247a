/**
 * `npm run bench:app` (issue #5 §7): the app as a whole.
 *   1. Browser host cold start: `motcua serve --no-open --demo` until its "ready" line, then Chromium (Debian,
 *      headless, 1366×768) until the consent screen is interactive.
 *   2. Memory: RSS of the host process and of all Chromium processes (from /proc).
 *   3. Card tap → pre-filled form: card.read + dossier.prefill through the API core with the in-process simulated
 *      card on a contactless link model (8 ms/APDU + bytes at 106 and 424 kbit/s, slept in real time).
 * Prints numbers; asserts nothing.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createApp } from '../src/app/compose';
import { createCardService } from '../src/services/cardService';
import { createDemoReader } from '../src/services/demoReader';
import { loadTrust } from '../src/card/reader/trust';
import { sampleProfile } from '../src/sim/profile/samples';
import type { CardIdentity } from '../src/api/contract';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function rssKb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Proportional set size: shared pages split between the processes sharing them (RSS double-counts Chromium's). */
function pssKb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** pid plus all its descendants (Chromium's renderer, GPU and utility processes). */
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(d), ppid);
    } catch {
      // process gone
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) for (const [pid, pp] of parent) if (pp === out[i]) out.push(pid);
  return out;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (n: number): string => `${n.toFixed(0)} ms`;

async function coldStart(): Promise<void> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  const t0 = performance.now();
  // Same Node flags as `npm start` / `npm serve`: a 1 MB young generation saves ~25 MB RSS on a kiosk PC.
  const host = spawn(process.execPath, ['--max-semi-space-size=1', path.join(ROOT, 'bin', 'motcua.mjs'), 'serve', '--no-open', '--demo', '--port', '0', '--data', data], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Motcua ready at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    host.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  const tReady = performance.now();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const tBrowser = performance.now();
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(url);
  await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
  const tInteractive = performance.now();
  await page.waitForTimeout(500);
  const hostRss = rssKb(host.pid!);
  // Playwright spawns Chromium as a child of this process; the host is our other child.
  const hostPids = new Set(tree(host.pid!));
  const chromePids = tree(process.pid).filter((p) => p !== process.pid && !hostPids.has(p));
  const chromeRss = chromePids.reduce((s, p) => s + rssKb(p), 0);
  const hostPss = pssKb(host.pid!);
  const chromePss = chromePids.reduce((s, p) => s + pssKb(p), 0);
  console.log('browser host cold start');
  console.log(`  host process → "ready" line            ${ms(tReady - t0)}`);
  console.log(`  Chromium launch                        ${ms(tBrowser - tReady)}`);
  console.log(`  page load → consent interactive        ${ms(tInteractive - tBrowser)}`);
  console.log(`  total cold start → interactive         ${ms(tInteractive - t0)}`);
  const mb = (kb: number): string => `${(kb / 1024).toFixed(1)} MB`.padStart(9);
  console.log('memory                                       RSS       PSS');
  console.log(`  host (Node, demo card, SQLite)         ${mb(hostRss)} ${mb(hostPss)}`);
  console.log(`  Chromium (${String(chromePids.length).padStart(2)} processes)               ${mb(chromeRss)} ${mb(chromePss)}`);
  console.log(`  total                                  ${mb(hostRss + chromeRss)} ${mb(hostPss + chromePss)}`);
  // By Chromium process type: the page's renderer is what Electron would run as our "renderer".
  const typeOf = (pid: number): string => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      const t = cmd.find((a) => a.startsWith('--type='))?.slice(7) ?? 'browser';
      const sub = cmd.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
      return sub ? `${t}:${sub.split('.').pop()}` : t;
    } catch {
      return 'gone';
    }
  };
  const byType = new Map<string, { rss: number; pss: number; n: number }>();
  for (const p of chromePids) {
    const k = typeOf(p);
    const e = byType.get(k) ?? { rss: 0, pss: 0, n: 0 };
    byType.set(k, { rss: e.rss + rssKb(p), pss: e.pss + pssKb(p), n: e.n + 1 });
  }
  for (const [k, v] of [...byType].sort((a, b) => b[1].pss - a[1].pss)) console.log(`    ${`${k} ×${v.n}`.padEnd(36)}${mb(v.rss)} ${mb(v.pss)}`);
  // The page's own renderer is the largest one; the others are Chromium's spare/blank renderers.
  const renderers = chromePids.filter((p) => typeOf(p) === 'renderer').map((p) => ({ rss: rssKb(p), pss: pssKb(p) }));
  const page1 = renderers.sort((a, b) => b.pss - a.pss)[0] ?? { rss: 0, pss: 0 };
  console.log(`  page renderer                          ${mb(page1.rss)} ${mb(page1.pss)}`);
  console.log(`  host + page renderer (target ≤ 250 MB) ${mb(hostRss + page1.rss)} ${mb(hostPss + page1.pss)}`);
  await browser.close();
  host.kill('SIGTERM');
  await new Promise((r) => host.once('exit', r));
}

async function tapToForm(kbit: number, runs: number): Promise<void> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
  const trust = path.join(data, 'bench-trust');
  mkdirSync(trust);
  writeFileSync(path.join(trust, 'csca.der'), sampleProfile(0).cscaCertificate!);
  const card = await createCardService({ mode: 'demo', demoMonitor: async () => createDemoReader({ link: { perApduMs: 8, kbitPerSecond: kbit } }), trust: () => loadTrust([trust]) });
  const app = await createApp({ dataDir: data, demo: true, mode: 'kiosk', host: 'browser', card });
  const can = sampleProfile(0).can!;
  const read: number[] = [];
  const total: number[] = [];
  let verdict = '';
  for (let i = 0; i < runs; i++) {
    // A fresh chip per tap (the simulated card keeps its secure-messaging state between reads otherwise).
    await card.insertDemoCard!(0);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    const id = (await app.core.handle('card.read', { key: { can } })) as CardIdentity;
    const t1 = performance.now();
    await app.core.handle('dossier.prefill', { formId: 'CT01', session: id.session });
    const t2 = performance.now();
    await app.core.handle('session.end', { session: id.session });
    verdict = id.overall;
    if (i > 0) {
      // Run 0 warms the trust store and JIT; the kiosk pays it once per launch.
      read.push(t1 - t0);
      total.push(t2 - t0);
    }
  }
  console.log(`card tap → pre-filled CT01 (in-process card, 8 ms/APDU, ${kbit} kbit/s, verdict ${verdict}, median of ${runs - 1})`);
  console.log(`  card.read (PACE, DG1/2/13/14/15, SOD, PA+CA+AA)   ${ms(median(read))}`);
  console.log(`  + dossier.prefill                                  ${ms(median(total) - median(read))}`);
  console.log(`  tap → form                                         ${ms(median(total))}`);
  await app.close();
}

await coldStart();
await tapToForm(424, 6);
await tapToForm(106, 4);
