/**
 * Host-independent API dispatcher. Both hosts (Electron IPC, browser-host WebSocket) hand it raw
 * `(method, input, token, client)` calls; it validates with the contract's zod schemas, checks access, and runs the
 * method's handler (src/api/handlers/) against injected services. No Node-only or Electron imports
 * (tests/api/layers.test.ts).
 */
import type { CardStatus } from '../services/types';
import type { FormDefinition, FormId, OfficeConfig } from '../forms/types';
import { ApiError, methods, type ApiEvents, type AppSettings, type EventName, type MethodName } from './contract';
import { toApiError } from './errorMapping';
import { mergeSettings } from './settings';
import { CardSessions } from './sessions';
import { ClerkAuth } from './clerkAuth';
import type { ApiCoreOptions, Call, CoreContext, Handlers } from './handlers/context';
import { cardHandlers, cardPresent } from './handlers/card';
import { dossierHandlers } from './handlers/dossier';
import { printHandlers } from './handlers/print';
import { counterHandlers } from './handlers/counter';
import { settingsHandlers, SETTINGS_KEY } from './handlers/settings';
import { centreHandlers } from './handlers/centre';
import { integrityHandlers } from './handlers/integrity';
import { queueHandlers, watchQueue } from './handlers/queue';
import { reportHandlers } from './handlers/report';
import { userHandlers } from './handlers/users';
import { officeFromSettings } from '../forms/office';

export type { ApiCoreOptions } from './handlers/context';
export { SETTINGS_KEY };

interface Listener {
  fn: (data: never) => void;
  /** Connection the listener speaks for; undefined hears everything (in-process use, tests). */
  client: string | undefined;
}

export class ApiCore {
  private readonly sessions: CardSessions;
  private readonly clerks: ClerkAuth;
  private readonly listeners = new Map<EventName, Set<Listener>>();
  private readonly handlers: Handlers<MethodName>;
  private readonly timer: ReturnType<typeof setInterval> | null;
  private readonly unsubscribeCard: () => void;
  private readonly unsubscribeQueue: () => void;
  private lastCardPresent: boolean;

  constructor(private readonly o: ApiCoreOptions) {
    const now = o.now ?? Date.now;
    const random = o.randomBytes ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
    const newId = (bytes: number) => (): string => Buffer.from(random(bytes)).toString('base64url');
    this.sessions = new CardSessions({ now, newId: newId(24), idleMs: o.sessionIdleMs ?? 5 * 60_000, onWipe: (s, reason) => this.emit('session.wiped', { session: s.id, reason }, s.owner) });
    this.clerks = new ClerkAuth({ store: o.store, now, newId: newId(32), idleMs: o.clerkIdleMs ?? 15 * 60_000 });
    const ctx: CoreContext = {
      o,
      sessions: this.sessions,
      clerks: this.clerks,
      settings: () => this.settings(),
      office: () => this.office(),
      form: (id) => this.form(id),
      queueConfig: () => this.settings().queueGroups,
      emit: (event, data, to) => this.emit(event, data, to),
    };
    this.handlers = {
      ...cardHandlers(ctx),
      ...dossierHandlers(ctx),
      ...printHandlers(ctx),
      ...counterHandlers(ctx),
      ...settingsHandlers(ctx),
      ...centreHandlers(ctx),
      ...integrityHandlers(ctx),
      ...queueHandlers(ctx),
      ...reportHandlers(ctx),
      ...userHandlers(ctx),
    };
    this.lastCardPresent = cardPresent(o.card.status());
    this.unsubscribeCard = o.card.onStatus((s) => this.onCardStatus(s));
    this.unsubscribeQueue = watchQueue(ctx);
    const every = o.sweepIntervalMs ?? 1000;
    this.timer = every > 0 ? setInterval(() => this.sweep(), every) : null;
    (this.timer as { unref?: () => void } | null)?.unref?.();
  }

  /**
   * Subscribe to an event stream; returns the unsubscribe function. A host passes the connection's `client` id:
   * it then hears broadcast events and the events of its own calls and sessions, never another connection's.
   */
  on<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void, client?: string): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    const l: Listener = { fn: listener as (data: never) => void, client };
    set.add(l);
    return () => set.delete(l);
  }

  /** Number of live card sessions (tests and diagnostics; no content). */
  get sessionCount(): number {
    return this.sessions.size;
  }

  /**
   * Validate, authorize and run one call. Always resolves to a result or rejects with ApiError. `client` is the
   * host's id for the connection (socket, window) the call came on.
   */
  async handle(method: string, input: unknown, token?: string, client?: string): Promise<unknown> {
    if (!Object.prototype.hasOwnProperty.call(methods, method)) throw new ApiError('UNKNOWN_METHOD', `no method ${JSON.stringify(String(method).slice(0, 64))}`);
    const m = method as MethodName;
    const spec = methods[m];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw new ApiError('INVALID_INPUT', first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid input');
    }
    const clerk = this.clerks.resolve(token);
    if (spec.access !== 'public') {
      if (!clerk) throw new ApiError('UNAUTHORIZED', 'a clerk session token is required');
      if (spec.access === 'admin' && clerk.role !== 'admin') throw new ApiError('FORBIDDEN', 'admin role required');
      if (spec.access === 'head' && clerk.role !== 'head' && clerk.role !== 'admin') throw new ApiError('FORBIDDEN', 'head of centre role required');
    }
    const call: Call = { clerk, token, actor: clerk?.username ?? 'kiosk', client };
    try {
      return await (this.handlers[m] as (i: unknown, c: Call) => unknown)(parsed.data, call);
    } catch (e) {
      throw toApiError(e);
    }
  }

  /** A connection closed: forget its login throttle state and end its card sessions. */
  disconnect(client: string): void {
    this.clerks.forgetSource(client);
    this.sessions.wipeOwnedBy(client);
  }

  /** Drop idle card sessions and clerk tokens. */
  sweep(): void {
    this.sessions.sweep();
    this.clerks.sweep();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribeCard();
    this.unsubscribeQueue();
    this.sessions.clear('ended');
    this.clerks.clear();
  }

  settings(): AppSettings {
    return mergeSettings(this.o.store.getSetting<Partial<AppSettings>>(SETTINGS_KEY));
  }

  // -------------------------------------------------------------------------------------------------------------

  private emit<E extends EventName>(event: E, data: ApiEvents[E], to?: string): void {
    for (const l of this.listeners.get(event) ?? []) {
      if (to !== undefined && l.client !== undefined && l.client !== to) continue;
      try {
        (l.fn as (d: ApiEvents[E]) => void)(data);
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
    if (had && !has) this.sessions.wipeUnheld('card-removed');
    this.emit('card.status', s);
  }

  private office(): OfficeConfig {
    // One derivation of the office for the app and the CLI (src/forms/office.ts).
    return officeFromSettings(this.settings());
  }

  private form(id: FormId): FormDefinition {
    const def = this.o.forms.get(id);
    if (!def) throw new ApiError('NOT_FOUND', `form ${id}`);
    return def;
  }
}
