/**
 * The centre's day end to end on one standalone PC in Chromium (the demo card; kiosk, counter and hall display as
 * three windows of one browser host): a citizen's CT01 at the kiosk ends with a queue ticket → counter 2 calls it
 * and the dossier opens pre-filled → the hall display shows "<number> → Quầy 2" within 1 s → the counter finishes
 * → the citizen rates the service at the kiosk → the head's report counts the ticket, the dossier and the rating.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { kioskCt01, launch, openPage, pageApi, serve, shot, withQuery } from './harness';
import { main as cli } from '../../src/cli/main';
import { sampleProfile } from '../../src/sim/profile/samples';
import { DEFAULT_QUEUE_CONFIG } from '../../src/queue/groups';

const CAN = sampleProfile(0).can!;

let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
let displayLink = '';

beforeAll(async () => {
  host = await serve({ demo: true });
  // The administrator's link for the hall's TV (motcua display-link), made while the host runs.
  const out: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string) => (out.push(c), true)) as typeof process.stdout.write;
  try {
    expect(await cli(['display-link', '--db', path.join(host.data, 'demo', 'motcua.db'), '--port', new URL(host.url).port, '--json'])).toBe(0);
  } finally {
    process.stdout.write = write;
  }
  displayLink = (JSON.parse(out.join('')) as { url: string }).url;
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

async function counter(query: string, user: string, password: string): Promise<Page> {
  const page = await openPage(browser, withQuery(host.url, `mode=counter${query}`));
  await page.getByLabel('Tên đăng nhập').fill(user);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('call-panel').waitFor();
  return page;
}

it('kiosk dossier → ticket → counter 2 calls it → the hall display within 1 s → done → rating → the report counts it', async () => {
  // The head's set-up: counter 2 also takes residence (CT01) tickets.
  const head = await counter('', 'admin', 'motcua-admin');
  const admin = (await pageApi<{ token: string }>(head, 'auth.login', { username: 'admin', password: 'motcua-admin' })).token;
  const groups = DEFAULT_QUEUE_CONFIG.groups.map((g) => (g.id === 'CU_TRU' ? { ...g, counters: [1, 2] } : g));
  await pageApi(head, 'settings.set', { settings: { queueGroups: { ...DEFAULT_QUEUE_CONFIG, groups } } }, admin);

  // The hall display on its own link (no clerk, no launch link).
  const tv = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' })).newPage();
  await tv.goto(displayLink);
  await tv.waitForSelector('[data-view="display"]');

  // 1. The citizen's CT01 at the kiosk ends with a ticket.
  const kiosk = await openPage(browser, host.url);
  await kioskCt01(kiosk, CAN);
  const label = ((await kiosk.getByTestId('ticket-number').textContent()) ?? '').trim();
  expect(label).toMatch(/^\d+$/);
  const dossierId = /HS-\d{8}-[0-9A-Z]{6}/.exec((await kiosk.getByTestId('dossier-id').textContent()) ?? '')![0];
  await shot(kiosk, 'centre-day-01-kiosk-ticket');

  // 2. Counter 2 calls it: the dossier opens pre-filled, the display shows it within 1 s.
  const c2 = await counter('&counter=2', 'canbo', 'motcua-canbo');
  // Timed by the two pages' own clocks (one machine): the click on "Gọi số tiếp theo" → the display's DOM shows it.
  await c2.evaluate(() => {
    const w = window as unknown as { clickedAt: number };
    document.addEventListener('click', (e) => void ((e.target as HTMLElement).closest('.call-next') && (w.clickedAt = Date.now())), { capture: true, once: true });
  });
  await tv.evaluate((label) => {
    const w = window as unknown as { shownAt: number };
    w.shownAt = 0;
    const has = (root: Element, text: string): boolean => [...root.querySelectorAll('*')].some((e) => e.textContent?.trim() === text);
    new MutationObserver((_m, obs) => {
      const hero = document.querySelector('[data-testid="display-latest"]');
      if (hero && has(hero, label) && has(hero, 'Quầy 2')) {
        w.shownAt = Date.now();
        obs.disconnect();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, label);
  await c2.getByTestId('call-panel').getByRole('button', { name: 'Gọi số tiếp theo' }).click();
  const hero = tv.getByTestId('display-latest');
  await hero.getByText(label, { exact: true }).waitFor({ timeout: 5000 });
  await hero.getByText('Quầy 2', { exact: true }).waitFor({ timeout: 5000 });
  await tv.waitForFunction(() => (window as unknown as { shownAt: number }).shownAt > 0, undefined, { timeout: 5000 });
  const shownMs = (await tv.evaluate(() => (window as unknown as { shownAt: number }).shownAt)) - (await c2.evaluate(() => (window as unknown as { clickedAt: number }).clickedAt));
  console.log(`counter 2 click → hall display "${label} → Quầy 2": ${shownMs} ms`);
  expect(shownMs).toBeGreaterThan(0);
  expect(shownMs).toBeLessThan(1000);
  await c2.locator('#dossier-title', { hasText: dossierId }).waitFor({ timeout: 2000 });
  expect(await c2.locator('[data-field="hoTen"]').locator('input, textarea').inputValue()).not.toBe('');
  await shot(tv, 'centre-day-02-display');
  await shot(c2, 'centre-day-03-counter-called');

  // 3. The counter finishes; 4. the citizen rates it at the kiosk.
  await c2.getByTestId('call-panel').getByRole('button', { name: 'Xong', exact: true }).click();
  await c2.getByTestId('call-msg').filter({ hasText: `Đã xong số ${label}.` }).waitFor();
  // The done screen clears itself after a while; the next citizen (here the same one) starts over.
  await kiosk.getByRole('button', { name: 'Làm lại từ đầu' }).click({ timeout: 2000 }).catch(() => undefined);
  await kiosk.getByRole('button', { name: 'Đánh giá', exact: true }).click();
  const kbd = kiosk.getByRole('group', { name: 'Bàn phím nhập mã' });
  for (const ch of label) await kbd.getByRole('button', { name: ch, exact: true }).click();
  await kiosk.getByRole('button', { name: 'Tiếp tục' }).click();
  await kiosk.getByRole('heading', { name: `Đánh giá số ${label}` }).waitFor();
  await kiosk.getByRole('radio', { name: 'Hài lòng', exact: true }).click();
  await kiosk.getByRole('radio', { name: '1 lần' }).click();
  await kiosk.getByRole('radio', { name: 'Rõ ràng', exact: true }).click();
  await kiosk.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await kiosk.getByTestId('rated').waitFor();
  await shot(kiosk, 'centre-day-04-kiosk-rated');

  // 5. The head's report counts the ticket, its dossier and its rating.
  await head.getByRole('button', { name: 'Báo cáo' }).click();
  const row = head.getByTestId('report-summary').locator('tr', { hasText: 'Cư trú' });
  await row.waitFor();
  const cell = (c: string) => row.locator(`[data-col="${c}"]`).innerText();
  expect([await cell('tickets'), await cell('served'), await cell('dossiers'), await cell('ratings')]).toEqual(['1', '1', '1', '1 (4.0)']);
  await head.getByTestId('chart-ratings').waitFor();
  await shot(head, 'centre-day-05-report');
}, 120_000);
