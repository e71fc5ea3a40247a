/**
 * A device as a separate process, so tests can kill -9 it:
 * (Run as a bundle, see childBundle.ts, or with `node --import tsx`.)
 *   deviceChild once <store file>
 *     one exchange (MOTCUA_SYNC_CRASH_AT=<step> makes it SIGKILL itself at that step); prints the counts as JSON.
 *   deviceChild soak <store file> <lane> <count offset>
 *     the in-process worker plus a writer that creates and edits dossiers until stdin says "quit" (the worker
 *     runs on until "exit"); prints
 *     "made <changeId>" only after the change (and its outbox row) committed, so every printed id must reach
 *     the server even if the process is killed right after.
 */
import { createInterface } from 'node:readline';
import { loadLink, saveLink } from '../../../src/centre/device/link';
import { SyncError, SyncWorker } from '../../../src/centre/device/worker';
import { OutboxStore } from './outboxStore';
import { citizen } from './centre';

async function main(): Promise<void> {
  const [mode, storeFile, lane = '0', offset = '0'] = process.argv.slice(2);
  if (!storeFile) throw new Error('usage: deviceChild.ts once|soak <store file> [lane] [offset]');
  const store = new OutboxStore(storeFile);
  const link = loadLink(storeFile)!;
  const worker = new SyncWorker({ store, link, saveLink: (l) => saveLink(storeFile, l), pollMs: 5_000, localCheckMs: 200 });
  if (mode === 'once') {
    try {
      process.stdout.write(JSON.stringify(await worker.syncOnce()) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: (e as SyncError).reason, pending: (e as SyncError).pending }) + '\n');
      process.exitCode = 4;
    }
    store.close();
    return;
  }
  worker.start();
  let quit = false;
  let exit: () => void = () => undefined;
  const exited = new Promise<void>((r) => (exit = r));
  createInterface({ input: process.stdin }).on('line', (l) => {
    if (l.trim() === 'quit') quit = true; // stop writing; the worker keeps syncing until "exit"
    if (l.trim() === 'exit') exit();
  });
  process.stdout.write('ready\n');
  const mine: string[] = [];
  for (let n = Number(offset); !quit; n++) {
    const entity = `HS-${lane}-${n}`;
    const c = citizen(n);
    const id = store.put(entity, c.payload, [c.subject], `lane${lane}`);
    process.stdout.write(`made ${id}\n`);
    mine.push(entity);
    // Edit an earlier dossier of this lane, and now and then one of another lane (concurrent edits).
    if (n % 3 === 0 && mine.length > 2) {
      const e = mine[Math.floor(Math.random() * mine.length)]!;
      process.stdout.write(`made ${store.put(e, { ...c.payload, editedBy: lane }, [c.subject], `lane${lane}`)}\n`);
    }
    if (n % 7 === 0) {
      const other = store.entities().filter((r) => !r.erased && r.payload && !r.entity_id.startsWith(`HS-${lane}-`));
      const e = other[Math.floor(Math.random() * other.length)];
      if (e) process.stdout.write(`made ${store.put(e.entity_id, { ...JSON.parse(e.payload!), editedBy: lane }, [], `lane${lane}`)}\n`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.stdout.write('quiet\n');
  await exited;
  await worker.stop();
  store.close();
  process.stdout.write('stopped\n');
  process.exit(0); // stdin would keep the process alive
}

main().catch((e) => {
  process.stderr.write(`deviceChild: ${(e as Error).stack}\n`);
  process.exit(1);
});
