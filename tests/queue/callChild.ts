/**
 * Child process for queueStore.test.ts: one counter on its own connection to the store file.
 *   node --import tsx tests/queue/callChild.ts <db> <key hex> <counter> <calls> <go file>
 * Prints "ready", waits until <go file> exists (so both counters start together), then presses
 * "Gọi số tiếp theo" <calls> times, printing the id of each ticket it got ("none" when the line was empty).
 */
import fs from 'node:fs';
import { openDatabase } from '../../src/store/db';
import { StoreContext } from '../../src/store/storeContext';
import { QueueStore } from '../../src/store/queue';

const [dbPath, keyHex, counterArg, callsArg, goFile] = process.argv.slice(2);
if (!dbPath || !keyHex || !counterArg || !callsArg || !goFile) {
  console.error('usage: callChild.ts <db> <keyhex> <counter> <calls> <go file>');
  process.exit(2);
}
const db = openDatabase({ path: dbPath, key: keyHex, integrityCheck: 'none', busyTimeoutMs: 20_000 });
const queue = new QueueStore(new StoreContext(db, () => new Date(), null));
process.stdout.write('ready\n');
while (!fs.existsSync(goFile)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
const got: string[] = [];
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < Number(callsArg); i++) {
  got.push(String(queue.callNext(Number(counterArg), ['HO_TICH'])?.id ?? 'none'));
  // A short random pause between presses: without it the process holding the lock re-takes it at once while the
  // other sleeps in SQLite's busy handler, and the two counters would run one after the other, not interleaved.
  Atomics.wait(pause, 0, 0, Math.random() * 3);
}
process.stdout.write(`${got.join(' ')}\n`);
db.close();
