import { describe, it, expect } from 'vitest';
import { registerIpc } from '../../src/main/ipc';
import { IPC_CHANNEL } from '../../src/api/contract';
import { makeCore } from '../api/fakes';
import { fakeElectron, FakeWebContents } from './fakeElectron';

const APP = { senderFrame: { url: 'app://motcua/index.html' } };

describe('IPC', () => {
  it('validates envelopes and inputs, refuses foreign frames, forwards events', async () => {
    const { e, ipcHandlers } = fakeElectron();
    const { core, card } = makeCore();
    const wc = new FakeWebContents();
    const off = registerIpc(e.ipcMain as never, core, () => wc as never);
    const invoke = ipcHandlers.get(IPC_CHANNEL.invoke)!;
    expect(await invoke(APP, { method: 'app.info', input: {} })).toMatchObject({ ok: true, result: { name: 'Motcua' } });
    expect(await invoke(APP, 'garbage')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke(APP, { method: 'app.info', input: {}, extra: 1 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke(APP, { method: 'card.read', input: { key: { can: 'abc' } } })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await invoke(APP, { method: 'dossier.list', input: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await invoke({ senderFrame: { url: 'https://evil.example/' } }, { method: 'app.info', input: {} })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    card.set({ state: 'no-card', reader: 'R0' });
    expect(wc.sent.at(-1)).toMatchObject({ channel: IPC_CHANNEL.event, data: { event: 'card.status' } });
    off();
    expect(ipcHandlers.has(IPC_CHANNEL.invoke)).toBe(false);
  });
});
