/**
 * `motcua display-link` against the real browser host (`motcua serve --demo`, a real encrypted store): the link
 * lets a display in, the store keeps only a hash, a new link or --revoke shuts the old one out, the real
 * announcement clips are served, and bad command lines create nothing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startCli, ROOT } from '../e2e/harness';
import { loadOrCreateKeyFile, KEY_FILE_NAME } from '../../src/store/keyFile';
import { openStore } from '../../src/store/sqliteStore';
import { DISPLAY_TOKEN_SETTING } from '../../src/hostShared/displayToken';
import { main } from '../../src/cli/main';

const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-dlink-'));
// Demo mode keeps its store in <data>/demo.
const db = path.join(data, 'demo', 'motcua.db');
let host: Awaited<ReturnType<typeof startCli>>;
let origin = '';
let port = 0;

/**
 * The command through the CLI's own entry, in this process (a child per run costs seconds of TypeScript loading);
 * the host it talks to is a separate process with the store open, as in real use.
 */
async function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string) => ((stdout += c), true)) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => ((stderr += c), true)) as typeof process.stderr.write;
  try {
    return { code: await main(['display-link', ...args]), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

async function link(): Promise<string> {
  const r = await cli(['--db', db, '--port', String(port), '--json']);
  expect(r.code, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { url: string; path: string };
  expect(out.url).toBe(`${origin}${out.path}`);
  return out.url;
}

async function cookieOf(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(303);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

function call(cookie: string, method: string): Promise<{ ok: boolean; error?: { code: string } } | { status: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/display`, { origin, headers: { Cookie: cookie } });
    ws.on('error', () => undefined);
    ws.on('unexpected-response', (_q, r) => resolve({ status: r.statusCode ?? 0 }));
    ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, input: {} })));
    ws.on('message', (m) => {
      ws.close();
      resolve(JSON.parse(m.toString()));
    });
  });
}

describe('motcua display-link with the real host', () => {
  beforeAll(async () => {
    host = await startCli(['serve', '--no-open', '--port', '0', '--data', data, '--demo'], /^Motcua ready at /);
    origin = new URL(host.line.replace(/^Motcua ready at /, '').trim()).origin;
    port = Number(new URL(origin).port);
  });
  afterAll(async () => host?.stop());

  it('a new link lets a display in with the display role; the store keeps only its hash', async () => {
    const url = await link();
    const token = new URL(url).searchParams.get('t')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = await cookieOf(url);
    expect(await call(cookie, 'app.info')).toMatchObject({ ok: true });
    expect(await call(cookie, 'dossier.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(cookie, 'card.status')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const store = openStore({ path: db, key: loadOrCreateKeyFile(path.join(path.dirname(db), KEY_FILE_NAME)), backupDir: path.join(data, 'demo', 'backups') });
    try {
      const stored = JSON.stringify(store.getSetting(DISPLAY_TOKEN_SETTING));
      expect(stored).toMatch(/"sha256":"[0-9a-f]{64}"/);
      expect(stored).not.toContain(token);
    } finally {
      store.close();
    }
    // Nothing of the token in the host's output either.
    expect(host.output()).not.toContain(token);
  });

  it('making another link shuts the old link and its cookie out; --revoke shuts every link out', async () => {
    const first = await link();
    const oldCookie = await cookieOf(first);
    const second = await link();
    expect((await fetch(first, { redirect: 'manual' })).status).toBe(403);
    expect(await call(oldCookie, 'app.info')).toEqual({ status: 401 });
    const cookie = await cookieOf(second);
    expect(await call(cookie, 'app.info')).toMatchObject({ ok: true });
    expect((await cli(['--db', db, '--revoke'])).code).toBe(0);
    expect((await fetch(second, { redirect: 'manual' })).status).toBe(403);
    expect(await call(cookie, 'app.info')).toEqual({ status: 401 });
  });

  it('serves the built announcement clips (dist/announce) as WAV', async () => {
    const res = await fetch(`${origin}/announce/phrase-moi-cong-dan.wav`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4).toString()).toBe('RIFF');
    expect(body.equals(readFileSync(path.join(ROOT, 'dist', 'announce', 'phrase-moi-cong-dan.wav')))).toBe(true);
    expect((await fetch(`${origin}/announce/manifest.json`)).status).toBe(404);
  });

  it('refuses a store that does not exist (creating none) and a bad port', async () => {
    const missing = path.join(mkdtempSync(path.join(os.tmpdir(), 'motcua-dlink-none-')), 'motcua.db');
    const r = await cli(['--db', missing]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no store at');
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(path.join(path.dirname(missing), KEY_FILE_NAME))).toBe(false);
    expect((await cli(['--db', db, '--port', 'http'])).code).toBe(2);
    expect((await cli(['--db', db, '--bogus'])).code).toBe(2);
  });
});
