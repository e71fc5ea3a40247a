/**
 * Dossier changes: create, edit, status changes with lifecycle history (lifecycle.ts), citizen erasure and the
 * retention purge (Law 91/2025, NĐ 356/2025 — forms.md §3.4). Each change, its history event and its audit entry
 * commit in one IMMEDIATE transaction.
 */
import type { FilledField, FormId } from '../forms/types';
import { StoreError, type Dossier, type DossierEvent, type DossierStatus } from './types';
import { canonicalJson, sha256Hex } from './audit';
import { newDossierId } from './dossierId';
import { canEdit, canTransition, statusAfterEdit } from './lifecycle';
import { stripForbiddenFields } from './sanitize';
import { dossierSearchColumns, extractAllIds, normalizeIdNumber, type SearchKeys } from './searchText';
import type { DossierQueries, DossierRow } from './dossierQueries';
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

export class Dossiers {
  constructor(
    private readonly ctx: StoreContext,
    private readonly queries: DossierQueries,
    private readonly keys: SearchKeys,
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
      this.syncIds(Number(info.lastInsertRowid), fields);
      this.event(Number(info.lastInsertRowid), 'created', at, input.actor);
      const dossier = queries.toDossier(queries.row(id));
      ctx.audit('dossier.create', input.actor, id, hashDossier(dossier), at);
      if (input.verificationOverride) ctx.audit('dossier.verification_override', input.actor, id, null, at);
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
      this.syncIds(r.seq, clean);
      this.event(r.seq, 'edited', at, actor);
      if (status !== r.status) this.event(r.seq, status, at, actor);
      const dossier = queries.toDossier(queries.row(id));
      ctx.audit('dossier.edit', actor, id, hashDossier(dossier), at);
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
        ctx.audit(ACTION_FOR_STATUS[to], actor, id, hashDossier(queries.toDossier(queries.row(id))), at);
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
        this.tombstone(r, actor, at, 'deleted', 'citizen.delete');
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

  private event(seq: number, status: DossierEvent['status'], at: string, actor: string): void {
    this.ctx.stmt('INSERT INTO dossier_events (dossier_seq, status, at, actor) VALUES (?, ?, ?, ?)').run(seq, status, at, actor);
  }

  /** The ID-search table mirrors every person's ID in the fields (both parties of a marriage). Inside a transaction. */
  private syncIds(seq: number, fields: readonly FilledField[]): void {
    this.ctx.stmt('DELETE FROM dossier_ids WHERE seq = ?').run(seq);
    const insert = this.ctx.stmt('INSERT OR IGNORE INTO dossier_ids (id_number, seq) VALUES (?, ?)');
    for (const idNumber of extractAllIds(fields, this.keys)) insert.run(idNumber, seq);
  }

  /** Wipes personal data, keeping a tombstone (id, form, status, dates, history). Inside a transaction. */
  private tombstone(r: DossierRow, actor: string, at: string, eventStatus: DossierEvent['status'], action: string): void {
    const { ctx, queries } = this;
    ctx.stmt('DELETE FROM dossier_ids WHERE seq = ?').run(r.seq);
    ctx
      .stmt(
        "UPDATE dossiers SET status = 'purged', fields_json = '[]', full_name = NULL, id_number = NULL, search_name = NULL, updated_at = ? WHERE seq = ?",
      )
      .run(at, r.seq);
    this.event(r.seq, eventStatus, at, actor);
    if (eventStatus !== 'purged') this.event(r.seq, 'purged', at, actor);
    ctx.audit(action, actor, r.id, hashDossier(queries.toDossier(queries.row(r.id))), at);
  }
}
