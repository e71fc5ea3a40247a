/**
 * The queue part of the kiosk flow (pure, like kioskFlow.ts, whose steps and reducer it extends): the ticket after a
 * saved dossier or for "Tôi cần hỏi / nộp giấy tờ khác", the status look-up by a scanned or typed code, and the
 * satisfaction rating of a served ticket. Its state sits in KioskState.queue, which a wipe drops with the rest.
 * The server decides (who may have a ticket, whether a ticket may be rated); these rules only choose the screen and
 * the plain message a citizen sees.
 */
import type { StatusLookup, TicketSlip } from '../../../src/api/contract';
import type { MessageKey } from '../i18n/messages';
import type { KioskState } from './kioskFlow';
import { isCodeProblem, parseLookupCode, type CodeProblem } from './lookupCode';

export type CodePurpose = 'lookup' | 'rate';
export type QueueProblem = CodeProblem | 'notFound' | 'noTicket' | 'notServed' | 'alreadyRated' | 'failed';
export type Level = 1 | 2 | 3 | 4 | 5;

export interface RatingDraft {
  day: string;
  label: string;
  level: Level | null;
  visits: number | null;
  papersClear: boolean | null;
}

export interface QueueFlowState {
  ticket: TicketSlip | null;
  ticketPhase: 'none' | 'issuing' | 'issued' | 'failed';
  /** silent: 'printing' → 'printed'/'failed'; otherwise the preview PDF comes back ('preview') and the citizen prints it. */
  print: 'none' | 'printing' | 'printed' | 'preview' | 'failed';
  ticketPdf: string | null;
  /** What has been typed or scanned on the code screen. */
  code: string;
  checking: boolean;
  problem: QueueProblem | null;
  /** The label a problem is about (not served, already rated). */
  problemLabel: string | null;
  result: StatusLookup | null;
  rating: RatingDraft | null;
  sending: boolean;
}

export type QueueAction =
  | { type: 'askTicket' }
  | { type: 'ticketIssuing' }
  | { type: 'ticketIssued'; ticket: TicketSlip }
  | { type: 'ticketFailed' }
  | { type: 'ticketPrinting' }
  | { type: 'ticketPrinted'; pdfBase64: string | null }
  | { type: 'ticketPrintFailed' }
  | { type: 'startCode'; purpose: CodePurpose }
  | { type: 'codeTyped'; code: string }
  | { type: 'codeSubmit'; text: string }
  | { type: 'lookedUp'; result: StatusLookup }
  | { type: 'lookupFailed'; code: string }
  | { type: 'rateAnswer'; level?: Level; visits?: number; papersClear?: boolean | null }
  | { type: 'rateSending' }
  | { type: 'rated' }
  | { type: 'rateFailed'; code: string };

export const QUEUE_ACTIONS: ReadonlySet<string> = new Set<QueueAction['type']>([
  'askTicket', 'ticketIssuing', 'ticketIssued', 'ticketFailed', 'ticketPrinting', 'ticketPrinted', 'ticketPrintFailed',
  'startCode', 'codeTyped', 'codeSubmit', 'lookedUp', 'lookupFailed', 'rateAnswer', 'rateSending', 'rated', 'rateFailed',
]);

export function isQueueAction(a: { type: string }): a is QueueAction {
  return QUEUE_ACTIONS.has(a.type);
}

/** The longest code a citizen can type or a scanner send (the API refuses more). */
export const MAX_CODE = 120;
/** Seconds the thanks after a rating stays before the kiosk clears itself. */
export const RATED_RESET_S = 8;
/** The visit counts offered (the last one means "this many or more"). */
export const VISIT_CHOICES = [1, 2, 3, 4] as const;

export function initialQueueFlow(): QueueFlowState {
  return { ticket: null, ticketPhase: 'none', print: 'none', ticketPdf: null, code: '', checking: false, problem: null, problemLabel: null, result: null, rating: null, sending: false };
}

/** The screens a citizen reaches without a card: from the start screen (also when the card reader is missing). */
function fromStart(state: KioskState): boolean {
  return state.step.name === 'welcome' && state.identities.length === 0;
}

/**
 * API error codes of a refused rating → the plain message. The server answers INVALID_TRANSITION both for a ticket
 * not served yet and for one already rated; the questions are only asked once the look-up found the ticket served,
 * so a refusal here means it was rated before.
 */
function rateProblem(code: string): QueueProblem {
  if (code === 'INVALID_TRANSITION') return 'alreadyRated';
  if (code === 'NOT_FOUND') return 'notFound';
  return 'failed';
}

export function problemKey(p: QueueProblem): MessageKey {
  return `kq.problem.${p}`;
}

/** A rating can be sent once a level and the visit count are chosen ("giấy tờ rõ ràng" may stay unanswered). */
export function canSendRating(r: RatingDraft | null): boolean {
  return !!r && r.level !== null && r.visits !== null;
}

export function reduceQueue(state: KioskState, action: QueueAction): KioskState {
  const q = state.queue;
  const set = (patch: Partial<QueueFlowState>, step: KioskState['step'] = state.step): KioskState => ({ ...state, step, queue: { ...q, ...patch } });
  switch (action.type) {
    case 'askTicket':
      if (!fromStart(state)) return state;
      return { ...state, notice: null, consent: null, step: { name: 'ticket' }, queue: { ...initialQueueFlow(), ticketPhase: 'issuing' } };
    case 'ticketIssuing':
      return set({ ticketPhase: 'issuing' });
    case 'ticketIssued':
      return set({ ticket: action.ticket, ticketPhase: 'issued' });
    case 'ticketFailed':
      return set({ ticketPhase: 'failed' });
    case 'ticketPrinting':
      return set({ print: 'printing' });
    case 'ticketPrinted':
      return set(action.pdfBase64 ? { print: 'preview', ticketPdf: action.pdfBase64 } : { print: 'printed' });
    case 'ticketPrintFailed':
      return set({ print: 'failed' });
    case 'startCode':
      // From the start screen, or "check another code" on a result; never in the middle of a card session.
      if (!fromStart(state) && state.step.name !== 'status' && state.step.name !== 'code') return state;
      return { ...state, notice: null, consent: null, step: { name: 'code', purpose: action.purpose }, queue: initialQueueFlow() };
    case 'codeTyped':
      return set({ code: action.code.slice(0, MAX_CODE), problem: null, problemLabel: null });
    case 'codeSubmit': {
      if (state.step.name !== 'code' || q.checking) return state;
      const parsed = parseLookupCode(action.text.slice(0, MAX_CODE));
      if (isCodeProblem(parsed)) return set({ code: action.text.slice(0, MAX_CODE), problem: parsed, problemLabel: null });
      return set({ code: action.text.slice(0, MAX_CODE), checking: true, problem: null, problemLabel: null });
    }
    case 'lookedUp': {
      if (state.step.name !== 'code') return state;
      const done = { checking: false, result: action.result };
      if (state.step.purpose === 'lookup') return set(done, { name: 'status' });
      const t = action.result.ticket;
      if (!t) return set({ ...done, problem: 'noTicket' });
      // Only a finished service can be rated; the server refuses the rest too, this just asks nothing pointless.
      if (t.state !== 'done') return set({ ...done, problem: 'notServed', problemLabel: t.label });
      return set({ ...done, rating: { day: t.day, label: t.label, level: null, visits: null, papersClear: null } }, { name: 'rate' });
    }
    case 'lookupFailed':
      if (state.step.name !== 'code') return state;
      return set({ checking: false, problem: action.code === 'NOT_FOUND' ? 'notFound' : action.code === 'INVALID_INPUT' ? 'invalid' : 'failed' });
    case 'rateAnswer': {
      if (state.step.name !== 'rate' || !q.rating) return state;
      const r = q.rating;
      return set({ rating: { ...r, level: action.level ?? r.level, visits: action.visits ?? r.visits, papersClear: action.papersClear !== undefined ? action.papersClear : r.papersClear }, problem: null });
    }
    case 'rateSending':
      if (state.step.name !== 'rate' || !canSendRating(q.rating)) return state;
      return set({ sending: true, problem: null });
    case 'rated':
      if (state.step.name !== 'rate') return state;
      return set({ sending: false }, { name: 'rated' });
    case 'rateFailed':
      if (state.step.name !== 'rate') return state;
      return set({ sending: false, problem: rateProblem(action.code), problemLabel: q.rating?.label ?? null });
  }
}
