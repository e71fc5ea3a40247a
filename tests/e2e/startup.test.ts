/**
 * Starting the app as a centre meets it: first-run setup on an empty data folder (no account: the counter creates
 * the administrator and the office, the kiosk refuses citizens until then), and the smart-card service missing at
 * start and coming back (the kiosk asks for a clerk instead of leading a citizen through consent and a code for
 * nothing). Real browser host, real pcscd (stopped and started again under the shared lock), Debian Chromium.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, openPage, ROOT, serve, shot, withQuery } from './harness';

let browser: Browser;
const pcscd = (cmd: 'start' | 'stop'): void => void execFileSync('bash', [path.join(ROOT, 'scripts', 'pcscd.sh'), cmd]);

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  // Leave the machine's pcscd running for the next suite, as the PC/SC suites expect.
  pcscd('start');
});

async function open(url: string, name: string): Promise<Page> {
  const page = await openPage(browser, url);
  onTestFailed(async () => {
    await shot(page, `startup-FAILED-${name}`).catch(() => undefined);
  });
  return page;
}

describe('startup', () => {
  it('first run on an empty data folder: the kiosk waits for setup; the counter creates the administrator and the office', async () => {
    const host = await serve({ env: { MOTCUA_ADMIN_PASSWORD: '' } });
    try {
      const kiosk = await open(host.url, 'kiosk-not-set-up');
      await kiosk.getByTestId('not-set-up').waitFor({ timeout: 30_000 });
      expect(await kiosk.getByTestId('not-set-up').textContent()).toContain('Máy chưa được cài đặt');
      expect(await kiosk.getByRole('radio', { name: 'Đồng ý' }).count()).toBe(0);
      await shot(kiosk, 'startup-14-kiosk-not-set-up');

      const counter = await open(withQuery(host.url, 'mode=counter'), 'setup');
      await counter.getByRole('heading', { name: 'Cài đặt lần đầu' }).waitFor({ timeout: 30_000 });
      await shot(counter, 'startup-14-first-run');
      await counter.getByLabel('Họ tên người quản trị').fill('Nguyễn Thị Quản Trị');
      await counter.getByLabel('Mật khẩu', { exact: true }).fill('short');
      await counter.getByLabel('Nhập lại mật khẩu').fill('short');
      await counter.getByRole('button', { name: 'Tạo tài khoản và tiếp tục' }).click();
      expect(await counter.getByRole('alert').textContent()).toContain('ít nhất 8 ký tự');
      await counter.getByLabel('Mật khẩu', { exact: true }).fill('quan-tri-2026');
      await counter.getByLabel('Nhập lại mật khẩu').fill('quan-tri-2026');
      await counter.getByLabel('Tên xã/phường').fill('UBND xã Tân Phú');
      await counter.getByLabel('Tên tỉnh/thành phố').fill('Tỉnh Đồng Nai');
      await counter.getByRole('button', { name: 'Tạo tài khoản và tiếp tục' }).click();
      // Signed in as the new administrator, on the settings for the reader, the printer and the trust store.
      await counter.getByTestId('counter-notice').waitFor();
      expect(await counter.getByLabel('Tên xã/phường').inputValue()).toBe('UBND xã Tân Phú');
      expect(await counter.locator('label.file-button').count()).toBe(1);
      await shot(counter, 'startup-14-after-setup-settings');

      // The kiosk goes on by itself once setup is done.
      await kiosk.waitForSelector('[data-step]:not([data-step="not-set-up"])', { timeout: 30_000 });
      await shot(kiosk, 'startup-14-kiosk-after-setup');
      // And the new account signs in on a fresh counter page.
      const again = await open(withQuery(host.url, 'mode=counter'), 'login-after-setup');
      await again.getByLabel('Tên đăng nhập').fill('admin');
      await again.getByLabel('Mật khẩu').fill('quan-tri-2026');
      await again.getByRole('button', { name: 'Đăng nhập' }).click();
      await again.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    } finally {
      await host.stop();
    }
  });

  it('the smart-card service stopped at start: a "call a clerk" screen, and the kiosk comes back by itself when it returns', async () => {
    pcscd('stop');
    const host = await serve({ env: { MOTCUA_ADMIN_PASSWORD: 'e2e-admin-pass-1' } });
    try {
      const kiosk = await open(host.url, 'reader-missing');
      await kiosk.getByTestId('reader-missing').waitFor({ timeout: 30_000 });
      expect(await kiosk.getByTestId('reader-missing').textContent()).toContain('Vui lòng gọi cán bộ');
      // No consent or code steps that lead nowhere.
      expect(await kiosk.getByRole('radio', { name: 'Đồng ý' }).count()).toBe(0);
      await shot(kiosk, 'startup-04-reader-service-missing');
      pcscd('start');
      await kiosk.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor({ timeout: 60_000 });
      await shot(kiosk, 'startup-04-reader-service-back');
    } finally {
      await host.stop();
    }
  });
});
