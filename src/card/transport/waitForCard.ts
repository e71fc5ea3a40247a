/** Shared by every ReaderMonitor: wait for a card-inserted event in a matching reader, with timeout and close. */
import { TransportError, type ReaderEvent } from './types';

/** Reader filter: a substring of the reader name (PC/SC names vary by driver; users type a part of it). */
export function readerMatches(name: string, readerSubstring?: string): boolean {
  return readerSubstring === undefined || readerSubstring === '' || name.includes(readerSubstring);
}

/**
 * Resolve with the reader name on the next matching card-inserted event. `pendingWaits` is the monitor's set of
 * reject callbacks, called when the monitor closes so no waiter hangs.
 */
export function waitForInsertEvent(
  on: (listener: (e: ReaderEvent) => void) => () => void,
  pendingWaits: Set<() => void>,
  readerSubstring: string | undefined,
  timeoutMs: number | undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      off();
      pendingWaits.delete(onClose);
      if (timer) clearTimeout(timer);
    };
    const onClose = (): void => {
      finish();
      reject(new TransportError('NO_SERVICE', 'waitForCard: monitor was closed'));
    };
    const off = on((e) => {
      if (e.type === 'card-inserted' && readerMatches(e.reader, readerSubstring)) {
        finish();
        resolve(e.reader);
      }
    });
    pendingWaits.add(onClose);
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        finish();
        reject(new TransportError('TIMEOUT', `waitForCard: no card within ${timeoutMs} ms`));
      }, timeoutMs);
    }
  });
}
