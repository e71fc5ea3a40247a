/**
 * Folding the centre's changes into this device's store, in the centre's one total order (syncPort.ts).
 *
 * Conflict rule (the same on every device, because every device folds the same changes in the same order): a
 * dossier.put whose base is not the dossier's current centre version is a concurrent edit. It still wins, the
 * version it overwrote is recorded (dossier_conflicts, shown in the history as "concurrent_edit") and the dossier
 * is flagged for review. When this device's own changes to that dossier are still ahead of the centre, its local
 * state is kept: those changes come later in the centre's order and will win there too.
 *
 * Erasure wins over everything: a purged dossier takes no later put, and a remote dossier.erase wipes the local
 * copy, its search rows, its overwritten versions and this device's queued states of it, leaving a tombstone.
 */
import { z } from 'zod';
import { DOSSIER_STATUSES, StoreError, type OverwrittenVersion, type ReviewReason } from './types';
import { dossierSearchColumns, type SearchKeys } from './searchText';
import { stripForbiddenFields } from './sanitize';
import { syncIdRows, type Dossiers } from './dossiers';
import type { DossierPayload, DossierQueries, DossierRow } from './dossierQueries';
import type { ServerState } from './changeRecorder';
import type { Outbox } from './outbox';
import type { RemoteChange } from './syncPort';
import type { StoreContext } from './storeContext';
import { applyRemoteProgress, PROGRESS_ACTION } from './progress';
import type { FilledField, FormId } from '../forms/types';

/** Only the shape the store relies on; the fields themselves were validated by the device that made them. */
const PayloadSchema = z.object({
  id: z.string().min(1),
  formId: z.string().min(1),
  formVersion: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  fields: z.array(z.object({ key: z.string(), value: z.string() }).passthrough()),
  createdAt: z.string(),
  updatedAt: z.string(),
  verificationOverride: z.boolean(),
  originDevice: z.string().nullable(),
  history: z.array(z.object({ status: z.string(), at: z.string(), actor: z.string() })),
});

const UPSERT_SQL = `INSERT INTO dossiers
  (id, form_id, form_version, status, fields_json, full_name, id_number, search_name, verification_override, created_at, updated_at, origin_device)
  VALUES (@id, @form_id, @form_version, @status, @fields_json, @full_name, @id_number, @search_name, @verification_override, @created_at, @updated_at, @origin_device)
  ON CONFLICT(id) DO UPDATE SET form_id = excluded.form_id, form_version = excluded.form_version, status = excluded.status,
    fields_json = excluded.fields_json, full_name = excluded.full_name, id_number = excluded.id_number, search_name = excluded.search_name,
    verification_override = excluded.verification_override, created_at = excluded.created_at, updated_at = excluded.updated_at,
    origin_device = excluded.origin_device`;

export class RemoteChanges {
  constructor(
    private readonly ctx: StoreContext,
    private readonly queries: DossierQueries,
    private readonly dossiers: Dossiers,
    private readonly outbox: Outbox,
    private readonly keys: SearchKeys,
  ) {}

  apply(changes: readonly RemoteChange[], cursor: number): { applied: number; conflicts: number } {
    let erased = false;
    const result = this.ctx.write('Applying the centre changes', () => {
      if (!this.outbox.link()) throw new StoreError('CENTRE_LINK', 'This store is not linked to a centre');
      const from = this.outbox.cursor();
      let applied = 0;
      let conflicts = 0;
      let last = from;
      for (const ch of [...changes].sort((a, b) => a.position - b.position)) {
        if (ch.position <= from) continue; // applied by an earlier pull (the cursor moved with it)
        last = Math.max(last, ch.position);
        if (ch.kind === 'dossier.put') {
          const r = this.put(ch);
          applied += r.applied ? 1 : 0;
          conflicts += r.conflict ? 1 : 0;
        } else if (ch.kind === 'dossier.erase') {
          this.erase(ch);
          erased = true;
          applied += 1;
        } else {
          // The centre keeps every device's audit entries; this device's own chain records only its own actions.
          // A dossier's progress rides on its audit entry (progress.ts explains why not on the dossier).
          if (ch.meta.action === PROGRESS_ACTION) applyRemoteProgress(this.ctx, ch);
          this.outbox.forget(ch.changeId);
          applied += 1;
        }
      }
      this.outbox.moveCursor(Math.max(last, cursor));
      return { applied, conflicts };
    });
    if (erased) this.ctx.flushWal();
    return result;
  }

  private parse(ch: RemoteChange): DossierPayload {
    const parsed = ch.payload === null ? null : PayloadSchema.safeParse(JSON.parse(ch.payload));
    if (!parsed?.success || parsed.data.id !== ch.entityId) {
      throw new StoreError('CENTRE_LINK', `Centre change ${ch.changeId} (position ${ch.position}) is not a dossier this app can read`);
    }
    return parsed.data as unknown as DossierPayload;
  }

  private put(ch: RemoteChange): { applied: boolean; conflict: boolean } {
    const { ctx } = this;
    const own = this.outbox.isOwn(ch.changeId);
    if (own) this.outbox.forget(ch.changeId);
    const row = this.queries.findRow(ch.entityId);
    if (row && (row.server_version === ch.changeId || row.status === 'purged')) return { applied: false, conflict: false };
    const payload = this.parse(ch);
    const ahead = row !== undefined && this.outbox.isAhead(ch.entityId);
    const server = row?.server_state ? (JSON.parse(row.server_state) as ServerState) : null;
    const conflict = row !== undefined && server !== null && ch.baseVersion !== row.server_version;
    let review: ReviewReason | null = row?.needs_review ?? null;
    if (conflict && row && server) {
      const overwritten: OverwrittenVersion = {
        version: server.version,
        deviceId: server.deviceId,
        actor: server.actor,
        at: server.at,
        status: server.status ?? row.status,
        fields: (server.fields ?? JSON.parse(row.fields_json)) as FilledField[],
        updatedAt: server.updatedAt ?? row.updated_at,
      };
      ctx
        .stmt('INSERT OR IGNORE INTO dossier_conflicts (dossier_seq, position, winner_change, winner_device, at, actor, overwritten_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(row.seq, ch.position, ch.changeId, ch.deviceId, ch.meta.at, ch.meta.actor, JSON.stringify(overwritten));
      review = 'concurrent_edit';
    } else if (ch.meta.action === 'dossier.review') {
      review = null;
    }
    const state: ServerState = { version: ch.changeId, deviceId: ch.deviceId, actor: ch.meta.actor, at: ch.meta.at };
    if (row && (own || ahead)) {
      // This device's state is this change or ahead of it: record the centre's version only.
      const kept = ahead ? { ...state, status: payload.status, fields: payload.fields, updatedAt: payload.updatedAt } : state;
      ctx.stmt('UPDATE dossiers SET server_version = ?, server_state = ?, needs_review = ? WHERE seq = ?').run(ch.changeId, JSON.stringify(kept), review, row.seq);
    } else {
      this.replace(payload, ch, JSON.stringify(state), review);
    }
    return { applied: true, conflict };
  }

  /** The dossier becomes the change's state: row, search rows and lifecycle history. */
  private replace(p: DossierPayload, ch: RemoteChange, serverState: string, review: ReviewReason | null): void {
    const { ctx } = this;
    const fields = stripForbiddenFields(p.fields).fields;
    ctx.stmt(UPSERT_SQL).run({
      id: p.id,
      form_id: p.formId,
      form_version: p.formVersion,
      status: p.status,
      fields_json: JSON.stringify(fields),
      ...dossierSearchColumns(fields, this.keys),
      verification_override: p.verificationOverride ? 1 : 0,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
      origin_device: p.originDevice ?? ch.deviceId,
    });
    const row = this.queries.row(p.id);
    ctx
      .stmt('UPDATE dossiers SET server_version = ?, local_version = ?, server_state = ?, needs_review = ? WHERE seq = ?')
      .run(ch.changeId, ch.changeId, serverState, review, row.seq);
    syncIdRows(ctx, row.seq, fields, this.keys);
    ctx.stmt('DELETE FROM dossier_events WHERE dossier_seq = ?').run(row.seq);
    const ins = ctx.stmt('INSERT INTO dossier_events (dossier_seq, status, at, actor) VALUES (?, ?, ?, ?)');
    for (const e of p.history) if (e.status !== 'concurrent_edit') ins.run(row.seq, e.status, e.at, e.actor);
  }

  private erase(ch: RemoteChange): void {
    const { ctx } = this;
    this.outbox.dropPuts(ch.entityId);
    this.outbox.forget(ch.changeId);
    let row: DossierRow | undefined = this.queries.findRow(ch.entityId);
    const eventStatus = ch.meta.action === 'citizen.delete' ? 'deleted' : 'purged';
    if (!row) {
      // Never seen here (its puts were erased on the server before this device pulled): a tombstone only.
      ctx
        .stmt(
          "INSERT INTO dossiers (id, form_id, form_version, status, fields_json, created_at, updated_at) VALUES (?, ?, '', 'purged', '[]', ?, ?)",
        )
        .run(ch.entityId, (ch.meta.formId ?? 'unknown') as FormId, ch.meta.at, ch.meta.at);
      row = this.queries.row(ch.entityId);
      this.dossiers.wipe(row, ch.meta.actor, ch.meta.at, eventStatus);
    } else if (row.status !== 'purged') {
      this.dossiers.wipe(row, ch.meta.actor, ch.meta.at, eventStatus);
      ctx.audit('dossier.erase_from_centre', ch.meta.actor, row.id, null);
    }
    ctx.stmt('UPDATE dossiers SET server_version = ?, local_version = ?, server_state = NULL, needs_review = NULL WHERE seq = ?').run(ch.changeId, ch.changeId, row.seq);
  }
}
