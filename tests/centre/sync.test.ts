/**
 * Sync between devices through a real PostgreSQL: idempotent re-push, a SIGKILL of the worker process at every
 * step of a push and of a pull, concurrent edits, erasure reaching the server log and a device that was offline,
 * and LISTEN/NOTIFY waking a running worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { citizen, joinDevice, newCentre, serverLog, startCentreServer, type CentreServer, type Device } from './helpers/centre';
import { OutboxStore } from './helpers/outboxStore';
import { bundleDeviceChild } from './helpers/childBundle';

let child = '';

function childOnce(dev: Device, crashAt?: string): { signal: NodeJS.Signals | null; status: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [child, 'once', dev.storeFile], {
    encoding: 'utf8',
    env: { ...process.env, MOTCUA_SYNC_CRASH_AT: crashAt ?? '' },
    timeout: 60_000,
  });
  return { signal: r.signal, status: r.status, stdout: r.stdout };
}

/** Entities as the server order decides them, compared across devices. */
function state(store: OutboxStore): { id: string; version: string | null; payload: string | null; erased: number }[] {
  return store.entities().map((e) => ({ id: e.entity_id, version: e.version, payload: e.payload, erased: e.erased }));
}

let s: CentreServer;
let centre: string;
let kiosk: Device;
let counter: Device;

beforeAll(async () => {
  child = await bundleDeviceChild();
  s = await startCentreServer();
  centre = await newCentre(s, 'Trung tâm PVHCC xã Tân Phú');
  kiosk = await joinDevice(s, centre, 'kiosk');
  counter = await joinDevice(s, centre, 'counter');
});

afterAll(() => {
  kiosk?.store.close();
  counter?.store.close();
  s?.cluster.destroy();
  if (child) fs.rmSync(child, { force: true });
});

describe('push and pull', () => {
  it('a re-push of changes the server already has inserts nothing', async () => {
    for (let n = 0; n < 3; n++) kiosk.store.put(`HS-IDEM-${n}`, citizen(n).payload, [citizen(n).subject]);
    const first = await kiosk.worker().syncOnce();
    expect(first).toMatchObject({ pushed: 3, pending: 0 });
    kiosk.store.db.prepare("UPDATE outbox SET pushed = 0 WHERE entity_id LIKE 'HS-IDEM-%'").run(); // as if markPushed never committed
    const again = await kiosk.worker().syncOnce();
    expect(again.pushed).toBe(3);
    const log = (await serverLog(s)).filter((r) => r.entity_id.startsWith('HS-IDEM-'));
    expect(log).toHaveLength(3);
    await counter.worker().syncOnce();
    expect(JSON.parse(counter.store.entity('HS-IDEM-2')!.payload!)).toEqual(citizen(2).payload);
  });

  for (const step of ['push.afterServerCommit', 'push.afterMarkPushed', 'pull.afterFetch', 'pull.afterApply']) {
    it(`kill -9 of the worker at ${step}: after a restart every device and the server hold the same, once`, async () => {
      const tag = step.replace('.', '-');
      const made = [0, 1, 2, 3].map((n) => kiosk.store.put(`HS-${tag}-${n}`, citizen(100 + n).payload, [citizen(100 + n).subject]));
      counter.store.put(`HS-${tag}-C`, citizen(200).payload, [citizen(200).subject]);
      await counter.worker().syncOnce(); // so the kiosk has something to pull as well

      const crashed = childOnce(kiosk, step);
      expect(crashed.signal).toBe('SIGKILL');
      const resumed = childOnce(kiosk);
      expect(resumed.status).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({ pending: 0 });
      await counter.worker().syncOnce();

      const log = await serverLog(s);
      for (const id of made) expect(log.filter((r) => r.change_id === id)).toHaveLength(1);
      expect(new Set(log.map((r) => r.change_id)).size).toBe(log.length);
      const kioskNow = new OutboxStore(kiosk.storeFile); // what the killed process left on disk
      try {
        expect(kioskNow.pendingCount()).toBe(0);
        expect(state(kioskNow)).toEqual(state(counter.store));
        expect(kioskNow.appliedIds()).toEqual(log.map((r) => r.change_id));
        expect(kioskNow.pullCursor()).toBe(Number(log[log.length - 1]!.position));
      } finally {
        kioskNow.close();
      }
    });
  }

  it('a catch-up holds about pullBytes of payload at a time, and still takes everything, in order, once', async () => {
    for (let n = 0; n < 5; n++) kiosk.store.put(`HS-BYTES-${n}`, citizen(300 + n).payload, [citizen(300 + n).subject]);
    await kiosk.worker().syncOnce();
    const late = await joinDevice(s, centre, 'counter');
    try {
      const batches: number[] = [];
      const apply = late.store.applyRemote.bind(late.store);
      late.store.applyRemote = (changes, cursor) => (batches.push(changes.length), apply(changes, cursor));
      // Every payload is larger than 1 byte: each batch is the one row the bound always lets through.
      const r = await late.worker({ pullBytes: 1 }).syncOnce();
      const log = await serverLog(s, centre);
      expect(r.pulled).toBe(log.length);
      expect(batches.every((b) => b <= 1)).toBe(true);
      expect(late.store.appliedIds()).toEqual(log.map((x) => x.change_id));
      expect(late.store.pullCursor()).toBe(Number(log[log.length - 1]!.position));
      // A bound of a few payloads gives batches of a few rows (payloads here are about 200 bytes sealed).
      const other = await joinDevice(s, centre, 'counter');
      const sizes: number[] = [];
      const apply2 = other.store.applyRemote.bind(other.store);
      other.store.applyRemote = (changes, cursor) => (sizes.push(changes.length), apply2(changes, cursor));
      await other.worker({ pullBytes: 1000 }).syncOnce();
      expect(Math.max(...sizes)).toBeGreaterThan(1);
      expect(Math.max(...sizes)).toBeLessThan(10);
      expect(other.store.appliedIds()).toEqual(log.map((x) => x.change_id));
      other.store.close();
    } finally {
      late.store.close();
    }
  });
});

describe('conflicts and erasure', () => {
  it('two devices edit one dossier while apart: server order wins everywhere, the loser is kept and flagged', async () => {
    kiosk.store.put('HS-CONFLICT', { v: 'created' }, []);
    await kiosk.worker().syncOnce();
    await counter.worker().syncOnce();
    kiosk.store.put('HS-CONFLICT', { v: 'kiosk edit' }, []);
    counter.store.put('HS-CONFLICT', { v: 'counter edit' }, []);
    await kiosk.worker().syncOnce(); // kiosk's edit gets the earlier position
    await counter.worker().syncOnce(); // counter's edit is concurrent: it wins, later in server order
    await kiosk.worker().syncOnce();
    for (const d of [kiosk, counter]) {
      const e = d.store.entity('HS-CONFLICT')!;
      expect(JSON.parse(e.payload!)).toEqual({ v: 'counter edit' });
      expect(e.conflict).toBe(1);
      expect(JSON.parse(e.history).map((h: string) => JSON.parse(h))).toContainEqual({ v: 'kiosk edit' });
    }
  });

  it("erasure nulls the dossier's earlier payloads on the server, leaves a tombstone, and reaches a device that was offline", async () => {
    const offline = await joinDevice(s, centre, 'counter');
    await offline.worker().syncOnce(); // it has the dossiers so far, then goes away
    const c = citizen(300);
    kiosk.store.put('HS-ERASE', c.payload, [c.subject]);
    kiosk.store.put('HS-ERASE', { ...c.payload, status: 'printed' }, [c.subject]);
    await kiosk.worker().syncOnce();
    await offline.worker().syncOnce();
    expect(offline.store.entity('HS-ERASE')!.payload).not.toBeNull();
    offline.store.close(); // a week away

    counter.store.put('HS-OTHER', citizen(301).payload, [citizen(301).subject]);
    await counter.worker().syncOnce();
    counter.store.erase('HS-ERASE');
    await counter.worker().syncOnce();

    const admin = await s.admin();
    try {
      const rows = (await admin.query("SELECT kind, payload, subject_hashes, erased_at FROM motcua.changes WHERE entity_id = 'HS-ERASE' ORDER BY position")).rows;
      expect(rows.map((r) => r.kind)).toEqual(['dossier.put', 'dossier.put', 'dossier.erase']);
      for (const r of rows) {
        expect(r.payload).toBeNull();
        expect(r.subject_hashes).toEqual([]);
      }
      expect(rows[0].erased_at).not.toBeNull();
      const t = await admin.query("SELECT entity_id FROM motcua.tombstones WHERE entity_id = 'HS-ERASE'");
      expect(t.rowCount).toBe(1);
      const other = await admin.query("SELECT payload FROM motcua.changes WHERE entity_id = 'HS-OTHER'");
      expect(other.rows[0].payload).not.toBeNull(); // only that dossier's data went
    } finally {
      await admin.end();
    }

    const back = new OutboxStore(offline.storeFile);
    offline.store = back;
    await offline.worker().syncOnce();
    expect(back.entity('HS-ERASE')).toMatchObject({ payload: null, erased: 1 });
    await kiosk.worker().syncOnce();
    expect(kiosk.store.entity('HS-ERASE')).toMatchObject({ payload: null, erased: 1 });
    // An edit made offline after the erase does not bring the data back.
    kiosk.store.db.prepare("UPDATE entities SET erased = 0 WHERE entity_id = 'HS-ERASE'").run();
    kiosk.store.put('HS-ERASE', c.payload, [c.subject]);
    await kiosk.worker().syncOnce();
    const late = (await serverLog(s)).filter((r) => r.entity_id === 'HS-ERASE');
    expect(late.every((r) => r.payload === null)).toBe(true);
    back.close();
  });
});

describe('LISTEN/NOTIFY', () => {
  it('a running worker applies another device\'s change without waiting for its poll', async () => {
    const w = counter.worker({ pollMs: 600_000 });
    w.start();
    try {
      await expect.poll(() => w.state().phase, { timeout: 10_000 }).toBe('synced');
      kiosk.store.put('HS-NOTIFY', citizen(400).payload, [citizen(400).subject]);
      await kiosk.worker().syncOnce();
      await expect.poll(() => counter.store.entity('HS-NOTIFY')?.payload ?? null, { timeout: 10_000, interval: 50 }).not.toBeNull();
    } finally {
      await w.stop();
    }
  });
});
