/**
 * The hall display end to end: the real browser host (demo card, real store), an administrator's display link
 * (motcua display-link), Debian's Chromium on /display, and counters calling through the real API. A call shows
 * on the display within 1 s; the page fetches the announcement clips in the exact order of
 * src/queue/announcement.ts, two calls at once one after the other; a browser that refuses autoplay shows
 * "Bật âm thanh" and plays after the press; no personal data reaches the display; screenshots at 1920×1080 and
 * 1366×768 and the accessibility audit.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { openPage, serve, shot, type Served } from './harness';
import { audit } from './a11y';
import { main as cli } from '../../src/cli/main';
import { announcementClips } from '../../src/queue/announcement';
import { sampleProfile } from '../../src/sim/profile/samples';
import type { CardIdentity, DisplayView, LoginOutput, QueueCallEvent, SaveOutput, TicketSlip, TicketView } from '../../src/api/contract';

let host: Served & { data: string };
let origin = '';
let browser: Browser;
let api: Api;
let clerk = '';
let displayLink = '';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Api {
  call<T>(method: string, input: unknown, token?: string): Promise<T>;
  events: { event: string; data: unknown }[];
  close(): void;
}

/** A full API connection from Node with the launch cookie a page got (the counter's and kiosk's own rights). */
async function apiFor(page: Page): Promise<Api> {
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`, { origin, headers: { Cookie: cookie } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_q, r) => reject(new Error(`handshake ${r.statusCode}`)));
  });
  const waiters = new Map<number, (m: { ok: boolean; result?: unknown; error?: { code: string; detail?: string } }) => void>();
  const events: Api['events'] = [];
  let next = 1;
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString());
    if (typeof msg.id === 'number') waiters.get(msg.id)?.(msg);
    else if (msg.event) events.push(msg);
  });
  return {
    events,
    close: () => ws.close(),
    call: <T,>(method: string, input: unknown, token?: string) =>
      new Promise<T>((resolve, reject) => {
        const id = next++;
        waiters.set(id, (m) => (m.ok ? resolve(m.result as T) : reject(new Error(`${method}: ${m.error?.code} ${m.error?.detail ?? ''}`))));
        ws.send(JSON.stringify({ id, method, input, ...(token ? { token } : {}) }));
      }),
  };
}

/** The display page in a fresh browser context of the given size, let in by the display link; it records clip requests. */
/**
 * Scripts for the page are given as text: a function from this file would be serialised after the test runner's
 * transform, which may add helpers the page does not have.
 */
const FAST_AUDIO = `{
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () { this.playbackRate = 4; return play.call(this); };
}`;
const AUTOPLAY_REFUSED = `{
  let pressed = false;
  addEventListener('pointerdown', (e) => { if (e.isTrusted) pressed = true; }, true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    return pressed ? play.call(this) : Promise.reject(new DOMException('autoplay refused', 'NotAllowedError'));
  };
}`;

async function openDisplay(b: Browser, width: number, height: number, init?: string): Promise<{ page: Page; clips: string[] }> {
  const ctx = await b.newContext({ viewport: { width, height }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  // The clips play in real time (about 7 s per call); four times faster keeps this file short and changes no order.
  await page.addInitScript({ content: FAST_AUDIO });
  if (init) await page.addInitScript({ content: init });
  const clips: string[] = [];
  page.on('request', (r) => {
    const p = new URL(r.url()).pathname;
    if (p.startsWith('/announce/')) clips.push(p);
  });
  await page.goto(displayLink);
  expect(new URL(page.url()).pathname).toBe('/display');
  await page.waitForSelector('[data-view="display"]');
  await page.locator('.display-conn').waitFor({ state: 'detached' });
  return { page, clips };
}

/** Media elements may fetch one file in several range requests: the played order is the order of distinct steps. */
function steps(requests: string[]): string[] {
  return requests.filter((p, i) => p !== requests[i - 1]);
}
const urls = (label: string, counter: number): string[] => announcementClips(label, counter).map((c) => `/announce/${c}.wav`);

async function waitForClips(clips: string[], expected: string[], ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  while (steps(clips).length < expected.length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

const issue = (): Promise<TicketSlip> => api.call<TicketSlip>('queue.issue', { request: 'OTHER', dossierId: null });

describe('hall display in Chromium', () => {
  beforeAll(async () => {
    host = await serve({ demo: true });
    origin = new URL(host.url).origin;
    // The administrator's display link, made while the host runs (it reads the token's hash from the store).
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((c: string) => (out.push(c), true)) as typeof process.stdout.write;
    try {
      expect(await cli(['display-link', '--db', path.join(host.data, 'demo', 'motcua.db'), '--port', new URL(origin).port, '--json'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    displayLink = (JSON.parse(out.join('')) as { url: string }).url;
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] });
    const kiosk = await openPage(browser, host.url);
    api = await apiFor(kiosk);
    clerk = (await api.call<LoginOutput>('auth.login', { username: 'canbo', password: 'motcua-canbo' })).token;
  });
  afterAll(async () => {
    api?.close();
    await browser?.close();
    await host?.stop();
  });

  it('a counter call shows as "17 → Quầy 2" within 1 s and the page plays its clips in order; overlapping calls wait their turn', async () => {
    const { page, clips } = await openDisplay(browser, 1920, 1080);
    await expect(page.getByText('Chưa gọi số nào. Mời công dân lấy số thứ tự tại máy kiosk.').first().isVisible()).resolves.toBe(true);
    const tickets = [await issue(), await issue(), await issue(), await issue()];
    expect(tickets.map((t) => t.label)).toEqual(['1', '2', '3', '4']);
    await page.getByText('4 người').waitFor();

    const t0 = Date.now();
    const called = await api.call<TicketView>('queue.callNext', { counter: 2 }, clerk);
    const hero = page.getByTestId('display-latest');
    await hero.getByText(called.label, { exact: true }).waitFor({ timeout: 1000 });
    await hero.getByText('Quầy 2', { exact: true }).waitFor({ timeout: 1000 });
    const shownMs = Date.now() - t0;
    expect(shownMs).toBeLessThan(1000);
    await expect(hero.textContent()).resolves.toContain(`Mời công dân có số thứ tự ${called.label} đến quầy số 2`);
    await waitForClips(clips, urls(called.label, 2));
    expect(steps(clips)).toEqual(urls(called.label, 2));

    // Two counters at the same instant: the second announcement starts after the first has ended.
    clips.length = 0;
    const before = api.events.length;
    await Promise.all([api.call('queue.callNext', { counter: 1 }, clerk), api.call('queue.callNext', { counter: 3 }, clerk)]);
    const calls = () => api.events.slice(before).filter((e) => e.event === 'queue.call').map((e) => e.data as QueueCallEvent);
    while (calls().length < 2) await new Promise((r) => setTimeout(r, 20));
    const expected = calls().flatMap((c) => urls(c.label, c.counter));
    await waitForClips(clips, expected);
    expect(steps(clips)).toEqual(expected);
    await page.locator('[data-counter="3"]').waitFor();
    await shot(page, 'display-1920x1080');
    await page.context().close();
  });

  it('reads at 1366×768 too, passes the accessibility audit, and carries no personal data', async () => {
    // A citizen's dossier behind one ticket: the display must show its number only.
    const holder = sampleProfile(0);
    const id = await api.call<CardIdentity>('card.read', { key: { can: holder.can } });
    const saved = await api.call<SaveOutput>('dossier.save', { formId: 'CT01', session: id.session, edits: [{ key: 'noiDungDeNghi', value: 'Đăng ký thường trú' }] });
    const slip = await api.call<TicketSlip>('queue.issue', { request: 'CT01', dossierId: saved.dossier.id, session: id.session });
    // Counter 1 also serves the "other" group, whose earlier ticket may come first.
    let called: TicketView | null = null;
    for (let i = 0; i < 3 && called?.label !== slip.label; i++) called = await api.call<TicketView>('queue.callNext', { counter: 1 }, clerk);
    expect(called?.label).toBe(slip.label);
    const { page } = await openDisplay(browser, 1366, 768);
    await page.getByTestId('display-latest').getByText(slip.label, { exact: true }).waitFor();
    await shot(page, 'display-1366x768');

    // Nothing in what the display receives or shows names the citizen, their card or their dossier.
    const data = JSON.stringify(await api.call<DisplayView>('queue.display', {})) + (await page.locator('body').innerText());
    const h = id.holder;
    for (const secret of [h.fullName, h.idNumber, h.dateOfBirth, h.idNumber?.slice(-6), saved.dossier.id, id.document.documentNumber].filter((s): s is string => !!s && s.length >= 4)) expect(data).not.toContain(secret);
    const words = (h.fullName ?? '').split(/\s+/).filter((w) => w.length > 2);
    expect(words.length).toBeGreaterThan(1);
    expect(words.every((w) => data.includes(w))).toBe(false);

    // The display has nothing to press while its sound plays: no Tab stop is right for it (the audit asks for one).
    const problems = (await audit(page, 'display 1366×768')).filter((p) => !p.endsWith('no element reachable with Tab'));
    expect(problems).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect((await audit(page, 'display 1920×1080')).filter((p) => !p.endsWith('no element reachable with Tab'))).toEqual([]);
    await page.context().close();
  });

  it('where Chromium refuses autoplay the display shows "Bật âm thanh" and plays the waiting call after the press', async () => {
    // Headless Chromium plays sound whatever --autoplay-policy says (and counts the test's navigation as a user
    // activation), so the page gets a TV's rule: play() is refused with NotAllowedError until a real press.
    const { page, clips } = await openDisplay(browser, 1366, 768, AUTOPLAY_REFUSED);
    await issue();
    const called = await api.call<TicketView>('queue.callNext', { counter: 2 }, clerk);
    await page.getByTestId('display-latest').getByText(called.label, { exact: true }).waitFor();
    const button = page.getByRole('button', { name: 'Bật âm thanh' });
    await button.waitFor({ timeout: 5000 });
    expect(await audit(page, 'display sound blocked')).toEqual([]);
    await shot(page, 'display-sound-blocked');
    await button.click();
    await waitForClips(clips, urls(called.label, 2));
    // Before the press Chromium may have fetched the first clip; after it the whole announcement plays from the start.
    expect(steps(clips).slice(-urls(called.label, 2).length)).toEqual(urls(called.label, 2));
    await button.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('the display page cannot reach the clerk API, and a page without the display cookie is not let in', async () => {
    const { page } = await openDisplay(browser, 1366, 768);
    const answer = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const ws = new window.WebSocket(`ws://${location.host}/api/display`);
          ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: 'dossier.list', input: {} }));
          ws.onmessage = (m) => resolve(String(m.data));
          ws.onerror = () => resolve('error');
        }),
    );
    expect(JSON.parse(answer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const full = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const ws = new window.WebSocket(`ws://${location.host}/api`);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
    );
    expect(full).toBe('refused');
    await page.context().close();
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(`${origin}/display`);
    await stranger.getByText(/Chưa kết nối được/).waitFor({ timeout: 15_000 });
    await stranger.context().close();
  });
});
