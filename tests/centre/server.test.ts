/**
 * The centre server against a real PostgreSQL 15 cluster: the CLI contract, least privilege of device roles,
 * row-level security between centres, TLS-only connections, revocation with key rotation, one-time codes, and a
 * server dump free of personal data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { citizen, joinDevice, newCentre, serverLog, startCentreServer, type CentreServer, type Device } from './helpers/centre';
import { enrollDevice, revokeDevice } from '../../src/centre/server/admin';
import { joinCentre } from '../../src/centre/device/enrol';
import { SyncError } from '../../src/centre/device/worker';

const ROOT = path.resolve(__dirname, '../..');

function motcua(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/motcua.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let s: CentreServer;
let centreA: string;
let centreB: string;
let a1: Device;
let a2: Device;
let b1: Device;

beforeAll(async () => {
  s = await startCentreServer();
  centreA = await newCentre(s, 'Trung tâm PVHCC xã Tân Phú');
  centreB = await newCentre(s, 'Trung tâm PVHCC xã Phú Lộc');
  a1 = await joinDevice(s, centreA, 'kiosk');
  a2 = await joinDevice(s, centreA, 'counter');
  b1 = await joinDevice(s, centreB, 'counter');
});

afterAll(() => {
  for (const d of [a1, a2, b1]) d?.store.close();
  s?.cluster.destroy();
});

describe('admin commands', () => {
  it('an unreachable server is exit 4 for the admin commands', () => {
    const dead = s.url.replace(`:${s.cluster.port}/`, ':1/');
    const r = motcua(['centre', 'enroll', '--url', dead, '--centre', centreA, '--role', 'kiosk', '--json'], { MOTCUA_CENTRE_KEYS: s.keysDir });
    expect(r.status).toBe(4);
  });
});

describe('device roles: least privilege and row-level security', () => {
  it('a device cannot UPDATE, DELETE or TRUNCATE the log, nor read the devices or enrolments', async () => {
    a1.store.put('HS-RLS-1', citizen(1).payload, [citizen(1).subject]);
    await a1.worker().syncOnce();
    const c = await a1.pgClient();
    try {
      for (const sql of ["UPDATE motcua.changes SET meta = '{}'", 'DELETE FROM motcua.changes', 'TRUNCATE motcua.changes', 'SELECT * FROM motcua.devices', 'SELECT * FROM motcua.enrolments', 'SELECT * FROM motcua.centres']) {
        await expect(c.query(sql), sql).rejects.toMatchObject({ code: '42501' });
      }
    } finally {
      await c.end();
    }
    expect((await serverLog(s, centreA)).some((r) => r.entity_id === 'HS-RLS-1')).toBe(true);
  });

  it('the server, not the client, decides a change\'s centre, device and position', async () => {
    const c = await a2.pgClient();
    try {
      await expect(
        c.query("INSERT INTO motcua.changes (change_id, kind, entity_id, meta, centre_id) VALUES ('forged-0001', 'audit.append', 'x', '{}', $1)", [centreB]),
      ).rejects.toMatchObject({ code: '42501' });
      await c.query("INSERT INTO motcua.changes (change_id, kind, entity_id, meta) VALUES ('honest-0001', 'audit.append', 'x', '{}')");
    } finally {
      await c.end();
    }
    const row = (await serverLog(s)).find((r) => r.change_id === 'honest-0001')!;
    expect(row.device_id).toBe(a2.link.deviceId);
    expect((await serverLog(s, centreB)).some((r) => r.change_id === 'honest-0001')).toBe(false);
  });

  it("centre B's device sees nothing of centre A, and A's devices nothing of B", async () => {
    b1.store.put('HS-B-1', citizen(2).payload, [citizen(2).subject]);
    await b1.worker().syncOnce();
    await a1.worker().syncOnce();
    const cb = await b1.pgClient();
    const ca = await a1.pgClient();
    try {
      const seenByB = (await cb.query('SELECT entity_id FROM motcua.changes')).rows.map((r) => r.entity_id);
      const seenByA = (await ca.query('SELECT entity_id FROM motcua.changes')).rows.map((r) => r.entity_id);
      expect(seenByB).toContain('HS-B-1');
      expect(seenByB).not.toContain('HS-RLS-1');
      expect(seenByA).toContain('HS-RLS-1');
      expect(seenByA).not.toContain('HS-B-1');
    } finally {
      await cb.end();
      await ca.end();
    }
    expect(b1.store.entity('HS-RLS-1')).toBeUndefined();
    expect(a1.store.entity('HS-B-1')).toBeUndefined();
  });
});

describe('connections', () => {
  it('the server refuses a plain-text client', async () => {
    const c = new pg.Client({ host: s.cluster.host, port: s.cluster.port, database: s.db, user: a1.link.user, password: a1.link.password, ssl: false });
    await expect(c.connect()).rejects.toThrow(/no encryption/);
  });

  it('the device refuses a server that offers no TLS (no downgrade to plain text)', async () => {
    // A server that answers PostgreSQL's SSLRequest with "N" (no TLS), as a downgrading man in the middle would.
    const fake = net.createServer((sock) => sock.once('data', () => sock.end('N')));
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()));
    const port = (fake.address() as net.AddressInfo).port;
    a1.link = { ...a1.link, server: { ...a1.link.server, port } };
    try {
      await expect(a1.worker().syncOnce()).rejects.toThrow(/does not support SSL/);
    } finally {
      a1.reload();
      fake.close();
    }
  });

  it('the device refuses a server whose certificate is not from the recorded CA', async () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-ca-'));
    spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', '/CN=Impostor', '-keyout', path.join(other, 'k'), '-out', path.join(other, 'c.pem')]);
    const saved = a1.link;
    a1.link = { ...a1.link, caPem: fs.readFileSync(path.join(other, 'c.pem'), 'utf8') };
    try {
      await expect(a1.worker().syncOnce()).rejects.toThrow(/certificate/);
    } finally {
      a1.link = saved;
    }
  });
});

describe('enrolment codes and revocation', () => {
  it('a code cannot be used twice, and an expired code is refused', async () => {
    const { code } = await enrollDevice(s.url, centreA, 'counter', s.keysDir);
    const server = { host: s.cluster.host, port: s.cluster.port, database: s.db };
    const caPem = fs.readFileSync(s.cluster.caFile, 'utf8');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-code-'));
    await joinCentre({ server, code, storeFile: path.join(dir, '1', 'm.db'), caPem });
    await expect(joinCentre({ server, code, storeFile: path.join(dir, '2', 'm.db'), caPem })).rejects.toMatchObject({ reason: 'REFUSED' });

    const short = await enrollDevice(s.url, centreA, 'counter', s.keysDir, 1 / 3600); // one second
    await new Promise((r) => setTimeout(r, 1500));
    await expect(joinCentre({ server, code: short.code, storeFile: path.join(dir, '3', 'm.db'), caPem })).rejects.toMatchObject({ reason: 'REFUSED' });
    const admin = await s.admin();
    try {
      const used = await admin.query('SELECT code_hash, wrapped_keys FROM motcua.enrolments WHERE used_at IS NOT NULL');
      expect(used.rows.length).toBeGreaterThan(0);
      for (const r of used.rows) {
        expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/); // stored hashed
        expect(r.wrapped_keys).toBeNull(); // the sealed keyring is gone once used
      }
    } finally {
      await admin.end();
    }
  });

  it('a revoked device is refused, and the others move to a new data key', async () => {
    const stolen = await joinDevice(s, centreA, 'kiosk');
    await stolen.worker().syncOnce();
    const r = await revokeDevice(s.url, stolen.link.deviceId, s.keysDir);
    expect(r.keyVersion).toBe(2);
    stolen.store.put('HS-STOLEN', citizen(3).payload, [citizen(3).subject]);
    const err = await stolen.worker().syncOnce().catch((e) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect(err.reason).toBe('REFUSED');
    expect(err.pending).toBe(1);
    stolen.store.close();

    a2.store.put('HS-AFTER-REVOKE', citizen(4).payload, [citizen(4).subject]);
    await a2.worker().syncOnce();
    a2.reload();
    expect(Object.keys(a2.link.keys).sort()).toEqual(['1', '2']);
    const admin = await s.admin();
    try {
      const row = await admin.query("SELECT key_version FROM motcua.changes WHERE entity_id = 'HS-AFTER-REVOKE'");
      expect(row.rows[0].key_version).toBe(2);
    } finally {
      await admin.end();
    }
    await a1.worker().syncOnce(); // a1 learns key 2 from its grant and can read the new change
    expect(JSON.parse(a1.store.entity('HS-AFTER-REVOKE')!.payload!)).toEqual(citizen(4).payload);
    expect((await serverLog(s)).some((x) => x.entity_id === 'HS-STOLEN')).toBe(false);
  });
});

describe('the server holds no personal data in clear', () => {
  it('pg_dump of the centre database contains no name, ID number or address', async () => {
    for (let n = 10; n < 15; n++) a1.store.put(`HS-DUMP-${n}`, citizen(n).payload, [citizen(n).subject]);
    await a1.worker().syncOnce();
    const dump = s.cluster.run('pg_dump', ['--data-only', s.db]);
    expect(dump).toMatch(/HS-DUMP-10/); // the dump does hold the rows
    for (let n = 10; n < 15; n++) {
      const c = citizen(n).payload;
      expect(dump).not.toContain(c.idNumber);
      expect(dump).not.toContain(c.fullName);
      expect(dump).not.toContain(`Thôn Đông ${n}`);
    }
    expect(dump).not.toMatch(/Nguyễn|Nguy\\u1ec5n/);
  });
});
