import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../src/host/server';
import { makeCore } from '../api/fakes';

let host: BrowserHost;
const root = mkdtempSync(path.join(os.tmpdir(), 'motcua-host-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Motcua</title>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(os.tmpdir(), 'motcua-secret.txt'), 'outside');

/** Redeem a one-time launch link as a browser would; returns the session cookie it sets. */
async function launchCookie(link = host.launchUrl()): Promise<string> {
  const res = await fetch(link, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function connect(cookie: string | undefined, origin: string | undefined, pathQuery = '/api'): Promise<{ ws: WebSocket } | { status: number }> {
  return new Promise((resolve) => {
    const headers = cookie ? { Cookie: cookie } : undefined;
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${pathQuery}`, { ...(origin ? { origin } : {}), headers });
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('error', () => undefined);
  });
}

describe('browser host', () => {
  beforeAll(async () => {
    host = await startBrowserHost({ core: makeCore().core, staticDir: root, port: 0 });
  });
  afterAll(async () => host.close());

  it('listens on 127.0.0.1 only; its address carries no credential', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    const ext = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (ext) {
      const refused = await new Promise<boolean>((resolve) => {
        const s = net.connect(host.port, ext.address);
        s.on('connect', () => (s.destroy(), resolve(false)));
        s.on('error', () => resolve(true));
      });
      expect(refused).toBe(true);
    }
    const v6 = await new Promise<boolean>((resolve) => {
      const s = net.connect(host.port, '::1');
      s.on('connect', () => (s.destroy(), resolve(false)));
      s.on('error', () => resolve(true));
    });
    expect(v6).toBe(true);
  });

  it('serves the renderer with a strict CSP header', async () => {
    const res = await fetch(`${host.origin}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${host.origin}/assets/app.js`)).headers.get('content-type')).toContain('javascript');
  });

  it('refuses path traversal, foreign Host headers and non-GET methods', async () => {
    expect((await fetch(`${host.origin}/..%2fmotcua-secret.txt`)).status).toBe(404);
    expect((await fetch(`${host.origin}/assets/../../motcua-secret.txt`)).status).not.toBe(200);
    const foreign = await new Promise<number>((resolve) => {
      const s = net.connect(host.port, '127.0.0.1', () => s.write(`GET / HTTP/1.1\r\nHost: evil.example:${host.port}\r\nConnection: close\r\n\r\n`));
      let buf = '';
      s.on('data', (d) => (buf += d.toString()));
      s.on('end', () => resolve(Number(buf.split(' ')[1])));
    });
    expect(foreign).toBe(421);
    expect((await fetch(`${host.origin}/`, { method: 'POST' })).status).toBe(405);
  });

  it('a launch link works once, sets an HttpOnly SameSite=Strict cookie and sends the page on without the token', async () => {
    const link = host.launchUrl('mode=counter');
    const res = await fetch(link, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?mode=counter');
    expect(res.headers.get('location')).not.toContain(new URL(link).searchParams.get('t')!);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(403);
    expect((await fetch(`${host.origin}/launch?t=made-up`, { redirect: 'manual' })).status).toBe(403);
  });

  it('WebSocket: missing or wrong cookie → 401; foreign Origin → 401; the old ?s= secret is no key', async () => {
    const cookie = await launchCookie();
    expect(await connect(undefined, host.origin)).toEqual({ status: 401 });
    expect(await connect('motcua_session=wrong', host.origin)).toEqual({ status: 401 });
    expect(await connect(undefined, host.origin, `/api?s=${cookie.split('=')[1]}`)).toEqual({ status: 401 });
    expect(await connect(cookie, 'http://evil.example')).toEqual({ status: 401 });
    expect(await connect(cookie, undefined)).toEqual({ status: 401 });
  });

  it('WebSocket with the cookie answers calls and typed errors', async () => {
    const r = await connect(await launchCookie(), host.origin);
    if (!('ws' in r)) throw new Error(`status ${r.status}`);
    const replies: Record<number, { ok: boolean; result?: { name?: string }; error?: { code: string } }> = {};
    const done = new Promise<void>((resolve) =>
      r.ws.on('message', (m) => {
        const msg = JSON.parse(m.toString());
        if ('id' in msg) replies[msg.id] = msg;
        if (Object.keys(replies).length === 3) resolve();
      }),
    );
    r.ws.send(JSON.stringify({ id: 1, method: 'app.info', input: {} }));
    r.ws.send(JSON.stringify({ id: 2, method: 'dossier.list', input: {} }));
    r.ws.send('not json');
    await done;
    r.ws.close();
    expect(replies[1]?.result?.name).toBe('Motcua');
    expect(replies[2]?.error?.code).toBe('UNAUTHORIZED');
    expect(replies[-1]?.error?.code).toBe('INVALID_INPUT');
  });
});
