/**
 * Accessibility of every kiosk and counter screen in Debian Chromium, at 1366×768 and 1024×768: accessible names, WCAG AA text
 * contrast, a visible focus indicator on every Tab stop, and the kiosk flow operated with the keyboard alone.
 * Runs the browser host in demo mode (the built-in simulated card), so it needs no reader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { counterLogin, DEMO_CAN as CAN, demoHostPerFile, kioskCt01, openPage, openPageAt, shot, withQuery } from './harness';
import { audit } from './a11y';

const demo = demoHostPerFile({ beforeAll, afterAll });

async function check(page: Page, screen: string, problems: string[]): Promise<void> {
  await shot(page, `a11y-${screen}`);
  problems.push(...(await audit(page, screen)));
}

/** Move focus with Tab alone until `target` has it (fails if it is not reachable), then press `key` on it. */
async function tabTo(page: Page, target: Locator, key: 'Enter' | 'Space' | null = 'Enter', max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) {
      if (key) await page.keyboard.press(key);
      return;
    }
  }
  throw new Error(`not reachable with Tab: ${target.toString()}`);
}

describe('accessibility (names, contrast, focus, keyboard) in Chromium', () => {
  it('the audit itself finds each kind of problem on a page built to have them', async () => {
    const page = await (await demo.browser.newContext()).newPage();
    await page.setContent(`<style>button:focus { outline: none; box-shadow: none; }</style>
      <button>OK</button> <button aria-label=""></button>
      <p style="color:#999; background:#fff; font-size:16px">mờ quá</p>
      <input aria-label="Tên" value="THẺ MẪU" style="line-height: normal">
      <div style="overflow: hidden; white-space: nowrap; font-size: 20px">UBND xã Mẫu (THẺ MẪU)</div>`);
    const problems = await audit(page, 'bad');
    expect(problems).toContain('bad: button without a name');
    expect(problems.some((p) => p.startsWith('bad: "mờ quá" 2.85:1'))).toBe(true);
    expect(problems.some((p) => /input "Tên" has line-height normal/.test(p))).toBe(true);
    expect(problems.some((p) => /"UBND xã Mẫu \(THẺ MẪU\)" is clipped/.test(p))).toBe(true);
    expect(problems).toContain('bad: button "OK": focused without a visible indicator');
    await page.context().close();
  });

  it('every kiosk screen from consent to done', async () => {
    const page = await openPage(demo.browser, demo.host.url);
    const problems: string[] = [];
    await kioskCt01(page, CAN, (screen) => check(page, `kiosk-${screen}`, problems));
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('every kiosk screen from consent to done at 1024×768 (nothing cut off or overflowing)', async () => {
    const page = await openPageAt(demo.browser, demo.host.url, 1024, 768);
    const problems: string[] = [];
    await kioskCt01(page, CAN, async (screen) => {
      await check(page, `kiosk-1024-${screen}`, problems);
      problems.push(...(await overflow(page)).map((p) => `kiosk-1024-${screen}: ${p}`));
    });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('every counter screen at 1024×768: login, queue, dossier, settings', async () => {
    const page = await openPageAt(demo.browser, withQuery(demo.host.url, 'mode=counter'), 1024, 768);
    const problems: string[] = [];
    const at = async (screen: string) => {
      await check(page, `counter-1024-${screen}`, problems);
      problems.push(...(await overflow(page)).map((p) => `counter-1024-${screen}: ${p}`));
    };
    await page.getByLabel('Tên đăng nhập').waitFor();
    await at('login');
    await counterLogin(page);
    await page.locator('[data-testid="queue"] tbody tr').first().waitFor();
    await at('queue');
    await page.getByRole('button', { name: 'Mở' }).first().click();
    await page.locator('#dossier-title').waitFor();
    await at('dossier');
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    await page.getByLabel('Tên xã/phường').waitFor();
    await at('settings');
    expect(problems).toEqual([]);
    await page.context().close();
  }, 180_000);

  it('the kiosk flow can be done with the keyboard alone (Tab, Space, Enter, typing)', async () => {
    const page = await openPage(demo.browser, demo.host.url);
    const role = (r: Parameters<Page['getByRole']>[0], name: string) => page.getByRole(r, { name, exact: true });
    await role('radio', 'Đồng ý').waitFor();
    await tabTo(page, role('radio', 'Đồng ý'), 'Space');
    expect(await role('radio', 'Đồng ý').isChecked()).toBe(true);
    await tabTo(page, role('button', 'Tiếp tục'));
    await tabTo(page, role('tab', 'Mã CAN (6 số)'));
    for (const d of CAN) await tabTo(page, role('button', d));
    await page.waitForSelector('[data-step="identity"]', { timeout: 60_000 });
    await tabTo(page, role('button', 'Chọn thủ tục'));
    await tabTo(page, page.locator('[data-form="CT01"]'));
    await page.waitForSelector('[data-step="form"]');
    // A physical keyboard types into the field directly (the on-screen one is for touch).
    await tabTo(page, page.locator('[data-field="noiDungDeNghi"] textarea'), null);
    await page.keyboard.type('Đăng ký thường trú');
    expect(await page.locator('[data-field="noiDungDeNghi"] textarea').inputValue()).toBe('Đăng ký thường trú');
    await tabTo(page, role('button', 'Xong'));
    await tabTo(page, role('button', 'Xem lại'));
    await page.waitForSelector('[data-step="review"]');
    await tabTo(page, role('button', 'Xác nhận và in'));
    await page.waitForSelector('[data-step="print"]', { timeout: 30_000 });
    await tabTo(page, role('button', 'Hoàn tất'));
    await page.getByTestId('dossier-id').waitFor();
    await shot(page, 'a11y-keyboard-done');
    await page.context().close();
  }, 120_000);

  it('every counter screen: login, queue, dossier, settings', async () => {
    const page = await openPage(demo.browser, withQuery(demo.host.url, 'mode=counter'));
    const problems: string[] = [];
    await page.getByLabel('Tên đăng nhập').waitFor();
    await check(page, 'counter-login', problems);
    await counterLogin(page);
    await page.getByLabel('Tìm theo họ tên hoặc số định danh').waitFor();
    // The dossiers the kiosk tests above saved.
    await page.locator('[data-testid="queue"] tbody tr').first().waitFor();
    await check(page, 'counter-queue', problems);
    await page.getByRole('button', { name: 'Mở' }).first().click();
    await page.locator('#dossier-title').waitFor();
    await check(page, 'counter-dossier', problems);
    await page.getByRole('button', { name: 'Cài đặt' }).click();
    await page.getByLabel('Tên xã/phường').waitFor();
    await check(page, 'counter-settings', problems);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 120_000);
});

/**
 * Controls and verdict words pushed past the right edge of the window or of their own box (the 1024 px failures:
 * the verdict column and banner cut off, the English button overflowing, the queue's "Mở" clipped).
 */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll<HTMLElement>('button, .banner, .check-verdict, .reader-status, td, th, a, input, select, textarea')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).visibility === 'hidden' || el.closest('.sr-only') || el.classList.contains('file-input')) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 30);
      if (r.right > width + 1) out.push(`"${name}" overflows the window (${Math.round(r.right)} > ${width})`);
      else if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) out.push(`button "${name}" is cut off`);
    }
    return out;
  });
}
