/**
 * bench:app, the centre's day: how long a counter's call takes to reach the hall display, and how long the queue
 * ticket takes to print. Prints numbers; asserts nothing.
 *   - call → display: the real browser host (`motcua serve --demo`, node flags of `npm run serve`), the display page
 *     in Debian's Chromium at 1920×1080 let in by a display link, a counter calling through the real WebSocket API.
 *     Measured from sending queue.callNext to the page's DOM showing that number at that counter (a
 *     MutationObserver in the page stamps it; one machine, one wall clock).
 *   - ticket print: queue.issue + print.ticket through the API core of the real composition (print worker, pdfkit),
 *     as a preview (the PDF the kiosk shows) and silently to a sink that takes the PDF and returns at once (CUPS's
 *     own time and the printer's are not ours to measure here).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { launch } from '../tests/e2e/harness';
import { createApp } from '../src/app/compose';
import { openStore } from '../src/store/sqliteStore';
import { loadOrCreateKeyFile, KEY_FILE_NAME } from '../src/store/keyFile';
import { rotateDisplayToken } from '../src/hostShared/displayToken';
import type { LoginOutput, TicketSlip, TicketView } from '../src/api/contract';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST_NODE_FLAGS: string[] = ((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.serve ?? '').split(/\s+/).filter((a) => a.startsWith('--'));

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (n: number): string => `${n.toFixed(0)} ms`.padStart(8);

type Reply = { id: number; ok: boolean; result?: unknown; error?: { code: string } };

async function connect(origin: string, launchUrl: string): Promise<{ call<T>(m: string, i: unknown, token?: string): Promise<T>; close(): void }> {
  const res = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, { origin, headers: { Cookie: cookie } });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('unexpected-response', reject)));
  const waiters = new Map<number, (r: Reply) => void>();
  ws.on('message', (m) => {
    const r = JSON.parse(m.toString()) as Reply;
    if (typeof r.id === 'number') waiters.get(r.id)?.(r);
  });
  let next = 1;
  return {
    call: <T,>(method: string, input: unknown, token?: string) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        waiters.set(id, (r) => (r.ok ? resolve(r.result as T) : reject(new Error(`${method}: ${r.error?.code}`))));
        ws.send(JSON.stringify({ id, method, input, ...(token ? { token } : {}) }));
      }),
    close: () => ws.close(),
  };
}

export async function callToDisplay(calls: number): Promise<void> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-display-'));
  const host = spawn(process.execPath, [...HOST_NODE_FLAGS, path.join(ROOT, 'bin', 'motcua.mjs'), 'serve', '--no-open', '--demo', '--port', '0', '--data', data], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const launchUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    host.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Motcua ready at (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    host.once('exit', (c) => reject(new Error(`serve exited ${c}`)));
  });
  const origin = new URL(launchUrl).origin;
  // The administrator's display link, as `motcua display-link` makes it (the host reads the hash from the store).
  const dbFile = path.join(data, 'demo', 'motcua.db');
  const store = openStore({ path: dbFile, key: loadOrCreateKeyFile(path.join(path.dirname(dbFile), KEY_FILE_NAME)), backupDir: path.join(data, 'demo', 'backups') });
  const token = rotateDisplayToken(store, 'bench');
  store.close();
  const api = await connect(origin, launchUrl);
  const clerk = (await api.call<LoginOutput>('auth.login', { username: 'canbo', password: 'motcua-canbo' })).token;
  const browser = await launch();
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'vi-VN' })).newPage();
  await page.goto(`${origin}/display?t=${token}`);
  await page.waitForSelector('[data-view="display"]');
  await page.locator('.display-conn').waitFor({ state: 'detached' });
  await page.evaluate(() => {
    const w = window as unknown as { __shown: { text: string; at: number }[] };
    w.__shown = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="display-latest"]');
      if (el) w.__shown.push({ text: el.textContent ?? '', at: Date.now() });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const took: number[] = [];
  for (let i = 0; i < calls; i++) {
    await api.call<TicketSlip>('queue.issue', { request: 'OTHER', dossierId: null });
    const counter = (i % 3) + 1;
    const t0 = Date.now();
    const t = await api.call<TicketView>('queue.callNext', { counter }, clerk);
    const caption = `Mời công dân có số thứ tự ${t.label} đến quầy số ${counter}`;
    const at = await page.waitForFunction(
      ([c, since]) => (window as unknown as { __shown: { text: string; at: number }[] }).__shown.find((s) => s.at >= since && s.text.includes(c))?.at ?? false,
      [caption, t0] as const,
      { polling: 5, timeout: 10_000 },
    );
    took.push(Number(await at.jsonValue()) - t0);
    await api.call('queue.finish', { ticketId: t.id, counter }, clerk);
  }
  const warm = took.slice(1);
  console.log(`counter call → hall display (queue.callNext sent → number on the display page, Chromium 1920×1080, ${warm.length} calls after 1 warm-up)`);
  console.log(`  p50 ${ms(pct(warm, 50))}   p95 ${ms(pct(warm, 95))}   p99 ${ms(pct(warm, 99))}   max ${ms(Math.max(...warm))}   (target p99 ≤ 1000 ms)`);
  api.close();
  await browser.close();
  host.kill('SIGTERM');
  await new Promise((r) => host.once('exit', r));
}

export async function ticketPrint(runs: number): Promise<void> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-ticket-'));
  const sink = { available: true, print: async () => undefined };
  const app = await createApp({ dataDir: data, demo: true, mode: 'kiosk', host: 'browser', sink });
  try {
    const t0 = performance.now();
    const first = (await app.core.handle('queue.issue', { request: 'OTHER', dossierId: null })) as TicketSlip;
    await app.core.handle('print.ticket', { day: first.day, label: first.label, mode: 'preview' });
    const cold = performance.now() - t0;
    const preview: number[] = [];
    const silent: number[] = [];
    const issueToPrinted: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const a = performance.now();
      const slip = (await app.core.handle('queue.issue', { request: 'OTHER', dossierId: null })) as TicketSlip;
      const b = performance.now();
      await app.core.handle('print.ticket', { day: slip.day, label: slip.label, mode: 'silent' });
      const c = performance.now();
      const out = (await app.core.handle('print.ticket', { day: slip.day, label: slip.label, mode: 'preview' })) as { pdfBase64?: string };
      preview.push(performance.now() - c);
      silent.push(c - b);
      issueToPrinted.push(c - a);
      bytes = Math.round(((out.pdfBase64?.length ?? 0) * 3) / 4);
    }
    console.log(`queue ticket print (print.ticket, 80 mm PDF ${(bytes / 1024).toFixed(1)} KB, print worker; ${runs} runs after the first)`);
    console.log(`  first ticket of the day (issue + print worker start + PDF)   ${ms(cold)}`);
    console.log(`  preview (PDF for the kiosk screen)        median ${ms(pct(preview, 50))}   p95 ${ms(pct(preview, 95))}`);
    console.log(`  silent (PDF handed to the printer sink)   median ${ms(pct(silent, 50))}   p95 ${ms(pct(silent, 95))}`);
    console.log(`  queue.issue → handed to the printer       median ${ms(pct(issueToPrinted, 50))}   p95 ${ms(pct(issueToPrinted, 95))}`);
  } finally {
    await app.close();
  }
}
