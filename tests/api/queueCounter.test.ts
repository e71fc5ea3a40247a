/** The counters' side of the queue through the API on a real store: calling, recall, no-show, transfer, progress, roles. */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/sqliteStore';
import { seedUsers } from '../../src/app/compose';
import type { DossierProgress, QueueInfo, StatusLookup, TicketView } from '../../src/api/contract';
import { DEFAULT_QUEUE_CONFIG } from '../../src/queue/groups';
import { codeOf, FAST_SCRYPT, KEY, MIN, harnessPerTest, TODAY, type QueueHarness } from './queueHarness';

const harness = harnessPerTest(afterEach);

async function issue(h: QueueHarness, request: string): Promise<void> {
  await h.core.handle('queue.issue', { request, dossierId: null });
  h.clock.t += 1000;
}

describe('queue API — counters', () => {
  it('callNext takes the next ticket of the groups this counter serves; "next" finishes the current one', async () => {
    const h = await harness();
    const token = await h.login('canbo');
    await issue(h, 'KHAI_SINH'); // 1: Hộ tịch, counter 2
    await issue(h, 'CT01'); // 2: Cư trú, counter 1
    await issue(h, 'OTHER'); // 3: every counter
    expect(await codeOf(h.core.handle('queue.callNext', { counter: 1 }))).toBe('UNAUTHORIZED');
    const a = (await h.core.handle('queue.callNext', { counter: 1 }, token)) as TicketView;
    expect(a).toMatchObject({ label: '2', groupId: 'CU_TRU', formId: 'CT01', state: 'called', counter: 1, noShows: 0, dossierId: null });
    expect(Object.keys(a).sort()).toEqual(['calledAt', 'counter', 'day', 'dossierId', 'formId', 'groupId', 'id', 'issuedAt', 'label', 'noShows', 'state'].sort());
    expect(((await h.core.handle('queue.callNext', { counter: 1 }, token)) as TicketView).label).toBe('3');
    expect(h.store.queue.get(a.id).state).toBe('done');
    expect(await h.core.handle('queue.callNext', { counter: 1 }, token)).toBeNull();
    expect(((await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView).label).toBe('1');
    // Counters that serve no group, or are not counters at all, are refused rather than finding nobody.
    expect(await codeOf(h.core.handle('queue.callNext', { counter: 9 }, token))).toBe('INVALID_INPUT');
    for (const bad of [{ counter: 0 }, { counter: 100 }, { counter: '1' }, {}]) expect(await codeOf(h.core.handle('queue.callNext', bad, token))).toBe('INVALID_INPUT');
  });

  it('serving: the counter picks up its ticket again after a restart', async () => {
    const h = await harness();
    let token = await h.login('canbo');
    await issue(h, 'KHAI_SINH');
    const t = (await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView;
    expect(await h.core.handle('queue.serving', { counter: 2 }, token)).toEqual(t);
    expect(await h.core.handle('queue.serving', { counter: 1 }, token)).toBeNull();
    const again = await harness.restart(h);
    token = await again.login('canbo');
    expect(await again.core.handle('queue.serving', { counter: 2 }, token)).toEqual(t);
  });

  it('recall and finish only at the counter holding the ticket; no-show requeues after the policy minutes, then closes', async () => {
    const h = await harness();
    const token = await h.login('canbo');
    await issue(h, 'KHAI_SINH');
    await issue(h, 'KHAI_SINH');
    const t = (await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView;
    expect(await codeOf(h.core.handle('queue.recall', { ticketId: t.id, counter: 1 }, token))).toBe('INVALID_TRANSITION');
    expect(await codeOf(h.core.handle('queue.finish', { ticketId: t.id, counter: 3 }, token))).toBe('INVALID_TRANSITION');
    expect(await codeOf(h.core.handle('queue.recall', { ticketId: 999, counter: 2 }, token))).toBe('NOT_FOUND');
    expect(((await h.core.handle('queue.recall', { ticketId: t.id, counter: 2 }, token)) as TicketView).state).toBe('called');
    expect(await h.core.handle('queue.noShow', { ticketId: t.id, counter: 2 }, token)).toMatchObject({ state: 'waiting', noShows: 1, counter: null });
    expect(await codeOf(h.core.handle('queue.noShow', { ticketId: t.id, counter: 2 }, token))).toBe('INVALID_TRANSITION');
    expect(((await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView).label).toBe('2');
    expect(await h.core.handle('queue.callNext', { counter: 2 }, token)).toBeNull(); // 1 waits out its minutes
    h.clock.t += DEFAULT_QUEUE_CONFIG.noShowRequeueMinutes * MIN;
    expect(((await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView).id).toBe(t.id);
    expect(await h.core.handle('queue.noShow', { ticketId: t.id, counter: 2 }, token)).toMatchObject({ state: 'no_show', noShows: 2 });
    const finished = (await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView | null;
    expect(finished).toBeNull();
    expect(await codeOf(h.core.handle('queue.finish', { ticketId: t.id, counter: 2 }, token))).toBe('INVALID_TRANSITION');
  });

  it('the no-show policy comes from the settings (no requeue: closed at once)', async () => {
    const h = await harness();
    const admin = await h.login('admin');
    await h.core.handle('settings.set', { settings: { queueGroups: { ...DEFAULT_QUEUE_CONFIG, maxNoShowRequeues: 0 } } }, admin);
    await issue(h, 'CT01');
    const t = (await h.core.handle('queue.callNext', { counter: 1 }, admin)) as TicketView;
    expect(await h.core.handle('queue.noShow', { ticketId: t.id, counter: 1 }, admin)).toMatchObject({ state: 'no_show', noShows: 1 });
  });

  it('transfer sends a called ticket to one configured counter, keeping its place', async () => {
    const h = await harness();
    const token = await h.login('canbo');
    await issue(h, 'KHAI_SINH');
    await issue(h, 'OTHER');
    const t = (await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView;
    expect(await codeOf(h.core.handle('queue.transfer', { ticketId: t.id, fromCounter: 2, toCounter: 2 }, token))).toBe('INVALID_INPUT');
    expect(await codeOf(h.core.handle('queue.transfer', { ticketId: t.id, fromCounter: 2, toCounter: 7 }, token))).toBe('INVALID_INPUT');
    expect(await codeOf(h.core.handle('queue.transfer', { ticketId: t.id, fromCounter: 1, toCounter: 3 }, token))).toBe('INVALID_TRANSITION');
    expect(await h.core.handle('queue.transfer', { ticketId: t.id, fromCounter: 2, toCounter: 3 }, token)).toMatchObject({ state: 'waiting', counter: null });
    // Counter 3 does not serve Hộ tịch, yet gets the transferred ticket before the later "other" one.
    expect(((await h.core.handle('queue.callNext', { counter: 3 }, token)) as TicketView).id).toBe(t.id);
  });

  it('a changed group configuration applies at once; an invalid one is refused', async () => {
    const h = await harness();
    const admin = await h.login('admin');
    const groups = DEFAULT_QUEUE_CONFIG.groups.map((g) => (g.id === 'CU_TRU' ? { ...g, counters: [1, 4] } : g));
    await h.core.handle('settings.set', { settings: { queueGroups: { ...DEFAULT_QUEUE_CONFIG, groups }, queueCounter: 4 } }, admin);
    expect(((await h.core.handle('queue.info', {})) as QueueInfo).counter).toBe(4);
    await issue(h, 'CT01');
    expect(((await h.core.handle('queue.callNext', { counter: 4 }, admin)) as TicketView).groupId).toBe('CU_TRU');
    const missing = DEFAULT_QUEUE_CONFIG.groups.filter((g) => g.id !== 'KHAC');
    expect(await codeOf(h.core.handle('settings.set', { settings: { queueGroups: { ...DEFAULT_QUEUE_CONFIG, groups: missing } } }, admin))).toBe('INVALID_INPUT');
    expect(await codeOf(h.core.handle('settings.set', { settings: { queueKiosk: 0 } }, admin))).toBe('INVALID_INPUT');
  });

  it('progress: set and read by a clerk, audited without personal data, NOT_FOUND for unknown dossiers', async () => {
    const h = await harness();
    const d = await h.kioskDossier();
    const token = await h.login('canbo');
    expect(await h.core.handle('progress.get', { id: d.dossierId }, token)).toBeNull();
    expect(await codeOf(h.core.handle('progress.get', { id: d.dossierId }))).toBe('UNAUTHORIZED');
    expect(await codeOf(h.core.handle('progress.set', { id: d.dossierId, state: 'processing', expectedReturn: null }))).toBe('UNAUTHORIZED');
    const set = (await h.core.handle('progress.set', { id: d.dossierId, state: 'processing', expectedReturn: '2026-12-09' }, token)) as DossierProgress;
    expect(set).toEqual({ dossierId: d.dossierId, state: 'processing', expectedReturn: '2026-12-09', updatedAt: new Date(h.clock.t).toISOString(), actor: 'canbo' });
    expect(await h.core.handle('progress.get', { id: d.dossierId }, token)).toEqual(set);
    const entry = h.store.audit({ limit: 1000 }).filter((a) => a.action === 'dossier.progress');
    expect(entry).toEqual([expect.objectContaining({ actor: 'canbo', recordId: d.dossierId })]);
    expect(JSON.stringify(entry)).not.toMatch(/NGUY|001099|processing/);
    expect(await codeOf(h.core.handle('progress.set', { id: 'HS-20261202-ZZZZZZ', state: 'processing', expectedReturn: null }, token))).toBe('NOT_FOUND');
    expect(await codeOf(h.core.handle('progress.get', { id: 'HS-20261202-ZZZZZZ' }, token))).toBe('NOT_FOUND');
    for (const bad of [{ state: 'lost' }, { expectedReturn: '2026-02-30' }, { expectedReturn: '9/12/2026' }, { id: 'HS-1' }, { note: 'x' }]) {
      expect(await codeOf(h.core.handle('progress.set', { id: d.dossierId, state: 'processing', expectedReturn: null, ...bad }, token)), JSON.stringify(bad)).toBe('INVALID_INPUT');
    }
  });

  it('progress is erased with the dossier and, on a centre, travels as an audit entry without personal data', async () => {
    const h = await harness();
    const d = await h.kioskDossier();
    const token = await h.login('canbo');
    h.store.linkCentre({ deviceId: 'dev-1', centreId: 'centre-1' });
    await h.core.handle('progress.set', { id: d.dossierId, state: 'result_ready', expectedReturn: '2026-12-01' }, token);
    const sent = h.store.pendingChanges(1000).filter((c) => c.meta.action === 'dossier.progress');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: 'audit.append', entityId: d.dossierId, subjectIds: [] });
    expect(JSON.parse(sent[0]!.payload as string).progress).toMatchObject({ state: 'result_ready', expectedReturn: '2026-12-01', actor: 'canbo' });
    expect(JSON.stringify(sent)).not.toMatch(/NGUY|001099/);
    expect(h.store.progress.overdue(TODAY)).toEqual([{ dossierCode: d.dossierId, formId: 'CT01', expectedReturn: '2026-12-01' }]);
    h.store.deleteCitizen('001099012345', 'canbo');
    expect(h.store.db.prepare('SELECT count(*) FROM dossier_progress').pluck().get()).toBe(0);
    expect(await codeOf(h.core.handle('progress.get', { id: d.dossierId }, token))).toBe('NOT_FOUND');
    expect(h.store.progress.overdue(TODAY)).toEqual([]);
  });

  it("on a centre, another PC's kiosk answers the look-up with the progress a counter set (the centre's order wins)", async () => {
    const counter = await harness();
    const kiosk = await harness();
    counter.store.linkCentre({ deviceId: 'counter-pc', centreId: 'centre-1' });
    kiosk.store.linkCentre({ deviceId: 'kiosk-pc', centreId: 'centre-1' });
    const d = await counter.kioskDossier();
    const token = await counter.login('canbo');
    let position = 0;
    /** What the sync worker does: the counter's changes, in order, folded into the kiosk's store. */
    const deliver = (): void => {
      const changes = counter.store.pendingChanges(1000);
      counter.store.markPushed(changes.map((c) => c.changeId));
      kiosk.store.applyRemote(changes.map((c) => ({ changeId: c.changeId, kind: c.kind, entityId: c.entityId, baseVersion: c.baseVersion, meta: c.meta, payload: c.payload, position: ++position, deviceId: 'counter-pc' })), position);
    };
    deliver();
    expect(((await kiosk.core.handle('queue.lookup', { code: d.dossierId })) as StatusLookup).dossier).toMatchObject({ progress: 'received', initials: 'N.V.M.' });
    await counter.core.handle('progress.set', { id: d.dossierId, state: 'processing', expectedReturn: '2026-12-09' }, token);
    await counter.core.handle('progress.set', { id: d.dossierId, state: 'result_ready', expectedReturn: '2026-12-09' }, token);
    deliver();
    expect(((await kiosk.core.handle('queue.lookup', { code: d.dossierId })) as StatusLookup).dossier).toMatchObject({ progress: 'result_ready', expectedReturn: '2026-12-09' });
    // A change made on the kiosk PC and not yet pushed comes later in the centre's order: an earlier one does not undo it.
    const kioskClerk = await kiosk.login('canbo');
    await kiosk.core.handle('progress.set', { id: d.dossierId, state: 'returned', expectedReturn: null }, kioskClerk);
    await counter.core.handle('progress.set', { id: d.dossierId, state: 'processing', expectedReturn: '2026-12-10' }, token);
    deliver();
    expect(kiosk.store.progress.get(d.dossierId)?.state).toBe('returned');
  });

  it('progress set before a PC joins its centre goes out once with the dossiers', async () => {
    const counter = await harness();
    const kiosk = await harness();
    const d = await counter.kioskDossier();
    const token = await counter.login('canbo');
    await counter.core.handle('progress.set', { id: d.dossierId, state: 'processing', expectedReturn: '2026-12-09' }, token);
    expect(counter.store.linkCentre({ deviceId: 'counter-pc', centreId: 'centre-1' })).toEqual({ enqueued: 1 });
    kiosk.store.linkCentre({ deviceId: 'kiosk-pc', centreId: 'centre-1' });
    const changes = counter.store.pendingChanges(1000);
    expect(changes.filter((c) => c.meta.action === 'dossier.progress')).toHaveLength(1);
    kiosk.store.applyRemote(changes.map((c, i) => ({ changeId: c.changeId, kind: c.kind, entityId: c.entityId, baseVersion: c.baseVersion, meta: c.meta, payload: c.payload, position: i + 1, deviceId: 'counter-pc' })), changes.length);
    expect(kiosk.store.progress.get(d.dossierId)).toMatchObject({ state: 'processing', expectedReturn: '2026-12-09', actor: 'canbo' });
  });

  it("head methods: the head and the admin pass, a clerk is refused; the head is not an admin", async () => {
    const h = await harness();
    const input = { fromDay: '2026-12-01', toDay: TODAY, period: 'day' };
    const clerk = await h.login('canbo');
    const head = await h.login('truong');
    const admin = await h.login('admin');
    expect(await codeOf(h.core.handle('report.queue', input))).toBe('UNAUTHORIZED');
    expect(await codeOf(h.core.handle('report.queue', input, clerk))).toBe('FORBIDDEN');
    expect(await codeOf(h.core.handle('report.export', { ...input, format: 'csv' }, clerk))).toBe('FORBIDDEN');
    for (const token of [head, admin]) {
      // Access passes; what the report answers is the report's own business.
      const outcome = await h.core.handle('report.queue', input, token).then(
        () => 'ok',
        (e: { code: string }) => e.code,
      );
      expect(['ok', 'UNSUPPORTED']).toContain(outcome);
    }
    expect(await codeOf(h.core.handle('report.queue', { ...input, fromDay: '2026-12-03' }, head))).toBe('INVALID_INPUT');
    expect(await codeOf(h.core.handle('settings.set', { settings: { queueCounter: 3 } }, head))).toBe('FORBIDDEN');
    // The head is a clerk too: it can call citizens.
    await issue(h, 'OTHER');
    expect(((await h.core.handle('queue.callNext', { counter: 1 }, head)) as TicketView).label).toBe('1');
    expect(h.store.listUsers().find((u) => u.username === 'truong')?.role).toBe('head');
    expect(() => h.store.createUser({ username: 'sep', displayName: 'Sếp', role: 'boss' as 'head', password: 'password-9' }, 'test')).toThrow(/Role/);
  });

  it('the admin adds a head of centre, who can then read the report; a clerk or head cannot add accounts', async () => {
    const h = await harness();
    const admin = await h.login('admin');
    const clerk = await h.login('canbo');
    const head = await h.login('truong');
    const account = { username: 'pho.truong', displayName: 'Phó trưởng', role: 'head', password: 'password-77' };
    for (const token of [clerk, head]) expect(await codeOf(h.core.handle('users.create', account, token))).toBe('FORBIDDEN');
    expect(await h.core.handle('users.create', account, admin)).toEqual({ username: 'pho.truong', displayName: 'Phó trưởng', role: 'head' });
    expect(await codeOf(h.core.handle('users.create', { ...account, username: 'Pho.Truong' }, admin))).toBe('INVALID_INPUT');
    for (const bad of [{ role: 'boss' }, { password: 'short' }, { username: 'a b' }, { extra: 1 }]) {
      expect(await codeOf(h.core.handle('users.create', { ...account, username: 'x2', ...bad }, admin)), JSON.stringify(bad)).toBe('INVALID_INPUT');
    }
    const users = await h.core.handle('users.list', {}, admin);
    expect(users).toContainEqual({ username: 'pho.truong', displayName: 'Phó trưởng', role: 'head' });
    expect(JSON.stringify(users)).not.toMatch(/password|salt|hash/i);
    expect(h.store.audit({ limit: 1000 }).filter((a) => a.action === 'user.create').at(-1)).toMatchObject({ actor: 'admin', recordId: 'pho.truong' });
    const token = ((await h.core.handle('auth.login', { username: 'pho.truong', password: 'password-77' })) as { token: string }).token;
    const outcome = await h.core.handle('report.queue', { fromDay: TODAY, toDay: TODAY, period: 'day' }, token).then(
      () => 'ok',
      (e: { code: string }) => e.code,
    );
    expect(['ok', 'UNSUPPORTED']).toContain(outcome);
  });

  it('a demo store comes with a head account; its role survives a reopen of the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-queue-head-'));
    try {
      const store = openStore({ path: path.join(dir, 'motcua.db'), key: KEY, scrypt: FAST_SCRYPT, checkpointEverySeconds: 0 });
      seedUsers(store, true, {});
      store.close();
      const again = openStore({ path: path.join(dir, 'motcua.db'), key: KEY, checkpointEverySeconds: 0 });
      expect(await again.login('truong', 'motcua-truong')).toMatchObject({ username: 'truong', role: 'head' });
      again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
