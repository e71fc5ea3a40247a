/**
 * The read side of the dossier table: one dossier with its history, the clerk's queue, and search by name or ID
 * number. Reads need no transaction; each query is one statement (plus the history of one dossier).
 */
import type { FilledField, FormId } from '../forms/types';
import { StoreError, type Dossier, type DossierEvent, type DossierStatus, type DossierSummary, type OverwrittenVersion, type ReviewReason } from './types';
import { planSearch } from './searchText';
import type { StoreContext } from './storeContext';

export interface DossierRow {
  seq: number;
  id: string;
  form_id: string;
  form_version: string;
  status: DossierStatus;
  fields_json: string;
  full_name: string | null;
  id_number: string | null;
  verification_override: number;
  created_at: string;
  updated_at: string;
  origin_device: string | null;
  server_version: string | null;
  local_version: string | null;
  server_state: string | null;
  needs_review: ReviewReason | null;
}

type SummaryRow = Pick<DossierRow, 'id' | 'form_id' | 'status' | 'full_name' | 'id_number' | 'created_at' | 'updated_at' | 'origin_device' | 'needs_review'>;

const SUMMARY_COLS = 'id, form_id, status, full_name, id_number, created_at, updated_at, origin_device, needs_review';

/** The centre fields are set only when present, so a standalone dossier reads (and hashes) exactly as before. */
function withCentreFields<T extends { originDevice?: string; needsReview?: ReviewReason }>(out: T, r: Pick<DossierRow, 'origin_device' | 'needs_review'>): T {
  if (r.origin_device) out.originDevice = r.origin_device;
  if (r.needs_review) out.needsReview = r.needs_review;
  return out;
}

const toSummary = (r: SummaryRow): DossierSummary =>
  withCentreFields<DossierSummary>(
    {
      id: r.id,
      formId: r.form_id as FormId,
      status: r.status,
      fullName: r.full_name,
      idNumber: r.id_number,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    },
    r,
  );

/**
 * The whole state of a dossier as it travels to the centre in a dossier.put (inside the encrypted payload). Its
 * history holds the lifecycle events only: every device records concurrent edits itself, in server order.
 */
export type DossierPayload = Omit<Dossier, 'verificationOverride' | 'originDevice' | 'needsReview'> & {
  verificationOverride: boolean;
  originDevice: string | null;
};

interface ConflictRow {
  winner_device: string | null;
  at: string;
  actor: string;
  overwritten_json: string;
}

/**
 * Lifecycle events and concurrent-edit records in one list, by time (lifecycle first on a tie). Both inputs are
 * the same on every device once they have folded the same changes, so the list is too.
 */
function mergeHistory(events: DossierEvent[], conflicts: ConflictRow[]): DossierEvent[] {
  if (conflicts.length === 0) return events;
  const edits: DossierEvent[] = conflicts.map((c) => ({
    status: 'concurrent_edit',
    at: c.at,
    actor: c.actor,
    deviceId: c.winner_device,
    overwritten: JSON.parse(c.overwritten_json) as OverwrittenVersion,
  }));
  const out: DossierEvent[] = [];
  let i = 0;
  for (const e of events) {
    while (i < edits.length && (edits[i] as DossierEvent).at < e.at) out.push(edits[i++] as DossierEvent);
    out.push(e);
  }
  return out.concat(edits.slice(i));
}

export class DossierQueries {
  constructor(private readonly ctx: StoreContext) {}

  findRow(id: string): DossierRow | undefined {
    return this.ctx.stmt('SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined;
  }

  row(id: string): DossierRow {
    const r = this.findRow(id);
    if (!r) throw new StoreError('NOT_FOUND', 'No dossier with this id');
    return r;
  }

  /** The lifecycle events of one dossier, oldest first. */
  events(seq: number): DossierEvent[] {
    return this.ctx.stmt('SELECT status, at, actor FROM dossier_events WHERE dossier_seq = ? ORDER BY seq').all(seq) as DossierEvent[];
  }

  toDossier(r: DossierRow): Dossier {
    const conflicts = this.ctx
      .stmt('SELECT winner_device, at, actor, overwritten_json FROM dossier_conflicts WHERE dossier_seq = ? ORDER BY position, seq')
      .all(r.seq) as ConflictRow[];
    const { verificationOverride, originDevice: _origin, history, ...state } = this.payloadOf(r);
    const d: Dossier = { ...state, history: mergeHistory(history, conflicts) };
    if (verificationOverride) d.verificationOverride = true;
    return withCentreFields(d, r);
  }

  payloadOf(r: DossierRow): DossierPayload {
    return {
      id: r.id,
      formId: r.form_id as FormId,
      formVersion: r.form_version,
      status: r.status,
      fields: JSON.parse(r.fields_json) as FilledField[],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      verificationOverride: r.verification_override === 1,
      originDevice: r.origin_device,
      history: this.events(r.seq),
    };
  }

  get(id: string): Dossier | null {
    return this.ctx.read('Reading the dossier', () => {
      const r = this.findRow(id);
      return r ? this.toDossier(r) : null;
    });
  }

  list(opts: { status?: DossierStatus; limit?: number; offset?: number } = {}): DossierSummary[] {
    const limit = Math.max(0, Math.floor(opts.limit ?? 50));
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    return this.ctx.read('Listing dossiers', () => {
      const rows = opts.status
        ? this.ctx.stmt(`SELECT ${SUMMARY_COLS} FROM dossiers WHERE status = ? ORDER BY seq DESC LIMIT ? OFFSET ?`).all(opts.status, limit, offset)
        : this.ctx.stmt(`SELECT ${SUMMARY_COLS} FROM dossiers ORDER BY seq DESC LIMIT ? OFFSET ?`).all(limit, offset);
      return (rows as SummaryRow[]).map(toSummary);
    });
  }

  search(query: string, limit = 20): DossierSummary[] {
    const plan = planSearch(query);
    const n = Math.max(0, Math.floor(limit));
    return this.ctx.read('Searching dossiers', () => {
      if (plan.kind === 'empty') return [];
      if (plan.kind === 'idPrefix') {
        // B-tree range scan: digits sort below '\uffff', so [p, p+'\uffff') is exactly "starts with p".
        // Over every person's ID (dossier_ids), so a marriage dossier is found by either party. The ordered range
        // scan stops after the limit; a dossier matched by two IDs is listed once.
        const rows = this.ctx
          .stmt(
            `SELECT ${SUMMARY_COLS} FROM dossiers d JOIN
               (SELECT seq, id_number AS k FROM dossier_ids WHERE id_number >= ? AND id_number < ? ORDER BY id_number, seq DESC LIMIT ?) m
             ON d.seq = m.seq ORDER BY m.k, d.seq DESC`,
          )
          .all(plan.prefix, `${plan.prefix}\uffff`, 2 * n) as SummaryRow[];
        const seen = new Set<string>();
        return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, n).map(toSummary);
      }
      // Newest first, straight from the FTS5 doclists (rowid order), so a common name stops after `limit` hits
      // instead of ranking hundreds of thousands of "Nguyễn". Whole-word matches come before prefix matches.
      const stmt = this.ctx.stmt(
        `SELECT ${SUMMARY_COLS} FROM (SELECT rowid AS r FROM dossier_fts WHERE dossier_fts MATCH ? ORDER BY rowid DESC LIMIT ?) m
         JOIN dossiers d ON d.seq = m.r ORDER BY d.seq DESC`,
      );
      const rows = stmt.all(plan.exact, n) as SummaryRow[];
      if (rows.length < n) {
        const seen = new Set(rows.map((r) => r.id));
        for (const r of stmt.all(plan.prefix, n) as SummaryRow[]) {
          if (rows.length >= n) break;
          if (!seen.has(r.id)) rows.push(r);
        }
      }
      return rows.map(toSummary);
    });
  }
}
