/**
 * `motcua sync --db <file> [--once] [--json]`: exchange this device's changes with its centre.
 * --once: one exchange; exit 0 when everything was exchanged, 4 when the server cannot be reached (nothing is
 * lost: `pending` counts what waits in the outbox), 3 when the server refuses the device (revoked).
 * Without --once it runs as a worker until SIGINT/SIGTERM, printing each state change.
 */
import path from 'node:path';
import { EXIT, parseArgs, str } from './args';
import { LINK_FILE_NAME, loadLink, saveLink, type CentreLink } from '../centre/device/link';
import { SyncError, SyncWorker, type SyncState } from '../centre/device/worker';
import { defaultDataDir } from '../services/paths';
import { loadOrCreateKeyFile, KEY_FILE_NAME } from '../store/keyFile';
import { openStore } from '../store/sqliteStore';
import { searchKeysFromCatalogue } from '../forms/searchKeys';
import type { SyncStore } from '../store/syncPort';

/** The store must be linked to the centre of the link file (a join interrupted before it linked the store is finished here). */
function linkedStore(store: SyncStore, link: CentreLink): SyncStore {
  const cur = store.centreLink();
  if (!cur) store.linkCentre({ deviceId: link.deviceId, centreId: link.centreId });
  else if (cur.deviceId !== link.deviceId || cur.centreId !== link.centreId) throw new Error(`the store is linked to device ${cur.deviceId} of centre ${cur.centreId}, but ${LINK_FILE_NAME} names another; leave the centre and join again`);
  return store;
}

export async function syncCommand(argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, { db: { type: 'string' }, once: { type: 'boolean' }, json: { type: 'boolean' } });
  const file = path.resolve(str(options, 'db') ?? path.join(defaultDataDir(), 'motcua.db'));
  const json = !!options.json;
  const link = loadLink(file);
  if (!link) {
    process.stderr.write(`motcua sync: ${file} is not linked to a centre; run: motcua device join --server <host:port/db> --code <code> --db ${file}\n`);
    return EXIT.FAILURE;
  }
  const store = openStore({ path: file, key: loadOrCreateKeyFile(path.join(path.dirname(file), KEY_FILE_NAME)), backupDir: path.join(path.dirname(file), 'backups'), searchKeys: searchKeysFromCatalogue() });
  try {
    const sync = linkedStore(store, link);
    if (options.once) {
      const worker = new SyncWorker({ store: sync, link, saveLink: (l) => saveLink(file, l) });
      try {
        const r = await worker.syncOnce();
        process.stdout.write(json ? JSON.stringify(r) + '\n' : `pushed ${r.pushed}, pulled ${r.pulled}, pending ${r.pending}\n`);
        return EXIT.OK;
      } catch (e) {
        if (!(e instanceof SyncError)) throw e;
        if (json) process.stdout.write(JSON.stringify({ pushed: 0, pulled: 0, pending: e.pending }) + '\n');
        process.stderr.write(`motcua sync: ${e.message}; ${e.pending} change(s) wait in the outbox\n`);
        return e.reason === 'UNREACHABLE' ? EXIT.TRANSPORT : e.reason === 'REFUSED' ? EXIT.ACCESS : EXIT.FAILURE;
      }
    }
    let last = '';
    const report = (s: SyncState) => {
      const line = json ? JSON.stringify(s) : `${s.phase}: ${s.pending} pending${s.lastError ? ` (${s.lastError})` : ''}`;
      if (line !== last) process.stdout.write(line + '\n');
      last = line;
    };
    const worker = new SyncWorker({ store: sync, link, saveLink: (l) => saveLink(file, l), onState: report });
    worker.start();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await worker.stop();
    return EXIT.OK;
  } finally {
    store.close();
  }
}
