/**
 * Child process for tests/store/outboxCrash.test.ts (killed with SIGKILL at random moments):
 *   node --import tsx tests/store/outboxChild.ts change <db> <key hex>     create/edit/complete dossiers in a loop
 *   node --import tsx tests/store/outboxChild.ts pull <db> <key hex> <log> apply a centre log (JSON) in batches of 3
 * A line is printed only after the store call returned, so everything printed must survive the kill.
 */
import fs from 'node:fs';
import { openStore } from '../../src/store/sqliteStore';
import type { RemoteChange } from '../../src/store/syncPort';
import { person } from './centreTestKit';

const [mode, dbPath, keyHex, logFile] = process.argv.slice(2);
if (!dbPath || !keyHex) {
  console.error('usage: outboxChild.ts change|pull <db> <keyhex> [log]');
  process.exit(2);
}
const store = openStore({ path: dbPath, key: keyHex, checkpointEverySeconds: 0 });
process.stdout.write('ready\n');
if (mode === 'pull') {
  const log = JSON.parse(fs.readFileSync(logFile ?? '', 'utf8')) as RemoteChange[];
  for (;;) {
    const next = log.filter((c) => c.position > store.pullCursor()).slice(0, 3);
    if (next.length === 0) break;
    store.applyRemote(next, (next[next.length - 1] as RemoteChange).position);
    process.stdout.write(`applied ${store.pullCursor()}\n`);
  }
  process.stdout.write('done\n');
  store.close();
} else {
  for (let n = 0; ; n++) {
    const tag = `${process.pid}-${n}`;
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person(`Người Thử ${tag}`, `0010990${String(n).padStart(5, '0')}`), actor: 'kiosk' });
    process.stdout.write(`created ${d.id}\n`);
    store.updateFields(d.id, person(`Người Thử ${tag} sửa`, `0010990${String(n).padStart(5, '0')}`), 'lan');
    process.stdout.write(`edited ${d.id}\n`);
    store.transition(d.id, 'completed', 'lan');
    process.stdout.write(`completed ${d.id}\n`);
  }
}
