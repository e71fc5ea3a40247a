/**
 * Dossier lifecycle: draft → completed → printed → handed_over → purged (a dossier only moves forward, so the
 * audit trail reads as the paper's life at the counter).
 *
 * Decisions:
 * - printed → printed is a reprint (recorded as an event).
 * - completed → draft lets the clerk reopen a dossier for more input.
 * - Any non-purged dossier may be purged (retention purge, or a citizen's erasure request); purged is final.
 * - Field edits are allowed in draft, completed and printed. Editing a printed dossier sends it back to
 *   completed, because the paper no longer matches the data and must be printed again. After hand-over
 *   the dossier belongs to the official system and is read-only here.
 */
import type { DossierStatus } from './types';

const TRANSITIONS: Record<DossierStatus, readonly DossierStatus[]> = {
  draft: ['completed', 'purged'],
  completed: ['draft', 'printed', 'purged'],
  printed: ['printed', 'handed_over', 'purged'],
  handed_over: ['purged'],
  purged: [],
};

export function canTransition(from: DossierStatus, to: DossierStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function canEdit(status: DossierStatus): boolean {
  return status === 'draft' || status === 'completed' || status === 'printed';
}

/** Status after a field edit. */
export function statusAfterEdit(status: DossierStatus): DossierStatus {
  return status === 'printed' ? 'completed' : status;
}
