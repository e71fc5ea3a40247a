import { useEffect, useRef } from 'react';
import type { ApiClient } from '../../../src/api/contract';
import { ClientError } from '../api/client';
import type { KioskAction, KioskState } from './kioskFlow';
import { isCodeProblem, lookupText, parseLookupCode } from './lookupCode';
import { canSendRating } from './kioskQueueFlow';

const codeOf = (e: unknown): string => (e instanceof ClientError ? e.code : 'INTERNAL');

/**
 * The API calls of the queue screens (kioskQueueFlow.ts holds their rules): the ticket is asked for as soon as a
 * saved dossier reaches the done screen or "Tôi cần hỏi" is chosen, and printed right away — silently where this
 * kiosk prints to its printer, otherwise as a preview the citizen prints with one button.
 */
export function useKioskQueue(api: ApiClient, state: KioskState, dispatch: (a: KioskAction) => void, silent: boolean) {
  const { step, dossier, def, queue } = state;
  const session = state.identities[0]?.session ?? null;
  // An answer that arrives after a wipe (or after the next citizen started) belongs to nobody: drop it.
  const generation = useRef(0);
  const live = (g: number): boolean => g === generation.current;
  useEffect(() => {
    if (step.name === 'welcome') generation.current++;
  }, [step.name]);

  const print = (g: number, day: string, label: string): void => {
    dispatch({ type: 'ticketPrinting' });
    api.call('print.ticket', { day, label, mode: silent ? 'silent' : 'preview', ...(session ? { session } : {}) }).then(
      (r) => live(g) && dispatch(r.printed ? { type: 'ticketPrinted', pdfBase64: null } : r.pdfBase64 ? { type: 'ticketPrinted', pdfBase64: r.pdfBase64 } : { type: 'ticketPrintFailed' }),
      () => live(g) && dispatch({ type: 'ticketPrintFailed' }),
    );
  };

  const issue = (): void => {
    const g = generation.current;
    const input = step.name === 'done' && dossier && def ? { request: def.id, dossierId: dossier.id, ...(session ? { session } : {}) } : { request: 'OTHER' as const, dossierId: null };
    dispatch({ type: 'ticketIssuing' });
    api.call('queue.issue', input).then(
      (ticket) => {
        if (!live(g)) return;
        dispatch({ type: 'ticketIssued', ticket });
        print(g, ticket.day, ticket.label);
      },
      () => live(g) && dispatch({ type: 'ticketFailed' }),
    );
  };

  // The done screen of a saved dossier asks for its ticket once; "Tôi cần hỏi" enters the ticket step already issuing.
  const asked = useRef(false);
  useEffect(() => {
    const wants = (step.name === 'done' && !!dossier && queue.ticketPhase === 'none') || (step.name === 'ticket' && queue.ticketPhase === 'issuing' && !asked.current);
    if (step.name !== 'ticket') asked.current = false;
    if (!wants) return;
    asked.current = true;
    issue();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step.name, dossier, queue.ticketPhase]);

  const submitCode = (text: string): void => {
    if (step.name !== 'code' || queue.checking) return;
    dispatch({ type: 'codeSubmit', text });
    const parsed = parseLookupCode(text);
    if (isCodeProblem(parsed)) return;
    const g = generation.current;
    api.call('queue.lookup', { code: lookupText(parsed) }).then(
      (result) => live(g) && dispatch({ type: 'lookedUp', result }),
      (e: unknown) => live(g) && dispatch({ type: 'lookupFailed', code: codeOf(e) }),
    );
  };

  const sendRating = (): void => {
    const r = queue.rating;
    if (!r || !canSendRating(r) || queue.sending || r.level === null || r.visits === null) return;
    const g = generation.current;
    dispatch({ type: 'rateSending' });
    api.call('queue.rate', { day: r.day, label: r.label, level: r.level, visits: r.visits, papersClear: r.papersClear }).then(
      () => live(g) && dispatch({ type: 'rated' }),
      (e: unknown) => live(g) && dispatch({ type: 'rateFailed', code: codeOf(e) }),
    );
  };

  return { retryTicket: issue, submitCode, sendRating };
}
