/** A centre on a throwaway cluster, and devices joined to it, for the centre tests and the sync benchmark. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../../helpers/pgCluster';
import { enrollDevice, initCentre } from '../../../src/centre/server/admin';
import { joinCentre } from '../../../src/centre/device/enrol';
import { loadLink, saveLink, type CentreLink } from '../../../src/centre/device/link';
import { SyncWorker } from '../../../src/centre/device/worker';
import { deviceClientConfig } from '../../../src/centre/connection';
import { credentialsOf } from '../../../src/centre/device/link';
import { OutboxStore } from './outboxStore';

export interface CentreServer {
  cluster: PgCluster;
  db: string;
  url: string;
  keysDir: string;
  admin(): Promise<pg.Client>;
}

export async function startCentreServer(db = 'centre'): Promise<CentreServer> {
  const cluster = await startPgCluster();
  cluster.createDatabase(db);
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-keys-'));
  return {
    cluster,
    db,
    url: cluster.adminUrl(db),
    keysDir,
    async admin() {
      const c = new pg.Client({ connectionString: cluster.adminUrl(db) });
      await c.connect();
      return c;
    },
  };
}

export async function newCentre(s: CentreServer, name: string): Promise<string> {
  return (await initCentre(s.url, name, s.keysDir)).centreId;
}

function linked(store: OutboxStore, link: CentreLink): OutboxStore {
  store.linkCentre({ deviceId: link.deviceId, centreId: link.centreId });
  return store;
}

export interface Device {
  dir: string;
  storeFile: string;
  link: CentreLink;
  store: OutboxStore;
  worker(opts?: { pollMs?: number; pullBytes?: number }): SyncWorker;
  /** Re-reads the link file (after a key rotation the worker saved) and opens a worker on it. */
  reload(): void;
  pgClient(): Promise<pg.Client>;
}

export async function joinDevice(s: CentreServer, centreId: string, kind: 'kiosk' | 'counter' = 'counter'): Promise<Device> {
  const { code } = await enrollDevice(s.url, centreId, kind, s.keysDir);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-dev-'));
  const storeFile = path.join(dir, 'motcua.db');
  const link = await joinCentre({ server: { host: s.cluster.host, port: s.cluster.port, database: s.db }, code, storeFile, caPem: fs.readFileSync(s.cluster.caFile, 'utf8') });
  const dev: Device = {
    dir,
    storeFile,
    link,
    store: linked(new OutboxStore(storeFile), link),
    worker: (o = {}) => new SyncWorker({ store: dev.store, link: dev.link, saveLink: (l) => { saveLink(storeFile, l); dev.link = l; }, pollMs: o.pollMs ?? 30_000, ...(o.pullBytes ? { pullBytes: o.pullBytes } : {}) }),
    reload() {
      dev.link = loadLink(storeFile)!;
    },
    async pgClient() {
      const c = new pg.Client(deviceClientConfig(credentialsOf(dev.link)));
      await c.connect();
      return c;
    },
  };
  return dev;
}

/** The server's log as the admin sees it (ciphertext stays ciphertext). */
export async function serverLog(s: CentreServer, centreId?: string): Promise<{ change_id: string; position: string; kind: string; entity_id: string; payload: Buffer | null; device_id: string; erased_at: Date | null }[]> {
  const c = await s.admin();
  try {
    const r = await c.query(`SELECT change_id, position, kind, entity_id, payload, device_id, erased_at FROM motcua.changes ${centreId ? 'WHERE centre_id = $1' : ''} ORDER BY position`, centreId ? [centreId] : []);
    return r.rows;
  } finally {
    await c.end();
  }
}

/** A person's data as a test writes it: a real-looking name, ID number and address that must never reach the server in clear. */
export function citizen(n: number): { payload: { fullName: string; idNumber: string; address: string; n: number }; subject: string } {
  const idNumber = `0010900${String(10000 + n).slice(-5)}`;
  return { payload: { fullName: `Nguyễn Thị Soak ${n}`, idNumber, address: `Thôn Đông ${n}, xã Tân Phú, tỉnh Đồng Nai`, n }, subject: idNumber };
}
