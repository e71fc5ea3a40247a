/**
 * The browser host's hall display, in process: the display link and its cookie, the display socket's role (which
 * calls and which events), the check that drops a display whose link was replaced, and the announcement clips.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../src/host/server';
import { DISPLAY_TOKEN_SETTING, revokeDisplayToken, rotateDisplayToken } from '../../src/hostShared/displayToken';
import type { ApiCore } from '../../src/api/core';
import { makeCore, type FakeCard, type FakeStore } from '../api/fakes';

const root = mkdtempSync(path.join(os.tmpdir(), 'motcua-display-'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Motcua</title>');
const clips = mkdtempSync(path.join(os.tmpdir(), 'motcua-clips-'));
writeFileSync(path.join(clips, 'chime.wav'), Buffer.from('RIFF-chime'));
writeFileSync(path.join(clips, 'so-muoi-huyen.wav'), Buffer.from('RIFF-muoi'));
writeFileSync(path.join(clips, 'notes.txt'), 'not a clip');

let host: BrowserHost;
let core: ApiCore;
let store: FakeStore;
let card: FakeCard;

type Msg = { id?: number; ok?: boolean; result?: unknown; error?: { code: string }; event?: string; data?: unknown };
interface Sock {
  ws: WebSocket;
  received: Msg[];
  call(method: string, input?: unknown, token?: string): Promise<Msg>;
  closed: Promise<number>;
}

function open(cookie: string | undefined, pathname = '/api/display', origin = host.origin): Promise<Sock | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${pathname}`, { origin, headers: cookie ? { Cookie: cookie } : {} });
    const received: Msg[] = [];
    const waiters = new Map<number, (m: Msg) => void>();
    let next = 1;
    ws.on('message', (m) => {
      const msg = JSON.parse(m.toString()) as Msg;
      received.push(msg);
      if (typeof msg.id === 'number') waiters.get(msg.id)?.(msg);
    });
    ws.on('error', () => undefined);
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('unexpected-response', (_q, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('open', () =>
      resolve({
        ws,
        received,
        closed,
        call: (method, input = {}, token) =>
          new Promise((r) => {
            const id = next++;
            waiters.set(id, r);
            ws.send(JSON.stringify({ id, method, input, ...(token ? { token } : {}) }));
          }),
      }),
    );
  });
}

function sock(r: Sock | { status: number }): Sock {
  if (!('ws' in r)) throw new Error(`handshake refused: ${r.status}`);
  return r;
}

async function redeem(token: string): Promise<Response> {
  return fetch(`${host.origin}/display?t=${encodeURIComponent(token)}`, { redirect: 'manual' });
}

async function displayCookieFor(token: string): Promise<string> {
  const res = await redeem(token);
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** The core's own event emitter (private): the queue handlers call it the same way on every call. */
function emit(event: string, data: unknown): void {
  (core as unknown as { emit: (e: string, d: unknown) => void }).emit(event, data);
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('browser host: hall display', () => {
  beforeAll(async () => {
    ({ core, store, card } = makeCore());
    host = await startBrowserHost({ core, staticDir: root, port: 0, display: { store, announceDir: clips, recheckMs: 100 } });
  });
  afterAll(async () => host.close());

  it('a display link sets its own long-lived HttpOnly SameSite=Strict cookie and sends the page on without the token', async () => {
    const token = rotateDisplayToken(store, 'test');
    const stored = JSON.stringify(store.getSetting(DISPLAY_TOKEN_SETTING));
    expect(stored).not.toContain(token);
    expect(stored).toMatch(/"sha256":"[0-9a-f]{64}"/);
    const res = await redeem(token);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/display');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^motcua_display=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(Number(/Max-Age=(\d+)/.exec(cookie)?.[1])).toBeGreaterThan(300 * 24 * 3600);
    // Long-lived, unlike a launch link: the same link works again (a TV that lost its cookie is re-opened with it).
    expect((await redeem(token)).status).toBe(303);
    // The page itself is the renderer's index.html.
    expect(await (await fetch(`${host.origin}/display`)).text()).toContain('<title>Motcua</title>');
  });

  it('refuses a wrong, malformed or missing display token, and any token once none is set', async () => {
    const token = rotateDisplayToken(store, 'test');
    const wrong = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const t of [wrong, 'short', '', `${token}x`]) expect((await redeem(t)).status).toBe(403);
    expect(await open(undefined)).toEqual({ status: 401 });
    expect(await open(`motcua_display=${wrong}`)).toEqual({ status: 401 });
    revokeDisplayToken(store, 'test');
    expect((await redeem(token)).status).toBe(403);
    expect(await open(`motcua_display=${token}`)).toEqual({ status: 401 });
  });

  it('the display cookie opens only the display socket, from this host’s own page', async () => {
    const cookie = await displayCookieFor(rotateDisplayToken(store, 'test'));
    expect(await open(cookie, '/api')).toEqual({ status: 401 });
    expect(await open(cookie, '/api/display', 'http://evil.example')).toEqual({ status: 401 });
    const s = sock(await open(cookie));
    s.ws.close();
  });

  it('a display socket may call queue.display, queue.info and app.info only; clerk tokens are ignored', async () => {
    const cookie = await displayCookieFor(rotateDisplayToken(store, 'test'));
    const s = sock(await open(cookie));
    expect(await s.call('app.info')).toMatchObject({ ok: true, result: { name: 'Motcua' } });
    for (const m of ['queue.display', 'queue.info']) expect((await s.call(m)).error?.code).not.toBe('FORBIDDEN');
    // A clerk token obtained elsewhere does not turn the display into a clerk.
    const login = (await core.handle('auth.login', { username: 'admin', password: 'pw-admin' })) as { token: string };
    for (const [method, input] of [
      ['dossier.list', {}],
      ['dossier.get', { id: 'x1' }],
      ['dossier.save', { formId: 'CT01', edits: [] }],
      ['card.read', { key: { can: '123456' } }],
      ['card.status', {}],
      ['card.demoInsert', { index: 0 }],
      ['auth.login', { username: 'admin', password: 'pw-admin' }],
      ['settings.get', {}],
      ['queue.issue', { request: 'OTHER', dossierId: null }],
      ['queue.callNext', { counter: 1 }],
      ['print.slip', { id: 'x1', mode: 'preview' }],
      ['no.such', {}],
    ] as const)
      expect(await s.call(method, input, login.token), method).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    s.ws.close();
  });

  it('a display socket hears queue.display and queue.call only; a full socket hears everything', async () => {
    const cookie = await displayCookieFor(rotateDisplayToken(store, 'test'));
    const d = sock(await open(cookie));
    const launch = await fetch(host.launchUrl(), { redirect: 'manual' });
    const full = sock(await open((launch.headers.get('set-cookie') ?? '').split(';')[0]!, '/api'));
    card.set({ state: 'no-card', reader: 'R0' });
    emit('queue.call', { counter: 2, label: '17', kind: 'call', clips: ['chime'] });
    emit('queue.display', { current: [{ counter: 2, label: '17', at: '2026-12-02T09:00:00Z' }], recent: [], waitingByGroup: [] });
    emit('centre.status', { phase: 'standalone' });
    await tick(200);
    expect(d.received.map((m) => m.event)).toEqual(['queue.call', 'queue.display']);
    expect(full.received.map((m) => m.event)).toEqual(expect.arrayContaining(['card.status', 'queue.call', 'queue.display', 'centre.status']));
    d.ws.close();
    full.ws.close();
  });

  it('the launch cookie of a page already let in also opens the display socket, held to the display role', async () => {
    const launch = await fetch(host.launchUrl('view=display'), { redirect: 'manual' });
    expect(launch.headers.get('location')).toBe('/?view=display');
    const s = sock(await open((launch.headers.get('set-cookie') ?? '').split(';')[0]!));
    expect((await s.call('dossier.list')).error?.code).toBe('FORBIDDEN');
    expect((await s.call('app.info')).ok).toBe(true);
    s.ws.close();
  });

  it('replacing the link refuses the old one and closes displays still holding its cookie', async () => {
    const old = rotateDisplayToken(store, 'test');
    const cookie = await displayCookieFor(old);
    const s = sock(await open(cookie));
    const fresh = rotateDisplayToken(store, 'test');
    expect(await Promise.race([s.closed, tick(3000).then(() => -1)])).toBe(4001);
    expect((await redeem(old)).status).toBe(403);
    expect(await open(cookie)).toEqual({ status: 401 });
    sock(await open(await displayCookieFor(fresh))).ws.close();
  });

  it('serves the announcement clips as audio/wav, and nothing else from their folder', async () => {
    const res = await fetch(`${host.origin}/announce/chime.wav`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('RIFF-chime');
    expect((await fetch(`${host.origin}/announce/so-muoi-huyen.wav`)).status).toBe(200);
    for (const p of ['/announce/notes.txt', '/announce/missing.wav', '/announce/..%2findex.html', '/announce/CHIME.wav', '/announce/']) expect((await fetch(`${host.origin}${p}`)).status, p).toBe(404);
    // The page may load them: the CSP names media-src 'self'.
    expect((await fetch(`${host.origin}/display`)).headers.get('content-security-policy')).toContain("media-src 'self'");
  });
});
