/**
 * The kiosk's queue screens in Debian Chromium against the real browser host in demo mode (the built-in simulated
 * card, the real encrypted store and its queue, PDF rendering on the print worker): a saved dossier ends with a
 * queue ticket, "Tôi cần hỏi / nộp giấy tờ khác" gives one without a card, the status look-up by typed code and by
 * a keyboard-wedge scan, and the rating once (refused the second time). The clerk's side (progress, call, finish)
 * goes through the same API a counter uses. Screenshots of each new screen at 1366×768 and 1024×768
 * (artifacts/screenshots/kq-*.png), each with the accessibility audit and an overflow check.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { TicketSlip } from '../../src/api/contract';
import { kioskCt01, launch, openPage, pageApi, serve, shot } from './harness';
import { audit } from './a11y';
import { pdfText } from '../print/helpers';
import { sampleProfile } from '../../src/sim/profile/samples';

const CAN = sampleProfile(0).can!;

let browser: Browser;
let host: Awaited<ReturnType<typeof serve>>;
/** The dossier ticket of the first test, for the look-up and the rating. */
let dossierTicket: TicketSlip;
let otherTicket: TicketSlip;

beforeAll(async () => {
  host = await serve({ demo: true });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
});

/** The API answers this page received, by method (read off the page's own WebSocket, as the kiosk got them). */
type Answers = Map<string, unknown[]>;

async function open(name: string): Promise<{ page: Page; answers: Answers }> {
  const page = await openPage(browser, host.url);
  const answers: Answers = new Map();
  const sent = new Map<number, string>();
  page.on('websocket', (ws) => {
    ws.on('framesent', (f) => {
      const m = JSON.parse(String(f.payload)) as { id?: number; method?: string };
      if (m.method && typeof m.id === 'number') sent.set(m.id, m.method);
    });
    ws.on('framereceived', (f) => {
      const m = JSON.parse(String(f.payload)) as { id?: number; ok?: boolean; result?: unknown };
      const method = typeof m.id === 'number' ? sent.get(m.id) : undefined;
      if (method && m.ok) answers.set(method, [...(answers.get(method) ?? []), m.result]);
    });
  });
  // The launch link set the cookie; a reload opens the socket again with the listener in place.
  await page.reload();
  onTestFailed(async () => {
    await shot(page, `kq-FAILED-${name}`).catch(() => undefined);
    const step = await page.locator('[data-step]').getAttribute('data-step').catch(() => '?');
    console.error(`[${name}] step=${step} alerts=${JSON.stringify(await page.getByRole('alert').allTextContents().catch(() => []))}`);
  });
  return { page, answers };
}

async function answer<T>(answers: Answers, method: string, n = 1): Promise<T> {
  for (let i = 0; i < 200 && (answers.get(method)?.length ?? 0) < n; i++) await new Promise((r) => setTimeout(r, 50));
  const got = answers.get(method)?.[n - 1];
  if (!got) throw new Error(`no answer to ${method}`);
  return got as T;
}

/** Buttons or banners past the right edge, cut-off buttons, and a screen that needs scrolling to show everything. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const el of document.querySelectorAll<HTMLElement>('button, .banner, input, .ticket-number')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || el.closest('.sr-only')) continue;
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.tagName).trim().slice(0, 30);
      if (r.right > width + 1) out.push(`"${name}" overflows the window (${Math.round(r.right)} > ${width})`);
      else if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1) out.push(`button "${name}" is cut off`);
    }
    const screen = document.querySelector<HTMLElement>('main.screen');
    if (screen && screen.scrollHeight > screen.clientHeight + 1) out.push(`the screen scrolls (${screen.scrollHeight} > ${screen.clientHeight})`);
    return out;
  });
}

/** Screenshots at 1366×768 and 1024×768, the accessibility audit and the overflow check at both. */
async function check(page: Page, name: string): Promise<void> {
  const problems: string[] = [];
  for (const [w, h] of [[1366, 768], [1024, 768]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(150);
    await shot(page, `kq-${name}-${w}`);
    problems.push(...(await audit(page, `${name}-${w}`)), ...(await overflow(page)).map((p) => `${name}-${w}: ${p}`));
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  expect(problems).toEqual([]);
}

async function typeCode(page: Page, code: string): Promise<void> {
  const kbd = page.getByRole('group', { name: 'Bàn phím nhập mã' });
  for (const ch of code) await kbd.getByRole('button', { name: ch, exact: true }).click();
}

const pdfOf = (b64: string): string => pdfText(Buffer.from(b64, 'base64')).replace(/\s+/g, ' ');

describe('kiosk queue in Chromium (demo card)', () => {
  it('a saved dossier ends with its ticket: number, group, counter, people ahead, an honest wait — and the ticket printed', async () => {
    const { page, answers } = await open('dossier');
    await kioskCt01(page, CAN);
    await page.getByTestId('ticket-number').waitFor();
    dossierTicket = await answer<TicketSlip>(answers, 'queue.issue');
    const dossierId = /HS-\d{8}-[0-9A-Z]{6}/.exec((await page.getByTestId('dossier-id').textContent()) ?? '')?.[0];
    expect(dossierTicket.dossierId).toBe(dossierId);
    expect(await page.getByTestId('ticket-number').textContent()).toBe(dossierTicket.label);
    expect(await page.getByTestId('ticket-counters').textContent()).toBe('Mời đến quầy số 1 khi được gọi số');
    expect(await page.getByTestId('ticket-estimate').textContent()).toBe('Thời gian chờ dự kiến: chưa đủ dữ liệu để ước tính');
    // The browser host has no printer here: the ticket comes as the preview the citizen prints with one button.
    await page.getByRole('button', { name: 'In số thứ tự' }).waitFor();
    const printed = await answer<{ pdfBase64: string }>(answers, 'print.ticket');
    const text = pdfOf(printed.pdfBase64);
    expect(text).toContain(`SỐ THỨ TỰ ${dossierTicket.label}`);
    expect(text).toContain(`Mã hồ sơ: ${dossierId}`);
    expect(text).toContain('Quầy số 1');
    await check(page, '01-done-ticket');
    await page.context().close();
  }, 90_000);

  it('"Tôi cần hỏi / nộp giấy tờ khác": a ticket without a card, shown and printed', async () => {
    const { page, answers } = await open('other');
    await page.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }).waitFor();
    await check(page, '00-start');
    await page.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }).click();
    await page.getByTestId('ticket-number').waitFor();
    otherTicket = await answer<TicketSlip>(answers, 'queue.issue');
    expect(otherTicket.dossierId).toBeNull();
    expect(await page.getByTestId('ticket-number').textContent()).toBe(otherTicket.label);
    expect(await page.getByTestId('ticket-counters').textContent()).toBe('Mời đến quầy số 1, 2, 3 khi được gọi số');
    await page.getByRole('button', { name: 'In số thứ tự' }).waitFor();
    expect(pdfOf((await answer<{ pdfBase64: string }>(answers, 'print.ticket')).pdfBase64)).toContain(`SỐ THỨ TỰ ${otherTicket.label}`);
    await check(page, '02-ticket');
    await page.getByRole('button', { name: 'Xong' }).click();
    await page.getByRole('button', { name: 'Tôi cần hỏi / nộp giấy tờ khác' }).waitFor();
    await page.context().close();
  }, 60_000);

  it('status look-up: typed dossier code → the state in words, the return date, initials only; a wedge scan of the ticket QR; bad codes say why', async () => {
    const { page } = await open('lookup');
    const { token } = await pageApi<{ token: string }>(page, 'auth.login', { username: 'canbo', password: 'motcua-canbo' });
    await pageApi(page, 'progress.set', { id: dossierTicket.dossierId, state: 'processing', expectedReturn: '2026-12-09' }, token);

    await page.getByRole('button', { name: 'Tra cứu hồ sơ' }).click();
    await page.getByRole('textbox', { name: 'Mã hồ sơ hoặc số thứ tự' }).waitFor();
    await typeCode(page, 'HS-2026');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    expect(await page.getByTestId('code-problem').textContent()).toContain('không đúng dạng');
    await check(page, '03-lookup-invalid');
    await page.getByRole('button', { name: 'Xoá hết' }).click();
    await typeCode(page, 'HS-20200101-ZZZZZZ');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByTestId('code-problem').getByText('Không tìm thấy').waitFor();

    await page.getByRole('button', { name: 'Xoá hết' }).click();
    await typeCode(page, dossierTicket.dossierId!);
    // The same screen as audited above, now with a whole code typed: looked at, not audited twice.
    await shot(page, 'kq-03-lookup-code-1366');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await page.getByTestId('status-dossier').waitFor();
    expect(await page.getByTestId('status-state').textContent()).toContain('Đang xử lý');
    expect(await page.getByTestId('status-expected').textContent()).toBe('Ngày hẹn trả kết quả: 09/12/2026');
    const initials = (await page.getByTestId('status-initials').textContent()) ?? '';
    expect(initials).toMatch(/^Người nộp: ([A-ZĐ]\.)+$/u);
    // Masked initials, never the name: no word of the card holder's name appears.
    const body = (await page.locator('main').textContent()) ?? '';
    for (const word of ['Nguyễn', 'NGUYỄN', 'Văn']) expect(body).not.toContain(word);
    expect(await page.getByTestId('status-ticket').textContent()).toContain(`Số thứ tự ${dossierTicket.label}`);
    await check(page, '04-status');

    // A keyboard-wedge scanner "types" the slip's QR in a burst ending in Enter.
    await page.getByRole('button', { name: 'Tra cứu mã khác' }).click();
    await page.getByRole('textbox', { name: 'Mã hồ sơ hoặc số thứ tự' }).waitFor();
    await page.keyboard.type(dossierTicket.qr, { delay: 3 });
    await page.keyboard.press('Enter');
    await page.getByTestId('status-dossier').waitFor();
    expect(await page.getByTestId('status-state').textContent()).toContain('Đang xử lý');
    await page.getByRole('button', { name: 'Về màn hình đầu' }).click();
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    await page.context().close();
  }, 60_000);

  it('rating: not before the service; once after it (the five levels, visits, papers); refused the second time', async () => {
    const { page } = await open('rating');
    const rateStart = async (label: string): Promise<void> => {
      await page.getByRole('button', { name: 'Đánh giá', exact: true }).click();
      await typeCode(page, label);
      await page.getByRole('button', { name: 'Tiếp tục' }).click();
    };
    await rateStart(dossierTicket.label);
    expect(await page.getByTestId('code-problem').textContent()).toContain(`Số ${dossierTicket.label} chưa được phục vụ xong`);
    await check(page, '05-rate-not-served');
    await page.getByRole('button', { name: 'Về màn hình đầu' }).click();

    // The counter calls and serves the dossier's ticket.
    const { token } = await pageApi<{ token: string }>(page, 'auth.login', { username: 'canbo', password: 'motcua-canbo' });
    const called = await pageApi<{ id: number; label: string }>(page, 'queue.callNext', { counter: 1 }, token);
    expect(called.label).toBe(dossierTicket.label);
    await pageApi(page, 'queue.finish', { ticketId: called.id, counter: 1 }, token);

    await rateStart(dossierTicket.label);
    await page.getByRole('heading', { name: `Đánh giá số ${dossierTicket.label}` }).waitFor();
    const levels = page.getByRole('radiogroup').first().getByRole('radio');
    expect(await levels.allTextContents()).toEqual(['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Rất không hài lòng']);
    for (const box of await Promise.all((await levels.all()).map((l) => l.boundingBox()))) expect(box!.height).toBeGreaterThanOrEqual(56);
    await check(page, '06-rate');
    await page.getByRole('radio', { name: 'Hài lòng', exact: true }).click();
    await page.getByRole('radio', { name: '1 lần' }).click();
    await page.getByRole('radio', { name: 'Rõ ràng', exact: true }).click();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await page.getByTestId('rated').waitFor();
    await check(page, '07-rated');
    await page.getByRole('button', { name: 'Về màn hình đầu' }).click();

    await rateStart(dossierTicket.label);
    await page.getByRole('heading', { name: `Đánh giá số ${dossierTicket.label}` }).waitFor();
    await page.getByRole('radio', { name: 'Rất hài lòng' }).click();
    await page.getByRole('radio', { name: '1 lần' }).click();
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    expect(await page.getByTestId('rate-problem').textContent()).toContain(`Số ${dossierTicket.label} đã được đánh giá`);
    await check(page, '08-rate-twice');
    await page.getByRole('button', { name: 'Về màn hình đầu' }).click();
    await page.getByRole('radio', { name: 'Đồng ý', exact: true }).waitFor();
    await page.context().close();
  }, 60_000);
});
