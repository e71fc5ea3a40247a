import { describe, it, expect, vi } from 'vitest';
import { IPC_CHANNEL } from '../../src/api/contract';

const exposed: Record<string, unknown> = {};
const sent: unknown[][] = [];
const listeners = new Map<string, (...a: unknown[]) => void>();
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
  ipcRenderer: {
    invoke: async (...a: unknown[]) => (sent.push(a), { id: 0, ok: true, result: 1 }),
    on: (ch: string, h: (...a: unknown[]) => void) => listeners.set(ch, h),
    removeListener: (ch: string) => listeners.delete(ch),
  },
}));

describe('preload', () => {
  it('exposes exactly invoke/subscribe on window.motcua over the contract channels', async () => {
    const { CHANNEL } = await import('../../src/preload/preload');
    expect(CHANNEL).toEqual(IPC_CHANNEL);
    const bridge = exposed.motcua as { invoke: (m: string, i: unknown, t?: string) => Promise<unknown>; subscribe: (l: (e: unknown) => void) => () => void };
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    expect(await bridge.invoke('app.info', {}, 'tok')).toEqual({ id: 0, ok: true, result: 1 });
    expect(sent[0]).toEqual([IPC_CHANNEL.invoke, { method: 'app.info', input: {}, token: 'tok' }]);
    const got: unknown[] = [];
    const off = bridge.subscribe((e) => got.push(e));
    listeners.get(IPC_CHANNEL.event)!({}, { event: 'card.status', data: 1 });
    expect(got).toEqual([{ event: 'card.status', data: 1 }]);
    off();
    expect(listeners.has(IPC_CHANNEL.event)).toBe(false);
  });
});
