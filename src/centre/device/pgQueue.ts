/**
 * The centre's shared queue as a QueuePort, over this device's own connection to the centre server: its login
 * role, TLS verified against the CA recorded at enrolment (sslmode=verify-full, centre/connection.ts). Writes go
 * only through the server's SECURITY DEFINER functions (server/queueSchema.ts), which decide numbers, times and
 * who gets which ticket; reads are plain SELECTs that row-level security limits to this device's centre.
 *
 * A second connection LISTENs on the centre's queue channel, so a call made at another counter reaches this
 * device's hall display or counter screen in well under a second; it reconnects with back-off (1 s → 15 s) and
 * says so through `onConnection`, which is how the router learns that the centre is back.
 */
import type { Client, ClientConfig } from 'pg';
import { deviceClientConfig, isRefused, isUnreachable } from '../connection';
import { loadPg } from '../pgModule';
import { credentialsOf, type CentreLink } from './link';
import { QUEUE_SERVER_ERRORS, queueChannel } from '../server/queueSchema';
import { QueueError, type QueueErrorCode } from '../../queue/errors';
import { estimateWait } from '../../queue/line';
import { OTHER_REQUEST } from '../../queue/groups';
import type { DisplayState, IssueRequest, IssuedTicket, QueueChange, QueuePort, RateRequest, TicketStatus } from '../../queue/port';
import type { Issuer } from '../../queue/ticketNumber';
import type { Rating, SatisfactionLevel, Ticket, TicketState } from '../../queue/types';
import type { NoShowPolicy } from '../../store/queue';

/** The centre cannot be used now: unreachable (server or LAN down) or this device was refused (revoked). */
export class CentreQueueUnavailable extends Error {
  override readonly name = 'CentreQueueUnavailable';
  constructor(
    readonly reason: 'UNREACHABLE' | 'REFUSED',
    message: string,
  ) {
    super(message);
  }
}

interface TicketRow {
  ticket_id: string;
  day: string;
  issuer: string;
  seq: number;
  label: string;
  group_id: string;
  form_id: string | null;
  dossier_id: string | null;
  state: TicketState;
  issued_at: Date;
  queue_at: Date;
  target_counter: number | null;
  counter: number | null;
  first_called_at: Date | null;
  called_at: Date | null;
  done_at: Date | null;
  no_shows: number;
}

interface RatingRow {
  ticket_id: string;
  day: string;
  group_id: string;
  counter: number;
  level: number;
  visits: number;
  papers_clear: boolean | null;
  rated_at: Date;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function ticketFromRow(r: TicketRow): Ticket {
  return {
    id: Number(r.ticket_id),
    day: r.day,
    issuer: r.issuer as Issuer,
    seq: r.seq,
    label: r.label,
    groupId: r.group_id,
    formId: r.form_id,
    dossierId: r.dossier_id,
    state: r.state,
    issuedAt: r.issued_at.toISOString(),
    queueAt: r.queue_at.toISOString(),
    targetCounter: r.target_counter,
    counter: r.counter,
    firstCalledAt: iso(r.first_called_at),
    calledAt: iso(r.called_at),
    doneAt: iso(r.done_at),
    noShows: r.no_shows,
  };
}

const ratingFromRow = (r: RatingRow): Rating => ({
  ticketId: Number(r.ticket_id),
  day: r.day,
  groupId: r.group_id,
  counter: r.counter,
  level: r.level as SatisfactionLevel,
  visits: r.visits,
  papersClear: r.papers_clear,
  ratedAt: r.rated_at.toISOString(),
});

const BY_SQLSTATE = new Map<string, QueueErrorCode>([
  ...Object.entries(QUEUE_SERVER_ERRORS).map(([k, v]) => [v, k === 'LABEL_TAKEN' ? 'INVALID' : (k as QueueErrorCode)] as const),
  // A value outside the table's CHECKs (group id, form id, dossier id shape) or of the wrong type.
  ['23514', 'INVALID'],
  ['22P02', 'INVALID'],
  ['23502', 'INVALID'],
]);

/** A server answer (SQLSTATE) as opposed to a broken or missing connection. */
function isServerAnswer(e: unknown): boolean {
  const err = e as { code?: unknown; severity?: unknown };
  return typeof err?.severity === 'string' && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && !isUnreachable(e);
}

export interface PgQueueOptions {
  link: CentreLink;
  /** How many counters share a group's line (queue/groups.servingCounters over the centre's configuration). */
  servingCounters: (groupId: string) => number;
  noShowPolicy: () => NoShowPolicy;
  /** The LISTEN connection came up (true) or was lost (false). */
  onConnection?: (up: boolean) => void;
  /** Heartbeat of the LISTEN connection: a LAN cut without a TCP reset is noticed within about this time. */
  heartbeatMs?: number;
}

const QUERY_TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 15_000;
const TICKET = 'SELECT * FROM motcua.queue_tickets';

export class PgQueue implements QueuePort {
  private client: Promise<Client> | null = null;
  private turn: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(c: QueueChange) => void>();
  private closed = false;
  private wakeListener: (() => void) | null = null;
  private readonly listenLoop: Promise<void>;
  private up = false;

  constructor(private readonly o: PgQueueOptions) {
    this.listenLoop = this.listen();
  }

  /** True while the LISTEN connection is up (the best guess of "the centre is reachable"). */
  connected(): boolean {
    return this.up;
  }

  private config(): ClientConfig {
    return { ...deviceClientConfig(credentialsOf(this.o.link)), query_timeout: QUERY_TIMEOUT_MS, keepAliveInitialDelayMillis: 10_000 };
  }

  private conn(): Promise<Client> {
    if (this.client) return this.client;
    const p = loadPg().then(async (pg) => {
      const c = new pg.Client(this.config());
      c.on('error', () => this.drop(p));
      c.on('end', () => this.drop(p));
      await c.connect();
      return c;
    });
    this.client = p;
    p.catch(() => this.drop(p));
    return p;
  }

  private drop(p: Promise<Client>): void {
    if (this.client !== p) return;
    this.client = null;
    void p.then((c) => c.end()).catch(() => undefined);
  }

  /** One statement at a time on the connection (pg 9 drops its own queue), in the order the API asked. */
  private q<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    const run = this.turn.then(() => this.query<R>(sql, params));
    this.turn = run.catch(() => undefined);
    return run;
  }

  private async query<R>(sql: string, params: unknown[]): Promise<R[]> {
    if (this.closed) throw new CentreQueueUnavailable('UNREACHABLE', 'the centre queue was closed');
    const p = this.conn();
    try {
      return (await (await p).query(sql, params)).rows as R[];
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      if (isRefused(e)) throw new CentreQueueUnavailable('REFUSED', `the centre server refused this device (${(e as Error).message})`);
      if (!isServerAnswer(e)) {
        this.drop(p); // a timeout or a broken socket: the next call opens a fresh connection
        throw new CentreQueueUnavailable('UNREACHABLE', `the centre server cannot be reached (${(e as Error).message})`);
      }
      const mapped = BY_SQLSTATE.get(code);
      if (mapped) throw new QueueError(mapped, (e as Error).message);
      throw e;
    }
  }

  private async one(sql: string, params: unknown[]): Promise<Ticket> {
    const r = await this.q<TicketRow>(sql, params);
    return ticketFromRow(r[0]!);
  }

  private emit(c: QueueChange): void {
    for (const l of this.listeners) {
      try {
        l(c);
      } catch {
        // a listener's failure must not undo a queue change that already committed
      }
    }
  }

  async issue(r: IssueRequest): Promise<IssuedTicket> {
    const formId = r.request === OTHER_REQUEST ? null : r.request;
    const ticket = await this.one('SELECT * FROM motcua.queue_issue($1, $2, $3)', [r.groupId, formId, r.dossierId]);
    this.emit({ kind: 'changed' });
    return { ticket, offline: false };
  }

  /** Takes in a ticket this kiosk issued from its own block while the centre was unreachable. Idempotent. */
  async importKioskTicket(t: Pick<Ticket, 'day' | 'label' | 'groupId' | 'formId' | 'dossierId' | 'issuedAt'>): Promise<Ticket> {
    const ticket = await this.one('SELECT * FROM motcua.queue_import_kiosk($1, $2, $3, $4, $5, $6)', [t.day, t.label, t.groupId, t.formId, t.dossierId, t.issuedAt]);
    this.emit({ kind: 'changed' });
    return ticket;
  }

  async callNext(counter: number, groupIds: readonly string[]): Promise<Ticket | null> {
    const rows = await this.q<TicketRow>('SELECT * FROM motcua.queue_call_next($1, $2::text[])', [counter, [...groupIds]]);
    const t = rows[0] ? ticketFromRow(rows[0]) : null;
    this.emit(t ? { kind: 'call', counter, label: t.label, at: t.calledAt! } : { kind: 'changed' });
    return t;
  }

  async recall(ticketId: number, counter: number): Promise<Ticket> {
    const t = await this.one('SELECT * FROM motcua.queue_recall($1, $2)', [ticketId, counter]);
    this.emit({ kind: 'recall', counter, label: t.label, at: new Date().toISOString() });
    return t;
  }

  async markNoShow(ticketId: number, counter: number): Promise<Ticket> {
    const p = this.o.noShowPolicy();
    const t = await this.one('SELECT * FROM motcua.queue_no_show($1, $2, $3, $4)', [ticketId, counter, p.noShowRequeueMinutes, p.maxNoShowRequeues]);
    this.emit({ kind: 'changed' });
    return t;
  }

  async transfer(ticketId: number, fromCounter: number, toCounter: number): Promise<Ticket> {
    const t = await this.one('SELECT * FROM motcua.queue_transfer($1, $2, $3)', [ticketId, fromCounter, toCounter]);
    this.emit({ kind: 'changed' });
    return t;
  }

  async finish(ticketId: number, counter: number): Promise<Ticket> {
    const t = await this.one('SELECT * FROM motcua.queue_finish($1, $2)', [ticketId, counter]);
    this.emit({ kind: 'changed' });
    return t;
  }

  async serving(counter: number): Promise<Ticket | null> {
    const r = await this.q<TicketRow>(`${TICKET} WHERE day = motcua.queue_today() AND state = 'called' AND counter = $1 ORDER BY called_at DESC LIMIT 1`, [counter]);
    return r[0] ? ticketFromRow(r[0]) : null;
  }

  async find(day: string, label: string): Promise<Ticket | null> {
    const r = await this.q<TicketRow>(`${TICKET} WHERE day = $1 AND label = $2`, [day, label]);
    return r[0] ? ticketFromRow(r[0]) : null;
  }

  async findByDossier(dossierId: string): Promise<Ticket | null> {
    const r = await this.q<TicketRow>(`${TICKET} WHERE dossier_id = $1 ORDER BY ticket_id DESC LIMIT 1`, [dossierId]);
    return r[0] ? ticketFromRow(r[0]) : null;
  }

  /** People ahead in the same line (queue/line.peopleAhead, counted by the server) and the wait estimate. */
  async status(ticket: Ticket): Promise<TicketStatus> {
    const rows = await this.q<TicketRow & { ahead: number }>(
      `SELECT t.*, (SELECT count(*) FROM motcua.queue_tickets o
          WHERE t.state = 'waiting' AND o.day = t.day AND o.state = 'waiting' AND o.ticket_id <> t.ticket_id
            AND (CASE WHEN t.target_counter IS NOT NULL THEN o.target_counter = t.target_counter
                      ELSE o.group_id = t.group_id AND o.target_counter IS NULL END)
            AND (o.queue_at, o.ticket_id) < (t.queue_at, t.ticket_id))::int AS ahead
         FROM motcua.queue_tickets t WHERE t.ticket_id = $1`,
      [ticket.id],
    );
    const row = rows[0];
    if (!row) throw new QueueError('NOT_FOUND', `ticket ${ticket.label} does not exist`);
    const t = ticketFromRow(row);
    const recent = await this.q<{ s: number }>(
      `SELECT extract(epoch FROM done_at - called_at)::float8 AS s FROM motcua.queue_tickets
        WHERE day = $1 AND group_id = $2 AND state = 'done' AND called_at IS NOT NULL ORDER BY done_at DESC LIMIT 20`,
      [t.day, t.groupId],
    );
    const seconds = recent.map((x) => x.s).reverse();
    return { ticket: t, ahead: row.ahead, estimate: estimateWait(row.ahead, seconds, this.o.servingCounters(t.groupId)) };
  }

  async rate(r: RateRequest): Promise<Rating> {
    const rows = await this.q<RatingRow>('SELECT * FROM motcua.queue_rate($1, $2, $3, $4, $5)', [r.day, r.label, r.level, r.visits, r.papersClear]);
    this.emit({ kind: 'changed' });
    return ratingFromRow(rows[0]!);
  }

  async display(recentCount = 5): Promise<DisplayState> {
    const day = (await this.q<{ d: string }>('SELECT motcua.queue_today() AS d'))[0]!.d;
    const current = await this.q<{ counter: number; label: string; at: Date }>(
      `SELECT t.counter, t.label, max(e.at) AS at FROM motcua.queue_tickets t
         JOIN motcua.queue_events e ON e.ticket_id = t.ticket_id AND e.kind IN ('call', 'recall')
        WHERE t.day = $1 AND t.state = 'called' GROUP BY t.ticket_id ORDER BY t.counter`,
      [day],
    );
    const recent = await this.q<{ counter: number; label: string; at: Date; kind: 'call' | 'recall' }>(
      `SELECT e.counter, t.label, e.at, e.kind FROM motcua.queue_events e JOIN motcua.queue_tickets t ON t.ticket_id = e.ticket_id
        WHERE t.day = $1 AND e.kind IN ('call', 'recall') ORDER BY e.event_id DESC LIMIT $2`,
      [day, recentCount],
    );
    const waiting = await this.q<{ group_id: string; waiting: number }>(
      "SELECT group_id, count(*)::int AS waiting FROM motcua.queue_tickets WHERE day = $1 AND state = 'waiting' GROUP BY group_id ORDER BY group_id",
      [day],
    );
    return {
      current: current.map((c) => ({ counter: c.counter, label: c.label, at: c.at.toISOString() })),
      recent: recent.map((c) => ({ counter: c.counter, label: c.label, at: c.at.toISOString(), kind: c.kind })),
      waitingByGroup: waiting.map((w) => ({ groupId: w.group_id, waiting: w.waiting })),
    };
  }

  async tickets(fromDay: string, toDay: string): Promise<Ticket[]> {
    return (await this.q<TicketRow>(`${TICKET} WHERE day BETWEEN $1 AND $2 ORDER BY ticket_id`, [fromDay, toDay])).map(ticketFromRow);
  }

  async ratings(fromDay: string, toDay: string): Promise<Rating[]> {
    return (await this.q<RatingRow>('SELECT * FROM motcua.queue_ratings WHERE day BETWEEN $1 AND $2 ORDER BY ticket_id', [fromDay, toDay])).map(ratingFromRow);
  }

  onChange(listener: (c: QueueChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Another device's change, as the server announced it; this device's own were emitted when they returned. */
  private notified(payload: string | undefined): void {
    let n: { kind?: string; counter?: number | null; label?: string; at?: string; device?: string };
    try {
      n = JSON.parse(payload ?? '{}') as typeof n;
    } catch {
      return;
    }
    if (n.device === this.o.link.deviceId) return;
    if ((n.kind === 'call' || n.kind === 'recall') && typeof n.counter === 'number' && n.label && n.at) {
      this.emit({ kind: n.kind, counter: n.counter, label: n.label, at: n.at });
    } else {
      this.emit({ kind: 'changed' });
    }
  }

  private setUp(up: boolean): void {
    if (this.up === up) return;
    this.up = up;
    this.o.onConnection?.(up);
  }

  private async listen(): Promise<void> {
    let backoff = 1000;
    while (!this.closed) {
      const pg = await loadPg();
      const c = new pg.Client({ ...this.config(), query_timeout: 5_000 });
      let timer: NodeJS.Timeout | undefined;
      try {
        const lost = new Promise<void>((resolve) => {
          c.on('error', () => resolve());
          c.on('end', () => resolve());
          this.wakeListener = resolve;
        });
        await c.connect();
        c.on('notification', (m) => this.notified(m.payload));
        await c.query(`LISTEN ${queueChannel(this.o.link.centreId)}`);
        backoff = 1000;
        this.setUp(true);
        // Whatever happened while this device was not listening is redrawn from the server.
        this.emit({ kind: 'changed' });
        timer = setInterval(() => void c.query('SELECT 1').catch(() => c.end().catch(() => undefined)), this.o.heartbeatMs ?? 15_000);
        await lost;
      } catch {
        // connect or LISTEN failed: retried below
      }
      clearInterval(timer);
      this.wakeListener = null;
      await c.end().catch(() => undefined);
      this.setUp(false);
      if (this.closed) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, backoff);
        this.wakeListener = () => {
          clearTimeout(t);
          resolve();
        };
      });
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wakeListener?.();
    await this.listenLoop;
    const p = this.client;
    this.client = null;
    await p?.then((c) => c.end()).catch(() => undefined);
  }
}
