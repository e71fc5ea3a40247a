/**
 * The queue router of enrolled devices against a real PostgreSQL cluster that the test stops and restarts: a kiosk
 * keeps giving tickets from its own block (K1-001…) while the server is down, the server's numbering carries on
 * (1, 2, 3…) when it is back, the kiosk's tickets reach the centre once (idempotent on retry) in their original
 * place in the line, no label collides, counters say QUEUE_OFFLINE instead of calling from a private copy, and
 * the whole state survives a restart of the device (server + SQLite file, nothing in memory).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { joinDevice, newCentre, startCentreServer, type CentreServer, type Device } from './helpers/centre';
import { createCentreQueue, UPLOAD_MARKS_KEY, type CentreQueue } from '../../src/app/centreQueue';
import { openDatabase, type Db } from '../../src/store/db';
import { StoreContext } from '../../src/store/storeContext';
import { QueueStore } from '../../src/store/queue';
import { Settings } from '../../src/store/settings';
import { ApiError } from '../../src/api/contract';
import { DEFAULT_QUEUE_CONFIG } from '../../src/queue/groups';
import { centreDay } from '../../src/queue/ticketNumber';
import { createApp } from '../../src/app/compose';
import { enrollDevice } from '../../src/centre/server/admin';
import type { QueueInfo, TicketSlip, TicketView } from '../../src/api/contract';
import { FakeCard } from '../api/fakes';
import os from 'node:os';

const KEY = 'c3'.repeat(32);
let s: CentreServer;
let centre: string;
let kioskDev: Device;
let counterDev: Device;
const open: { db: Db; q: CentreQueue }[] = [];

/** A device as the app composes it: its own encrypted SQLite store (queue + settings) and the router. */
function device(d: Device, kiosk: number | null): { db: Db; q: CentreQueue; local: QueueStore; settings: Settings } {
  const db = openDatabase({ path: path.join(d.dir, 'queue.db'), key: KEY, integrityCheck: 'none' });
  const ctx = new StoreContext(db, () => new Date(), null);
  const local = new QueueStore(ctx);
  const settings = new Settings(ctx);
  const q = createCentreQueue({
    link: d.link,
    local,
    settings: { getSetting: (k) => settings.get(k), setSetting: (k, v, a) => settings.set(k, v, a) },
    kiosk: () => kiosk,
    config: () => DEFAULT_QUEUE_CONFIG,
  });
  open.push({ db, q });
  return { db, q, local, settings };
}

async function closeDevice(x: { db: Db; q: CentreQueue }): Promise<void> {
  await x.q.close();
  x.db.close();
  open.splice(open.findIndex((o) => o.q === x.q), 1);
}

async function serverTickets(): Promise<{ label: string; issued_at: Date; state: string }[]> {
  const c = await s.admin();
  try {
    return (await c.query('SELECT label, issued_at, state FROM motcua.queue_tickets WHERE centre_id = $1 AND day = $2 ORDER BY ticket_id', [centre, centreDay(new Date())])).rows;
  } finally {
    await c.end();
  }
}

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const other = { request: 'OTHER', groupId: 'KHAC', dossierId: null } as const;

beforeAll(async () => {
  s = await startCentreServer();
  centre = await newCentre(s, 'Trung tâm PVHCC xã Tân Phú');
  kioskDev = await joinDevice(s, centre, 'kiosk');
  counterDev = await joinDevice(s, centre, 'counter');
});

afterAll(async () => {
  for (const o of open.splice(0)) {
    await o.q.close();
    o.db.close();
  }
  for (const d of [kioskDev, counterDev]) d?.store.close();
  s?.cluster.destroy();
});

describe('kiosk numbering while the centre server is down', () => {
  it('K1 block offline, server numbers carry on after a restart, uploads once, no label collides, and it all survives a device restart', async () => {
    const day = centreDay(new Date());
    let kiosk = device(kioskDev, 1);
    let counter = device(counterDev, null);
    await until('both devices listening', () => kiosk.q.online() && counter.q.online());

    const online = [await kiosk.q.issue(other), await kiosk.q.issue({ request: 'KHAI_SINH', groupId: 'HO_TICH', dossierId: 'HS-20261202-KKKKKK' })];
    expect(online.map((t) => [t.ticket.label, t.offline])).toEqual([
      ['1', false],
      ['2', false],
    ]);

    s.cluster.stop();
    const down = [await kiosk.q.issue(other), await kiosk.q.issue(other), await kiosk.q.issue({ request: 'CT01', groupId: 'CU_TRU', dossierId: 'HS-20261202-OFFLIN' })];
    expect(down.map((t) => [t.ticket.label, t.offline])).toEqual([
      ['K1-001', true],
      ['K1-002', true],
      ['K1-003', true],
    ]);
    // The kiosk answers for its own offline tickets; the counter refuses to call from a private copy.
    expect((await kiosk.q.find(day, 'K1-002'))?.label).toBe('K1-002');
    expect((await kiosk.q.findByDossier('HS-20261202-OFFLIN'))?.label).toBe('K1-003');
    expect(await kiosk.q.findByDossier('HS-20261202-NOTKNO')).toBeNull(); // so the API goes on to issue one
    expect((await kiosk.q.status(down[1]!.ticket)).ahead).toBe(1);
    for (const op of [() => counter.q.callNext(1, ['KHAC']), () => counter.q.display(), () => counter.q.issue(other), () => counter.q.findByDossier('HS-20261202-NOTKNO'), () => kiosk.q.find(day, '2')]) {
      await expect(op()).rejects.toBeInstanceOf(ApiError);
      await expect(op()).rejects.toMatchObject({ code: 'QUEUE_OFFLINE' });
    }
    expect(kiosk.local.tickets(day).map((t) => t.label)).toEqual(['K1-001', 'K1-002', 'K1-003']);
    expect(counter.local.tickets(day)).toEqual([]); // a device without a kiosk number has no block to issue from

    s.cluster.start();
    // The kiosk notices the server on its own (LISTEN reconnects) and uploads; the server's numbers carry on.
    await until('the offline tickets on the server', async () => (await serverTickets()).length === 5);
    expect((await kiosk.q.issue(other)).ticket.label).toBe('3');
    expect((await counter.q.issue(other)).ticket.label).toBe('4');
    const rows = await serverTickets();
    expect(rows.map((r) => r.label)).toEqual(['1', '2', 'K1-001', 'K1-002', 'K1-003', '3', '4']);
    expect(new Set(rows.map((r) => r.label)).size).toBe(rows.length);
    expect(rows.find((r) => r.label === 'K1-002')!.issued_at.toISOString()).toBe(down[1]!.ticket.issuedAt);
    expect(kiosk.settings.get(UPLOAD_MARKS_KEY)).toEqual({ uploaded: { [day]: ['K1-001', 'K1-002', 'K1-003'] }, refused: {} });
    expect(await kiosk.q.uploadPending()).toEqual({ uploaded: 0, refused: 0, pending: 0 });

    // A crash after the server took them but before the marks were saved: the retry sends them again, harmlessly.
    kiosk.settings.set(UPLOAD_MARKS_KEY, null, 'test');
    expect(await kiosk.q.uploadPending()).toEqual({ uploaded: 3, refused: 0, pending: 0 });
    expect((await serverTickets()).map((r) => r.label)).toEqual(['1', '2', 'K1-001', 'K1-002', 'K1-003', '3', '4']);

    // Offline tickets kept their place in the line (issue time): 1, then the K1 tickets, then 3 and 4.
    const called: string[] = [];
    for (let i = 0; i < 5; i++) called.push((await counter.q.callNext(1, ['KHAC', 'CU_TRU']))!.label);
    expect(called).toEqual(['1', 'K1-001', 'K1-002', 'K1-003', '3']);
    const status = await kiosk.q.status(down[0]!.ticket); // answered by the centre now that it has the ticket
    expect([status.ticket.state, status.ticket.counter]).toEqual(['done', 1]);

    // Restart both device processes' state holders: nothing lives in memory.
    await closeDevice(kiosk);
    await closeDevice(counter);
    kiosk = device(kioskDev, 1);
    counter = device(counterDev, null);
    expect((await counter.q.serving(1))?.label).toBe('3');
    expect(await kiosk.q.uploadPending()).toEqual({ uploaded: 0, refused: 0, pending: 0 });
    await until('the kiosk listening again', () => kiosk.q.online());

    // Down again after the restart: the kiosk's block continues where it was (K1-004), never from K1-001.
    s.cluster.stop();
    expect((await kiosk.q.issue(other)).ticket.label).toBe('K1-004');
    s.cluster.start();
    await until('K1-004 on the server', async () => (await serverTickets()).some((r) => r.label === 'K1-004'));
    const final = (await serverTickets()).map((r) => r.label);
    expect(new Set(final).size).toBe(final.length);
    expect(final.filter((l) => l.startsWith('K1-'))).toEqual(['K1-001', 'K1-002', 'K1-003', 'K1-004']);
    expect(fs.existsSync(path.join(kioskDev.dir, 'queue.db'))).toBe(true);
  });
});

describe('the app on an enrolled device', () => {
  it("joining a centre puts the API's queue on the centre's line, across an app restart; leaving puts it back on the PC's own line", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-app-'));
    const start = async () => {
      const a = await createApp({ dataDir, demo: true, mode: 'counter', host: 'browser', card: new FakeCard() });
      const { token } = (await a.core.handle('auth.login', { username: 'admin', password: 'motcua-admin' })) as { token: string };
      return { a, token };
    };
    let { a: app, token } = await start();
    try {
      const info = async () => (await app.core.handle('queue.info', {})) as QueueInfo;
      const issue = async () => (await app.core.handle('queue.issue', { request: 'OTHER', dossierId: null })) as TicketSlip;
      expect((await info()).centre).toBe(false);
      expect((await issue()).label).toBe('1'); // standalone: this PC numbers its own line

      const { code } = await enrollDevice(s.url, centre, 'counter', s.keysDir);
      await app.core.handle('centre.join', { server: `${s.cluster.host}:${s.cluster.port}/${s.db}`, code, caPem: fs.readFileSync(s.cluster.caFile, 'utf8') }, token);
      expect((await info()).centre).toBe(true);
      const before = (await serverTickets()).length;
      const slip = await issue();
      expect(slip.offline).toBe(false);
      const rows = await serverTickets();
      expect(rows).toHaveLength(before + 1);
      expect(rows[rows.length - 1]!.label).toBe(slip.label);
      expect(slip.label).not.toBe('2');

      // A call made before the host restarts is still this counter's after it: the line lives on the server.
      const called = (await app.core.handle('queue.callNext', { counter: 1 }, token)) as TicketView;
      await app.close();
      ({ a: app, token } = await start());
      expect((await info()).centre).toBe(true);
      expect((await app.core.handle('queue.serving', { counter: 1 }, token)) as TicketView).toMatchObject({ id: called.id, label: called.label, state: 'called' });

      // Kiosk 2 of this centre, with the server down: the API still gives a ticket, from kiosk 2's block.
      await app.core.handle('settings.set', { settings: { queueKiosk: 2 } }, token);
      s.cluster.stop();
      try {
        const offline = await issue();
        expect([offline.label, offline.offline, offline.qr]).toEqual(['K2-001', true, `MOTCUA-T:${offline.day}:K2-001`]);
        await expect(app.core.handle('queue.callNext', { counter: 1 }, token)).rejects.toMatchObject({ code: 'QUEUE_OFFLINE' });
      } finally {
        s.cluster.start();
      }
      await until('K2-001 on the server', async () => (await serverTickets()).some((r) => r.label === 'K2-001'));

      await app.core.handle('centre.leave', {}, token);
      expect((await info()).centre).toBe(false);
      expect((await issue()).label).toBe('2');
      expect(await serverTickets()).toHaveLength(before + 2);
    } finally {
      await app.close();
    }
  });
});
