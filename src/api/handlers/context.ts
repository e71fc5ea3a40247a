/** What every handler group gets from the API core: the injected services, sessions, clerk auth and events. */
import type { z } from 'zod';
import type { CardService } from '../../services/types';
import type { ClerkAccount, DossierStore } from '../../store/types';
import type { FormDefinition, FormId, OfficeConfig } from '../../forms/types';
import type { ApiEvents, AppSettings, EventName, MethodName, MethodOutputs, methods } from '../contract';
import type { FormsPort, PrintPort, PrintSink, TrustPort } from '../ports';
import type { CardSessions } from '../sessions';
import type { CentrePort } from './centre';
import type { IntegrityPort } from './integrity';
import type { ClerkAuth } from '../clerkAuth';
import type { QueuePort } from '../../queue/port';
import type { QueueConfig } from '../../queue/groups';
import type { DossierProgressRecord, DossierProgressState, ProgressLookup } from '../../queue/progress';

/** Dossier progress as the store keeps it (SQLite table dossier_progress); no personal data except `lookup`'s name. */
export interface ProgressPort {
  get(dossierId: string): DossierProgressRecord | null;
  /** Sets and audits (no personal data); NOT_FOUND when the dossier does not exist or was erased. */
  set(dossierId: string, state: DossierProgressState, expectedReturn: string | null, actor: string): DossierProgressRecord;
  /** For the status look-up: form, main person's name (the API masks it to initials) and progress; null if none. */
  lookup(dossierId: string): ProgressLookup | null;
  /** Dossiers not returned whose promised date is before `today` (YYYY-MM-DD), oldest promise first. */
  overdue(today: string, limit?: number): { dossierCode: string; formId: string; expectedReturn: string }[];
}

export interface ApiCoreOptions {
  card: CardService;
  store: DossierStore;
  forms: FormsPort;
  print: PrintPort;
  sink?: PrintSink;
  trust?: TrustPort;
  /** The commune-centre link (absent: standalone, centre.* answer "standalone" or UNSUPPORTED). */
  centre?: CentrePort;
  /**
   * The centre's queue (LocalQueue over this store, or the centre's router on an enrolled device). Absent:
   * queue.* answer UNSUPPORTED.
   */
  queue?: QueuePort;
  /** Dossier progress for the status look-up (absent: progress.* answer UNSUPPORTED). */
  progress?: ProgressPort;
  /** The store's background integrity check (absent: the store was checked when it opened). */
  integrity?: IntegrityPort;
  host: 'electron' | 'browser';
  mode: 'kiosk' | 'counter';
  demo: boolean;
  version: string;
  /** Card session lifetime without activity (default 5 min); the renderer's idle timer is usually shorter. */
  sessionIdleMs?: number;
  /** Clerk token lifetime without activity (default 15 min). */
  clerkIdleMs?: number;
  now?: () => number;
  /** Cryptographically random bytes (crypto.getRandomValues by default). */
  randomBytes?: (n: number) => Uint8Array;
  /** Sweep interval for idle sessions (ms); 0 disables the timer (tests call sweep()). */
  sweepIntervalMs?: number;
}

/** Who is calling: the clerk behind the token (if any) and the connection (socket or window) the call came on. */
export interface Call {
  clerk: ClerkAccount | null;
  token: string | undefined;
  /** Audit actor: the clerk's username, or "kiosk". */
  actor: string;
  /** Connection id given by the host; events and card data of this call go to it alone. */
  client: string | undefined;
}

export type In<K extends MethodName> = z.infer<(typeof methods)[K]['input']>;
export type Handlers<K extends MethodName> = { [P in K]: (input: In<P>, call: Call) => MethodOutputs[P] | Promise<MethodOutputs[P]> };

export interface CoreContext {
  o: ApiCoreOptions;
  sessions: CardSessions;
  clerks: ClerkAuth;
  settings(): AppSettings;
  office(): OfficeConfig;
  form(id: FormId): FormDefinition;
  /** The centre's procedure groups and no-show policy (settings queueGroups). */
  queueConfig(): QueueConfig;
  /** `to` = a connection id: only that connection hears it; undefined = every connection. */
  emit<E extends EventName>(event: E, data: ApiEvents[E], to?: string): void;
}
