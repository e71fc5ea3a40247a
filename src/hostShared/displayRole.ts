/**
 * What a hall display may do, for both hosts (the browser host's /api/display socket, Electron's display window).
 * The display hangs in a public room and its credential sits in a TV's browser for months, so it gets the least
 * that shows the queue: numbers, counters and waiting counts, nothing that reaches a dossier, a card or a clerk
 * session (no auth.login either: a stolen display cookie must not become a password-guessing channel).
 */
import type { EventName, MethodName } from '../api/contract';

export const DISPLAY_METHODS: readonly MethodName[] = ['queue.display', 'queue.info', 'app.info'];
export const DISPLAY_EVENTS: readonly EventName[] = ['queue.display', 'queue.call'];

const METHODS = new Set<string>(DISPLAY_METHODS);

/** Whether a display connection may call `method`. */
export function displayMayCall(method: string): boolean {
  return METHODS.has(method);
}
