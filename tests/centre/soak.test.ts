/**
 * Bounded fault soak (~2 min): three device processes (one kiosk, two counters) create and edit dossiers
 * continuously through a TCP proxy while the test kill -9s one counter twice, stops PostgreSQL for 20 s and
 * cuts the proxy for 8 s. Then the writers stop and the test waits until every device holds the server's whole
 * log. Prints `N changes, 0 lost, 0 duplicated, converged in X s`; fails on any loss or duplicate.
 */
import { afterAll, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createInterface } from 'node:readline';
import { joinDevice, newCentre, serverLog, startCentreServer, type CentreServer, type Device } from './helpers/centre';
import { saveLink } from '../../src/centre/device/link';
import { OutboxStore } from './helpers/outboxStore';
import { startTcpProxy, type TcpProxy } from './helpers/tcpProxy';
import { bundleDeviceChild } from './helpers/childBundle';

let child = '';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  proc: ChildProcess;
  made: string[];
  quiet: Promise<void>;
}

function startDevice(dev: Device, lane: number, offset: number, made: string[]): Promise<Running> {
  const proc = spawn(process.execPath, [child, 'soak', dev.storeFile, String(lane), String(offset)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let onQuiet: () => void = () => undefined;
  const quiet = new Promise<void>((r) => (onQuiet = r));
  return new Promise((resolve, reject) => {
    proc.once('error', reject);
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      if (l.startsWith('made ')) made.push(l.slice(5));
      else if (l === 'ready') resolve({ proc, made, quiet });
      else if (l === 'quiet') onQuiet();
    });
  });
}

let s: CentreServer;
let proxy: TcpProxy;
const running: Running[] = [];

afterAll(async () => {
  for (const r of running) if (r.proc.exitCode === null) r.proc.kill('SIGKILL');
  await proxy?.close();
  s?.cluster.destroy();
  if (child) fs.rmSync(child, { force: true });
});

it('soak: kill -9, server stop and network cuts lose and duplicate nothing, and the devices converge', async () => {
  const t0 = Date.now();
  const mark = (what: string) => process.stderr.write(`soak ${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}\n`);
  child = await bundleDeviceChild();
  s = await startCentreServer();
  const centre = await newCentre(s, 'Trung tâm PVHCC xã Tân Phú');
  proxy = await startTcpProxy(s.cluster.port);
  const devices = [await joinDevice(s, centre, 'kiosk'), await joinDevice(s, centre, 'counter'), await joinDevice(s, centre, 'counter')];
  for (const d of devices) {
    d.store.close();
    saveLink(d.storeFile, { ...d.link, server: { ...d.link.server, port: proxy.port } }); // every device goes through the proxy
  }
  const made: string[][] = [[], [], []];
  for (let i = 0; i < 3; i++) running[i] = await startDevice(devices[i]!, i, 0, made[i]!);

  const killAndRestart = async (i: number, offset: number) => {
    running[i]!.proc.kill('SIGKILL');
    await new Promise((r) => running[i]!.proc.once('exit', r));
    running[i] = await startDevice(devices[i]!, i, offset, made[i]!);
  };
  mark('three devices writing');
  await sleep(8_000);
  await killAndRestart(1, 100_000);
  mark('counter 1 killed -9 and restarted');
  await sleep(5_000);
  s.cluster.stop('fast');
  mark('PostgreSQL stopped');
  await sleep(20_000);
  s.cluster.start();
  mark('PostgreSQL started');
  await sleep(8_000);
  await killAndRestart(1, 200_000);
  mark('counter 1 killed -9 and restarted again');
  await sleep(5_000);
  proxy.cut();
  mark('network cut');
  await sleep(8_000);
  proxy.restore();
  mark('network restored');
  await sleep(5_000);

  for (const r of running) r.proc.stdin!.write('quit\n');
  await Promise.all(running.map((r) => r.quiet));
  const quietAt = Date.now();
  mark('writers stopped');
  // Converged: nothing pending anywhere, and every device applied as many changes as the server holds, up to
  // its last position (the exact lists are compared below).
  const admin = await s.admin();
  for (;;) {
    const srv = (await admin.query('SELECT count(*)::int AS n, coalesce(max(position), 0)::bigint AS p FROM motcua.changes WHERE centre_id = $1', [centre])).rows[0];
    const done = devices.every((d) => {
      const st = new OutboxStore(d.storeFile);
      try {
        return st.pendingCount() === 0 && st.pullCursor() === Number(srv.p) && st.appliedIds().length === srv.n;
      } finally {
        st.close();
      }
    });
    if (done) break;
    if (Date.now() - quietAt > 90_000) throw new Error('devices did not converge within 90 s');
    await sleep(200);
  }
  const convergedIn = (Date.now() - quietAt) / 1000;
  await admin.end();
  const log = await serverLog(s, centre);
  const ids = log.map((r) => r.change_id).join();
  mark(`converged in ${convergedIn.toFixed(1)} s`);
  for (const r of running) r.proc.stdin!.write('exit\n');
  await Promise.all(running.map((r) => (r.proc.exitCode === null ? new Promise((res) => r.proc.once('exit', res)) : null)));

  mark('device processes ended');
  const onServer = new Set(log.map((r) => r.change_id));
  const printed = made.flat();
  const committed = devices.flatMap((d) => {
    const st = new OutboxStore(d.storeFile);
    try {
      return st.outboxIds();
    } finally {
      st.close();
    }
  });
  const lost = new Set([...printed, ...committed].filter((id) => !onServer.has(id))).size;
  const duplicated = log.length - onServer.size + (printed.length - new Set(printed).size);
  const states = devices.map((d) => {
    const st = new OutboxStore(d.storeFile);
    try {
      expect(st.appliedIds().join()).toBe(ids);
      return JSON.stringify(st.entities().map((e) => [e.entity_id, e.version, e.payload, e.erased]));
    } finally {
      st.close();
    }
  });
  console.log(`${log.length} changes, ${lost} lost, ${duplicated} duplicated, converged in ${convergedIn.toFixed(1)} s`);
  mark('checked');
  expect(log.length).toBeGreaterThan(300);
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(states[1]).toBe(states[0]);
  expect(states[2]).toBe(states[0]);
}, 240_000);
