/**
 * Child process for tests/store/killBackups.test.ts: an app that saves, erases and backs up, to be killed -9.
 *   node --import tsx tests/helpers/backupChild.ts <db path> <key hex> <backup dir>
 * Prints "ready", then loops. A line is printed only AFTER the step is complete (stdout to a pipe is synchronous on
 * Linux), so everything printed must hold after a SIGKILL at any moment:
 *   "saved <dossier id> <tag>"   createDossier returned
 *   "erasing <tag>"              about to erase (after a kill, that dossier may be erased or not)
 *   "erased <tag>"               deleteCitizen returned AND the backup erasure pass it started has finished
 *   "backup <file>"              backupNow returned (published, erasures applied, rotated)
 * Some backups are started without waiting, shortly before an erasure, so a snapshot copied before the erasure
 * can be published after it: the erasure must still reach it.
 */
import { pathToFileURL } from 'node:url';
import { randomInt } from 'node:crypto';
import { openStore } from '../../src/store/sqliteStore';
import { backupWorkSettled } from '../../src/store/backupFiles';
import type { FilledField } from '../../src/forms/types';
import { chipField } from '../forms/fixtures';

/** The citizen saved under `tag` (`<pid>x<5-digit n>`); the parent recomputes it to check saves and erasures. */
export function killCitizen(tag: string): { name: string; idNumber: string; fields: FilledField[] } {
  const [pid = '0', n = '0'] = tag.split('x');
  const name = `Lê Thị Xoá ${tag}`;
  const idNumber = `0${pid.padStart(5, '0').slice(-5)}${n.padStart(6, '0').slice(-6)}`;
  return {
    name,
    idNumber,
    fields: [chipField('fullName', name), chipField('idNumber', idNumber), chipField('placeOfResidence', `Thôn ${n}, xã Tân Phú, tỉnh Đồng Nai`)],
  };
}

async function main(): Promise<void> {
  const [dbPath, keyHex, backupDir] = process.argv.slice(2);
  if (!dbPath || !keyHex || !backupDir) throw new Error('usage: backupChild.ts <db> <keyhex> <backup dir>');
  const store = openStore({ path: dbPath, key: keyHex, backupDir, keepBackups: 10, onBackupError: () => undefined });
  process.stdout.write('ready\n');
  const saved: string[] = [];
  for (let n = 0; ; n++) {
    const tag = `${process.pid}x${String(n).padStart(5, '0')}`; // fixed width: no tag is a prefix of another
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: killCitizen(tag).fields, actor: 'kiosk' });
    saved.push(tag);
    process.stdout.write(`saved ${d.id} ${tag}\n`);
    if (n % 4 === 3) {
      const file = await store.backupNow();
      process.stdout.write(`backup ${file}\n`);
    }
    if (n % 3 === 2) {
      // Every other erasure races a backup started 0–150 ms before it (a snapshot may predate the erasure).
      const racing = n % 2 === 0 ? store.backupNow().catch(() => undefined) : null;
      if (racing) await new Promise((r) => setTimeout(r, randomInt(0, 150)));
      const victim = saved.splice(saved.length - 2, 1)[0] as string;
      process.stdout.write(`erasing ${victim}\n`);
      store.deleteCitizen(killCitizen(victim).idNumber, 'clerk');
      await backupWorkSettled(dbPath);
      process.stdout.write(`erased ${victim}\n`);
      await racing;
    }
  }
}

// Run only as a script, so the test can import killCitizen without starting the loop.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
