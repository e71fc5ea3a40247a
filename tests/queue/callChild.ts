/**
 * Child process for queueStore.test.ts: one counter on its own connection to the store file.
 *   node --import tsx tests/queue/callChild.ts <db> <key hex> <counter> <calls> <go file> [api <user> <password>]
 * Prints "ready", waits until <go file> exists (so both counters start together), then presses
 * "Gọi số tiếp theo" <calls> times, printing the id of each ticket it got ("none" when the line was empty).
 * With `api`, each press goes through the whole API (ApiCore over the opened store and its LocalQueue, signed
 * in as <user>), as the counter screen's queue.callNext does; otherwise straight to the QueueStore.
 */
import fs from 'node:fs';
import { openDatabase } from '../../src/store/db';
import { StoreContext } from '../../src/store/storeContext';
import { QueueStore } from '../../src/store/queue';
import { openStore } from '../../src/store/sqliteStore';
import { ApiCore, SETTINGS_KEY } from '../../src/api/core';
import { mergeSettings } from '../../src/api/settings';
import { LocalQueue } from '../../src/app/localQueue';
import { FakeCard, fakeForms, fakePrint } from '../api/fakes';

const [dbPath, keyHex, counterArg, callsArg, goFile, mode, user, password] = process.argv.slice(2);
if (!dbPath || !keyHex || !counterArg || !callsArg || !goFile) {
  console.error('usage: callChild.ts <db> <keyhex> <counter> <calls> <go file> [api <user> <password>]');
  process.exit(2);
}
const counter = Number(counterArg);

async function presser(): Promise<{ press: () => Promise<string>; close: () => Promise<void> }> {
  if (mode !== 'api') {
    const db = openDatabase({ path: dbPath as string, key: keyHex as string, integrityCheck: 'none', busyTimeoutMs: 20_000 });
    const queue = new QueueStore(new StoreContext(db, () => new Date(), null));
    return {
      press: async () => String(queue.callNext(counter, ['HO_TICH'])?.id ?? 'none'),
      close: async () => {
        db.close();
      },
    };
  }
  const store = openStore({ path: dbPath as string, key: keyHex as string, integrityCheck: 'none', checkpointEverySeconds: 0 });
  store.db.pragma('busy_timeout = 20000');
  const queue = new LocalQueue(store.queue, () => mergeSettings(store.getSetting(SETTINGS_KEY)).queueGroups);
  const core = new ApiCore({ card: new FakeCard(), store, queue, progress: store.progress, forms: fakeForms, print: fakePrint, host: 'browser', mode: 'counter', demo: false, version: 'test', sweepIntervalMs: 0 });
  const { token } = (await core.handle('auth.login', { username: user, password })) as { token: string };
  return {
    press: async () => String(((await core.handle('queue.callNext', { counter }, token)) as { id: number } | null)?.id ?? 'none'),
    close: async () => {
      await core.close();
      store.close();
    },
  };
}

const p = await presser();
process.stdout.write('ready\n');
while (!fs.existsSync(goFile)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
const got: string[] = [];
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < Number(callsArg); i++) {
  got.push(await p.press());
  // A short random pause between presses: without it the process holding the lock re-takes it at once while the
  // other sleeps in SQLite's busy handler, and the two counters would run one after the other, not interleaved.
  Atomics.wait(pause, 0, 0, Math.random() * 3);
}
process.stdout.write(`${got.join(' ')}\n`);
await p.close();
