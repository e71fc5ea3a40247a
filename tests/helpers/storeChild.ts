/**
 * Child-process writer for tests/store/crashSafety.test.ts:
 *   node --import tsx tests/helpers/storeChild.ts <db path> <key hex> <lane>
 * Opens the store, prints "ready", then saves dossiers in a loop. A line is printed only AFTER the save returned
 * (stdout to a pipe is synchronous on Linux), so every printed id must survive a SIGKILL at any moment:
 *   "created <id> <tag>"   after createDossier
 *   "completed <id> <tag>" after transition(id, 'completed')
 */
import { pathToFileURL } from 'node:url';
import { openStore } from '../../src/store/sqliteStore';
import type { FilledField } from '../../src/forms/types';
import { chipField } from '../forms/fixtures';

/** The fields saved for `tag`; the parent test recomputes them to check each printed dossier is intact. */
export function crashFields(tag: string): FilledField[] {
  const f = chipField;
  return [
    f('fullName', `Nguyễn Văn Crash ${tag}`),
    f('dateOfBirth', '01/02/1990'),
    f('idNumber', `0010990${tag.replace(/\D/g, '').padStart(5, '0').slice(-5)}`),
    f('placeOfResidence', `Thôn ${tag}, xã Tân Phú, tỉnh Đồng Nai`),
  ];
}

function main(): void {
  const [dbPath, keyHex, lane = '0'] = process.argv.slice(2);
  if (!dbPath || !keyHex) {
    console.error('usage: storeChild.ts <db> <keyhex> [lane]');
    process.exit(2);
  }
  const store = openStore({ path: dbPath, key: keyHex });
  process.stdout.write('ready\n');
  const runId = `${lane}.${process.pid}`;
  for (let n = 0; ; n++) {
    const tag = `${runId}.${n}`;
    const d = store.createDossier({ formId: 'CT01', formVersion: '2023.66', fields: crashFields(tag), actor: `lane${lane}` });
    process.stdout.write(`created ${d.id} ${tag}\n`);
    if (n % 3 === 2) {
      store.transition(d.id, 'completed', `lane${lane}`);
      process.stdout.write(`completed ${d.id} ${tag}\n`);
    }
  }
}

// Run only as a script, so the test can import crashFields without starting a writer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
