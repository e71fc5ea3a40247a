/**
 * The transactional outbox and the pull cursor (the SQLite side of syncPort.ts). Rows are written by the change
 * that produces them, inside its transaction (StoreContext.write), and only while the store is linked to a centre:
 * a standalone install never grows an outbox.
 */
import { randomUUID } from 'node:crypto';
import type { ChangeKind, ChangeMeta, CentreLinkInfo, OutboxChange } from './syncPort';
import type { StoreContext } from './storeContext';

interface OutboxRow {
  local_seq: number;
  change_id: string;
  kind: ChangeKind;
  entity_id: string;
  base_version: string | null;
  meta_json: string;
  payload: string | null;
  subject_ids_json: string;
}

const toChange = (r: OutboxRow): OutboxChange => ({
  changeId: r.change_id,
  localSeq: r.local_seq,
  kind: r.kind,
  entityId: r.entity_id,
  baseVersion: r.base_version,
  meta: JSON.parse(r.meta_json) as ChangeMeta,
  payload: r.payload,
  subjectIds: JSON.parse(r.subject_ids_json) as string[],
});

export class Outbox {
  constructor(private readonly ctx: StoreContext) {}

  /** Read inside each change's transaction, so a link made by another process (the CLI's `device join`) counts. */
  link(): CentreLinkInfo | null {
    const r = this.ctx.stmt('SELECT device_id, centre_id FROM sync_link WHERE id = 1').get() as { device_id: string; centre_id: string } | undefined;
    return r ? { deviceId: r.device_id, centreId: r.centre_id } : null;
  }

  /** Queues one change; call inside the transaction of the change. Returns its change id. */
  enqueue(kind: ChangeKind, entityId: string, baseVersion: string | null, meta: ChangeMeta, payload: string | null, subjectIds: readonly string[]): string {
    const changeId = randomUUID();
    this.ctx
      .stmt('INSERT INTO outbox (change_id, kind, entity_id, base_version, meta_json, payload, subject_ids_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(changeId, kind, entityId, baseVersion, JSON.stringify(meta), payload, JSON.stringify([...new Set(subjectIds)]));
    return changeId;
  }

  /** True when this device changed the dossier and the centre's order has not given the change back yet. */
  isAhead(entityId: string): boolean {
    return this.ctx.stmt("SELECT 1 FROM outbox WHERE entity_id = ? AND kind = 'dossier.put' LIMIT 1").get(entityId) !== undefined;
  }

  /** True when `changeId` is one of this device's queued or pushed changes. */
  isOwn(changeId: string): boolean {
    return this.ctx.stmt('SELECT 1 FROM outbox WHERE change_id = ?').get(changeId) !== undefined;
  }

  forget(changeId: string): void {
    this.ctx.stmt('DELETE FROM outbox WHERE change_id = ?').run(changeId);
  }

  /** Erasure: this dossier's queued states (personal data) must never leave the device, nor wait here. */
  dropPuts(entityId: string): void {
    this.ctx.stmt("DELETE FROM outbox WHERE entity_id = ? AND kind = 'dossier.put'").run(entityId);
  }

  pending(limit: number): OutboxChange[] {
    return this.ctx.read('Reading the outbox', () =>
      (this.ctx.stmt('SELECT * FROM outbox WHERE pushed = 0 ORDER BY local_seq LIMIT ?').all(Math.max(0, Math.floor(limit))) as OutboxRow[]).map(toChange),
    );
  }

  /**
   * The server has these. Audit entries and erasures are done with; a dossier.put keeps its row (without the
   * payload and subject ids, which the server now holds sealed) until it comes back in the pull.
   */
  markPushed(changeIds: readonly string[]): void {
    if (changeIds.length === 0) return;
    this.ctx.write('Recording pushed changes', () => {
      const put = this.ctx.stmt("UPDATE outbox SET pushed = 1, payload = NULL, subject_ids_json = '[]' WHERE change_id = ? AND kind = 'dossier.put'");
      const done = this.ctx.stmt("DELETE FROM outbox WHERE change_id = ? AND kind != 'dossier.put'");
      for (const id of changeIds) {
        put.run(id);
        done.run(id);
      }
    });
  }

  pendingCount(): number {
    return this.ctx.read('Reading the outbox', () => this.ctx.stmt('SELECT count(*) AS n FROM outbox WHERE pushed = 0').get() as { n: number }).n;
  }

  pendingEntityCount(): number {
    return this.ctx.read('Reading the outbox', () => this.ctx.stmt("SELECT count(DISTINCT entity_id) AS n FROM outbox WHERE pushed = 0 AND kind != 'audit.append'").get() as { n: number }).n;
  }

  cursor(): number {
    return this.ctx.read('Reading the pull cursor', () => {
      const r = this.ctx.stmt('SELECT pull_cursor FROM sync_link WHERE id = 1').get() as { pull_cursor: number } | undefined;
      return r?.pull_cursor ?? 0;
    });
  }

  /** Inside the transaction that applied the changes up to `position`. */
  moveCursor(position: number): void {
    this.ctx.stmt('UPDATE sync_link SET pull_cursor = max(pull_cursor, ?) WHERE id = 1').run(position);
  }
}
