/** The kiosk's side of the queue through the API on a real store: info, tickets, status look-up, rating, display. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DisplayView, QueueCallEvent, QueueInfo, StatusLookup, TicketSlip, TicketView } from '../../src/api/contract';
import { announcementClips, clipText } from '../../src/queue/announcement';
import { parseLookupCode } from '../../src/api/handlers/queue';
import { makeCore } from './fakes';
import { codeOf, MIN, harnessPerTest, TODAY } from './queueHarness';

const harness = harnessPerTest(afterEach);

const OTHER = { request: 'OTHER', dossierId: null } as const;

describe('queue API — kiosk', () => {
  it('queue.info: the configured groups with their counters, this PC’s counter and kiosk numbers, standalone', async () => {
    const h = await harness();
    const info = (await h.core.handle('queue.info', {})) as QueueInfo;
    expect(info).toMatchObject({ counter: 2, kiosk: 1, centre: false });
    expect(info.groups.map((g) => g.id)).toEqual(['CU_TRU', 'HO_TICH', 'CHUNG_THUC', 'KHAC']);
    expect(info.groups.find((g) => g.id === 'KHAC')).toEqual({ id: 'KHAC', label: 'Hỏi đáp, giấy tờ khác', counters: [1, 2, 3] });
  });

  it('queue.issue without a card: the "other" group, its counters, people ahead, no estimate yet, a QR without dossier', async () => {
    const h = await harness();
    const first = (await h.core.handle('queue.issue', OTHER)) as TicketSlip;
    expect(first).toEqual({ day: TODAY, label: '1', groupId: 'KHAC', groupLabel: 'Hỏi đáp, giấy tờ khác', counters: [1, 2, 3], ahead: 0, estimate: null, offline: false, qr: `MOTCUA-T:${TODAY}:1`, dossierId: null });
    h.clock.t += MIN;
    await h.core.handle('queue.issue', OTHER);
    const third = (await h.core.handle('queue.issue', { request: 'KHAI_SINH', dossierId: null })) as TicketSlip;
    expect(third).toMatchObject({ label: '3', groupId: 'HO_TICH', counters: [2], ahead: 0 });
    expect(((await h.core.handle('queue.issue', OTHER)) as TicketSlip).ahead).toBe(2);
  });

  it('queue.issue with a dossier: only the session that saved it; pressing again gives the same ticket', async () => {
    const h = await harness();
    const mine = await h.kioskDossier();
    const other = await h.kioskDossier();
    const slip = (await h.core.handle('queue.issue', { request: 'CT01', dossierId: mine.dossierId, session: mine.session })) as TicketSlip;
    expect(slip).toMatchObject({ label: '1', groupId: 'CU_TRU', counters: [1], dossierId: mine.dossierId, qr: `MOTCUA-T:${TODAY}:1:${mine.dossierId}` });
    expect(((await h.core.handle('queue.issue', { request: 'CT01', dossierId: mine.dossierId, session: mine.session })) as TicketSlip).label).toBe('1');
    // Another citizen's session, no session at all, or the wrong form: refused, and no number is spent.
    expect(await codeOf(h.core.handle('queue.issue', { request: 'CT01', dossierId: mine.dossierId, session: other.session }))).toBe('UNAUTHORIZED');
    expect(await codeOf(h.core.handle('queue.issue', { request: 'CT01', dossierId: mine.dossierId }))).toBe('UNAUTHORIZED');
    expect(await codeOf(h.core.handle('queue.issue', { request: 'KET_HON', dossierId: other.dossierId, session: other.session }))).toBe('INVALID_INPUT');
    expect(await codeOf(h.core.handle('queue.issue', { request: 'CT01', dossierId: 'HS-20261202-ZZZZZZ', session: 'x'.repeat(32) }))).toBe('NO_SESSION');
    // A clerk may attach any dossier, but not one that does not exist.
    const token = await h.login('canbo');
    expect(await codeOf(h.core.handle('queue.issue', { request: 'CT01', dossierId: 'HS-20261202-ZZZZZZ' }, token))).toBe('NOT_FOUND');
    expect(((await h.core.handle('queue.issue', { request: 'CT01', dossierId: other.dossierId }, token)) as TicketSlip).label).toBe('2');
    expect(h.store.queue.tickets(TODAY).map((t) => t.label)).toEqual(['1', '2']);
  });

  it('queue.issue refuses malformed requests: a dossier with "other", personal data fields, a bad code', async () => {
    const h = await harness();
    for (const bad of [
      { request: 'OTHER', dossierId: 'HS-20261202-ABC123' },
      { request: 'CT01', dossierId: null, fullName: 'Lê Văn Tám' },
      { request: 'CT01', dossierId: '../../etc' },
      { request: 'NOPE', dossierId: null },
      { request: 'CT01' },
    ]) {
      expect(await codeOf(h.core.handle('queue.issue', bad)), JSON.stringify(bad)).toBe('INVALID_INPUT');
    }
    expect(h.store.queue.tickets(TODAY)).toEqual([]);
  });

  it('queue.lookup by ticket QR, dossier code or typed label: state, place, progress and masked initials only', async () => {
    const h = await harness();
    const d = await h.kioskDossier();
    const slip = (await h.core.handle('queue.issue', { request: 'CT01', dossierId: d.dossierId, session: d.session })) as TicketSlip;
    await h.core.handle('queue.issue', OTHER);
    const byQr = (await h.core.handle('queue.lookup', { code: slip.qr })) as StatusLookup;
    expect(byQr).toEqual({
      ticket: { day: TODAY, label: '1', state: 'waiting', ahead: 0, counter: null },
      dossier: { code: d.dossierId, formId: 'CT01', progress: 'received', expectedReturn: null, initials: 'N.V.M.' },
    });
    // Typed codes: case and spaces do not matter; the dossier code finds today's ticket too.
    expect(await h.core.handle('queue.lookup', { code: `  ${d.dossierId.toLowerCase()} ` })).toEqual(byQr);
    expect(await h.core.handle('queue.lookup', { code: '2' })).toEqual({ ticket: { day: TODAY, label: '2', state: 'waiting', ahead: 0, counter: null }, dossier: null });
    expect(await h.core.handle('queue.lookup', { code: ' 002' })).toEqual(await h.core.handle('queue.lookup', { code: '2' }));
    for (const r of [byQr, await h.core.handle('queue.lookup', { code: d.dossierId })]) {
      const text = JSON.stringify(r);
      for (const pii of ['NGUYỄN', 'NGUYEN', 'MẪU', '001099012345', '1990']) expect(text).not.toContain(pii);
    }
    const token = await h.login('canbo');
    await h.core.handle('progress.set', { id: d.dossierId, state: 'result_ready', expectedReturn: '2026-12-09' }, token);
    expect(((await h.core.handle('queue.lookup', { code: d.dossierId })) as StatusLookup).dossier).toMatchObject({ progress: 'result_ready', expectedReturn: '2026-12-09' });
  });

  it('queue.lookup: NOT_FOUND for unknown or foreign codes, erased dossiers, and yesterday’s label typed today', async () => {
    const h = await harness();
    const d = await h.kioskDossier();
    await h.core.handle('queue.issue', OTHER);
    for (const code of ['HS-20261202-ZZZZZZ', '99', 'K1-001', 'MOTCUA-T:2026-12-01:1', 'hello', 'MOTCUA-T:2026-12-02:abc']) {
      expect(await codeOf(h.core.handle('queue.lookup', { code })), code).toBe('NOT_FOUND');
    }
    expect(await codeOf(h.core.handle('queue.lookup', { code: '' }))).toBe('INVALID_INPUT');
    expect(await codeOf(h.core.handle('queue.lookup', { code: 'x'.repeat(121) }))).toBe('INVALID_INPUT');
    h.clock.t += 24 * 60 * MIN;
    expect(await codeOf(h.core.handle('queue.lookup', { code: '1' }))).toBe('NOT_FOUND');
    expect(((await h.core.handle('queue.lookup', { code: `MOTCUA-T:${TODAY}:1` })) as StatusLookup).ticket?.label).toBe('1');
    // The citizen's erasure takes the dossier out of the look-up.
    expect(((await h.core.handle('queue.lookup', { code: d.dossierId })) as StatusLookup).dossier?.code).toBe(d.dossierId);
    h.store.deleteCitizen('001099012345', 'test');
    expect(await codeOf(h.core.handle('queue.lookup', { code: d.dossierId }))).toBe('NOT_FOUND');
  });

  it('queue.rate: once per served ticket of today, tied to counter and group; refused before service and twice', async () => {
    const h = await harness();
    await h.core.handle('queue.issue', { request: 'KHAI_SINH', dossierId: null });
    const rating = { day: TODAY, label: '1', level: 4, visits: 2, papersClear: true };
    expect(await codeOf(h.core.handle('queue.rate', rating))).toBe('INVALID_TRANSITION');
    const token = await h.login('canbo');
    const t = (await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView;
    await h.core.handle('queue.finish', { ticketId: t.id, counter: 2 }, token);
    expect(await h.core.handle('queue.rate', rating)).toEqual({ rated: true });
    expect(await codeOf(h.core.handle('queue.rate', { ...rating, level: 5 }))).toBe('INVALID_TRANSITION');
    expect(h.store.queue.ratings(TODAY)).toEqual([expect.objectContaining({ ticketId: t.id, counter: 2, groupId: 'HO_TICH', level: 4, visits: 2, papersClear: true })]);
    expect(await codeOf(h.core.handle('queue.rate', { ...rating, label: '7' }))).toBe('NOT_FOUND');
    expect(await codeOf(h.core.handle('queue.rate', { ...rating, day: '2026-12-01' }))).toBe('INVALID_TRANSITION');
    for (const bad of [{ level: 6 }, { level: 0 }, { visits: 0 }, { visits: 21 }, { label: 'abc' }, { papersClear: 'yes' }, { comment: 'rất tốt' }]) {
      expect(await codeOf(h.core.handle('queue.rate', { ...rating, ...bad })), JSON.stringify(bad)).toBe('INVALID_INPUT');
    }
  });

  it('a call is announced and the hall display redrawn: numbers, counters, group names, nothing personal', async () => {
    const h = await harness();
    const calls: QueueCallEvent[] = [];
    const views: DisplayView[] = [];
    h.core.on('queue.call', (c) => calls.push(c));
    h.core.on('queue.display', (v) => views.push(v));
    const d = await h.kioskDossier();
    await h.core.handle('queue.issue', { request: 'KHAI_SINH', dossierId: null });
    await h.core.handle('queue.issue', { request: 'CT01', dossierId: d.dossierId, session: d.session });
    await vi.waitFor(() => expect(views.at(-1)?.waitingByGroup).toEqual([{ groupId: 'CU_TRU', label: 'Cư trú', waiting: 1 }, { groupId: 'HO_TICH', label: 'Hộ tịch', waiting: 1 }]));
    const token = await h.login('canbo');
    h.clock.t += MIN;
    const t = (await h.core.handle('queue.callNext', { counter: 2 }, token)) as TicketView;
    expect(calls).toEqual([{ counter: 2, label: '1', kind: 'call', clips: announcementClips('1', 2) }]);
    expect(clipText(announcementClips('1', 2) as Parameters<typeof clipText>[0])).toBe('Mời công dân có số thứ tự một đến quầy số hai');
    await vi.waitFor(() => expect(views.at(-1)?.current).toEqual([{ counter: 2, label: '1', at: new Date(h.clock.t).toISOString() }]));
    await h.core.handle('queue.recall', { ticketId: t.id, counter: 2 }, token);
    expect(calls.at(-1)).toMatchObject({ kind: 'recall', label: '1', counter: 2 });
    const view = (await h.core.handle('queue.display', {})) as DisplayView;
    expect(view.recent.map((r) => r.kind)).toEqual(['recall', 'call']);
    expect(view.waitingByGroup).toEqual([{ groupId: 'CU_TRU', label: 'Cư trú', waiting: 1 }]);
    expect(JSON.stringify([view, views, calls])).not.toMatch(/HS-|NGUY|001099/);
  });

  it('look-up codes: the ticket QR, a dossier code, or a label typed the way citizens type it', () => {
    expect(parseLookupCode('MOTCUA-T:2026-12-01:K1-017:HS-20261201-ABC123', TODAY)).toEqual({ ticket: { day: '2026-12-01', label: 'K1-017' }, dossierId: 'HS-20261201-ABC123' });
    expect(parseLookupCode('motcua-t:2026-12-01:17', TODAY)).toEqual({ ticket: { day: '2026-12-01', label: '17' }, dossierId: null });
    expect(parseLookupCode('hs-20261201-abc123', TODAY)).toEqual({ ticket: null, dossierId: 'HS-20261201-ABC123' });
    for (const typed of ['K1-017', 'k1-17', 'K1 017', 'K01-17', 'K1017']) expect(parseLookupCode(typed, TODAY)?.ticket, typed).toEqual({ day: TODAY, label: 'K1-017' });
    expect(parseLookupCode('0017', TODAY)?.ticket?.label).toBe('17');
    for (const bad of ['0', 'K0-001', 'K1-000', 'K1000', 'K117', '12345', 'K100-001', 'MOTCUA-T:2026-12-01:017', 'HS-1', 'DROP TABLE']) expect(parseLookupCode(bad, TODAY), bad).toBeNull();
  });

  it("at the centre's midnight the hall display drops yesterday's calls without waiting for a new ticket", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const h = await harness();
      const views: DisplayView[] = [];
      h.core.on('queue.display', (v) => views.push(v));
      await h.core.handle('queue.issue', OTHER);
      const token = await h.login('canbo');
      await h.core.handle('queue.callNext', { counter: 1 }, token);
      await vi.waitFor(() => expect(views.at(-1)?.current).toHaveLength(1));
      vi.advanceTimersByTime(60_000);
      expect(views.at(-1)?.current).toHaveLength(1); // same day: no redraw needed
      h.clock.t += 24 * 60 * MIN;
      vi.advanceTimersByTime(60_000);
      await vi.waitFor(() => expect(views.at(-1)).toEqual({ current: [], recent: [], waitingByGroup: [] }));
    } finally {
      vi.useRealTimers();
    }
  });

  it('a device without a queue answers UNSUPPORTED', async () => {
    const { core } = makeCore();
    expect(await codeOf(core.handle('queue.display', {}))).toBe('UNSUPPORTED');
    expect(await codeOf(core.handle('queue.issue', OTHER))).toBe('UNSUPPORTED');
    expect(((await core.handle('queue.info', {})) as QueueInfo).centre).toBe(false);
  });
});
