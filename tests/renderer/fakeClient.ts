import type { ApiClient, ApiEvents, AppInfo, EventName, MethodName } from '../../src/api/contract';
import { FAKE_FORM, fakeResult } from '../api/fakes';
import { identityOf } from '../../src/api/handlers/card';

export const INFO: AppInfo = { name: 'Motcua', version: '0', host: 'browser', mode: 'kiosk', demo: true, silentPrint: false, setupRequired: false, office: { communeName: 'UBND xã Tân Phú', provinceName: 'Đồng Nai' }, idleSeconds: 90 };

/** A scripted ApiClient for renderer unit tests: answers from a table, records calls, lets tests emit events. */
export function fakeClient(over: Partial<Record<MethodName, (input: unknown) => unknown>> = {}) {
  const calls: { method: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(d: unknown) => void>>();
  const answers: Partial<Record<MethodName, (input: unknown) => unknown>> = {
    'app.info': () => INFO,
    'card.status': () => ({ demo: true, readers: [{ name: 'R0', cardPresent: true }], state: { state: 'card-present', reader: 'R0' } }),
    'forms.list': () => [FAKE_FORM],
    'settings.get': () => ({ kioskSilentPrint: false }),
    'card.read': () => identityOf('s'.repeat(20), 0, true, fakeResult()),
    'session.end': () => ({ ended: true }),
    ...over,
  };
  const client: ApiClient = {
    async call(method, input) {
      calls.push({ method, input });
      const a = answers[method];
      if (!a) throw new Error(`unexpected ${method}`);
      return a(input) as never;
    },
    on<E extends EventName>(event: E, l: (d: ApiEvents[E]) => void) {
      let s = listeners.get(event);
      if (!s) listeners.set(event, (s = new Set()));
      s.add(l as (d: unknown) => void);
      return () => s.delete(l as (d: unknown) => void);
    },
  };
  const emit = <E extends EventName>(event: E, data: ApiEvents[E]): void => listeners.get(event)?.forEach((l) => l(data));
  return { client, calls, emit };
}
