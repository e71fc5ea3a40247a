/**
 * The API's output types: what each method answers and what the status events carry. Part of the one contract
 * (src/api/contract.ts re-exports every type here); types only, no runtime code.
 */
import type { Holder, OverallVerdict, Verification } from '../card/result';
import type { FilledForm, FormDefinition, OfficeConfig } from '../forms/types';
import type { ClerkAccount, Dossier, DossierStatus } from '../store/types';
import type { FormId } from '../forms/types';
import type { TicketState } from '../queue/types';
import type { DossierProgressState } from '../queue/progress';
import type { PeriodGroupReport } from '../queue/report';

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
  /** This device's name in the centre ("Quầy 2"), given at enrolment. */
  deviceName?: string;
  /** The centre's devices by id, for the "made on" column (names of machines, nothing personal). */
  devices?: { id: string; name: string; kind: 'kiosk' | 'counter'; revoked: boolean }[];
}

// ---------------------------------------------------------------------------------------------------------------
// The centre's queue. A ticket's public identity is (day, label); its numeric id is used only between a counter and
// the queue (callNext → recall/finish). No personal data anywhere in these shapes except the masked initials.

export interface QueueGroupView {
  id: string;
  /** Vietnamese group name shown on tickets and the hall display. */
  label: string;
  counters: number[];
}

export interface QueueInfo {
  groups: QueueGroupView[];
  /** This PC's counter number (settings queueCounter), or null. */
  counter: number | null;
  /** This kiosk's number (settings queueKiosk), or null. */
  kiosk: number | null;
  /** True when the queue is the centre's (every device shares one line), false on a standalone PC. */
  centre: boolean;
}

export interface WaitEstimateView {
  lowMinutes: number;
  highMinutes: number;
}

/** What the kiosk prints on the 80 mm ticket. */
export interface TicketSlip {
  day: string;
  label: string;
  groupId: string;
  groupLabel: string;
  counters: number[];
  ahead: number;
  /** null: too few recent services to say honestly ("chưa đủ dữ liệu"). */
  estimate: WaitEstimateView | null;
  /** The number came from this kiosk's own block because the centre could not be reached. */
  offline: boolean;
  /** The ticket QR text: MOTCUA-T:<day>:<label>[:<dossierId>]. */
  qr: string;
  dossierId: string | null;
}

/** The kiosk's status look-up: the ticket's place in the line and/or the dossier's progress. */
export interface StatusLookup {
  ticket: { day: string; label: string; state: TicketState; ahead: number; counter: number | null } | null;
  dossier: {
    code: string;
    formId: FormId;
    progress: DossierProgressState;
    expectedReturn: string | null;
    /** Masked initials of the dossier's main person ("N.V.A."), computed on the server; never the name. */
    initials: string;
  } | null;
}

/** The hall display: numbers, counters and group names only. */
export interface DisplayView {
  current: { counter: number; label: string; at: string }[];
  recent: { counter: number; label: string; at: string; kind: 'call' | 'recall' }[];
  waitingByGroup: { groupId: string; label: string; waiting: number }[];
}

/** A ticket as the counter sees it. */
export interface TicketView {
  id: number;
  day: string;
  label: string;
  groupId: string;
  /** The form chosen at the kiosk; null for "Tôi cần hỏi / nộp giấy tờ khác". */
  formId: FormId | null;
  dossierId: string | null;
  state: TicketState;
  counter: number | null;
  issuedAt: string;
  calledAt: string | null;
  noShows: number;
}

export interface DossierProgress {
  dossierId: string;
  state: DossierProgressState;
  /** Promised return date YYYY-MM-DD, or null. */
  expectedReturn: string | null;
  updatedAt: string;
  /** The clerk's username who set it. */
  actor: string;
}

export interface QueueReportView {
  rows: PeriodGroupReport[];
  /** Dossiers still with the centre after their promised return date (codes only). */
  overdue: { dossierCode: string; formId: FormId; expectedReturn: string }[];
}

/** The hall display announces this: clip ids of src/queue/announcement.ts, played from /announce/<id>.wav. */
export interface QueueCallEvent {
  counter: number;
  label: string;
  kind: 'call' | 'recall';
  clips: string[];
}
