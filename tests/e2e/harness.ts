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
import { sampleProfile } from '../../src/sim/profile/samples';

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

/**
 * One-time launch links of the hosts this process started, by origin: `motcua serve` prints a new one for each
 * "launch" line on its stdin (the host's secret itself never leaves it; pages get in with an HttpOnly cookie).
 */
const launchers = new Map<string, () => Promise<string>>();

export async function serve(opts: { demo?: boolean; data?: string; reader?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Served & { data: string }> {
  const data = opts.data ?? mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
  const s = await startCli(['serve', '--no-open', '--port', '0', '--data', data, ...(opts.demo ? ['--demo'] : []), ...(opts.reader ? ['--reader', opts.reader] : [])], /^Motcua ready at /, opts.env);
  const first = new URL(s.line.replace(/^Motcua ready at /, '').trim());
  let pending = Promise.resolve('');
  const next = (): Promise<string> =>
    (pending = pending.then(
      () =>
        new Promise<string>((resolve, reject) => {
          const seen = s.output().length;
          const timer = setTimeout(() => reject(new Error('no launch link from motcua serve')), 10_000);
          const poll = setInterval(() => {
            const m = /^Motcua launch at (\S+)$/m.exec(s.output().slice(seen));
            if (m) {
              clearInterval(poll);
              clearTimeout(timer);
              resolve(m[1]!);
            }
          }, 20);
          s.proc.stdin!.write('launch\n');
        }),
    ));
  launchers.set(first.origin, next);
  const stop = async (): Promise<void> => {
    launchers.delete(first.origin);
    await s.stop();
  };
  // The page address without a credential; openPage turns it into a fresh one-time launch link.
  return { url: `${first.origin}/`, proc: s.proc, stop, data };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A new browser context (no cookies) on `url`: a host started by serve() lets it in with a fresh launch link. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(await launchLink(url));
  return page;
}

async function launchLink(url: string): Promise<string> {
  const u = new URL(url);
  const launcher = launchers.get(u.origin);
  if (u.pathname === '/launch' || !launcher) return url;
  const link = new URL(await launcher());
  u.searchParams.forEach((v, k) => link.searchParams.set(k, v));
  return link.href;
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

/** Consent screen: "Đồng ý", then "Tiếp tục". */
export async function giveConsent(page: Page): Promise<void> {
  await page.getByRole('radio', { name: 'Đồng ý', exact: true }).click();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
}

/** Key entry: the CAN tab, then the digits on the keypad. */
export async function typeCan(page: Page, can: string): Promise<void> {
  await page.getByRole('tab', { name: 'Mã CAN (6 số)' }).click();
  for (const d of can) await page.getByRole('button', { name: d, exact: true }).click();
}

/** Type on the on-screen keyboard (Telex): capital letters via Shift. */
export async function osk(page: Page, keys: string): Promise<void> {
  for (const k of keys) {
    if (k === ' ') await page.getByRole('button', { name: 'Dấu cách' }).click();
    else if (/[A-Z]/.test(k)) {
      await page.getByRole('button', { name: /Chữ hoa/ }).click();
      await page.getByRole('button', { name: k, exact: true }).click();
    } else await page.getByRole('button', { name: k, exact: true }).click();
  }
}

export type KioskScreen = 'consent' | 'key' | 'identity' | 'procedure' | 'form' | 'keyboard' | 'review' | 'print' | 'done';

/**
 * One citizen's CT01 at the kiosk, from consent to done, with the card already on the reader: the one required
 * field the chip cannot fill is typed on the on-screen Telex keyboard. `at` runs on each screen (audits, shots).
 */
export async function kioskCt01(page: Page, can: string, at: (screen: KioskScreen) => Promise<void> = async () => {}): Promise<void> {
  await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
  await at('consent');
  await giveConsent(page);
  await page.getByRole('tab', { name: 'Mã CAN (6 số)' }).click();
  await at('key');
  for (const d of can) await page.getByRole('button', { name: d, exact: true }).click();
  await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
  await at('identity');
  await page.getByRole('button', { name: 'Chọn thủ tục' }).click();
  await at('procedure');
  await page.locator('[data-form="CT01"]').click();
  await page.waitForSelector('[data-step="form"]');
  await at('form');
  await page.locator('[data-field="noiDungDeNghi"] textarea').click();
  await at('keyboard');
  // An audit in `at` tabs through the fields, and the keyboard types into the field that last had the focus.
  await page.locator('[data-field="noiDungDeNghi"] textarea').click();
  await osk(page, 'ddawng kys thuwowngf trus');
  await page.getByRole('button', { name: 'Xong' }).click();
  await page.getByRole('button', { name: 'Xem lại' }).click();
  await page.waitForSelector('[data-step="review"]');
  await at('review');
  await page.getByRole('button', { name: 'Xác nhận và in' }).click();
  await page.waitForSelector('[data-step="print"]', { timeout: 30_000 });
  await at('print');
  await page.getByRole('button', { name: 'Hoàn tất' }).click();
  await page.getByTestId('dossier-id').waitFor();
  await at('done');
}

/** A page at another screen size (the kiosk and counter must also work at 1024×768). */
export async function openPageAt(browser: Browser, url: string, width: number, height: number): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  await page.goto(await launchLink(url));
  return page;
}

/** Type on the on-screen keyboard exactly as given: letters, digits, `. , / - @` and spaces (no Telex composition). */
export async function oskLiteral(page: Page, text: string): Promise<void> {
  const kbd = page.getByRole('group', { name: /Bàn phím/ });
  for (const k of text) {
    if (k === ' ') await kbd.getByRole('button', { name: 'Dấu cách' }).click();
    else if (k !== k.toLowerCase()) {
      await kbd.getByRole('button', { name: /Chữ hoa/ }).click();
      await kbd.getByRole('button', { name: k, exact: true }).click();
    } else await kbd.getByRole('button', { name: k, exact: true }).click();
  }
}

/** Demo mode's built-in administrator (src/app/compose.ts seedUsers) and the CAN of the sample card on its reader. */
export const DEMO_ADMIN = { username: 'admin', password: 'motcua-admin' } as const;
export const DEMO_CAN = sampleProfile(0).can!;

/** The suite hooks of the test runner; passed in because this harness also runs outside vitest (bench:app). */
export interface SuiteHooks {
  beforeAll(fn: () => Promise<void>): void;
  afterAll(fn: () => Promise<void>): void;
}

export interface DemoHost {
  /** The demo-mode browser host (its own throwaway data folder). */
  readonly host: Served & { data: string };
  readonly browser: Browser;
}

/**
 * One browser host in demo mode (the built-in simulated card, always on its reader: no pcscd needed) and one Chromium
 * for a whole test file, started before its first test and stopped after its last:
 * `const demo = demoHostPerFile({ beforeAll, afterAll });` then `demo.host.url`, `demo.browser`.
 */
export function demoHostPerFile(hooks: SuiteHooks): DemoHost {
  let host: (Served & { data: string }) | undefined;
  let browser: Browser | undefined;
  hooks.beforeAll(async () => {
    host = await serve({ demo: true });
    browser = await launch();
  });
  hooks.afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });
  const started = <T>(v: T | undefined): T => {
    if (v === undefined) throw new Error('demo host not started: use it inside a test of the file');
    return v;
  };
  return {
    get host() {
      return started(host);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** Sign in at the counter's login screen (the demo administrator unless told otherwise). */
export async function counterLogin(page: Page, password: string = DEMO_ADMIN.password, username: string = DEMO_ADMIN.username): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/**
 * One API call over a fresh socket of `page`'s own host (its launch or display cookie lets it in), as a screen of
 * that page would make it. A card session belongs to its socket, so calls that need one go in a single evaluate.
 */
export function pageApi<T>(page: Page, method: string, input: unknown, token?: string): Promise<T> {
  return page.evaluate(
    ([method, input, token]) =>
      new Promise<T>((resolve, reject) => {
        const ws = new WebSocket(`ws://${location.host}/api`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method, input, ...(token ? { token } : {}) }));
        ws.onmessage = (m) => {
          const r = JSON.parse(String(m.data)) as { id?: number; ok: boolean; result: T; error: { code: string } };
          if (r.id !== 1) return;
          ws.close();
          if (r.ok) resolve(r.result);
          else reject(new Error(`${method}: ${r.error.code}`));
        };
        ws.onerror = () => reject(new Error(`${method}: socket error`));
      }),
    [method, input, token] as const,
  );
}
