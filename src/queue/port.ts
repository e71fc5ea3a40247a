/**
 * The queue as the API sees it, whatever keeps it: the device's SQLite store (standalone PC, or a kiosk that
 * cannot reach its centre) or the centre's PostgreSQL (every device of a centre shares one line, and the server
 * arbitrates calls). Async because the centre's backend is. No personal data crosses this port.
 */
import type { QueueRequest } from './groups';
import type { WaitEstimate } from './line';
import type { Rating, SatisfactionLevel, Ticket } from './types';

export interface IssueRequest {
  request: QueueRequest;
  groupId: string;
  dossierId: string | null;
}

export interface IssuedTicket {
  ticket: Ticket;
  /** True when the centre could not be reached and the number came from this kiosk's own block (K1-017). */
  offline: boolean;
}

export interface TicketStatus {
  ticket: Ticket;
  ahead: number;
  estimate: WaitEstimate | null;
}

export interface DisplayState {
  /** The ticket each counter is serving now (called or recalled last). */
  current: { counter: number; label: string; at: string }[];
  /** Latest calls and recalls, newest first. */
  recent: { counter: number; label: string; at: string; kind: 'call' | 'recall' }[];
  waitingByGroup: { groupId: string; waiting: number }[];
}

/** What a hall display or an open counter screen must redraw or announce. */
export type QueueChange = { kind: 'changed' } | { kind: 'call' | 'recall'; counter: number; label: string; at: string };

export interface RateRequest {
  day: string;
  label: string;
  level: SatisfactionLevel;
  visits: number;
  papersClear: boolean | null;
}

export interface QueuePort {
  issue(r: IssueRequest): Promise<IssuedTicket>;
  callNext(counter: number, groupIds: readonly string[]): Promise<Ticket | null>;
  recall(ticketId: number, counter: number): Promise<Ticket>;
  markNoShow(ticketId: number, counter: number): Promise<Ticket>;
  transfer(ticketId: number, fromCounter: number, toCounter: number): Promise<Ticket>;
  finish(ticketId: number, counter: number): Promise<Ticket>;
  /** The ticket `counter` is serving now (after a restart the counter screen picks it up again). */
  serving(counter: number): Promise<Ticket | null>;
  /** A ticket by its public identity: the centre day and the printed label. */
  find(day: string, label: string): Promise<Ticket | null>;
  findByDossier(dossierId: string): Promise<Ticket | null>;
  status(ticket: Ticket): Promise<TicketStatus>;
  rate(r: RateRequest): Promise<Rating>;
  display(): Promise<DisplayState>;
  tickets(fromDay: string, toDay: string): Promise<Ticket[]>;
  ratings(fromDay: string, toDay: string): Promise<Rating[]>;
  /** True while the line is the centre's (shared by every device); absent or false: this PC's own line. */
  centre?(): boolean;
  /** Local writes and, on a centre, other devices' writes (LISTEN/NOTIFY). Returns the unsubscribe. */
  onChange(listener: (c: QueueChange) => void): () => void;
}
