/**
 * The API's output types: what each method answers and what the status events carry. Part of the one contract
 * (src/api/contract.ts re-exports every type here); types only, no runtime code.
 */
import type { Holder, OverallVerdict, Verification } from '../card/result';
import type { FilledForm, FormDefinition, OfficeConfig } from '../forms/types';
import type { ClerkAccount, Dossier, DossierStatus } from '../store/types';

export interface AppInfo {
  name: 'Motcua';
  version: string;
  host: 'electron' | 'browser';
  mode: 'kiosk' | 'counter';
  demo: boolean;
  /** Whether print.* with mode 'silent' works on this host. */
  silentPrint: boolean;
  office: OfficeConfig;
  idleSeconds: number;
  /** No account exists yet (and not demo): the counter must run first-run setup; the kiosk reads no card until then. */
  setupRequired?: boolean;
}

/** What the renderer may see of a card read. The photo is display-only and never reaches the store. */
export interface CardIdentity {
  session: string;
  /** 0 for the first card of the session, 1 for the second (two-card forms). */
  slot: number;
  demo: boolean;
  holder: Holder;
  document: { documentCode: string; issuingState: string; documentNumber: string };
  photoDataUrl: string | null;
  verification: Verification;
  overall: OverallVerdict;
}

export interface FieldIssue {
  key: string;
  /** Vietnamese message from the form catalogue (or a generic key). */
  message: string;
}

export interface PrefillOutput {
  session: string;
  form: FormDefinition;
  filled: FilledForm;
  issues: FieldIssue[];
  verificationOverride: boolean;
}

export interface PreviewOutput {
  filled: FilledForm;
  issues: FieldIssue[];
}

export interface SaveOutput {
  dossier: Dossier;
  issues: FieldIssue[];
}

export interface PrintOutput {
  /** PDF (base64) for preview; absent when printed silently. */
  pdfBase64?: string;
  printed: boolean;
  dossierStatus: DossierStatus;
}

export interface ExportOutput {
  fileName: string;
  mime: string;
  dataBase64: string;
}

export interface LoginOutput {
  token: string;
  user: ClerkAccount;
  expiresAt: string;
}


/** The last background integrity check of the store ('damaged': restore from `latestBackup`, a file name). */
export interface StoreIntegrity {
  state: 'not_checked' | 'checking' | 'ok' | 'damaged' | 'check_failed';
  checkedAt: string | null;
  problems: string[];
  latestBackup: string | null;
}

/** Sync state of a device in a commune centre ('standalone' = no centre configured, the default). */
export interface CentreStatus {
  linked: boolean;
  phase: 'standalone' | 'starting' | 'synced' | 'syncing' | 'offline' | 'refused';
  /** Local changes waiting to reach the centre server. */
  pending: number;
  /** How many dossiers those changes touch (what the counter header counts). */
  pendingDossiers: number;
  lastSyncAt: string | null;
  offlineSince: string | null;
  /** Concurrent edits found since the host started (the dossiers carry the review flag). */
  conflicts: number;
  /** English, log-safe reason of the last failure. */
  detail: string | null;
  server?: string;
  deviceId?: string;
  centreId?: string;
  kind?: 'kiosk' | 'counter';
}
