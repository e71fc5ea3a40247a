/**
 * The centre's queue in the SQLite store: tickets, call events and ratings (no personal data). Every change runs
 * in one IMMEDIATE transaction (StoreContext.write), which takes SQLite's write lock before reading, so two
 * counters — in this process or another one on the same file — pressing "Gọi số tiếp theo" together are
 * serialised and never take the same ticket. State lives in the file, so the queue survives a restart.
 */
import type { StoreContext } from './storeContext';
import { QueueError } from '../queue/errors';
import { CENTRE_ISSUER, centreDay, formatTicketLabel, maxSeqFor, parseTicketLabel, type Issuer } from '../queue/ticketNumber';
import { estimateWait, noShowQueueAt, peopleAhead } from '../queue/line';
import type { DisplayState, TicketStatus } from '../queue/port';
import type { QueueEvent, QueueEventKind, Rating, SatisfactionLevel, Ticket, TicketState } from '../queue/types';

interface TicketRow {
  id: number;
  day: string;
  issuer: string;
  seq: number;
  label: string;
  group_id: string;
  form_id: string | null;
  dossier_id: string | null;
  state: TicketState;
  issued_at: string;
  queue_at: string;
  target_counter: number | null;
  counter: number | null;
  first_called_at: string | null;
  called_at: string | null;
  done_at: string | null;
  no_shows: number;
}

const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  day: r.day,
  issuer: r.issuer as Issuer,
  seq: r.seq,
  label: r.label,
  groupId: r.group_id,
  formId: r.form_id,
  dossierId: r.dossier_id,
  state: r.state,
  issuedAt: r.issued_at,
  queueAt: r.queue_at,
  targetCounter: r.target_counter,
  counter: r.counter,
  firstCalledAt: r.first_called_at,
  calledAt: r.called_at,
  doneAt: r.done_at,
  noShows: r.no_shows,
});

export interface IssueTicketInput {
  groupId: string;
  formId: string | null;
  dossierId: string | null;
  /** 'C' on the centre or a standalone PC; `K<n>` on kiosk n while it cannot reach the centre. */
  issuer: Issuer;
}

export type { DisplayState, TicketStatus };

export interface RateInput {
  ticketId: number;
  level: SatisfactionLevel;
  visits: number;
  papersClear: boolean | null;
}

export interface NoShowPolicy {
  noShowRequeueMinutes: number;
  maxNoShowRequeues: number;
}

export class QueueStore {
  constructor(private readonly ctx: StoreContext) {}

  private today(): string {
    return centreDay(this.ctx.now());
  }

  private row(id: number): Ticket {
    const r = this.ctx.stmt('SELECT * FROM queue_tickets WHERE id = ?').get(id) as TicketRow | undefined;
    if (!r) throw new QueueError('NOT_FOUND', `ticket ${id} does not exist`);
    return toTicket(r);
  }

  private event(ticketId: number, kind: QueueEventKind, counter: number | null, at: string): void {
    this.ctx.stmt('INSERT INTO queue_events (ticket_id, kind, counter, at) VALUES (?, ?, ?, ?)').run(ticketId, kind, counter, at);
  }

  /** Requires `state` (and, when given, that the ticket is at `counter`). */
  private expect(t: Ticket, state: TicketState, counter?: number): void {
    if (t.state !== state || (counter !== undefined && t.counter !== counter)) {
      throw new QueueError('WRONG_STATE', `ticket ${t.label} is ${t.state}${t.counter ? ` at counter ${t.counter}` : ''}, not ${state}${counter ? ` at counter ${counter}` : ''}`);
    }
  }

  /** Issues the next number of `issuer` for today. */
  issue(input: IssueTicketInput): Ticket {
    return this.ctx.write('Issuing a queue ticket', () => {
      const at = this.ctx.iso();
      const day = this.today();
      const last = this.ctx.stmt('SELECT max(seq) FROM queue_tickets WHERE day = ? AND issuer = ?').pluck().get(day, input.issuer) as number | null;
      const seq = (last ?? 0) + 1;
      if (seq > maxSeqFor(input.issuer)) {
        throw new QueueError('BLOCK_FULL', `issuer ${input.issuer} has used all ${maxSeqFor(input.issuer)} numbers for ${day}`);
      }
      const label = formatTicketLabel({ issuer: input.issuer, seq });
      const info = this.ctx
        .stmt(
          "INSERT INTO queue_tickets (day, issuer, seq, label, group_id, form_id, dossier_id, state, issued_at, queue_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)",
        )
        .run(day, input.issuer, seq, label, input.groupId, input.formId, input.dossierId, at, at);
      return this.row(Number(info.lastInsertRowid));
    });
  }

  /**
   * Takes in a ticket an offline kiosk issued from its block, once the kiosk reaches the centre again.
   * Idempotent: the same (day, label) twice is one ticket. Returns the stored ticket.
   */
  importKioskTicket(t: Pick<Ticket, 'day' | 'label' | 'groupId' | 'formId' | 'dossierId' | 'issuedAt'>): Ticket {
    const n = parseTicketLabel(t.label);
    if (!n || n.issuer === CENTRE_ISSUER) throw new QueueError('INVALID', `${t.label} is not a kiosk block number`);
    return this.ctx.write('Importing a kiosk ticket', () => {
      this.ctx
        .stmt(
          "INSERT INTO queue_tickets (day, issuer, seq, label, group_id, form_id, dossier_id, state, issued_at, queue_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?) ON CONFLICT DO NOTHING",
        )
        .run(t.day, n.issuer, n.seq, t.label, t.groupId, t.formId, t.dossierId, t.issuedAt, t.issuedAt);
      return toTicket(this.ctx.stmt('SELECT * FROM queue_tickets WHERE day = ? AND label = ?').get(t.day, t.label) as TicketRow);
    });
  }

  /**
   * "Gọi số tiếp theo": finishes the ticket this counter is serving (if any) and calls the first callable ticket
   * of `groupIds` (or one transferred to this counter). Null when nobody is waiting. Atomic across processes.
   */
  callNext(counter: number, groupIds: readonly string[]): Ticket | null {
    return this.ctx.write('Calling the next ticket', () => {
      const at = this.ctx.iso();
      const day = this.today();
      const serving = this.ctx.stmt("SELECT id FROM queue_tickets WHERE day = ? AND state = 'called' AND counter = ?").pluck().all(day, counter) as number[];
      for (const id of serving) this.finishInTx(id, at);
      const next = this.ctx
        .stmt(
          `SELECT * FROM queue_tickets WHERE day = ? AND state = 'waiting' AND queue_at <= ?
             AND ((target_counter IS NULL AND group_id IN (SELECT value FROM json_each(?))) OR target_counter = ?)
           ORDER BY queue_at, id LIMIT 1`,
        )
        .get(day, at, JSON.stringify(groupIds), counter) as TicketRow | undefined;
      if (!next) return null;
      this.ctx
        .stmt("UPDATE queue_tickets SET state = 'called', counter = ?, called_at = ?, first_called_at = coalesce(first_called_at, ?), target_counter = NULL WHERE id = ? AND state = 'waiting'")
        .run(counter, at, at, next.id);
      this.event(next.id, 'call', counter, at);
      return this.row(next.id);
    });
  }

  /** Calls the same ticket again (display and announcement repeat); it keeps its call time. */
  recall(ticketId: number, counter: number): Ticket {
    return this.ctx.write('Recalling a ticket', () => {
      this.expect(this.row(ticketId), 'called', counter);
      this.event(ticketId, 'recall', counter, this.ctx.iso());
      return this.row(ticketId);
    });
  }

  /**
   * "Vắng mặt": the citizen did not come. The ticket goes to the back of the line, callable again after
   * `noShowRequeueMinutes`; past `maxNoShowRequeues` it is closed as a no-show.
   */
  markNoShow(ticketId: number, counter: number, policy: NoShowPolicy): Ticket {
    return this.ctx.write('Marking a no-show', () => {
      const t = this.row(ticketId);
      this.expect(t, 'called', counter);
      const now = this.ctx.now();
      if (t.noShows < policy.maxNoShowRequeues) {
        this.ctx
          .stmt("UPDATE queue_tickets SET state = 'waiting', counter = NULL, called_at = NULL, queue_at = ?, no_shows = no_shows + 1 WHERE id = ?")
          .run(noShowQueueAt(now, policy.noShowRequeueMinutes), ticketId);
      } else {
        this.ctx.stmt("UPDATE queue_tickets SET state = 'no_show', no_shows = no_shows + 1, done_at = ? WHERE id = ?").run(now.toISOString(), ticketId);
      }
      this.event(ticketId, 'no_show', counter, now.toISOString());
      return this.row(ticketId);
    });
  }

  /** Sends a called ticket to another counter; it keeps its original place, so the citizen does not queue twice. */
  transfer(ticketId: number, fromCounter: number, toCounter: number): Ticket {
    if (fromCounter === toCounter) throw new QueueError('INVALID', 'a ticket cannot be transferred to the counter it is at');
    return this.ctx.write('Transferring a ticket', () => {
      const t = this.row(ticketId);
      this.expect(t, 'called', fromCounter);
      this.ctx
        .stmt("UPDATE queue_tickets SET state = 'waiting', counter = NULL, called_at = NULL, target_counter = ?, queue_at = issued_at WHERE id = ?")
        .run(toCounter, ticketId);
      this.event(ticketId, 'transfer', toCounter, this.ctx.iso());
      return this.row(ticketId);
    });
  }

  private finishInTx(ticketId: number, at: string): void {
    const t = this.row(ticketId);
    this.ctx.stmt("UPDATE queue_tickets SET state = 'done', done_at = ? WHERE id = ?").run(at, ticketId);
    this.event(ticketId, 'done', t.counter, at);
  }

  /** The counter finished serving the ticket. */
  finish(ticketId: number, counter: number): Ticket {
    return this.ctx.write('Finishing a ticket', () => {
      this.expect(this.row(ticketId), 'called', counter);
      this.finishInTx(ticketId, this.ctx.iso());
      return this.row(ticketId);
    });
  }

  /** One rating per ticket, after service; tied to the ticket's counter, group and day. */
  rate(input: RateInput): Rating {
    if (!Number.isInteger(input.level) || input.level < 1 || input.level > 5) throw new QueueError('INVALID', 'level must be 1–5');
    if (!Number.isInteger(input.visits) || input.visits < 1 || input.visits > 20) throw new QueueError('INVALID', 'visits must be 1–20');
    return this.ctx.write('Saving a rating', () => {
      const t = this.row(input.ticketId);
      if (t.state !== 'done' || t.counter === null) throw new QueueError('WRONG_STATE', `ticket ${t.label} has not been served yet`);
      const exists = this.ctx.stmt('SELECT 1 FROM queue_ratings WHERE ticket_id = ?').get(t.id);
      if (exists) throw new QueueError('ALREADY_RATED', `ticket ${t.label} has already been rated`);
      const rating: Rating = {
        ticketId: t.id,
        day: t.day,
        groupId: t.groupId,
        counter: t.counter,
        level: input.level,
        visits: input.visits,
        papersClear: input.papersClear,
        ratedAt: this.ctx.iso(),
      };
      this.ctx
        .stmt('INSERT INTO queue_ratings (ticket_id, day, group_id, counter, level, visits, papers_clear, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(rating.ticketId, rating.day, rating.groupId, rating.counter, rating.level, rating.visits, rating.papersClear === null ? null : rating.papersClear ? 1 : 0, rating.ratedAt);
      return rating;
    });
  }

  get(ticketId: number): Ticket {
    return this.ctx.read('Reading a ticket', () => this.row(ticketId));
  }

  findByLabel(day: string, label: string): Ticket | null {
    return this.ctx.read('Reading a ticket', () => {
      const r = this.ctx.stmt('SELECT * FROM queue_tickets WHERE day = ? AND label = ?').get(day, label) as TicketRow | undefined;
      return r ? toTicket(r) : null;
    });
  }

  /** The ticket `counter` is serving today (called or recalled, not finished), or null. */
  serving(counter: number): Ticket | null {
    return this.ctx.read('Reading the serving ticket', () => {
      const r = this.ctx.stmt("SELECT * FROM queue_tickets WHERE day = ? AND state = 'called' AND counter = ? ORDER BY called_at DESC, id DESC LIMIT 1").get(this.today(), counter) as
        | TicketRow
        | undefined;
      return r ? toTicket(r) : null;
    });
  }

  /** The latest ticket that came with dossier `dossierId` (a citizen may come back another day), or null. */
  findByDossier(dossierId: string): Ticket | null {
    return this.ctx.read('Reading a ticket', () => {
      const r = this.ctx.stmt('SELECT * FROM queue_tickets WHERE dossier_id = ? ORDER BY id DESC LIMIT 1').get(dossierId) as TicketRow | undefined;
      return r ? toTicket(r) : null;
    });
  }

  /** Every ticket of the centre days `fromDay`..`toDay` (inclusive), in issue order. */
  tickets(fromDay: string, toDay: string = fromDay): Ticket[] {
    return this.ctx.read('Reading the queue', () =>
      (this.ctx.stmt('SELECT * FROM queue_tickets WHERE day BETWEEN ? AND ? ORDER BY id').all(fromDay, toDay) as TicketRow[]).map(toTicket),
    );
  }

  ratings(fromDay: string, toDay: string = fromDay): Rating[] {
    return this.ctx.read('Reading ratings', () =>
      (
        this.ctx.stmt('SELECT * FROM queue_ratings WHERE day BETWEEN ? AND ? ORDER BY ticket_id').all(fromDay, toDay) as {
          ticket_id: number;
          day: string;
          group_id: string;
          counter: number;
          level: SatisfactionLevel;
          visits: number;
          papers_clear: number | null;
          rated_at: string;
        }[]
      ).map((r) => ({
        ticketId: r.ticket_id,
        day: r.day,
        groupId: r.group_id,
        counter: r.counter,
        level: r.level,
        visits: r.visits,
        papersClear: r.papers_clear === null ? null : r.papers_clear === 1,
        ratedAt: r.rated_at,
      })),
    );
  }

  events(ticketId: number): QueueEvent[] {
    return this.ctx.read('Reading queue events', () =>
      (this.ctx.stmt('SELECT id, ticket_id AS ticketId, kind, counter, at FROM queue_events WHERE ticket_id = ? ORDER BY id').all(ticketId) as QueueEvent[]),
    );
  }

  /** Ahead count and wait estimate from today's last finished services of the ticket's group. */
  status(ticketId: number, servingCounters: number): TicketStatus {
    return this.ctx.read('Reading a ticket status', () => {
      const ticket = this.row(ticketId);
      const line = (this.ctx.stmt("SELECT * FROM queue_tickets WHERE day = ? AND state = 'waiting'").all(ticket.day) as TicketRow[]).map(toTicket);
      const ahead = ticket.state === 'waiting' ? peopleAhead(line, ticket) : 0;
      const recent = (
        this.ctx
          .stmt("SELECT (julianday(done_at) - julianday(called_at)) * 86400.0 AS s FROM queue_tickets WHERE day = ? AND group_id = ? AND state = 'done' AND called_at IS NOT NULL ORDER BY done_at DESC LIMIT 20")
          .pluck()
          .all(ticket.day, ticket.groupId) as number[]
      ).reverse();
      return { ticket, ahead, estimate: estimateWait(ahead, recent, servingCounters) };
    });
  }

  /** What the hall display shows: numbers and counters only. */
  display(day: string = this.today(), recentCount = 5): DisplayState {
    return this.ctx.read('Reading the hall display', () => {
      const current = this.ctx
        .stmt(
          `SELECT t.counter AS counter, t.label AS label, max(e.at) AS at FROM queue_tickets t JOIN queue_events e ON e.ticket_id = t.id AND e.kind IN ('call','recall')
           WHERE t.day = ? AND t.state = 'called' GROUP BY t.id ORDER BY t.counter`,
        )
        .all(day) as DisplayState['current'];
      const recent = this.ctx
        .stmt(
          `SELECT e.counter AS counter, t.label AS label, e.at AS at, e.kind AS kind FROM queue_events e JOIN queue_tickets t ON t.id = e.ticket_id
           WHERE t.day = ? AND e.kind IN ('call','recall') ORDER BY e.id DESC LIMIT ?`,
        )
        .all(day, recentCount) as DisplayState['recent'];
      const waitingByGroup = this.ctx
        .stmt("SELECT group_id AS groupId, count(*) AS waiting FROM queue_tickets WHERE day = ? AND state = 'waiting' GROUP BY group_id ORDER BY group_id")
        .all(day) as DisplayState['waitingByGroup'];
      return { current, recent, waitingByGroup };
    });
  }
}
