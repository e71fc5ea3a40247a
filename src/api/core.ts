/**
 * Host-independent API dispatcher (issue #5 §2). Both hosts (Electron IPC, browser-host WebSocket) hand it raw
 * `(method, input, token)` triples; it validates with the contract's zod schemas, checks access, and runs the
 * method against injected services. No Node-only or Electron imports (tests/api/noElectron.test.ts).
 *
 * Card data protection (research/forms.md §3.5, Decree 356/2025): a read's full ReadResult stays here in a
 * server-side session; the renderer gets display data, the store only the filled fields. Sessions are wiped on
 * card removal (unless held for a second card), on idle, and on session.end.
 */
import type { ReadProgress, ReadResult } from '../card/result';
import type { CardService, CardStatus, ReadRequest } from '../services/types';
import { CardServiceError } from '../services/types';
import { CARD_ERROR_TO_API } from './errorCodes';
import type { ClerkAccount, DossierStore } from '../store/types';
import { StoreError } from '../store/types';
import type { FormDefinition, FormId, OfficeConfig } from '../forms/types';
import {
  ApiError,
  DEFAULT_SETTINGS,
  methods,
  overallVerdict,
  settingsSchema,
  type ApiErrorCode,
  type ApiEvents,
  type AppSettings,
  type CardIdentity,
  type EventName,
  type MethodName,
  type MethodOutputs,
  type ReadProgressEvent,
  type SessionWipeReason,
} from './contract';
import type { FormsPort, PrintPort, PrintSink, TrustPort } from './ports';

export interface ApiCoreOptions {
  card: CardService;
  store: DossierStore;
  forms: FormsPort;
  print: PrintPort;
  sink?: PrintSink;
  trust?: TrustPort;
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

interface CardSession {
  id: string;
  results: ReadResult[];
  held: boolean;
  lastUsed: number;
  verificationOverride: boolean;
  overrideBy: string | null;
  dossiers: Set<string>;
}

interface ClerkSession {
  user: ClerkAccount;
  lastUsed: number;
}

export const SETTINGS_KEY = 'app.settings';

export class ApiCore {
  private readonly sessions = new Map<string, CardSession>();
  private readonly clerks = new Map<string, ClerkSession>();
  private readonly listeners = new Map<EventName, Set<(data: never) => void>>();
  private readonly now: () => number;
  private readonly randomBytes: (n: number) => Uint8Array;
  private readonly sessionIdleMs: number;
  private readonly clerkIdleMs: number;
  private readonly timer: ReturnType<typeof setInterval> | null;
  private readonly unsubscribeCard: () => void;
  private reading = false;
  private lastCardPresent: boolean;

  constructor(private readonly o: ApiCoreOptions) {
    this.now = o.now ?? Date.now;
    this.randomBytes = o.randomBytes ?? ((n) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
    this.sessionIdleMs = o.sessionIdleMs ?? 5 * 60_000;
    this.clerkIdleMs = o.clerkIdleMs ?? 15 * 60_000;
    this.lastCardPresent = cardPresent(o.card.status());
    this.unsubscribeCard = o.card.onStatus((s) => this.onCardStatus(s));
    const every = o.sweepIntervalMs ?? 1000;
    this.timer = every > 0 ? setInterval(() => this.sweep(), every) : null;
    (this.timer as { unref?: () => void } | null)?.unref?.();
  }

  /** Subscribe to an event stream; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (data: never) => void);
    return () => set.delete(listener as (data: never) => void);
  }

  /** Number of live card sessions (tests and diagnostics; no content). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Validate, authorize and run one call. Always resolves to a result or rejects with ApiError. */
  async handle(method: string, input: unknown, token?: string): Promise<unknown> {
    if (!Object.prototype.hasOwnProperty.call(methods, method)) throw new ApiError('UNKNOWN_METHOD', `no method ${JSON.stringify(method.slice(0, 64))}`);
    const m = method as MethodName;
    const spec = methods[m];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ApiError('INVALID_INPUT', first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid input');
    }
    const clerk = this.clerkFor(token);
    if (spec.access !== 'public') {
      if (!clerk) throw new ApiError('UNAUTHORIZED', 'a clerk session token is required');
      if (spec.access === 'admin' && clerk.role !== 'admin') throw new ApiError('FORBIDDEN', 'admin role required');
    }
    try {
      return await this.dispatch(m, parsed.data as never, clerk, token);
    } catch (e) {
      throw toApiError(e);
    }
  }

  /** Drop idle card sessions and clerk tokens. */
  sweep(): void {
    const t = this.now();
    for (const s of [...this.sessions.values()]) if (t - s.lastUsed > this.sessionIdleMs) this.wipe(s.id, 'idle');
    for (const [tok, c] of [...this.clerks]) if (t - c.lastUsed > this.clerkIdleMs) this.clerks.delete(tok);
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribeCard();
    for (const id of [...this.sessions.keys()]) this.wipe(id, 'ended');
    this.clerks.clear();
  }

  // -------------------------------------------------------------------------------------------------------------

  private emit<E extends EventName>(event: E, data: ApiEvents[E]): void {
    for (const l of this.listeners.get(event) ?? []) {
      try {
        (l as (d: ApiEvents[E]) => void)(data);
      } catch {
        // A broken listener (closed socket) must not break the card flow.
      }
    }
  }

  private onCardStatus(s: CardStatus): void {
    const had = this.lastCardPresent;
    const has = cardPresent(s);
    this.lastCardPresent = has;
    // By the readers' card flags, not the state: after a failed read the state is 'error' while the card is on.
    if (had && !has) {
      for (const sess of [...this.sessions.values()]) if (!sess.held) this.wipe(sess.id, 'card-removed');
    }
    this.emit('card.status', s);
  }

  private wipe(id: string, reason: SessionWipeReason): void {
    const s = this.sessions.get(id);
    if (!s) return;
    // Drop references so the ReadResult (photo included) becomes garbage; JS cannot zero strings.
    s.results.length = 0;
    this.sessions.delete(id);
    this.emit('session.wiped', { session: id, reason });
  }

  private newId(bytes: number): string {
    return base64url(this.randomBytes(bytes));
  }

  private clerkFor(token: string | undefined): ClerkAccount | null {
    if (!token) return null;
    const c = this.clerks.get(token);
    if (!c) return null;
    if (this.now() - c.lastUsed > this.clerkIdleMs) {
      this.clerks.delete(token);
      return null;
    }
    c.lastUsed = this.now();
    return c.user;
  }

  private session(id: string): CardSession {
    const s = this.sessions.get(id);
    if (!s) throw new ApiError('NO_SESSION', 'card session expired or unknown');
    s.lastUsed = this.now();
    return s;
  }

  settings(): AppSettings {
    const stored = this.o.store.getSetting<Partial<AppSettings>>(SETTINGS_KEY) ?? {};
    const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
    return merged.success ? merged.data : { ...DEFAULT_SETTINGS };
  }

  private office(): OfficeConfig {
    const s = this.settings();
    return { communeName: s.communeName, provinceName: s.provinceName, communeCode: s.communeCode || undefined, provinceCode: s.provinceCode || undefined };
  }

  private form(id: FormId): FormDefinition {
    const def = this.o.forms.get(id);
    if (!def) throw new ApiError('NOT_FOUND', `form ${id}`);
    return def;
  }

  private dossierAccess(id: string, session: string | undefined, clerk: ClerkAccount | null): void {
    if (clerk) return;
    if (!session || !this.session(session).dossiers.has(id)) throw new ApiError('UNAUTHORIZED', 'dossier not owned by this session');
  }

  private async dispatch<M extends MethodName>(m: M, input: never, clerk: ClerkAccount | null, token: string | undefined): Promise<MethodOutputs[M]> {
    const h = this.handlers(clerk, token)[m] as (i: never) => Promise<MethodOutputs[M]> | MethodOutputs[M];
    return h(input);
  }

  private handlers(clerk: ClerkAccount | null, token: string | undefined): { [K in MethodName]: (i: never) => unknown } {
    const o = this.o;
    const actor = clerk?.username ?? 'kiosk';
    type In<K extends MethodName> = import('zod').infer<(typeof methods)[K]['input']>;
    return {
      'app.info': (): MethodOutputs['app.info'] => {
        const s = this.settings();
        return { name: 'Motcua', version: o.version, host: o.host, mode: o.mode, demo: o.demo, silentPrint: o.sink?.available ?? false, office: this.office(), idleSeconds: s.idleSeconds };
      },
      'card.status': (): CardStatus => o.card.status(),
      'card.read': async (i: In<'card.read'>): Promise<CardIdentity> => {
        const existing = i.session ? this.session(i.session) : null;
        if (existing && existing.results.length >= 2) throw new ApiError('INVALID_INPUT', 'session already holds two cards');
        if (this.reading) throw new ApiError('CARD_BUSY', 'a read is already running');
        this.reading = true;
        let result: ReadResult;
        try {
          const req: ReadRequest = { ...i.key, reader: this.settings().reader ?? undefined };
          result = await o.card.read(req, (p) => this.emit('card.progress', progressEvent(p)));
        } finally {
          this.reading = false;
        }
        const sess: CardSession = existing ?? { id: this.newId(24), results: [], held: false, lastUsed: this.now(), verificationOverride: false, overrideBy: null, dossiers: new Set() };
        sess.results.push(result);
        sess.lastUsed = this.now();
        // The second card is in: removal of this card should wipe again.
        if (existing) sess.held = false;
        this.sessions.set(sess.id, sess);
        return identityOf(sess.id, sess.results.length - 1, o.demo, result);
      },
      'card.cancel': () => {
        o.card.cancel();
        return { cancelled: this.reading };
      },
      'card.demoInsert': async (i: In<'card.demoInsert'>) => {
        if (!o.demo || !o.card.insertDemoCard) throw new ApiError('UNSUPPORTED', 'demo cards exist only in demo mode');
        if (this.reading) throw new ApiError('CARD_BUSY', 'a read is running');
        try {
          await o.card.insertDemoCard(i.index);
        } catch (e) {
          if (e instanceof RangeError) throw new ApiError('NOT_FOUND', 'no such demo card');
          throw e;
        }
        return { inserted: i.index };
      },
      'session.hold': (i: In<'session.hold'>) => {
        this.session(i.session).held = true;
        return { held: true };
      },
      'session.end': (i: In<'session.end'>) => {
        const had = this.sessions.has(i.session);
        this.wipe(i.session, 'ended');
        return { ended: had };
      },
      'forms.list': () => o.forms.list(),
      'forms.get': (i: In<'forms.get'>) => this.form(i.formId),
      'dossier.prefill': (i: In<'dossier.prefill'>): MethodOutputs['dossier.prefill'] => {
        const sess = this.session(i.session);
        const def = this.form(i.formId);
        if (sess.results.length < def.cards) throw new ApiError('INVALID_INPUT', `form ${def.id} needs ${def.cards} card(s)`);
        const invalid = sess.results.some((r) => overallVerdict(r.verification) === 'INVALID');
        if (invalid) {
          if (!i.override) throw new ApiError('VERIFICATION_INVALID', 'card verification failed');
          if (!clerk) throw new ApiError('UNAUTHORIZED', 'override needs a clerk');
          sess.verificationOverride = true;
          sess.overrideBy = clerk.username;
        }
        const filled = o.forms.prefill(def.id, sess.results.map((r) => r.holder), this.office());
        return { session: sess.id, form: def, filled, issues: o.forms.validate(def, filled), verificationOverride: sess.verificationOverride };
      },
      'dossier.validate': (i: In<'dossier.validate'>) => ({ issues: o.forms.validate(this.form(i.filled.formId), i.filled) }),
      'dossier.save': (i: In<'dossier.save'>): MethodOutputs['dossier.save'] => {
        const sess = i.session ? this.session(i.session) : null;
        if (!sess && !clerk) throw new ApiError('UNAUTHORIZED', 'saving needs a card session or a clerk');
        const def = this.form(i.filled.formId);
        const issues = o.forms.validate(def, i.filled);
        if (i.complete && issues.length > 0) throw new ApiError('INVALID_INPUT', `${issues.length} field(s) need attention`);
        let dossier = o.store.createDossier({
          formId: def.id,
          formVersion: i.filled.formVersion,
          fields: i.filled.fields,
          actor: sess?.overrideBy && !clerk ? sess.overrideBy : actor,
          verificationOverride: sess?.verificationOverride || undefined,
        });
        if (i.complete) dossier = o.store.transition(dossier.id, 'completed', actor);
        sess?.dossiers.add(dossier.id);
        return { dossier, issues };
      },
      'dossier.update': (i: In<'dossier.update'>) => o.store.updateFields(i.id, i.fields, actor),
      'dossier.transition': (i: In<'dossier.transition'>) => o.store.transition(i.id, i.to, actor),
      'dossier.get': (i: In<'dossier.get'>) => {
        const d = o.store.get(i.id);
        if (!d) throw new ApiError('NOT_FOUND', 'dossier');
        return d;
      },
      'dossier.list': (i: In<'dossier.list'>) => o.store.list(i),
      'dossier.search': (i: In<'dossier.search'>) => o.store.search(i.query, i.limit),
      'dossier.deleteCitizen': (i: In<'dossier.deleteCitizen'>) => ({ deleted: o.store.deleteCitizen(i.idNumber, actor) }),
      'dossier.export': async (i: In<'dossier.export'>): Promise<MethodOutputs['dossier.export']> => {
        const d = o.store.get(i.id);
        if (!d) throw new ApiError('NOT_FOUND', 'dossier');
        const def = this.form(d.formId);
        if (i.format === 'json') return { fileName: `${d.id}.json`, mime: 'application/json', dataBase64: toBase64(o.forms.exportJson(def, d, this.office())) };
        const pdf = await o.print.declaration(def, { formId: d.formId, formVersion: d.formVersion, fields: d.fields }, this.office(), { dossierId: d.id, createdAt: d.createdAt, demo: o.demo });
        return { fileName: `${d.id}.pdf`, mime: 'application/pdf', dataBase64: toBase64(pdf) };
      },
      'print.declaration': (i: In<'print.declaration'>) => this.print('declaration', i, clerk, actor),
      'print.slip': (i: In<'print.slip'>) => this.print('slip', i, clerk, actor),
      'auth.login': (i: In<'auth.login'>): MethodOutputs['auth.login'] => {
        const user = o.store.login(i.username, i.password);
        const tok = this.newId(32);
        this.clerks.set(tok, { user, lastUsed: this.now() });
        return { token: tok, user, expiresAt: new Date(this.now() + this.clerkIdleMs).toISOString() };
      },
      'auth.logout': () => ({ loggedOut: token ? this.clerks.delete(token) : false }),
      'settings.get': () => this.settings(),
      'settings.set': (i: In<'settings.set'>) => {
        const next = settingsSchema.parse({ ...this.settings(), ...i.settings });
        o.store.setSetting(SETTINGS_KEY, next, actor);
        return next;
      },
      'trust.import': async (i: In<'trust.import'>) => {
        if (!o.trust) throw new ApiError('UNSUPPORTED', 'no trust store configured');
        return { stored: await o.trust.importFile(i.fileName, fromBase64(i.dataBase64)) };
      },
      'audit.list': (i: In<'audit.list'>) => o.store.audit(i),
    };
  }

  private async print(
    kind: 'declaration' | 'slip',
    i: { id: string; session?: string; mode: 'preview' | 'silent' },
    clerk: ClerkAccount | null,
    actor: string,
  ): Promise<MethodOutputs['print.declaration']> {
    this.dossierAccess(i.id, i.session, clerk);
    const o = this.o;
    const d = o.store.get(i.id);
    if (!d) throw new ApiError('NOT_FOUND', 'dossier');
    const def = this.form(d.formId);
    const meta = { dossierId: d.id, createdAt: d.createdAt, demo: o.demo };
    const pdf =
      kind === 'declaration'
        ? await o.print.declaration(def, { formId: d.formId, formVersion: d.formVersion, fields: d.fields }, this.office(), meta)
        : await o.print.slip(def, d, this.office(), meta);
    let printed = false;
    if (i.mode === 'silent') {
      if (!o.sink?.available) throw new ApiError('UNSUPPORTED', 'silent printing is not available on this host');
      try {
        await o.sink.print(pdf, this.settings().printer, `${d.id}-${kind}`);
      } catch (e) {
        throw new ApiError('PRINT_FAILED', e instanceof Error ? e.message : 'print failed');
      }
      printed = true;
    }
    let status = d.status;
    // A declaration handed out (silently printed or previewed for printing) moves a completed dossier on.
    if (kind === 'declaration' && d.status === 'completed') status = o.store.transition(d.id, 'printed', actor).status;
    return printed ? { printed, dossierStatus: status } : { printed, pdfBase64: toBase64(pdf), dossierStatus: status };
  }
}

// ---------------------------------------------------------------------------------------------------------------

export function identityOf(session: string, slot: number, demo: boolean, r: ReadResult): CardIdentity {
  return {
    session,
    slot,
    demo,
    holder: { ...r.holder },
    document: { documentCode: r.document.documentCode, issuingState: r.document.issuingState, documentNumber: r.document.documentNumber },
    photoDataUrl: r.photo?.displayDataUrl ?? null,
    verification: r.verification,
    overall: overallVerdict(r.verification),
  };
}

function cardPresent(s: CardStatus): boolean {
  if (s.state.state === 'service-down' || s.state.state === 'no-reader') return false;
  return s.state.state === 'card-present' || s.state.state === 'reading' || s.readers.some((r) => r.cardPresent);
}

function progressEvent(p: ReadProgress): ReadProgressEvent {
  switch (p.stage) {
    case 'text-ready':
      return { stage: 'text-ready', holder: p.holder };
    case 'photo-ready':
      return { stage: 'photo-ready', photoDataUrl: p.photo.displayDataUrl };
    case 'done':
      // The full result is returned by card.read itself; the event only marks the end.
      return { stage: 'done' };
    default:
      return p;
  }
}

const STORE_CODES: Record<string, ApiErrorCode> = {
  NOT_FOUND: 'NOT_FOUND',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  BAD_CREDENTIALS: 'BAD_CREDENTIALS',
  LOCKED_OUT: 'LOCKED_OUT',
};

/** Map service errors to typed API errors; anything unexpected becomes INTERNAL with a log-safe detail. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof CardServiceError) return new ApiError(CARD_ERROR_TO_API[e.code] ?? 'INTERNAL', e.message);
  if (e instanceof StoreError) return new ApiError(STORE_CODES[e.code] ?? 'STORE_UNAVAILABLE', e.code);
  const named = e as { name?: string; code?: string; message?: string };
  // Modules loaded twice (tsx + dynamic import) defeat instanceof; fall back on the error's name.
  if (named?.name === 'CardServiceError' && named.code) return new ApiError((CARD_ERROR_TO_API as Record<string, ApiErrorCode | undefined>)[named.code] ?? 'INTERNAL', named.message);
  if (named?.name === 'StoreError' && named.code) return new ApiError(STORE_CODES[named.code] ?? 'STORE_UNAVAILABLE', named.code);
  if (named?.name === 'ZodError') return new ApiError('INVALID_INPUT', 'invalid value');
  return new ApiError('INTERNAL', named?.name ?? 'unknown error');
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const ch of clean) {
    const v = B64.indexOf(ch);
    if (v < 0) throw new ApiError('INVALID_INPUT', 'bad base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, j);
}

function base64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
