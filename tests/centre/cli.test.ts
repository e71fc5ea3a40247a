/**
 * The CLI contract end to end on the real dossier store (encrypted SQLite with its outbox): a kiosk and a
 * counter joined with one-time codes exchange dossiers through PostgreSQL, the kiosk keeps working while the
 * server is down (`sync --once` exit 4, pending counted, nothing lost), and "delete this citizen's data" on the
 * counter reaches the kiosk and the server's log.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCentreServer, serverLog, type CentreServer } from './helpers/centre';

const ROOT = path.resolve(__dirname, '../..');
const WOMAN = path.join(ROOT, 'tests', 'fixtures', 'identities', 'married-woman.json');
const MAN = path.join(ROOT, 'tests', 'fixtures', 'identities', 'young-man.json');

/** bin/motcua.mjs runs the dist bundle when it is fresh (npm test builds it first), else the sources via tsx. */
function motcua(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(ROOT, 'bin/motcua.mjs'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (b) => (stdout += b));
    p.stderr.on('data', (b) => (stderr += b));
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CLI JSON output, checked field by field below
async function json(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Record<string, any>> {
  const r = await motcua(args, env);
  if (r.status !== 0) throw new Error(`motcua ${args.slice(0, 2).join(' ')} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

let s: CentreServer;
let dir: string;

beforeAll(async () => {
  s = await startCentreServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-centre-cli-'));
});

afterAll(() => s?.cluster.destroy());

it('init (idempotent), enroll, join, sync and dossier commands on two devices; a code works once; server down is exit 4', async () => {
  const admin = { MOTCUA_CENTRE_KEYS: s.keysDir };
  const { centreId } = await json(['centre', 'init', '--url', s.url, '--name', 'Trung tâm PVHCC xã Tân Phú', '--json'], admin);
  expect(await json(['centre', 'init', '--url', s.url, '--name', 'Trung tâm PVHCC xã Tân Phú', '--json'], admin)).toEqual({ centreId });
  const kioskCode = (await json(['centre', 'enroll', '--url', s.url, '--centre', centreId, '--role', 'kiosk', '--json'], admin)).code;
  const counterCode = (await json(['centre', 'enroll', '--url', s.url, '--centre', centreId, '--role', 'counter', '--json'], admin)).code;
  const kiosk = path.join(dir, 'kiosk', 'motcua.db');
  const counter = path.join(dir, 'counter', 'motcua.db');
  const server = `${s.cluster.host}:${s.cluster.port}/${s.db}`;

  // A dossier made while the kiosk was still standalone is queued when it joins.
  const before = await json(['dossier', 'create', '--form', 'CT01', '--identity', MAN, '--db', kiosk, '--json']);
  expect(await json(['device', 'join', '--server', server, '--code', kioskCode, '--ca', s.cluster.caFile, '--db', kiosk, '--json'])).toMatchObject({ centreId });
  expect(fs.statSync(path.join(dir, 'kiosk', 'centre-link.json')).mode & 0o777).toBe(0o600);
  const reuse = await motcua(['device', 'join', '--server', server, '--code', kioskCode, '--ca', s.cluster.caFile, '--db', counter, '--json']);
  expect(reuse.status).toBe(3);
  expect(reuse.stderr).toMatch(/wrong, already used or expired/);
  await json(['device', 'join', '--server', server, '--code', counterCode, '--ca', s.cluster.caFile, '--db', counter, '--json']);

  const made = await json(['dossier', 'create', '--form', 'CT01', '--identity', WOMAN, '--db', kiosk, '--json']);
  const pushed = await json(['sync', '--db', kiosk, '--once', '--json']);
  expect(pushed).toMatchObject({ pending: 0 });
  expect(pushed.pushed).toBeGreaterThanOrEqual(2);
  const pulled = await json(['sync', '--db', counter, '--once', '--json']);
  expect(pulled.pulled).toBeGreaterThanOrEqual(2);
  const list = await json(['dossier', 'list', '--db', counter, '--json']);
  expect(list.map((d: { id: string }) => d.id).sort()).toEqual([before.id, made.id].sort());
  expect(list.find((d: { id: string }) => d.id === made.id)).toMatchObject({ fullName: 'Trần Thị Thu Hà' });
  const found = await json(['dossier', 'list', '--db', counter, '--search', '001192012345', '--json']);
  expect(found.map((d: { id: string }) => d.id)).toContain(made.id); // the counter's search index covers pulled dossiers

  // Server down: the kiosk still saves; sync says 4 and counts what waits; nothing is lost once it is back.
  s.cluster.stop();
  const offline = await json(['dossier', 'create', '--form', 'CT01', '--identity', WOMAN, '--db', kiosk, '--json']);
  const down = await motcua(['sync', '--db', kiosk, '--once', '--json']);
  expect(down.status).toBe(4);
  expect(JSON.parse(down.stdout).pending).toBeGreaterThanOrEqual(1);
  s.cluster.start();
  expect(await json(['sync', '--db', kiosk, '--once', '--json'])).toMatchObject({ pending: 0 });
  await json(['sync', '--db', counter, '--once', '--json']);
  expect((await json(['dossier', 'show', offline.id, '--db', counter, '--json'])).id).toBe(offline.id);

  // "Delete this citizen's data" on the counter reaches the kiosk and the server's log.
  expect(await json(['dossier', 'purge', '--citizen', '001192012345', '--db', counter, '--json'])).toEqual({ purged: 2 });
  await json(['sync', '--db', counter, '--once', '--json']);
  await json(['sync', '--db', kiosk, '--once', '--json']);
  const left = await json(['dossier', 'list', '--db', kiosk, '--json']);
  for (const id of [made.id, offline.id]) expect(left.find((d: { id: string }) => d.id === id)).toMatchObject({ status: 'purged', fullName: null, idNumber: null });
  expect(left.find((d: { id: string }) => d.id === before.id)).toMatchObject({ fullName: 'Phạm Quốc Bảo' });
  const log = await serverLog(s);
  const puts = log.filter((r) => (r.entity_id === made.id || r.entity_id === offline.id) && r.kind === 'dossier.put');
  expect(puts.length).toBeGreaterThan(0);
  expect(puts.every((r) => r.payload === null)).toBe(true);
  const dump = s.cluster.run('pg_dump', ['--data-only', s.db]);
  for (const secret of ['Trần Thị Thu Hà', '001192012345', 'Quán Thánh', 'Phạm Quốc Bảo', '027206007890']) expect(dump).not.toContain(secret);
});
