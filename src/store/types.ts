/**
 * Dossier store contract. The SQLite implementation lives in src/store/; the API layer and the CLI use only this
 * interface. Personal data stays inside the encrypted file; the audit log holds ids and hashes only.
 */
import type { FilledField, FormId } from '../forms/types';

/** The one list of dossier statuses (the API contract's zod enum is built from it). */
export const DOSSIER_STATUSES = ['draft', 'completed', 'printed', 'handed_over', 'purged'] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** Reads of a dossier that leave the system on paper or as a file, so each is audited. */
export type DossierAccess = 'dossier.preview' | 'dossier.print' | 'dossier.reprint' | 'dossier.slip' | 'dossier.export.json' | 'dossier.export.pdf';

export interface DossierEvent {
  status: DossierStatus | 'edited' | 'created' | 'deleted' | 'concurrent_edit';
  at: string; // ISO timestamp
  actor: string; // clerk username or "kiosk"
  /** concurrent_edit: the centre's version this change overwrote (kept so no edit is silently lost). */
  overwritten?: OverwrittenVersion;
  /** concurrent_edit: the device whose change won (server order). */
  deviceId?: string | null;
}

/**
 * Why a clerk should look at a dossier again. `concurrent_edit`: two devices edited it while apart; the later one
 * in the centre's order won and the other is in the history (UI: "cần xem lại: sửa cùng lúc ở 2 máy").
 */
export type ReviewReason = 'concurrent_edit';

/** A state of a dossier that a concurrent edit overwrote. */
export interface OverwrittenVersion {
  version: string; // the change id of that state
  deviceId: string | null; // the device that made it
  actor: string;
  at: string;
  status: DossierStatus;
  fields: FilledField[];
  updatedAt: string;
}

export interface Dossier {
  id: string; // e.g. "HS-20261126-0001" style or ULID; printed and in the slip QR
  formId: FormId;
  formVersion: string;
  status: DossierStatus;
  fields: FilledField[];
  createdAt: string;
  updatedAt: string;
  history: DossierEvent[];
  /** Set when a clerk let an INVALID card pre-fill this dossier (audited). */
  verificationOverride?: boolean;
  /** The centre device that created the dossier (absent on a standalone install). */
  originDevice?: string;
  /** Set while a clerk should look at the dossier again. */
  needsReview?: ReviewReason;
}

export interface DossierSummary {
  id: string;
  formId: FormId;
  status: DossierStatus;
  /** Holder name and ID for the clerk's queue (decrypted from the store; never logged). */
  fullName: string | null;
  idNumber: string | null;
  createdAt: string;
  updatedAt: string;
  /** The centre device that created the dossier (absent on a standalone install). */
  originDevice?: string;
  /** Set while a clerk should look at the dossier again. */
  needsReview?: ReviewReason;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string; // e.g. "dossier.create", "dossier.print", "citizen.delete", "login.fail"
  recordId: string | null;
  /** SHA-256 of the record content after the action, hex (no personal data). */
  recordHash: string | null;
  /** Hash chain: SHA-256(prevHash || this entry) so truncation or edits are detectable. */
  chainHash: string;
}

/** Staff roles: a clerk; the head of the centre ("trưởng trung tâm", a clerk who also reads the queue report); an admin. */
export const CLERK_ROLES = ['clerk', 'head', 'admin'] as const;

export interface ClerkAccount {
  username: string;
  displayName: string;
  role: (typeof CLERK_ROLES)[number];
}

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code:
      | 'WRONG_KEY' // the key does not open this file
      | 'CORRUPT' // integrity check failed; refuses to overwrite; see latestBackup
      | 'DISK_FULL'
      | 'READ_ONLY'
      | 'NOT_FOUND'
      | 'INVALID_TRANSITION'
      | 'LOCKED_OUT'
      | 'BAD_CREDENTIALS'
      | 'CENTRE_LINK' // linking to a second centre, or a centre change that does not fit this store
      | 'IO',
    message: string,
    readonly latestBackup?: string | null,
  ) {
    super(message);
  }
}

export interface DossierStore {
  createDossier(input: { formId: FormId; formVersion: string; fields: FilledField[]; actor: string; verificationOverride?: boolean }): Dossier;
  updateFields(id: string, fields: FilledField[], actor: string): Dossier;
  transition(id: string, to: DossierStatus, actor: string): Dossier;
  get(id: string): Dossier | null;
  list(opts?: { status?: DossierStatus; limit?: number; offset?: number }): DossierSummary[];
  /** Full-text, diacritic-insensitive search on name and ID number (FTS5). */
  search(query: string, limit?: number): DossierSummary[];
  /** "Delete this citizen's data": every dossier with this ID number; returns how many. */
  deleteCitizen(idNumber: string, actor: string): number;
  /** Retention purge of dossiers older than `days`; returns how many. */
  purgeOlderThan(days: number, actor: string): number;
  audit(opts?: { limit?: number; afterSeq?: number }): AuditEntry[];
  /** Audit a read of a dossier that changes nothing (a reprint, a slip, an export): who, which record, no content. */
  recordAccess(action: DossierAccess, id: string, actor: string): void;
  /** Verify the audit hash chain; returns the first broken seq or null. */
  verifyAudit(): number | null;
  /** Encrypted online backup now, into `dir` or the configured backup folder; returns the file path. */
  backupNow(dir?: string): Promise<string>;
  // Clerk accounts (scrypt hashing; sign-in hashes off the event loop, guessing is throttled by the API per source).
  createUser(u: ClerkAccount & { password: string }, actor: string): void;
  login(username: string, password: string): Promise<ClerkAccount>;
  listUsers(): ClerkAccount[];
  getSetting<T = unknown>(key: string): T | null;
  setSetting(key: string, value: unknown, actor: string): void;
  close(): void;
}
