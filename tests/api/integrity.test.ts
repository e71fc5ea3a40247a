import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreIntegrity } from '../../src/api/contract';
import type { IntegrityPort } from '../../src/api/handlers/integrity';
import { SETTINGS_KEY } from '../../src/api/core';
import { createApp } from '../../src/app/compose';
import { FakeCard, makeCore } from './fakes';

async function clerk(core: ReturnType<typeof makeCore>['core']): Promise<string> {
  return ((await core.handle('auth.login', { username: 'canbo', password: 'pw-clerk' })) as { token: string }).token;
}

describe('store integrity at the counter', () => {
  it('reports the background check and pushes a damaged file to the counters as an event', async () => {
    let state: StoreIntegrity = { state: 'not_checked', checkedAt: null, problems: [], latestBackup: null };
    let notify: (s: StoreIntegrity) => void = () => undefined;
    const port: IntegrityPort = { status: () => state, onChange: (l) => void (notify = l) };
    const { core } = makeCore({ integrity: port });
    const events: StoreIntegrity[] = [];
    core.on('store.integrity', (s) => void events.push(s));
    const token = await clerk(core);
    expect(await core.handle('store.integrity', {}, token)).toMatchObject({ state: 'not_checked' });
    state = { state: 'damaged', checkedAt: '2026-12-02T10:00:00.000Z', problems: ['*** in database main *** Page 7: btreeInitPage() returns error code 11'], latestBackup: 'motcua-20261201.db' };
    notify(state);
    expect(events.map((e) => e.state)).toEqual(['damaged']);
    expect(await core.handle('store.integrity', {}, token)).toMatchObject({ state: 'damaged', latestBackup: 'motcua-20261201.db' });
  });

  it('is for clerks only', async () => {
    const { core } = makeCore();
    await expect(core.handle('store.integrity', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('the app opens its store without waiting for quick_check and runs the check off the start-up path', async () => {
    const app = await createApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-integrity-')), demo: true, mode: 'counter', host: 'browser', card: new FakeCard() });
    try {
      const { token } = (await app.core.handle('auth.login', { username: 'canbo', password: 'motcua-canbo' })) as { token: string };
      // The first check runs 30 s after start, so right after opening nothing has been checked yet.
      expect(await app.core.handle('store.integrity', {}, token)).toMatchObject({ state: 'not_checked' });
    } finally {
      await app.close();
    }
  });
});

describe('printing for an office that is not set up', () => {
  it('refuses with OFFICE_NOT_CONFIGURED instead of printing "Kính gửi: " with nothing after it', async () => {
    const { core, store } = makeCore();
    store.setSetting(SETTINGS_KEY, {});
    const id = (await core.handle('card.read', { key: { can: '123456' } })) as { session: string };
    const saved = (await core.handle('dossier.save', { formId: 'CT01', session: id.session, edits: [], complete: true })) as { dossier: { id: string } };
    await expect(core.handle('print.declaration', { id: saved.dossier.id, session: id.session, mode: 'preview' })).rejects.toMatchObject({ code: 'OFFICE_NOT_CONFIGURED' });
  });
});
