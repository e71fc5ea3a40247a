/**
 * The one API contract shared by the API core, the Electron main/preload, the browser host and the
 * renderer: method names, zod input schemas, output types, typed error codes and event streams.
 *
 * Why one file: the renderer may import nothing from src/ except this contract (tests/renderer/imports.test.ts), and
 * every host validates inputs with the very same schemas, so a method cannot be added on one side only.
 * This file must stay free of Node and Electron imports: it is bundled into the renderer.
 */
import { z } from 'zod';
import type { Holder, OverallVerdict, Verdict, Verification } from '../card/result';
import type { CardStatus } from '../services/types';
import { FIELD_SOURCES, FORM_IDS, PROVENANCES, type FilledField, type FilledForm, type FormDefinition, type FormId, type OfficeConfig, type Provenance } from '../forms/types';
import { CLERK_ROLES, DOSSIER_STATUSES, type AuditEntry, type ClerkAccount, type Dossier, type DossierStatus, type DossierSummary } from '../store/types';
import { API_ERROR_CODES, type ApiErrorCode } from './errorCodes';
import { DEFAULT_SETTINGS, firstAdminSchema, settingsSchema, type AppSettings } from './settings';

export type { Holder, OverallVerdict, Verdict, Verification, CardStatus, FilledField, FilledForm, FormDefinition, FormId, OfficeConfig, Provenance };
export type { AuditEntry, ClerkAccount, Dossier, DossierStatus, DossierSummary };

// Output types live in contractOutputs.ts (types only, so the renderer bundle gains no code).
import type { AppInfo, CardIdentity, FieldIssue, PrefillOutput, PreviewOutput, SaveOutput, PrintOutput, ExportOutput, LoginOutput, StoreIntegrity, CentreStatus } from './contractOutputs';
export type { AppInfo, CardIdentity, FieldIssue, PrefillOutput, PreviewOutput, SaveOutput, PrintOutput, ExportOutput, LoginOutput, StoreIntegrity, CentreStatus };
import type { QueueInfo, QueueGroupView, TicketSlip, WaitEstimateView, StatusLookup, DisplayView, TicketView, DossierProgress, QueueReportView, QueueCallEvent } from './contractOutputs';
export type { QueueInfo, QueueGroupView, TicketSlip, WaitEstimateView, StatusLookup, DisplayView, TicketView, DossierProgress, QueueReportView, QueueCallEvent };
import {
  callNextInputSchema,
  daySchema,
  issueTicketInputSchema,
  lookupInputSchema,
  progressSetInputSchema,
  rateInputSchema,
  reportExportInputSchema,
  reportInputSchema,
  ticketAtCounterInputSchema,
  ticketLabelSchema,
  transferInputSchema,
} from '../queue/inputs';
import { DOSSIER_PROGRESS_STATES, type DossierProgressState } from '../queue/progress';
import { TICKET_STATES, type TicketState } from '../queue/types';
export { DOSSIER_PROGRESS_STATES, TICKET_STATES, CLERK_ROLES, type DossierProgressState, type TicketState };

// ---------------------------------------------------------------------------------------------------------------
// Errors

export { API_ERROR_CODES, type ApiErrorCode };
export { DEFAULT_SETTINGS, settingsSchema, type AppSettings };

/** Serializable error: `messageKey` is a key of the renderer's message catalogue ("error.<CODE>"). */
export interface ApiErrorShape {
  code: ApiErrorCode;
  messageKey: string;
  /** English, log-safe detail (never personal data). */
  detail?: string;
}

export class ApiError extends Error implements ApiErrorShape {
  override readonly name = 'ApiError';
  readonly messageKey: string;
  constructor(
    readonly code: ApiErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.messageKey = `error.${code}`;
  }
  toJSON(): ApiErrorShape {
    return this.detail ? { code: this.code, messageKey: this.messageKey, detail: this.detail } : { code: this.code, messageKey: this.messageKey };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shared shapes

// Built from the catalogue's and the store's own lists, so a new form or status cannot miss the contract.
const formId = z.enum(FORM_IDS);
const dossierStatus = z.enum(DOSSIER_STATUSES);
const provenance = z.enum(PROVENANCES);
const fieldSource = z.enum(FIELD_SOURCES);
export { formId as formIdSchema, dossierStatus as dossierStatusSchema, provenance as provenanceSchema, fieldSource as fieldSourceSchema };
const dossierId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const sessionId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/**
 * One person's change to one field. The server applies edits to its own pre-fill (forms/prefill applyEdit): it
 * decides provenance (citizen at the kiosk, clerk with a token), keeps the chip's original value, and re-derives
 * dependent fields (dates in words). Clients never send computed field arrays.
 */
export const fieldEditSchema = z.object({ key: z.string().min(1).max(80), value: z.string().max(2000) }).strict();
export type FieldEdit = z.infer<typeof fieldEditSchema>;
const edits = z.array(fieldEditSchema).max(300);

/** Card key: exactly one of CAN (6 digits), the 12-digit ID number (CAN = last 6), or the TD1 MRZ text. */
export const cardKeySchema = z.union([
  z.object({ can: z.string().regex(/^\d{6}$/) }).strict(),
  z.object({ idNumber: z.string().regex(/^\d{12}$/) }).strict(),
  z.object({ mrz: z.string().min(30).max(100).regex(/^[A-Z0-9<\n\r]+$/) }).strict(),
]);
export type CardKey = z.infer<typeof cardKeySchema>;

// ---------------------------------------------------------------------------------------------------------------
// Methods

/**
 * The largest input of any method: a CSCA master list for trust.import, base64. Germany's (the largest we know,
 * ../shared/data/masterlists) is 0.9 MB; 6 MB binary leaves room and bounds each message the hosts accept.
 */
export const MAX_TRUST_IMPORT_BASE64 = 8_000_000;

/**
 * Who may call: anyone (kiosk), a logged-in clerk, the head of the centre ("trưởng trung tâm": a clerk account
 * with role 'head', or an admin), or an admin.
 */
export type Access = 'public' | 'clerk' | 'head' | 'admin';

const empty = z.object({}).strict();

export const methods = {
  'app.info': { access: 'public', input: empty },
  'card.status': { access: 'public', input: empty },
  'card.read': {
    access: 'public',
    // `session` present = add a second card to an existing session (two-card forms such as KET_HON).
    input: z.object({ key: cardKeySchema, session: sessionId.optional() }).strict(),
  },
  'card.cancel': { access: 'public', input: empty },
  /** Demo mode only: put built-in sample card `index` ("THẺ MẪU n") on the simulated reader. */
  'card.demoInsert': { access: 'public', input: z.object({ index: z.number().int().min(0).max(50) }).strict() },
  /** Keep the session across card removal (the citizen swaps cards for a two-card form). */
  'session.hold': { access: 'public', input: z.object({ session: sessionId }).strict() },
  'session.end': { access: 'public', input: z.object({ session: sessionId }).strict() },
  'forms.list': { access: 'public', input: empty },
  'forms.get': { access: 'public', input: z.object({ formId }).strict() },
  'dossier.prefill': {
    access: 'public',
    // `override` needs a clerk token: an INVALID card may pre-fill only when a clerk takes responsibility (audited).
    input: z.object({ formId, session: sessionId, override: z.boolean().optional() }).strict(),
  },
  /** The session's pre-fill with `edits` applied on the server (derived fields recomputed) and its issues; nothing is stored. */
  'dossier.preview': { access: 'public', input: z.object({ formId, session: sessionId.optional(), edits }).strict() },
  /**
   * Store a dossier: the server's pre-fill from the session's cards (or blank, for a clerk without a session) with
   * `edits` applied. Whole field arrays are not accepted: sources, provenance and the form version are the server's.
   */
  'dossier.save': { access: 'public', input: z.object({ formId, session: sessionId.optional(), edits, complete: z.boolean().optional() }).strict() },
  /** A clerk's edits to a stored dossier. */
  'dossier.update': { access: 'clerk', input: z.object({ id: dossierId, edits }).strict() },
  'dossier.transition': { access: 'clerk', input: z.object({ id: dossierId, to: dossierStatus }).strict() },
  'dossier.get': { access: 'clerk', input: z.object({ id: dossierId }).strict() },
  'dossier.list': {
    access: 'clerk',
    input: z.object({ status: dossierStatus.optional(), limit: z.number().int().min(1).max(500).optional(), offset: z.number().int().min(0).optional() }).strict(),
  },
  'dossier.search': { access: 'clerk', input: z.object({ query: z.string().min(1).max(100), limit: z.number().int().min(1).max(500).optional() }).strict() },
  'dossier.deleteCitizen': { access: 'clerk', input: z.object({ idNumber: z.string().regex(/^\d{12}$/) }).strict() },
  'dossier.export': { access: 'clerk', input: z.object({ id: dossierId, format: z.enum(['json', 'pdf']) }).strict() },
  'print.declaration': {
    // Public so the kiosk can print the dossier it just saved (the core checks the session owns it).
    access: 'public',
    input: z.object({ id: dossierId, session: sessionId.optional(), mode: z.enum(['preview', 'silent']) }).strict(),
  },
  'print.slip': { access: 'public', input: z.object({ id: dossierId, session: sessionId.optional(), mode: z.enum(['preview', 'silent']) }).strict() },
  'auth.login': { access: 'public', input: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict() },
  'auth.logout': { access: 'clerk', input: empty },
  'settings.get': { access: 'public', input: empty },
  /** First run: whether an administrator must still be created. */
  'setup.status': { access: 'public', input: empty },
  /**
   * First run only (no account exists): create the administrator, optionally the office names printed in "Kính gửi"
   * and "Làm tại", and sign in. Refused with FORBIDDEN once any account exists.
   */
  'setup.createAdmin': {
    access: 'public',
    input: firstAdminSchema,
  },
  'settings.set': { access: 'admin', input: z.object({ settings: settingsSchema.partial() }).strict() },
  'trust.import': {
    access: 'admin',
    input: z.object({ fileName: z.string().min(1).max(120).regex(/^[\w.-]+$/), dataBase64: z.string().min(4).max(MAX_TRUST_IMPORT_BASE64).regex(/^[A-Za-z0-9+/=]+$/) }).strict(),
  },
  'audit.list': { access: 'clerk', input: z.object({ limit: z.number().int().min(1).max(1000).optional(), afterSeq: z.number().int().min(0).optional() }).strict() },
  /** The store file's integrity, checked off the start-up path (SQLite quick_check in a worker; no dossier content). */
  'store.integrity': { access: 'clerk', input: empty },
  /** This device's link to its commune centre: sync phase, counts and times (no dossier content). */
  'centre.status': { access: 'clerk', input: empty },
  /** Join a centre with an administrator's one-time code; `caPem` = the centre CA (else the server's chain is recorded). */
  'centre.join': {
    access: 'admin',
    input: z
      .object({
        server: z.string().min(3).max(300).regex(/^[\w.:[\]-]+\/[\w.-]+$/),
        code: z.string().min(20).max(60).regex(/^[0-9A-Za-z]{10}-[0-9A-Za-z]{20}$/),
        caPem: z.string().min(100).max(20_000).includes('-----BEGIN CERTIFICATE-----').optional(),
      })
      .strict(),
  },
  'centre.leave': { access: 'admin', input: empty },
  /** Staff accounts: the administrator lists them and adds clerks, heads of centre ("trưởng trung tâm") and admins. */
  'users.list': { access: 'admin', input: empty },
  'users.create': {
    access: 'admin',
    input: z
      .object({
        username: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/),
        displayName: z.string().min(1).max(100),
        role: z.enum(CLERK_ROLES),
        password: z.string().min(8).max(256),
      })
      .strict(),
  },
  // The centre's queue (src/queue). Tickets are named publicly by (day, label); the numeric ticket id is only
  // passed between a counter and the queue after callNext.
  'queue.info': { access: 'public', input: empty },
  /** The kiosk's ticket; a dossier must have been saved by the caller's own card session (like print.declaration). */
  'queue.issue': { access: 'public', input: issueTicketInputSchema },
  /** Status look-up by ticket QR text, dossier code or today's ticket label: no personal data beyond masked initials. */
  'queue.lookup': { access: 'public', input: lookupInputSchema },
  'queue.rate': { access: 'public', input: rateInputSchema },
  /** What the hall display shows (numbers, counters and group names). */
  'queue.display': { access: 'public', input: empty },
  'queue.callNext': { access: 'clerk', input: callNextInputSchema },
  'queue.recall': { access: 'clerk', input: ticketAtCounterInputSchema },
  'queue.noShow': { access: 'clerk', input: ticketAtCounterInputSchema },
  'queue.finish': { access: 'clerk', input: ticketAtCounterInputSchema },
  'queue.transfer': { access: 'clerk', input: transferInputSchema },
  /** The ticket this counter is serving (a restarted counter screen picks it up again). */
  'queue.serving': { access: 'clerk', input: callNextInputSchema },
  'progress.get': { access: 'clerk', input: z.object({ id: dossierId }).strict() },
  /** Where a dossier stands (đã tiếp nhận / đang xử lý / có kết quả / đã trả) and its promised return date; audited. */
  'progress.set': { access: 'clerk', input: progressSetInputSchema },
  /** The 80 mm queue ticket of (day, label); a ticket with a dossier prints only for the session that saved it, or a clerk. */
  'print.ticket': { access: 'public', input: z.object({ day: daySchema, label: ticketLabelSchema, session: sessionId.optional(), mode: z.enum(['preview', 'silent']) }).strict() },
  /** The head's report: per day or ISO week and procedure group, plus dossiers past their return date. */
  'report.queue': { access: 'head', input: reportInputSchema },
  'report.export': { access: 'head', input: reportExportInputSchema },
} as const satisfies Record<string, { access: Access; input: z.ZodType }>;

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;

export interface MethodOutputs {
  'app.info': AppInfo;
  'card.status': CardStatus;
  'card.read': CardIdentity;
  'card.cancel': { cancelled: boolean };
  'card.demoInsert': { inserted: number };
  'session.hold': { held: boolean };
  'session.end': { ended: boolean };
  'forms.list': FormDefinition[];
  'forms.get': FormDefinition;
  'dossier.prefill': PrefillOutput;
  'dossier.preview': PreviewOutput;
  'dossier.save': SaveOutput;
  'dossier.update': Dossier;
  'dossier.transition': Dossier;
  'dossier.get': Dossier;
  'dossier.list': DossierSummary[];
  'dossier.search': DossierSummary[];
  'dossier.deleteCitizen': { deleted: number };
  'dossier.export': ExportOutput;
  'print.declaration': PrintOutput;
  'print.slip': PrintOutput;
  'auth.login': LoginOutput;
  'auth.logout': { loggedOut: boolean };
  'settings.get': AppSettings;
  'setup.status': { setupRequired: boolean };
  'setup.createAdmin': LoginOutput;
  'settings.set': AppSettings;
  'trust.import': { stored: string };
  'audit.list': AuditEntry[];
  'centre.status': CentreStatus;
  'centre.join': CentreStatus;
  'centre.leave': CentreStatus;
  'users.list': ClerkAccount[];
  'users.create': ClerkAccount;
  'store.integrity': StoreIntegrity;
  'queue.info': QueueInfo;
  'queue.issue': TicketSlip;
  'queue.lookup': StatusLookup;
  'queue.rate': { rated: true };
  'queue.display': DisplayView;
  'queue.callNext': TicketView | null;
  'queue.recall': TicketView;
  'queue.noShow': TicketView;
  'queue.finish': TicketView;
  'queue.transfer': TicketView;
  'queue.serving': TicketView | null;
  'progress.get': DossierProgress | null;
  'progress.set': DossierProgress;
  /** A ticket is no paper of a dossier: no dossier status comes back, and none changes. */
  'print.ticket': Omit<PrintOutput, 'dossierStatus'>;
  'report.queue': QueueReportView;
  'report.export': ExportOutput;
}

export type MethodOutput<M extends MethodName> = MethodOutputs[M];

// ---------------------------------------------------------------------------------------------------------------
// Events

/** Live read progress for the renderer: text first, then the photo (display data only). */
export type ReadProgressEvent =
  | { stage: 'connecting' }
  | { stage: 'access-control'; method: string }
  | { stage: 'reading'; file: string; bytesRead: number; bytesTotal: number | null }
  | { stage: 'text-ready'; holder: Holder }
  | { stage: 'photo-ready'; photoDataUrl: string | null }
  | { stage: 'verifying' }
  | { stage: 'done' };

export type SessionWipeReason = 'card-removed' | 'idle' | 'ended';

export interface ApiEvents {
  'card.status': CardStatus;
  'card.progress': ReadProgressEvent;
  'session.wiped': { session: string; reason: SessionWipeReason };
  'centre.status': CentreStatus;
  'store.integrity': StoreIntegrity;
  /** Broadcast after every change of the queue (this device's or, on a centre, any device's). */
  'queue.display': DisplayView;
  /** A call or recall to announce in the hall. */
  'queue.call': QueueCallEvent;
}
export type EventName = keyof ApiEvents;
export const EVENT_NAMES: EventName[] = ['card.status', 'card.progress', 'session.wiped', 'centre.status', 'store.integrity', 'queue.display', 'queue.call'];

// ---------------------------------------------------------------------------------------------------------------
// Wire protocol (WebSocket and IPC carry the same envelopes)

export type ResponseEnvelope = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ApiErrorShape };
export interface EventEnvelope {
  event: EventName;
  data: unknown;
}

/** One call as both hosts receive it; the WebSocket adds the `id` that pairs a response with its request. */
export const callSchema = z.object({ method: z.string().min(1).max(64), input: z.unknown(), token: z.string().max(128).optional() }).strict();
export const requestEnvelopeSchema = callSchema.extend({ id: z.number().int().min(0) });

/** Channel names shared by preload and main. */
export const IPC_CHANNEL = { invoke: 'motcua:invoke', event: 'motcua:event' } as const;

/** What the renderer talks to (window.motcua in Electron, a WebSocket client in the browser host). */
export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>, token?: string): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void): () => void;
}

/** Shape of `window.motcua` exposed by the preload (function-only: contextBridge copies plain data). */
export interface PreloadBridge {
  invoke(method: string, input: unknown, token?: string): Promise<ResponseEnvelope>;
  subscribe(listener: (e: EventEnvelope) => void): () => void;
}
