/**
 * Where a dossier stands after the counter took it in, as the citizen sees it at the kiosk's status look-up:
 * đã tiếp nhận / đang xử lý / có kết quả / đã trả, with the promised return date ("ngày hẹn trả" of the one-stop
 * receipt, Decree 118/2025/NĐ-CP). Status must be easy for the citizen to look up. The clerk sets it; no
 * personal data.
 */
export const DOSSIER_PROGRESS_STATES = ['received', 'processing', 'result_ready', 'returned'] as const;
export type DossierProgressState = (typeof DOSSIER_PROGRESS_STATES)[number];

/** Still with the centre (a return date past today then makes the dossier overdue in the head's report). */
export function isOpenProgress(state: DossierProgressState): boolean {
  return state !== 'returned';
}

/** One dossier's progress as stored (the API's DossierProgress has the same shape). */
export interface DossierProgressRecord {
  dossierId: string;
  state: DossierProgressState;
  expectedReturn: string | null;
  updatedAt: string;
  actor: string;
}

/** What the status look-up reads about a dossier: the name leaves the store only to be masked to initials. */
export interface ProgressLookup {
  dossierId: string;
  formId: string;
  fullName: string | null;
  progress: DossierProgressRecord | null;
}
