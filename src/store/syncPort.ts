/**
 * The boundary between a device's working store (encrypted SQLite) and the centre sync worker.
 *
 * Transactional outbox: every change the device makes is recorded here in the SAME SQLite transaction as the
 * change itself, so a crash can never leave a change that is applied but not queued (or queued but not
 * applied). The sync worker pushes pending changes to the centre server, where `changeId` is the idempotency
 * key (`INSERT … ON CONFLICT DO NOTHING`), and pulls the centre's changes in server order, applying them here
 * together with the new cursor in one transaction, so a re-pull after a crash is a no-op.
 *
 * Personal data stays inside `payload` (and `subjectIds`); the worker encrypts the payload with the centre
 * data key and turns subject ids into keyed hashes before anything leaves the device. `meta` must never hold
 * personal data: the server stores it in clear.
 */

/** What a change does. A dossier change carries the dossier's whole state after the change. */
export type ChangeKind =
  | 'dossier.put' // create, edit, status change, print, hand-over: the full dossier after the change
  | 'dossier.erase' // erasure or retention purge of one dossier: no payload; earlier payloads must be erased everywhere
  | 'audit.append'; // an audit entry that went with a change (ids and hashes only)

/** Non-personal metadata, stored in clear on the server. */
export interface ChangeMeta {
  at: string; // ISO timestamp of the change on the device
  actor: string; // clerk username or "kiosk"
  formId?: string;
  status?: string;
  action?: string; // for audit entries: e.g. "dossier.print"
}

export interface OutboxChange {
  /** Globally unique (crypto.randomUUID()); the server's idempotency key. */
  changeId: string;
  /** Order of changes on this device. */
  localSeq: number;
  kind: ChangeKind;
  /** The dossier id (or, for audit entries, the audited record id or a fresh id). */
  entityId: string;
  /**
   * The server version (a changeId) of the entity this change was based on, or null for a new entity.
   * Every device folds changes in server order; a change whose base is not the entity's current server
   * version is a concurrent edit: it still wins (server order) but the overwritten state is kept in the
   * dossier's history and the dossier is flagged for a clerk.
   */
  baseVersion: string | null;
  meta: ChangeMeta;
  /** JSON with personal data (the dossier), or null (erasure). Never leaves the device unencrypted. */
  payload: string | null;
  /** ID numbers of the people the change concerns (local only; hashed with the centre key before push). */
  subjectIds: string[];
}

/** A change as the centre server ordered it. */
export interface RemoteChange extends Omit<OutboxChange, 'localSeq' | 'subjectIds'> {
  /** Position in the centre's one total order (a PostgreSQL sequence). */
  position: number;
  deviceId: string;
}

/** The centre this store is linked to (enrolment), or null when standalone. */
export interface CentreLinkInfo {
  deviceId: string;
  centreId: string;
}

/** What the sync worker needs from a device's store. Implemented by the SQLite store. */
export interface SyncStore {
  /**
   * Enrolment: from now on every change is written to the outbox. Every dossier already in the store is queued
   * once (a dossier.put each), so the centre receives what this device made before it joined. Linking again to
   * the same centre does nothing; linking to another one is refused (unlink first). Returns how many were queued.
   */
  linkCentre(link: CentreLinkInfo): { enqueued: number };
  /** Leaving the centre: the outbox and the cursor are dropped; dossiers stay. Changes stop being queued. */
  unlinkCentre(actor: string): void;
  centreLink(): CentreLinkInfo | null;
  /** The oldest changes not yet acknowledged by the server, in localSeq order. */
  pendingChanges(limit: number): OutboxChange[];
  /** The server acknowledged these (inserted or already present): they are no longer pending. */
  markPushed(changeIds: string[]): void;
  pendingCount(): number;
  /** Distinct dossiers among the pending changes (what the counter header counts), without reading payloads. */
  pendingDossierCount?(): number;
  /** Position of the last server change applied on this device (0 = none). */
  pullCursor(): number;
  /**
   * Apply the centre's changes in position order and move the cursor to `cursor`, in ONE transaction.
   * Idempotent: a change at or below the cursor, or one the dossier already holds (same changeId), is skipped;
   * this device's own changes coming back only record their server version. Refused (CENTRE_LINK) when the
   * store is not linked. `conflicts` counts the concurrent edits found in this batch (each flags its dossier).
   * Positions must reach a device gap-free in order: the cursor never goes back for a late-committed lower one.
   */
  applyRemote(changes: RemoteChange[], cursor: number): { applied: number; conflicts: number };
}
