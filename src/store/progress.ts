/**
 * Where a dossier stands for the citizen's status look-up (đã tiếp nhận / đang xử lý / có kết quả / đã trả) and
 * its promised return date, set by a clerk. The row carries no personal data; it is still erased with the dossier
 * (migration 5's trigger deletes it when the dossier becomes a tombstone). Each change is audited — the dossier
 * id and a hash of the new state, nothing more.
 *
 * On a centre the change travels as that audit entry (an `audit.append`, sealed like every payload), with the
 * new progress beside the entry, so the kiosk of another PC can answer the look-up. Not as a dossier.put: that
 * would make every progress step a new version of the dossier's content, and a clerk correcting the form on
 * another PC at the same time would be flagged as a concurrent edit of it. Progress is a single value per dossier,
 * so the centre's order alone decides (the later change wins), as for any setting.
 */
import { z } from 'zod';
import { StoreError } from './types';
import { canonicalJson, sha256Hex } from './audit';
import type { Outbox } from './outbox';
import type { RemoteChange } from './syncPort';
import type { StoreContext } from './storeContext';
import { DOSSIER_PROGRESS_STATES, type DossierProgressRecord, type DossierProgressState, type ProgressLookup } from '../queue/progress';

/** The audit action of a progress change, and the marker of the audit.append changes that carry one. */
export const PROGRESS_ACTION = 'dossier.progress';

const RemoteProgress = z.object({
  progress: z.object({
    state: z.enum(DOSSIER_PROGRESS_STATES),
    expectedReturn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    updatedAt: z.string(),
    actor: z.string(),
  }),
});

const UPSERT_SQL = `INSERT INTO dossier_progress (dossier_id, state, expected_return, updated_at, actor) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (dossier_id) DO UPDATE SET state = excluded.state, expected_return = excluded.expected_return, updated_at = excluded.updated_at, actor = excluded.actor`;

/**
 * Folds another device's progress change in (inside RemoteChanges' transaction, in the centre's order). Skipped for
 * a dossier this device does not hold or has erased, and while this device's own later change of it waits to be
 * pushed (it comes after this one in the centre's order and will be folded in when it returns).
 */
export function applyRemoteProgress(ctx: StoreContext, ch: RemoteChange): void {
  const parsed = ch.payload === null ? null : RemoteProgress.safeParse(JSON.parse(ch.payload));
  if (!parsed?.success) return; // an audit entry without progress (an older app): nothing to fold in
  const live = ctx.stmt("SELECT 1 FROM dossiers WHERE id = ? AND status != 'purged'").get(ch.entityId);
  const ownPending = ctx.stmt("SELECT 1 FROM outbox WHERE entity_id = ? AND kind = 'audit.append' AND pushed = 0 AND json_extract(meta_json, '$.action') = ?").get(ch.entityId, PROGRESS_ACTION);
  if (!live || ownPending) return;
  const p = parsed.data.progress;
  ctx.stmt(UPSERT_SQL).run(ch.entityId, p.state, p.expectedReturn, p.updatedAt, p.actor);
}

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

/** The audit.append that carries a progress change to the centre (inside the change's transaction). */
function enqueueProgress(outbox: Outbox, entry: object, r: DossierProgressRecord, at: string): void {
  const progress = { state: r.state, expectedReturn: r.expectedReturn, updatedAt: r.updatedAt, actor: r.actor };
  outbox.enqueue('audit.append', r.dossierId, null, { at, actor: r.actor, action: PROGRESS_ACTION }, JSON.stringify({ ...entry, progress }), []);
}

/** Joining a centre: the progress already set here goes out once, like the dossiers (inside linkCentre's transaction). */
export function enqueueAllProgress(ctx: StoreContext, outbox: Outbox, at: string): number {
  const rows = ctx.stmt("SELECT p.* FROM dossier_progress p JOIN dossiers d ON d.id = p.dossier_id WHERE d.status != 'purged' ORDER BY p.dossier_id").all() as ProgressRow[];
  for (const r of rows) enqueueProgress(outbox, { recordId: r.dossier_id }, toRecord(r), at);
  return rows.length;
}

export class DossierProgressStore {
  constructor(
    private readonly ctx: StoreContext,
    private readonly outbox: Outbox,
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
      ctx.stmt(UPSERT_SQL).run(dossierId, state, expectedReturn, at, actor);
      const hash = sha256Hex(canonicalJson({ dossierId, state, expectedReturn }));
      const entry = ctx.audit(PROGRESS_ACTION, actor, dossierId, hash, at);
      const record = toRecord(this.row(dossierId) as ProgressRow);
      if (this.outbox.link()) enqueueProgress(this.outbox, entry, record, at);
      return record;
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
