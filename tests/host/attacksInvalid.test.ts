/**
 * The INVALID-card gate, attacked over the browser host's WebSocket: a page that skips dossier.prefill and calls
 * dossier.save straight after reading a card that failed a check gets VERIFICATION_INVALID and nothing is stored.
 * (The spawned demo host of attacks.test.ts only has genuine sample cards; this host runs the same server module
 * in-process over a card that reports DG1 INVALID.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../src/host/server';
import { fakeResult, makeCore, type FakeStore } from '../api/fakes';

let host: BrowserHost;
let store: FakeStore;

beforeAll(async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'motcua-host-'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Motcua</title>');
  const made = makeCore();
  made.card.next = fakeResult({ dataGroups: { DG1: 'INVALID', DG13: 'VALID' } });
  store = made.store;
  host = await startBrowserHost({ core: made.core, staticDir: root, port: 0, log: () => undefined });
});
afterAll(async () => host?.close());

async function socket(): Promise<(method: string, input: unknown) => Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>> {
  const res = await fetch(host.launchUrl(), { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { origin: host.origin, headers: { Cookie: cookie } });
  await new Promise((resolve) => ws.once('open', resolve));
  let id = 0;
  return (method, input) =>
    new Promise((resolve) => {
      const mine = ++id;
      const on = (m: WebSocket.RawData): void => {
        const msg = JSON.parse(m.toString());
        if (msg.id !== mine) return;
        ws.off('message', on);
        resolve(msg);
      };
      ws.on('message', on);
      ws.send(JSON.stringify({ id: mine, method, input }));
    });
}

describe('INVALID gate over the browser host', () => {
  it('dossier.save straight after an INVALID read is refused; nothing is stored', async () => {
    const call = await socket();
    const read = await call('card.read', { key: { can: '123456' } });
    const session = (read.result as { session: string; overall: string }).session;
    expect((read.result as { overall: string }).overall).toBe('INVALID');
    expect((await call('dossier.save', { formId: 'CT01', session, edits: [{ key: 'phone', value: '0900000000' }] })).error?.code).toBe('VERIFICATION_INVALID');
    const forged = { formId: 'CT01', formVersion: '2023', fields: [{ key: 'fullName', group: 'g', label: 'l', value: 'X', source: 'CHIP', provenance: 'chip' }] };
    expect((await call('dossier.save', { filled: forged, session, complete: true })).error?.code).toBe('INVALID_INPUT');
    expect(store.dossiers.size).toBe(0);
  });
});
