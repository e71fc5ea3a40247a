/**
 * The queue of one PC (standalone, or a device whose centre queue is not in use): the QueuePort over the store's
 * QueueStore. Every write is one IMMEDIATE SQLite transaction (QueueStore), so counters in this process or in
 * another process on the same file never take the same ticket; listeners hear about each write after it
 * committed (the hall display redraws, a call is announced).
 */
import type { QueueStore } from '../store/queue';
import { CENTRE_ISSUER } from '../queue/ticketNumber';
import { OTHER_REQUEST, servingCounters, type QueueConfig } from '../queue/groups';
import { QueueError } from '../queue/errors';
import type { DisplayState, IssueRequest, IssuedTicket, QueueChange, QueuePort, RateRequest, TicketStatus } from '../queue/port';
import type { Rating, Ticket } from '../queue/types';

export class LocalQueue implements QueuePort {
  private readonly listeners = new Set<(c: QueueChange) => void>();

  constructor(
    private readonly store: QueueStore,
    /** The centre's groups and no-show policy, read at each use so a settings change applies at once. */
    private readonly config: () => QueueConfig,
  ) {}

  centre(): boolean {
    return false;
  }

  async issue(r: IssueRequest): Promise<IssuedTicket> {
    // A standalone PC numbers like the centre does (1, 2, 3…): it is the only issuer of its line.
    const ticket = this.store.issue({ groupId: r.groupId, formId: r.request === OTHER_REQUEST ? null : r.request, dossierId: r.dossierId, issuer: CENTRE_ISSUER });
    this.emit({ kind: 'changed' });
    return { ticket, offline: false };
  }

  async callNext(counter: number, groupIds: readonly string[]): Promise<Ticket | null> {
    const t = this.store.callNext(counter, groupIds);
    // "Next" may have finished the ticket the counter was serving even when nobody is waiting.
    this.emit(t ? { kind: 'call', counter, label: t.label, at: t.calledAt ?? new Date().toISOString() } : { kind: 'changed' });
    return t;
  }

  async recall(ticketId: number, counter: number): Promise<Ticket> {
    const t = this.store.recall(ticketId, counter);
    const last = this.store.events(ticketId).at(-1);
    this.emit({ kind: 'recall', counter, label: t.label, at: last?.at ?? new Date().toISOString() });
    return t;
  }

  async markNoShow(ticketId: number, counter: number): Promise<Ticket> {
    const { noShowRequeueMinutes, maxNoShowRequeues } = this.config();
    return this.changed(this.store.markNoShow(ticketId, counter, { noShowRequeueMinutes, maxNoShowRequeues }));
  }

  async transfer(ticketId: number, fromCounter: number, toCounter: number): Promise<Ticket> {
    return this.changed(this.store.transfer(ticketId, fromCounter, toCounter));
  }

  async finish(ticketId: number, counter: number): Promise<Ticket> {
    return this.changed(this.store.finish(ticketId, counter));
  }

  async serving(counter: number): Promise<Ticket | null> {
    return this.store.serving(counter);
  }

  async find(day: string, label: string): Promise<Ticket | null> {
    return this.store.findByLabel(day, label);
  }

  async findByDossier(dossierId: string): Promise<Ticket | null> {
    return this.store.findByDossier(dossierId);
  }

  async status(ticket: Ticket): Promise<TicketStatus> {
    const group = this.config().groups.find((g) => g.id === ticket.groupId);
    // A group removed from the configuration since the ticket was issued: no estimate rather than a wrong one.
    return this.store.status(ticket.id, group ? servingCounters(this.config(), group.id) : 0);
  }

  async rate(r: RateRequest): Promise<Rating> {
    const t = this.store.findByLabel(r.day, r.label);
    if (!t) throw new QueueError('NOT_FOUND', `no ticket ${r.label} on ${r.day}`);
    return this.store.rate({ ticketId: t.id, level: r.level, visits: r.visits, papersClear: r.papersClear });
  }

  async display(): Promise<DisplayState> {
    return this.store.display();
  }

  async tickets(fromDay: string, toDay: string): Promise<Ticket[]> {
    return this.store.tickets(fromDay, toDay);
  }

  async ratings(fromDay: string, toDay: string): Promise<Rating[]> {
    return this.store.ratings(fromDay, toDay);
  }

  onChange(listener: (c: QueueChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(t: Ticket): Ticket {
    this.emit({ kind: 'changed' });
    return t;
  }

  private emit(c: QueueChange): void {
    for (const l of this.listeners) {
      try {
        l(c);
      } catch {
        // A broken listener (a closed display socket) must not fail the counter's call.
      }
    }
  }
}
