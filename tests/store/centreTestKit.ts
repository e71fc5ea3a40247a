/**
 * A small in-test stand-in for the centre server, for the store's outbox tests: it gives each pushed change the
 * next position in one total order (a re-push of the same changeId is ignored, as the server's
 * `ON CONFLICT DO NOTHING` does) and serves changes after a cursor. The real PostgreSQL server and sync worker
 * have their own tests (src/centre); here only the store's side of the SyncStore port is under test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import type { RemoteChange } from '../../src/store/syncPort';
import type { FilledField } from '../../src/forms/types';
import { chipField } from '../forms/fixtures';

export class TestSequencer {
  readonly log: RemoteChange[] = [];
  private readonly seen = new Set<string>();

  /** Pushes every pending change of `store` (made on `deviceId`); returns how many were new. */
  push(store: SqliteDossierStore, deviceId: string): number {
    let fresh = 0;
    for (;;) {
      const batch = store.pendingChanges(7);
      if (batch.length === 0) return fresh;
      for (const c of batch) {
        if (this.seen.has(c.changeId)) continue;
        this.seen.add(c.changeId);
        fresh += 1;
        const { localSeq: _l, subjectIds: _s, ...rest } = c;
        this.log.push({ ...rest, position: this.log.length + 1, deviceId });
      }
      store.markPushed(batch.map((c) => c.changeId));
    }
  }

  /** Pulls in batches of `batch` from the store's cursor; returns the conflicts found. */
  pull(store: SqliteDossierStore, batch = 5): number {
    let conflicts = 0;
    for (;;) {
      const from = store.pullCursor();
      const next = this.log.filter((c) => c.position > from).slice(0, batch);
      if (next.length === 0) return conflicts;
      conflicts += store.applyRemote(next, (next[next.length - 1] as RemoteChange).position).conflicts;
    }
  }

  sync(store: SqliteDossierStore, deviceId: string): void {
    this.push(store, deviceId);
    this.pull(store);
  }
}

export interface TestDevice {
  id: string;
  file: string;
  store: SqliteDossierStore;
}

export const storeKey = randomBytes(32);

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-outbox-'));
}

export function openDevice(dir: string, id: string, centreId = 'centre-1'): TestDevice {
  const file = path.join(dir, `${id}.db`);
  const store = openStore({ path: file, key: storeKey, checkpointEverySeconds: 0 });
  store.linkCentre({ deviceId: id, centreId });
  return { id, file, store };
}

export const person = (name: string, idNumber: string, more: FilledField[] = []): FilledField[] => [
  chipField('fullName', name),
  chipField('idNumber', idNumber),
  chipField('placeOfResidence', 'Thôn 3, xã Tân Phú, tỉnh Đồng Nai'),
  ...more,
];

/** Every value of every table, decrypted (to look for personal data that should be gone). */
export function dumpDecrypted(file: string): string {
  const db = new Database(file, { readonly: true });
  db.pragma(`hexkey='${storeKey.toString('hex')}'`);
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  let out = '';
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]) out += row.map(String).join('|') + '\n';
  }
  db.close();
  return out;
}
