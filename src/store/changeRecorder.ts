/**
 * Turns this device's dossier changes into outbox entries, inside the change's own transaction, while the store is
 * linked to a centre (see syncPort.ts). Also links and unlinks the store.
 *
 * Versions: each dossier keeps `local_version` (the change id of the last change applied here: the base of the
 * next local change, so consecutive edits on one device chain and are not mistaken for concurrent ones) and
 * `server_state` (the centre's version, with its fields while this device is ahead of it), so that a concurrent
 * edit found later can record exactly which state it overwrote.
 */
import { StoreError, type AuditEntry } from './types';
import { extractAllIds, type SearchKeys } from './searchText';
import type { DossierQueries, DossierRow } from './dossierQueries';
import type { Outbox } from './outbox';
import type { CentreLinkInfo } from './syncPort';
import type { StoreContext } from './storeContext';
import { enqueueAllProgress } from './progress';

/** The centre's version of a dossier; status/fields/updatedAt only while this device's own changes are ahead. */
export interface ServerState {
  version: string;
  deviceId: string | null;
  actor: string;
  at: string;
  status?: DossierRow['status'];
  fields?: unknown[];
  updatedAt?: string;
}

const LINK_BATCH = 500;

export class ChangeRecorder {
  constructor(
    private readonly ctx: StoreContext,
    private readonly queries: DossierQueries,
    private readonly outbox: Outbox,
    private readonly keys: SearchKeys,
  ) {}

  /** After a create or change of dossier `id` (its row before the change: `before`, null for a create). */
  put(before: DossierRow | null, id: string, actor: string, at: string, action: string): void {
    const link = this.outbox.link();
    if (!link) return;
    const { ctx } = this;
    if (before?.server_state && !this.outbox.isAhead(before.id)) {
      // Until now this row WAS the centre's version; keep its content, since the row is about to move ahead.
      const st = JSON.parse(before.server_state) as ServerState;
      const full: ServerState = { ...st, status: before.status, fields: JSON.parse(before.fields_json) as unknown[], updatedAt: before.updated_at };
      ctx.stmt('UPDATE dossiers SET server_state = ? WHERE seq = ?').run(JSON.stringify(full), before.seq);
    }
    ctx.stmt('UPDATE dossiers SET origin_device = coalesce(origin_device, ?) WHERE id = ?').run(link.deviceId, id);
    this.enqueuePut(this.queries.row(id), before?.local_version ?? null, { at, actor, action });
  }

  private enqueuePut(row: DossierRow, base: string | null, m: { at: string; actor: string; action: string }): void {
    const payload = this.queries.payloadOf(row);
    const changeId = this.outbox.enqueue(
      'dossier.put',
      row.id,
      base,
      { ...m, formId: row.form_id, status: row.status },
      JSON.stringify(payload),
      extractAllIds(payload.fields, this.keys),
    );
    this.ctx.stmt('UPDATE dossiers SET local_version = ? WHERE seq = ?').run(changeId, row.seq);
  }

  /**
   * Before dossier `before` is wiped (erasure, retention purge): its queued states are dropped, so they never
   * leave the device, and one dossier.erase carries the subjects' ID numbers, so the centre can erase their
   * earlier payloads too.
   */
  erase(before: DossierRow, actor: string, at: string, action: string, alsoSubject?: string): void {
    const { ctx } = this;
    if (!this.outbox.link()) return;
    this.outbox.dropPuts(before.id);
    const subjects = extractAllIds(JSON.parse(before.fields_json) as Parameters<typeof extractAllIds>[0], this.keys);
    if (alsoSubject && !subjects.includes(alsoSubject)) subjects.push(alsoSubject);
    const changeId = this.outbox.enqueue('dossier.erase', before.id, before.local_version, { at, actor, action, formId: before.form_id, status: 'purged' }, null, subjects);
    ctx.stmt('UPDATE dossiers SET local_version = ? WHERE seq = ?').run(changeId, before.seq);
  }

  /** The audit entry that went with a dossier change (ids and hashes only). */
  audit(entry: AuditEntry): void {
    if (!this.outbox.link()) return;
    this.outbox.enqueue('audit.append', entry.recordId ?? `audit-${entry.seq}`, null, { at: entry.at, actor: entry.actor, action: entry.action }, JSON.stringify(entry), []);
  }

  linkCentre(link: CentreLinkInfo): { enqueued: number } {
    const { ctx } = this;
    return ctx.write('Linking the store to the centre', () => {
      const current = this.outbox.link();
      if (current) {
        if (current.deviceId === link.deviceId && current.centreId === link.centreId) return { enqueued: 0 };
        throw new StoreError('CENTRE_LINK', 'This store is already linked to a centre; leave it before joining another');
      }
      const at = ctx.iso();
      ctx.stmt('INSERT INTO sync_link (id, device_id, centre_id, pull_cursor, linked_at) VALUES (1, ?, ?, 0, ?)').run(link.deviceId, link.centreId, at);
      ctx.stmt('UPDATE dossiers SET origin_device = ? WHERE origin_device IS NULL').run(link.deviceId);
      let enqueued = 0;
      const page = ctx.stmt("SELECT * FROM dossiers WHERE status != 'purged' AND seq > ? ORDER BY seq LIMIT ?");
      for (let after = 0; ; ) {
        const rows = page.all(after, LINK_BATCH) as DossierRow[];
        for (const r of rows) this.enqueuePut(r, r.local_version, { at, actor: 'system', action: 'centre.link' });
        enqueued += rows.length;
        if (rows.length < LINK_BATCH) break;
        after = (rows[rows.length - 1] as DossierRow).seq;
      }
      // Where dossiers stand travels too, so other PCs' status look-ups see it (progress.ts).
      enqueueAllProgress(ctx, this.outbox, at);
      ctx.audit('centre.link', 'system', link.centreId, null, at);
      return { enqueued };
    });
  }

  unlinkCentre(actor: string): void {
    const { ctx } = this;
    ctx.write('Leaving the centre', () => {
      const current = this.outbox.link();
      if (!current) return;
      ctx.stmt('DELETE FROM outbox').run();
      ctx.stmt('DELETE FROM sync_link').run();
      ctx.stmt('UPDATE dossiers SET server_version = NULL, local_version = NULL, server_state = NULL WHERE local_version IS NOT NULL OR server_version IS NOT NULL').run();
      ctx.audit('centre.unlink', actor, current.centreId, null);
    });
  }
}
