/**
 * The queue as the composition root wires it on a standalone PC: the store's own line behind the API, the
 * demo head-of-centre account, and the queue surviving a restart of the app on the same data folder.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app/compose';
import type { QueueInfo, TicketSlip, TicketView } from '../../src/api/contract';
import { FakeCard } from './fakes';
import { codeOf } from './queueHarness';

const apps: App[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<App> {
  const app = await createApp({ dataDir, demo: true, mode: 'counter', host: 'browser', card: new FakeCard() });
  apps.push(app);
  return app;
}

describe('createApp — the queue on a standalone PC', () => {
  it('issues, calls and reads the report through the composed core; the line survives a restart', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-app-queue-'));
    dirs.push(dataDir);
    const app = await start(dataDir);
    expect(((await app.core.handle('queue.info', {})) as QueueInfo).centre).toBe(false);
    const first = (await app.core.handle('queue.issue', { request: 'OTHER', dossierId: null })) as TicketSlip;
    await app.core.handle('queue.issue', { request: 'OTHER', dossierId: null });
    const clerk = ((await app.core.handle('auth.login', { username: 'canbo', password: 'motcua-canbo' })) as { token: string }).token;
    const called = (await app.core.handle('queue.callNext', { counter: 3 }, clerk)) as TicketView;
    expect(called.label).toBe(first.label);
    expect(await codeOf(app.core.handle('report.queue', { fromDay: first.day, toDay: first.day, period: 'day' }, clerk))).toBe('FORBIDDEN');
    const head = ((await app.core.handle('auth.login', { username: 'truong', password: 'motcua-truong' })) as { token: string }).token;
    const outcome = await app.core.handle('report.queue', { fromDay: first.day, toDay: first.day, period: 'day' }, head).then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
    expect(outcome).toBe('ok');
    await app.close();
    apps.splice(0);
    const again = await start(dataDir);
    const token = ((await again.core.handle('auth.login', { username: 'canbo', password: 'motcua-canbo' })) as { token: string }).token;
    expect(await again.core.handle('queue.serving', { counter: 3 }, token)).toMatchObject({ id: called.id, state: 'called' });
    expect(((await again.core.handle('queue.callNext', { counter: 3 }, token)) as TicketView).label).toBe('2');
  }, 60_000);
});
