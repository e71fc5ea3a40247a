/**
 * A small device store on a real SQLite file that implements the SyncStore port exactly as its contract says
 * (outbox row in the same transaction as the change; applyRemote + cursor in one transaction; idempotent by
 * changeId; fold in server order; a concurrent edit flagged, the overwritten state kept in history).
 * The centre tests drive the sync worker and the server through it, so they do not depend on the dossier
 * store's schema; the same worker runs on the dossier store in the app.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomUUID } from 'node:crypto';
import type { CentreLinkInfo, OutboxChange, RemoteChange, SyncStore } from '../../../src/store/syncPort';

export interface EntityRow {
  entity_id: string;
  version: string | null;
  payload: string | null;
  erased: number;
  conflict: number;
  history: string; // JSON array of overwritten payloads
}

export class OutboxStore implements SyncStore {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (local_seq INTEGER PRIMARY KEY AUTOINCREMENT, change_id TEXT UNIQUE NOT NULL, kind TEXT NOT NULL,
        entity_id TEXT NOT NULL, base_version TEXT, meta TEXT NOT NULL, payload TEXT, subject_ids TEXT NOT NULL, pushed INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE IF NOT EXISTS entities (entity_id TEXT PRIMARY KEY, version TEXT, payload TEXT, erased INTEGER NOT NULL DEFAULT 0,
        conflict INTEGER NOT NULL DEFAULT 0, history TEXT NOT NULL DEFAULT '[]');
      CREATE TABLE IF NOT EXISTS applied (change_id TEXT PRIMARY KEY, position INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS cursor (id INTEGER PRIMARY KEY CHECK (id = 1), position INTEGER NOT NULL);
      INSERT OR IGNORE INTO cursor VALUES (1, 0);
      CREATE TABLE IF NOT EXISTS link (id INTEGER PRIMARY KEY CHECK (id = 1), device_id TEXT NOT NULL, centre_id TEXT NOT NULL);
    `);
  }

  linkCentre(link: CentreLinkInfo): { enqueued: number } {
    const cur = this.centreLink();
    if (cur && (cur.deviceId !== link.deviceId || cur.centreId !== link.centreId)) throw new Error('already linked to another centre');
    this.db.prepare('INSERT OR IGNORE INTO link VALUES (1, ?, ?)').run(link.deviceId, link.centreId);
    return { enqueued: 0 };
  }

  unlinkCentre(): void {
    this.db.exec('DELETE FROM link; DELETE FROM outbox; UPDATE cursor SET position = 0');
  }

  centreLink(): CentreLinkInfo | null {
    const r = this.db.prepare('SELECT device_id, centre_id FROM link').get() as { device_id: string; centre_id: string } | undefined;
    return r ? { deviceId: r.device_id, centreId: r.centre_id } : null;
  }

  /** A local create or edit: the entity and its outbox row in one transaction. Returns the changeId. */
  put(entityId: string, payload: object, subjectIds: string[], actor = 'kiosk'): string {
    const changeId = randomUUID();
    this.db.transaction(() => {
      const cur = this.db.prepare('SELECT version, erased FROM entities WHERE entity_id = ?').get(entityId) as { version: string | null; erased: number } | undefined;
      if (cur?.erased) throw new Error(`entity ${entityId} is erased`);
      const text = JSON.stringify(payload);
      this.db.prepare('INSERT INTO entities (entity_id, payload) VALUES (?, ?) ON CONFLICT (entity_id) DO UPDATE SET payload = excluded.payload').run(entityId, text);
      this.db
        .prepare('INSERT INTO outbox (change_id, kind, entity_id, base_version, meta, payload, subject_ids) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(changeId, 'dossier.put', entityId, cur?.version ?? null, JSON.stringify({ at: new Date().toISOString(), actor, formId: 'CT01', status: 'draft' }), text, JSON.stringify(subjectIds));
    })();
    return changeId;
  }

  erase(entityId: string, actor = 'clerk'): string {
    const changeId = randomUUID();
    this.db.transaction(() => {
      const cur = this.db.prepare('SELECT version FROM entities WHERE entity_id = ?').get(entityId) as { version: string | null } | undefined;
      this.db.prepare("INSERT INTO entities (entity_id, payload, erased, history) VALUES (?, NULL, 1, '[]') ON CONFLICT (entity_id) DO UPDATE SET payload = NULL, erased = 1, history = '[]'").run(entityId);
      this.db
        .prepare('INSERT INTO outbox (change_id, kind, entity_id, base_version, meta, payload, subject_ids) VALUES (?, ?, ?, ?, ?, NULL, ?)')
        .run(changeId, 'dossier.erase', entityId, cur?.version ?? null, JSON.stringify({ at: new Date().toISOString(), actor, action: 'citizen.delete' }), '[]');
      // An erased dossier's unsent edits must not leave the device either.
      this.db.prepare("UPDATE outbox SET payload = NULL, pushed = 1 WHERE entity_id = ? AND kind = 'dossier.put' AND pushed = 0").run(entityId);
    })();
    return changeId;
  }

  pendingChanges(limit: number): OutboxChange[] {
    const rows = this.db.prepare('SELECT * FROM outbox WHERE pushed = 0 ORDER BY local_seq LIMIT ?').all(limit) as Record<string, unknown>[];
    return rows.map((r) => ({
      changeId: r.change_id as string,
      localSeq: r.local_seq as number,
      kind: r.kind as OutboxChange['kind'],
      entityId: r.entity_id as string,
      baseVersion: (r.base_version as string | null) ?? null,
      meta: JSON.parse(r.meta as string),
      payload: (r.payload as string | null) ?? null,
      subjectIds: JSON.parse(r.subject_ids as string),
    }));
  }

  markPushed(changeIds: string[]): void {
    const st = this.db.prepare('UPDATE outbox SET pushed = 1 WHERE change_id = ?');
    this.db.transaction(() => changeIds.forEach((id) => st.run(id)))();
  }

  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox WHERE pushed = 0').get() as { n: number }).n;
  }

  pullCursor(): number {
    return (this.db.prepare('SELECT position FROM cursor WHERE id = 1').get() as { position: number }).position;
  }

  applyRemote(changes: RemoteChange[], cursor: number): { applied: number; conflicts: number } {
    let applied = 0;
    let conflicts = 0;
    this.db.transaction(() => {
      for (const ch of changes) {
        if (this.db.prepare('SELECT 1 FROM applied WHERE change_id = ?').get(ch.changeId)) continue;
        this.db.prepare('INSERT INTO applied VALUES (?, ?)').run(ch.changeId, ch.position);
        applied++;
        if (ch.kind === 'audit.append') continue;
        const cur = this.db.prepare('SELECT * FROM entities WHERE entity_id = ?').get(ch.entityId) as EntityRow | undefined;
        const own = !!this.db.prepare('SELECT 1 FROM outbox WHERE change_id = ?').get(ch.changeId);
        if (ch.kind === 'dossier.erase') {
          this.db.prepare("INSERT INTO entities (entity_id, version, payload, erased) VALUES (?, ?, NULL, 1) ON CONFLICT (entity_id) DO UPDATE SET version = excluded.version, payload = NULL, erased = 1, history = '[]'").run(ch.entityId, ch.changeId);
          continue;
        }
        if (cur?.erased) continue;
        // Concurrent edit: based on a version that is no longer the entity's server version.
        const concurrent = cur !== undefined && cur.version !== null && ch.baseVersion !== cur.version;
        if (concurrent) conflicts++;
        const history = cur && concurrent && cur.payload !== null ? JSON.stringify([...JSON.parse(cur.history), cur.payload]) : (cur?.history ?? '[]');
        const hasNewerLocal = own && !!this.db.prepare("SELECT 1 FROM outbox WHERE entity_id = ? AND pushed = 0 AND kind = 'dossier.put'").get(ch.entityId);
        const payload = hasNewerLocal ? cur!.payload : ch.payload;
        this.db
          .prepare('INSERT INTO entities (entity_id, version, payload, conflict, history) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity_id) DO UPDATE SET version = excluded.version, payload = excluded.payload, conflict = max(conflict, excluded.conflict), history = excluded.history')
          .run(ch.entityId, ch.changeId, payload, concurrent ? 1 : 0, history);
      }
      this.db.prepare('UPDATE cursor SET position = max(position, ?) WHERE id = 1').run(cursor);
    })();
    return { applied, conflicts };
  }

  entities(): EntityRow[] {
    return this.db.prepare('SELECT * FROM entities ORDER BY entity_id').all() as EntityRow[];
  }

  entity(id: string): EntityRow | undefined {
    return this.db.prepare('SELECT * FROM entities WHERE entity_id = ?').get(id) as EntityRow | undefined;
  }

  outboxIds(): string[] {
    return (this.db.prepare('SELECT change_id FROM outbox ORDER BY local_seq').all() as { change_id: string }[]).map((r) => r.change_id);
  }

  appliedIds(): string[] {
    return (this.db.prepare('SELECT change_id FROM applied ORDER BY position').all() as { change_id: string }[]).map((r) => r.change_id);
  }

  close(): void {
    this.db.close();
  }
}
