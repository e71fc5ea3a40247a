/** Queue records as the store keeps them. No personal data: numbers, groups, counters, times, a dossier id. */
import type { Issuer } from './ticketNumber';

export const TICKET_STATES = ['waiting', 'called', 'done', 'no_show'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export interface Ticket {
  id: number;
  /** Centre day YYYY-MM-DD (ticketNumber.centreDay). */
  day: string;
  issuer: Issuer;
  seq: number;
  label: string;
  groupId: string;
  /** The form chosen at the kiosk, or null for "Tôi cần hỏi / nộp giấy tờ khác". */
  formId: string | null;
  dossierId: string | null;
  state: TicketState;
  issuedAt: string;
  /** Place in the line: the ticket is callable from this instant and sorts by it (no-show moves it back). */
  queueAt: string;
  /** Set by a transfer: only this counter may call the ticket. */
  targetCounter: number | null;
  counter: number | null;
  firstCalledAt: string | null;
  calledAt: string | null;
  doneAt: string | null;
  noShows: number;
}

export const QUEUE_EVENT_KINDS = ['call', 'recall', 'no_show', 'transfer', 'done'] as const;
export type QueueEventKind = (typeof QUEUE_EVENT_KINDS)[number];

export interface QueueEvent {
  id: number;
  ticketId: number;
  kind: QueueEventKind;
  counter: number | null;
  at: string;
}

/** The standard survey's five levels (MIC form, dichvucong.mic.gov.vn/Pages/DanhGia.aspx). */
export const SATISFACTION_LEVELS = [1, 2, 3, 4, 5] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];

export interface Rating {
  ticketId: number;
  day: string;
  groupId: string;
  counter: number;
  level: SatisfactionLevel;
  /** "Ông/bà phải đến bao nhiêu lần để giải quyết thủ tục này?" (1 = this was the first visit). */
  visits: number;
  /** "Danh mục giấy tờ phải nộp có rõ ràng không?"; null = not answered. */
  papersClear: boolean | null;
  ratedAt: string;
}
