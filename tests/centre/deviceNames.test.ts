/**
 * Device names on a real PostgreSQL: given at enrolment (`centre enroll --name`, or "Kiosk n"/"Quầy n" by role and
 * order), unique in a centre, listed by `centre devices`, known to a device from its join, refreshed by a running
 * worker when a change comes from a device it has not heard of, marked after a revoke, never crossing centres; a
 * server enrolled before names existed gets the defaults when `centre init` runs again, and a server whose schema
 * predates them still syncs.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { citizen, joinDevice, newCentre, startCentreServer, type CentreServer, type Device } from './helpers/centre';
import { enrollDevice, initCentre, revokeDevice } from '../../src/centre/server/admin';
import { loadDeviceNames, type KnownDevice } from '../../src/centre/device/names';
import { saveLink } from '../../src/centre/device/link';
import { SyncWorker } from '../../src/centre/device/worker';

const ROOT = path.resolve(__dirname, '../..');

function motcua(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/motcua.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, MOTCUA_CENTRE_KEYS: s.keysDir }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function namesWorker(d: Device, seen: KnownDevice[][]): SyncWorker {
  return new SyncWorker({ store: d.store, link: d.link, saveLink: (l) => saveLink(d.storeFile, l), pollMs: 30_000, onDevices: (list) => seen.push(list) });
}

const names = (list: KnownDevice[] | undefined) => (list ?? []).map((d) => `${d.name}${d.revoked ? ' (revoked)' : ''}`).sort();

let s: CentreServer;
let centre: string;
const opened: Device[] = [];

beforeAll(async () => {
  s = await startCentreServer();
  centre = await newCentre(s, 'Trung tâm PVHCC xã Tân Phú');
});

afterAll(() => {
  for (const d of opened) d.store.close();
  s?.cluster.destroy();
});

it('enroll --name names a device; without it the role and the next free number; names are unique in a centre', async () => {
  const r = motcua(['centre', 'enroll', '--url', s.url, '--centre', centre, '--role', 'counter', '--name', '  Quầy   2 ', '--json']);
  expect(r.status, r.stderr).toBe(0);
  const out = JSON.parse(r.stdout) as { code: string; deviceId: string; name: string };
  expect(out.code).toMatch(/^[0-9a-z]{10}-[0-9A-Z]{20}$/); // the contract's field is unchanged
  expect(out.name).toBe('Quầy 2');
  expect((await enrollDevice(s.url, centre, 'kiosk', s.keysDir)).name).toBe('Kiosk 1');
  expect((await enrollDevice(s.url, centre, 'counter', s.keysDir)).name).toBe('Quầy 3'); // "Quầy 2" is taken
  await expect(enrollDevice(s.url, centre, 'counter', s.keysDir, 24, 'quầy 2')).rejects.toThrow(/already named "quầy 2"/);
  await expect(enrollDevice(s.url, centre, 'counter', s.keysDir, 24, '   ')).rejects.toThrow(/1–40 characters/);
  await expect(enrollDevice(s.url, centre, 'counter', s.keysDir, 24, 'x'.repeat(41))).rejects.toThrow(/1–40 characters/);

  const list = motcua(['centre', 'devices', '--url', s.url, '--centre', centre, '--json']);
  expect(list.status, list.stderr).toBe(0);
  const devices = JSON.parse(list.stdout) as { deviceId: string; name: string; kind: string; status: string }[];
  expect(devices.map((d) => [d.name, d.kind, d.status])).toEqual([
    ['Quầy 2', 'counter', 'pending'],
    ['Kiosk 1', 'kiosk', 'pending'],
    ['Quầy 3', 'counter', 'pending'],
  ]);
  expect(devices[0]!.deviceId).toBe(out.deviceId);
});

it("a device knows every device's name from its join; a running worker learns a new device from its first change, and a revoke", async () => {
  const kiosk = await joinDevice(s, centre, 'kiosk');
  opened.push(kiosk);
  // Pending enrolments are not shown to devices: only the joined ones.
  expect(names(loadDeviceNames(kiosk.storeFile))).toEqual(['Kiosk 2']);
  const counter = await joinDevice(s, centre, 'counter');
  opened.push(counter);
  expect(names(loadDeviceNames(counter.storeFile))).toEqual(['Kiosk 2', 'Quầy 4']);

  const seen: KnownDevice[][] = [];
  const w = namesWorker(kiosk, seen);
  w.start();
  try {
    await expect.poll(() => names(seen.at(-1)), { timeout: 20_000 }).toEqual(['Kiosk 2', 'Quầy 4']);
    const late = await joinDevice(s, centre, 'counter');
    opened.push(late);
    late.store.put('HS-NAMES-1', citizen(1).payload, [citizen(1).subject]);
    await late.worker().syncOnce();
    await expect.poll(() => names(seen.at(-1)), { timeout: 20_000 }).toEqual(['Kiosk 2', 'Quầy 4', 'Quầy 5']);
    expect(kiosk.store.entity('HS-NAMES-1')).toBeTruthy();

    await revokeDevice(s.url, late.link.deviceId, s.keysDir);
    await expect.poll(() => names(seen.at(-1)), { timeout: 20_000 }).toEqual(['Kiosk 2', 'Quầy 4', 'Quầy 5 (revoked)']);
  } finally {
    await w.stop();
  }
});

it("another centre's devices never see this centre's names", async () => {
  const other = await newCentre(s, 'Trung tâm PVHCC xã Phú Lộc');
  const b = await joinDevice(s, other, 'counter');
  opened.push(b);
  expect(names(loadDeviceNames(b.storeFile))).toEqual(['Quầy 1']);
  const seen: KnownDevice[][] = [];
  await namesWorker(b, seen).syncOnce();
  expect(names(seen[0])).toEqual(['Quầy 1']);
});

it('centre init gives devices enrolled before names the defaults; a server without names still syncs', async () => {
  const admin = await s.admin();
  try {
    // The schema as it was: no name column, no centre_devices().
    await admin.query('ALTER TABLE motcua.devices DROP COLUMN name CASCADE');
    await admin.query('DROP FUNCTION motcua.centre_devices()');
    const d = opened[0]!;
    const seen: KnownDevice[][] = [];
    d.store.put('HS-OLD-SERVER', citizen(2).payload, [citizen(2).subject]);
    expect(await namesWorker(d, seen).syncOnce()).toMatchObject({ pushed: 1, pending: 0 });
    expect(seen).toEqual([]);

    await initCentre(s.url, 'Trung tâm PVHCC xã Tân Phú', s.keysDir);
    const r = await admin.query<{ name: string; kind: string }>('SELECT name, kind FROM motcua.devices WHERE centre_id = $1 ORDER BY created_at', [centre]);
    expect(r.rows.map((x) => x.name)).toEqual(['Quầy 1', 'Kiosk 1', 'Quầy 2', 'Kiosk 2', 'Quầy 3', 'Quầy 4']);
    await namesWorker(d, seen).syncOnce();
    expect(names(seen[0])).toEqual(['Kiosk 2', 'Quầy 3', 'Quầy 4 (revoked)']);
  } finally {
    await admin.end();
  }
  expect(fs.existsSync(s.keysDir)).toBe(true);
});
