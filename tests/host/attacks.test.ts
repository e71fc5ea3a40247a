/**
 * Attacks on the real browser host (`motcua serve --demo` in a child process): a web page or local process that
 * tries to crash it, stall it, forge what it stores, read another screen's citizen or lock the clerk out. Each
 * case failed (host exited, stalled, or accepted the forgery) before the host was hardened.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { apiSocket, frame, raw, startRealHost, upgradeRequest, type RealHost } from './realHost';
import type { CardIdentity, CardStatus, FilledForm, PrefillOutput, SaveOutput } from '../../src/api/contract';
import { getForm } from '../../src/forms/catalogue';

let host: RealHost;

beforeAll(async () => {
  host = await startRealHost(['--demo']);
}, 120_000);
afterAll(async () => host?.stop());

/** Upgrade with the cookie, then send `bytes` as frames; resolves when the host closes the connection. */
function afterUpgrade(cookie: string, bytes: Buffer): Promise<{ upgraded: boolean; closed: boolean }> {
  return new Promise((resolve) => {
    const s = net.connect(host.port, '127.0.0.1', () => s.write(upgradeRequest(host, '/api', cookie)));
    let upgraded = false;
    s.on('data', (d) => {
      if (!upgraded && d.toString('latin1').startsWith('HTTP/1.1 101')) {
        upgraded = true;
        s.write(bytes);
      }
    });
    s.on('close', () => resolve({ upgraded, closed: true }));
    s.on('error', () => undefined);
    setTimeout(() => (s.destroy(), resolve({ upgraded, closed: false })), 10_000).unref();
  });
}

describe('attacks on the real browser host', () => {
  it.each(['//', '///', '//[', '//api', '/api/../../', '/%zz', '*'])('upgrade to %j is refused before authentication and the host stays up', async (target) => {
    const reply = await raw(host.port, upgradeRequest(host, target));
    expect(reply).toMatch(/^HTTP\/1\.1 (400|401)/);
    expect(await host.alive()).toBe(true);
  });

  it('malformed HTTP gets 400 and the host stays up', async () => {
    expect(await raw(host.port, 'GET //[ HTTP/1.1\r\nHost: x\r\n\r\n')).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(await raw(host.port, '\x00\x01garbage\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(host.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(await host.alive()).toBe(true);
  });

  const hugeLength = Buffer.from([0x81, 0xff, 0, 0, 0, 0, 0x40, 0, 0, 0, 1, 2, 3, 4]); // 1 GiB text frame header
  it.each([
    ['an unmasked client frame', frame(0x81, Buffer.from('{}'), false)],
    ['RSV1 set without an extension', frame(0xc1, Buffer.from('{}'))],
    ['an unknown opcode', frame(0x83, Buffer.from('x'))],
    ['invalid UTF-8 in a text frame', frame(0x81, Buffer.from([0xff, 0xfe, 0xfd]))],
    ['a frame over the size limit', hugeLength],
  ])('%s closes that socket only; the host and other sockets carry on', async (_name, bytes) => {
    const other = await apiSocket(host);
    const r = await afterUpgrade(await host.cookie(), bytes);
    expect(r).toEqual({ upgraded: true, closed: true });
    expect(await host.alive()).toBe(true);
    expect((await other.call('app.info', {})).ok).toBe(true);
    other.ws.close();
  });

  it('deep nesting is refused before JSON.parse, with a typed error, and the socket carries on', async () => {
    const s = await apiSocket(host);
    s.ws.send('['.repeat(2_000_000));
    s.ws.send(`{"id":1,"method":"app.info","input":${'['.repeat(40)}${']'.repeat(40)}}`);
    const info = await s.call('app.info', {});
    expect(info.ok).toBe(true);
    const refused = s.received.filter((m) => m.id === -1);
    expect(refused.map((m) => m.error?.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT']);
    s.ws.close();
  });

  it('a message larger than any API input closes with 1009 (too big); the host stays up', async () => {
    const s = await apiSocket(host);
    s.ws.send(JSON.stringify({ id: 1, method: 'trust.import', input: { fileName: 'x.ml', dataBase64: 'A'.repeat(9_000_000) } }));
    // 1009 "message too big" (RFC 6455 §7.4.1); 1006 when the host's close frame is cut off by its hang-up.
    expect([1009, 1006]).toContain(await s.closed);
    expect(await host.alive()).toBe(true);
  });

  it('a login storm from many sockets neither stalls other sockets nor runs unbounded', async () => {
    const cookie = await host.cookie();
    const sockets = await Promise.all(Array.from({ length: 30 }, () => apiSocket(host, cookie)));
    const bystander = await apiSocket(host, cookie);
    const order: string[] = [];
    const logins = sockets.map((s, i) => s.call('auth.login', { username: `nobody${i}`, password: 'guess-123' }).then((r) => (order.push('login'), r)));
    const info = bystander.call('app.info', {}).then((r) => (order.push('info'), r));
    const results = await Promise.all(logins);
    expect((await info).ok).toBe(true);
    // The bystander was answered before the storm ended.
    expect(order.indexOf('info')).toBeLessThan(order.length - 1);
    const codes = results.map((r) => r.error?.code);
    expect(codes.every((c) => c === 'BAD_CREDENTIALS' || c === 'LOCKED_OUT')).toBe(true);
    // At most a bounded number were hashed; the rest were refused at once.
    expect(codes.filter((c) => c === 'LOCKED_OUT').length).toBeGreaterThan(0);
    for (const s of [...sockets, bystander]) s.ws.close();
  });

  it('failed logins from one screen never lock the clerk out of the counter', async () => {
    const attacker = await apiSocket(host);
    for (let i = 0; i < 8; i++) expect((await attacker.call('auth.login', { username: 'canbo', password: `wrong-${i}-x` })).ok).toBe(false);
    expect((await attacker.call('auth.login', { username: 'canbo', password: 'motcua-canbo' })).error?.code).toBe('LOCKED_OUT');
    const counter = await apiSocket(host);
    const ok = await counter.call('auth.login', { username: 'canbo', password: 'motcua-canbo' });
    expect(ok.ok).toBe(true);
    attacker.ws.close();
    counter.ws.close();
  });

  it('a forged save cannot claim chip provenance or a form version; read events reach only the reading socket', async () => {
    const kiosk = await apiSocket(host);
    const second = await apiSocket(host);
    const status = (await kiosk.call('card.status', {})).result as CardStatus;
    const read = await kiosk.call('card.read', { key: { can: status.demoCard!.can } });
    expect(read.ok).toBe(true);
    const id = read.result as CardIdentity;
    // The second page heard nothing of the first citizen.
    expect(second.received.filter((m) => m.event === 'card.progress')).toEqual([]);
    expect(JSON.stringify(second.received)).not.toContain(id.holder.idNumber);
    expect((await second.call('dossier.prefill', { formId: 'CT01', session: id.session })).error?.code).toBe('NO_SESSION');
    expect(kiosk.received.some((m) => m.event === 'card.progress')).toBe(true);

    const pre = (await kiosk.call('dossier.prefill', { formId: 'CT01', session: id.session })).result as PrefillOutput;
    const nameKey = pre.filled.fields.find((f) => f.provenance === 'chip' && f.value === id.holder.fullName)!.key;
    const forged: FilledForm = { formId: 'CT01', formVersion: '1999-forged', fields: pre.filled.fields.map((f) => (f.key === nameKey ? { ...f, value: 'TRẦN GIẢ MẠO', source: 'CHIP', provenance: 'chip' } : f)) };
    // The whole-form shape (which could carry a source, a provenance, a version) is no input at all.
    expect((await kiosk.call('dossier.save', { filled: forged, session: id.session })).error?.code).toBe('INVALID_INPUT');
    const saved = await kiosk.call('dossier.save', { formId: 'CT01', session: id.session, edits: [{ key: nameKey, value: 'TRẦN GIẢ MẠO' }] });
    expect(saved.ok).toBe(true);
    const d = (saved.result as SaveOutput).dossier;
    expect(d.formVersion).toBe(getForm('CT01')!.version);
    expect(d.fields.find((f) => f.key === nameKey)).toMatchObject({ value: 'TRẦN GIẢ MẠO', provenance: 'citizen', rawValue: id.holder.fullName });
    kiosk.ws.close();
    second.ws.close();
  });

  it('the cookie secret never appears in the host output; a printed launch link works once', async () => {
    const link = await host.launchLink();
    const res = await fetch(link, { redirect: 'manual' });
    const secret = (res.headers.get('set-cookie') ?? '').split(';')[0]!.split('=')[1]!;
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(host.output()).not.toContain(secret);
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(403);
  });
});
