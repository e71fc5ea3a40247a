/**
 * Which reader is in use when the machine has several, end to end: the real pcscd with its two vpcd readers
 * ('Virtual PCD 00 00' and '00 01', scripts/pcscd.sh), simulated CCCDs presented through vpcd from this process, the
 * browser host without --reader, and Debian Chromium. The kiosk and counter headers name the reader in use; when the
 * administrator chooses the other one in the settings both headers follow at once, a card on the reader not chosen
 * does not count, and the read happens on the reader named. Screenshots: artifacts/screenshots/reader-*.png.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { counterLogin, giveConsent, launch, openPage, ROOT, serve, shot, typeCan, withQuery } from './harness';
import { audit } from './a11y';
import { presentCard } from '../helpers/pcscCard';
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';
import { openStore } from '../../src/store/sqliteStore';
import { fileKeyProvider } from '../../src/store/keyFile';
import type { VpcdBridge } from '../../src/sim/vpcd';

const R0 = 'Virtual PCD 00 00';
const R1 = 'Virtual PCD 00 01';
const PORT = { [R0]: 35963, [R1]: 35964 };
const ADMIN_PASSWORD = 'e2e-admin-pass-1';

let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
let startedPcscd = false;
const bridges: VpcdBridge[] = [];

/** A sample card on `reader`, through vpcd; retried while a pcscd restarted by another suite brings its port back. */
async function put(sample: number, reader: keyof typeof PORT): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      bridges.push((await presentCard(sampleProfile(sample), undefined, PORT[reader])).bridge);
      return;
    } catch (e) {
      if (attempt >= 20 || !/ECONNREFUSED|ECONNRESET|no answer/.test(String(e))) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function open(url: string, name: string): Promise<Page> {
  const page = await openPage(browser, url);
  onTestFailed(async () => {
    await shot(page, `reader-FAILED-${name}`).catch(() => undefined);
    console.error(`[${name}] header=${JSON.stringify(await page.locator('.app-header').textContent().catch(() => '?'))}`);
  });
  return page;
}

const headerStatus = (page: Page) => page.locator('.app-header .reader-status[data-state]');
const headerReader = (page: Page) => page.locator('.app-header [data-testid="active-reader"]');

beforeAll(async () => {
  try {
    execFileSync('pgrep', ['-x', 'pcscd']);
  } catch {
    execFileSync('bash', [path.join(ROOT, 'scripts', 'pcscd.sh'), 'start']);
    startedPcscd = true;
  }
  const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-e2e-'));
  mkdirSync(path.join(data, 'trust'), { recursive: true });
  for (const i of [0, 1]) writeFileSync(path.join(data, 'trust', `sample-${i + 1}.der`), sampleProfile(i).cscaCertificate!);
  // A configured commune, no reader chosen (the settings screen chooses one below).
  const key = await fileKeyProvider(data).getKey();
  const seed = openStore({ path: path.join(data, 'motcua.db'), key: new Uint8Array(key), backupDir: path.join(data, 'backups') });
  seed.setSetting('app.settings', { communeName: 'UBND xã Tân Phú', provinceName: 'Tỉnh Đồng Nai', communeCode: '26017', provinceCode: '75' }, 'e2e');
  seed.close();
  host = await serve({ data, env: { MOTCUA_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  for (const b of bridges) await b.close();
  await host?.stop();
  if (startedPcscd) execFileSync('bash', [path.join(ROOT, 'scripts', 'pcscd.sh'), 'stop']);
});

describe('the reader in use, named in the headers (pcscd + two vpcd readers + Chromium)', () => {
  it('both headers name the reader in use; choosing the other in the settings moves them, the status and the read', async () => {
    await put(0, R0);
    const kiosk = await open(host.url, 'kiosk');
    // No reader chosen: the one with the card is the one in use, named before its state.
    await kiosk.waitForSelector('.app-header .reader-status[data-state="card-present"]', { timeout: 20_000 });
    expect(await headerReader(kiosk).textContent()).toBe(`Đầu đọc: ${R0}`);
    expect(await headerStatus(kiosk).textContent()).toBe(`Đầu đọc: ${R0} — có thẻ`);

    const counter = await open(withQuery(host.url, 'mode=counter'), 'counter');
    await counter.getByLabel('Tên đăng nhập').waitFor();
    // The login screen's header carries the short status too.
    expect(await headerReader(counter).textContent()).toBe(`Đầu đọc: ${R0}`);
    await counterLogin(counter, ADMIN_PASSWORD);
    await counter.getByRole('button', { name: 'Cài đặt' }).click();
    // Signed in: the full status stays in the side bar, the header keeps only the name.
    expect(await headerReader(counter).textContent()).toBe(`Đầu đọc: ${R0}`);
    const reader = counter.getByLabel('Đầu đọc (để trống = tự chọn)');
    await reader.waitFor();
    expect(await counter.locator('#reader-list option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([R0, R1]);
    await reader.fill(R1);
    await counter.getByRole('button', { name: 'Lưu', exact: true }).click();
    await counter.getByText('Đã lưu cài đặt.').waitFor();

    // At once, without a card event: the chosen reader is named, and the card on the other one does not count.
    await counter.waitForFunction((name) => document.querySelector('.app-header [data-testid="active-reader"]')?.textContent === name, `Đầu đọc: ${R1}`);
    expect(await counter.locator('.sidebar .reader-status').textContent()).toContain(`Chưa có thẻ trên đầu đọc ${R1}.`);
    // Every reader is still offered in the settings.
    expect(await counter.locator('#reader-list option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([R0, R1]);
    await shot(counter, 'reader-02-counter-chosen');
    expect(await audit(counter, 'reader-counter')).toEqual([]);
    await kiosk.waitForSelector('.app-header .reader-status[data-state="no-card"]', { timeout: 10_000 });
    expect(await headerStatus(kiosk).textContent()).toBe(`Đầu đọc: ${R1} — chưa có thẻ`);
    await shot(kiosk, 'reader-01-kiosk-chosen-no-card');
    expect(await audit(kiosk, 'reader-kiosk')).toEqual([]);

    // The second person's card on the chosen reader: present, and the read is of that card.
    await put(1, R1);
    await kiosk.waitForSelector('.app-header .reader-status[data-state="card-present"]', { timeout: 20_000 });
    expect(await headerStatus(kiosk).textContent()).toBe(`Đầu đọc: ${R1} — có thẻ`);
    await giveConsent(kiosk);
    await typeCan(kiosk, sampleProfile(1).can!);
    await kiosk.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    expect(await kiosk.locator('main').textContent()).toContain(sampleIdentities()[1]!.idNumber);
    expect(await headerReader(kiosk).textContent()).toBe(`Đầu đọc: ${R1}`);
    await shot(kiosk, 'reader-03-kiosk-read-on-chosen');
    // The longer header still fits at 1024×768, on the kiosk and at the counter.
    for (const [page, name] of [[kiosk, 'kiosk'], [counter, 'counter']] as const) {
      await page.setViewportSize({ width: 1024, height: 768 });
      const chip = page.locator('.app-header .reader-status');
      const box = (await chip.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(1024);
      expect(await chip.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
      await shot(page, `reader-04-${name}-1024`);
    }

    // Back to "automatic" (empty): every reader again, the one with a card named.
    await reader.fill('');
    await counter.getByRole('button', { name: 'Lưu', exact: true }).click();
    await counter.waitForFunction(() => document.querySelector('.sidebar .reader-status')?.getAttribute('data-state') === 'card-present');
    expect(await counter.locator('.sidebar .reader-status').textContent()).toMatch(/Có thẻ trên đầu đọc Virtual PCD 00 0[01]\./);
    await kiosk.context().close();
    await counter.context().close();
  }, 150_000);
});
