/**
 * Where a dossier stands for the citizen's status look-up (đã tiếp nhận / đang xử lý / có kết quả / đã trả) and
 * its promised return date, set by a clerk. The row carries no personal data; it is still erased with the dossier
 * (migration 5's trigger deletes it when the dossier becomes a tombstone). Each change is audited — the dossier
 * id and a hash of the new state, nothing more — and, on a centre, that audit entry goes out with the others.
 */
import { StoreError } from './types';
import { canonicalJson, sha256Hex } from './audit';
import type { ChangeRecorder } from './changeRecorder';
import type { StoreContext } from './storeContext';
import type { DossierProgressRecord, DossierProgressState, ProgressLookup } from '../queue/progress';

interface ProgressRow {
  dossier_id: string;
  state: DossierProgressState;
  expected_return: string | null;
  updated_at: string;
  actor: string;
}

const toRecord = (r: ProgressRow): DossierProgressRecord => ({
  dossierId: r.dossier_id,
  state: r.state,
  expectedReturn: r.expected_return,
  updatedAt: r.updated_at,
  actor: r.actor,
});

export class DossierProgressStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly changes: ChangeRecorder,
  ) {}

  private row(dossierId: string): ProgressRow | undefined {
    return this.ctx.stmt('SELECT * FROM dossier_progress WHERE dossier_id = ?').get(dossierId) as ProgressRow | undefined;
  }

  get(dossierId: string): DossierProgressRecord | null {
    return this.ctx.read('Reading the dossier progress', () => {
      const r = this.row(dossierId);
      return r ? toRecord(r) : null;
    });
  }

  /** Sets the progress of a live dossier (an erased one is NOT_FOUND) and audits it without personal data. */
  set(dossierId: string, state: DossierProgressState, expectedReturn: string | null, actor: string): DossierProgressRecord {
    const { ctx } = this;
    return ctx.write('Saving the dossier progress', () => {
      const d = ctx.stmt('SELECT status FROM dossiers WHERE id = ?').get(dossierId) as { status: string } | undefined;
      if (!d || d.status === 'purged') throw new StoreError('NOT_FOUND', 'No such dossier');
      const at = ctx.iso();
      ctx
        .stmt(
          `INSERT INTO dossier_progress (dossier_id, state, expected_return, updated_at, actor) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (dossier_id) DO UPDATE SET state = excluded.state, expected_return = excluded.expected_return, updated_at = excluded.updated_at, actor = excluded.actor`,
        )
        .run(dossierId, state, expectedReturn, at, actor);
      const hash = sha256Hex(canonicalJson({ dossierId, state, expectedReturn }));
      this.changes.audit(ctx.audit('dossier.progress', actor, dossierId, hash, at));
      return toRecord(this.row(dossierId) as ProgressRow);
    });
  }

  /** The status look-up's view of a dossier; null when it does not exist or was erased. */
  lookup(dossierId: string): ProgressLookup | null {
    return this.ctx.read('Looking up a dossier', () => {
      const d = this.ctx.stmt("SELECT id, form_id, full_name FROM dossiers WHERE id = ? AND status != 'purged'").get(dossierId) as
        | { id: string; form_id: string; full_name: string | null }
        | undefined;
      if (!d) return null;
      const p = this.row(dossierId);
      return { dossierId: d.id, formId: d.form_id, fullName: d.full_name, progress: p ? toRecord(p) : null };
    });
  }

  /** Dossiers still with the centre whose promised date is before `today`, oldest promise first (codes only). */
  overdue(today: string, limit = 500): { dossierCode: string; formId: string; expectedReturn: string }[] {
    return this.ctx.read('Reading overdue dossiers', () =>
      this.ctx
        .stmt(
          `SELECT p.dossier_id AS dossierCode, d.form_id AS formId, p.expected_return AS expectedReturn
             FROM dossier_progress p JOIN dossiers d ON d.id = p.dossier_id
            WHERE p.state != 'returned' AND p.expected_return IS NOT NULL AND p.expected_return < ? AND d.status != 'purged'
            ORDER BY p.expected_return, p.dossier_id LIMIT ?`,
        )
        .all(today, Math.max(1, Math.floor(limit))) as { dossierCode: string; formId: string; expectedReturn: string }[],
    );
  }
}
