/**
 * E2E harness: the real browser host (`motcua serve --no-open`) in a child process, Debian Chromium through
 * playwright-core (never `npx playwright install`), screenshots at 1366×768 into artifacts/screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = path.join(ROOT, 'artifacts', 'screenshots');

export interface Served {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/** Start `motcua <cmd> args…` and wait for the line matching `ready`. */
export function startCli(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ proc: ChildProcess; line: string; output: () => string; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'motcua.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => proc.kill('SIGKILL'), 3000).unref();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timeout waiting for ${ready} from motcua ${args[0]}: ${out}`)), 60_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const line = out.split('\n').find((l) => ready.test(l));
      if (line) {
        clearTimeout(timer);
        resolve({ proc, line, output: () => out, stop });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`motcua ${args[0]} exited ${code}: ${out}`));
    });
  });
}

export async function serve(opts: { demo?: boolean; data?: string; reader?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Served & { data: string }> {
  const data = opts.data ?? mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
  const s = await startCli(['serve', '--no-open', '--port', '0', '--data', data, ...(opts.demo ? ['--demo'] : []), ...(opts.reader ? ['--reader', opts.reader] : [])], /^Motcua ready at /, opts.env);
  const url = s.line.replace(/^Motcua ready at /, '').trim();
  return { url, proc: s.proc, stop: s.stop, data };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function openPage(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(url);
  return page;
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** With a query (?mode=counter&idle=…) inserted before the #secret fragment. */
export function withQuery(url: string, query: string): string {
  const [base, frag] = url.split('#');
  const sep = base!.includes('?') ? '&' : '?';
  return `${base}${sep}${query}#${frag}`;
}
