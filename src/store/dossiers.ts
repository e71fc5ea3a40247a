/**
 * Dossier changes: create, edit, status changes with lifecycle history (lifecycle.ts), citizen erasure and the
 * retention purge (Law 91/2025, NĐ 356/2025 — forms.md §3.4). Each change, its history event, its audit entry
 * and (when linked to a centre) their outbox entries commit in one IMMEDIATE transaction.
 */
import type { FilledField, FormId } from '../forms/types';
import { StoreError, type Dossier, type DossierEvent, type DossierStatus } from './types';
import { canonicalJson, sha256Hex } from './audit';
import { newDossierId } from './dossierId';
import { canEdit, canTransition, statusAfterEdit } from './lifecycle';
import { stripForbiddenFields } from './sanitize';
import { dossierSearchColumns, extractAllIds, normalizeIdNumber, type SearchKeys } from './searchText';
import type { DossierQueries, DossierRow } from './dossierQueries';
import type { ChangeRecorder } from './changeRecorder';
import type { StoreContext } from './storeContext';

export const INSERT_DOSSIER_SQL = `INSERT INTO dossiers
  (id, form_id, form_version, status, fields_json, full_name, id_number, search_name, verification_override, created_at, updated_at)
  VALUES (@id, @form_id, @form_version, @status, @fields_json, @full_name, @id_number, @search_name, @verification_override, @created_at, @updated_at)`;

const ACTION_FOR_STATUS: Record<DossierStatus, string> = {
  draft: 'dossier.reopen',
  completed: 'dossier.complete',
  printed: 'dossier.print',
  handed_over: 'dossier.hand_over',
  purged: 'dossier.purge',
};

const hashDossier = (d: Dossier): string => sha256Hex(canonicalJson(d));

/** The ID-search table mirrors every person's ID in the fields (both parties of a marriage). Inside a transaction. */
export function syncIdRows(ctx: StoreContext, seq: number, fields: readonly FilledField[], keys: SearchKeys): void {
  ctx.stmt('DELETE FROM dossier_ids WHERE seq = ?').run(seq);
  const insert = ctx.stmt('INSERT OR IGNORE INTO dossier_ids (id_number, seq) VALUES (?, ?)');
  for (const idNumber of extractAllIds(fields, keys)) insert.run(idNumber, seq);
}

export class Dossiers {
  constructor(
    private readonly ctx: StoreContext,
    private readonly queries: DossierQueries,
    private readonly keys: SearchKeys,
    private readonly changes: ChangeRecorder,
  ) {}

  create(input: { formId: FormId; formVersion: string; fields: FilledField[]; actor: string; verificationOverride?: boolean }): Dossier {
    const { ctx, queries } = this;
    const { fields } = stripForbiddenFields(input.fields);
    return ctx.write('Saving the dossier', () => {
      const at = ctx.iso();
      let id = newDossierId(ctx.now());
      for (let i = 0; queries.findRow(id) !== undefined; i++) {
        if (i > 20) throw new StoreError('IO', 'Could not allocate a unique dossier id');
        id = newDossierId(ctx.now());
      }
      const info = ctx.stmt(INSERT_DOSSIER_SQL).run({
        id,
        form_id: input.formId,
        form_version: input.formVersion,
        status: 'draft',
        fields_json: JSON.stringify(fields),
        ...dossierSearchColumns(fields, this.keys),
        verification_override: input.verificationOverride ? 1 : 0,
        created_at: at,
        updated_at: at,
      });
      syncIdRows(ctx, Number(info.lastInsertRowid), fields, this.keys);
      this.event(Number(info.lastInsertRowid), 'created', at, input.actor);
      this.changes.put(null, id, input.actor, at, 'dossier.create');
      const dossier = queries.toDossier(queries.row(id));
      this.audit('dossier.create', input.actor, id, hashDossier(dossier), at);
      if (input.verificationOverride) this.audit('dossier.verification_override', input.actor, id, null, at);
      return dossier;
    });
  }

  updateFields(id: string, fields: FilledField[], actor: string): Dossier {
    const { ctx, queries } = this;
    const clean = stripForbiddenFields(fields).fields;
    return ctx.write('Saving the dossier', () => {
      const r = queries.row(id);
      if (!canEdit(r.status)) throw new StoreError('INVALID_TRANSITION', `A dossier in status "${r.status}" cannot be edited`);
      const at = ctx.iso();
      const status = statusAfterEdit(r.status);
      ctx
        .stmt(
          'UPDATE dossiers SET fields_json = @fields_json, full_name = @full_name, id_number = @id_number, search_name = @search_name, status = @status, updated_at = @at WHERE seq = @seq',
        )
        .run({ fields_json: JSON.stringify(clean), ...dossierSearchColumns(clean, this.keys), status, at, seq: r.seq });
      syncIdRows(ctx, r.seq, clean, this.keys);
      this.event(r.seq, 'edited', at, actor);
      if (status !== r.status) this.event(r.seq, status, at, actor);
      this.changes.put(r, id, actor, at, 'dossier.edit');
      const dossier = queries.toDossier(queries.row(id));
      this.audit('dossier.edit', actor, id, hashDossier(dossier), at);
      return dossier;
    });
  }

  transition(id: string, to: DossierStatus, actor: string): Dossier {
    const { ctx, queries } = this;
    const d = ctx.write('Changing the dossier status', () => {
      const r = queries.row(id);
      if (!canTransition(r.status, to)) throw new StoreError('INVALID_TRANSITION', `Cannot go from "${r.status}" to "${to}"`);
      const at = ctx.iso();
      if (to === 'purged') {
        this.tombstone(r, actor, at, 'purged', ACTION_FOR_STATUS.purged);
      } else {
        ctx.stmt('UPDATE dossiers SET status = ?, updated_at = ? WHERE seq = ?').run(to, at, r.seq);
        this.event(r.seq, to, at, actor);
        this.changes.put(r, id, actor, at, ACTION_FOR_STATUS[to]);
        this.audit(ACTION_FOR_STATUS[to], actor, id, hashDossier(queries.toDossier(queries.row(id))), at);
      }
      return queries.toDossier(queries.row(id));
    });
    if (to === 'purged') ctx.flushWal();
    return d;
  }

  deleteCitizen(idNumber: string, actor: string): number {
    const { ctx } = this;
    const wanted = normalizeIdNumber(idNumber);
    if (wanted === '') return 0;
    const count = ctx.write("Deleting the citizen's data", () => {
      // The main person's column, plus any field holding this ID (e.g. the spouse or the head of household).
      const candidates = ctx
        .stmt("SELECT * FROM dossiers WHERE status != 'purged' AND (id_number = ? OR instr(fields_json, ?) > 0)")
        .all(wanted, wanted) as DossierRow[];
      const at = ctx.iso();
      let n = 0;
      for (const r of candidates) {
        const fields = JSON.parse(r.fields_json) as FilledField[];
        const match = r.id_number === wanted || fields.some((f) => normalizeIdNumber(f.value) === wanted || normalizeIdNumber(f.rawValue ?? '') === wanted);
        if (!match) continue;
        this.tombstone(r, actor, at, 'deleted', 'citizen.delete', wanted);
        n += 1;
      }
      return n;
    });
    if (count > 0) ctx.flushWal();
    return count;
  }

  /** Purges dossiers whose last change (updated_at) is more than `days` days old: a dossier still in work is kept. */
  purgeOlderThan(days: number, actor: string): number {
    const { ctx } = this;
    const cutoff = new Date(ctx.now().getTime() - days * 86_400_000).toISOString();
    const count = ctx.write('Purging old dossiers', () => {
      const rows = ctx.stmt("SELECT * FROM dossiers WHERE status != 'purged' AND updated_at < ?").all(cutoff) as DossierRow[];
      const at = ctx.iso();
      for (const r of rows) this.tombstone(r, actor, at, 'purged', 'dossier.purge');
      return rows.length;
    });
    if (count > 0) ctx.flushWal();
    return count;
  }

  /**
   * A clerk looked at a dossier flagged for review (e.g. a concurrent edit) and clears the flag. It travels to the
   * centre as a dossier.put with action "dossier.review", which clears the flag on every device unless it was
   * itself concurrent with another edit.
   */
  markReviewed(id: string, actor: string): Dossier {
    const { ctx, queries } = this;
    return ctx.write('Saving the review', () => {
      const r = queries.row(id);
      if (r.needs_review === null) return queries.toDossier(r);
      const at = ctx.iso();
      ctx.stmt('UPDATE dossiers SET needs_review = NULL WHERE seq = ?').run(r.seq);
      this.changes.put(r, id, actor, at, 'dossier.review');
      const dossier = queries.toDossier(queries.row(id));
      this.audit('dossier.review', actor, id, hashDossier(dossier), at);
      return dossier;
    });
  }

  private event(seq: number, status: DossierEvent['status'], at: string, actor: string): void {
    this.ctx.stmt('INSERT INTO dossier_events (dossier_seq, status, at, actor) VALUES (?, ?, ?, ?)').run(seq, status, at, actor);
  }

  private audit(action: string, actor: string, recordId: string, recordHash: string | null, at: string): void {
    this.changes.audit(this.ctx.audit(action, actor, recordId, recordHash, at));
  }

  /**
   * Wipes personal data, keeping a tombstone (id, form, status, dates, history). Inside a transaction. Also used
   * for an erasure that comes from the centre (then without an audit entry or outbox entry of this device's own).
   */
  wipe(r: DossierRow, actor: string, at: string, eventStatus: DossierEvent['status']): void {
    this.ctx.stmt('DELETE FROM dossier_ids WHERE seq = ?').run(r.seq);
    this.ctx
      .stmt(
        "UPDATE dossiers SET status = 'purged', fields_json = '[]', full_name = NULL, id_number = NULL, search_name = NULL, server_state = NULL, needs_review = NULL, updated_at = ? WHERE seq = ?",
      )
      .run(at, r.seq);
    this.ctx.stmt('DELETE FROM dossier_conflicts WHERE dossier_seq = ?').run(r.seq);
    this.event(r.seq, eventStatus, at, actor);
    if (eventStatus !== 'purged') this.event(r.seq, 'purged', at, actor);
  }

  private tombstone(r: DossierRow, actor: string, at: string, eventStatus: DossierEvent['status'], action: string, subject?: string): void {
    this.changes.erase(r, actor, at, action, subject);
    this.wipe(r, actor, at, eventStatus);
    this.audit(action, actor, r.id, hashDossier(this.queries.toDossier(this.queries.row(r.id))), at);
  }
}
