/**
 * The head's report through the API core: access (a plain clerk is refused), the counts from a real queue on an
 * encrypted SQLite file (LocalQueue and the dossier progress store, as compose.ts wires them), the overdue dossiers,
 * CSV, and the PDF through the real print worker (pdftotext).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { QueueReportView } from '../../src/api/contract';
import { OVERDUE_CSV_HEADER } from '../../src/api/handlers/report';
import { printPort } from '../../src/app/compose';
import { PrintWorker } from '../../src/print/printWorker';
import { ApiCore, SETTINGS_KEY } from '../../src/api/core';
import { mergeSettings } from '../../src/api/settings';
import { LocalQueue } from '../../src/app/localQueue';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import { REPORT_CSV_COLUMNS } from '../../src/queue/report';
import { FakeCard, fakeForms, fakePrint } from './fakes';

const MIN = 60_000;
const T0 = Date.parse('2026-12-02T01:00:00Z'); // 08:00 in Vietnam
const stores: SqliteDossierStore[] = [];
const dirs: string[] = [];
const printer = new PrintWorker({ idleMs: 2000 });

afterEach(() => {
  for (const st of stores.splice(0)) st.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
afterAll(() => printer.close());

/**
 * The API core over a real encrypted store file with this PC's queue (LocalQueue) and dossier progress, as
 * compose.ts wires them, one clock for all. The day: counter 2 serves 3 civil-status tickets (waits 5, 10 and 20
 * min; services 4, 6 and 8 min), one more is absent twice and closed, a residence ticket is served at counter 1;
 * two ratings. Progress: one dossier promised yesterday (overdue), one today (not yet), one returned late (done).
 */
async function setUp(over: { noQueue?: boolean; noPdf?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-report-'));
  dirs.push(dir);
  const clock = { t: T0 };
  const store = openStore({ path: path.join(dir, 'motcua.db'), key: 'c3'.repeat(32), now: () => new Date(clock.t), scrypt: { N: 1024, r: 8, p: 1, keyLen: 32 }, checkpointEverySeconds: 0 });
  stores.push(store);
  store.createUser({ username: 'canbo', displayName: 'Cán bộ', role: 'clerk', password: 'pw-clerk-1' }, 'test');
  store.createUser({ username: 'truong', displayName: 'Trưởng trung tâm', role: 'head', password: 'pw-head-1' }, 'test');
  store.createUser({ username: 'admin', displayName: 'Quản trị', role: 'admin', password: 'pw-admin-1' }, 'test');
  store.setSetting(SETTINGS_KEY, { communeName: 'UBND xã Tân Phú', provinceName: 'Tỉnh Đồng Nai' }, 'test');
  const dossier = (formId: 'CT01' | 'KHAI_SINH') => store.createDossier({ formId, formVersion: '1', fields: [], actor: 'kiosk' }).id;
  const [late, dueToday, returned, kiosk] = [dossier('CT01'), dossier('KHAI_SINH'), dossier('CT01'), dossier('KHAI_SINH')];
  store.progress.set(late, 'processing', '2026-12-01', 'canbo');
  store.progress.set(dueToday, 'result_ready', '2026-12-02', 'canbo');
  store.progress.set(returned, 'returned', '2026-11-20', 'canbo');

  const q = store.queue;
  const at = (min: number): void => void (clock.t = T0 + min * MIN);
  const issue = (groupId: string, formId: string | null, dossierId: string | null = null) => q.issue({ groupId, formId, dossierId, issuer: 'C' });
  at(0);
  const a = issue('HO_TICH', 'KHAI_SINH', kiosk);
  const b = issue('HO_TICH', 'KET_HON');
  const c = issue('HO_TICH', 'KHAI_TU');
  const absent = issue('HO_TICH', 'KHAI_SINH');
  const r = issue('CU_TRU', 'CT01');
  const policy = { noShowRequeueMinutes: 0, maxNoShowRequeues: 1 };
  at(3);
  expect(q.callNext(1, ['CU_TRU'])?.id).toBe(r.id);
  at(5);
  q.finish(r.id, 1);
  expect(q.callNext(2, ['HO_TICH'])?.id).toBe(a.id);
  at(9);
  q.finish(a.id, 2);
  at(10);
  expect(q.callNext(2, ['HO_TICH'])?.id).toBe(b.id);
  at(16);
  q.finish(b.id, 2);
  at(20);
  expect(q.callNext(2, ['HO_TICH'])?.id).toBe(c.id);
  at(28);
  q.finish(c.id, 2);
  at(30);
  expect(q.callNext(2, ['HO_TICH'])?.id).toBe(absent.id);
  q.markNoShow(absent.id, 2, policy);
  at(31);
  expect(q.callNext(2, ['HO_TICH'])?.id).toBe(absent.id);
  q.markNoShow(absent.id, 2, policy);
  q.rate({ ticketId: a.id, level: 5, visits: 1, papersClear: true });
  q.rate({ ticketId: b.id, level: 3, visits: 2, papersClear: false });

  const core = new ApiCore({
    card: new FakeCard(),
    store,
    queue: over.noQueue ? undefined : new LocalQueue(q, () => mergeSettings(store.getSetting(SETTINGS_KEY)).queueGroups),
    progress: store.progress,
    forms: fakeForms,
    print: over.noPdf ? fakePrint : { ...fakePrint, queueReport: printPort(printer, () => new Date(clock.t)).queueReport },
    host: 'browser',
    mode: 'counter',
    demo: true,
    version: 'test',
    now: () => clock.t,
    sweepIntervalMs: 0,
  });
  const login = async (username: string, password: string): Promise<string> => ((await core.handle('auth.login', { username, password })) as { token: string }).token;
  return { core, login, late };
}

const RANGE = { fromDay: '2026-12-01', toDay: '2026-12-02', period: 'day' as const };

describe('report.queue / report.export', () => {
  it('only the head of centre or an admin may read or export it; a plain clerk is refused', async () => {
    const { core, login } = await setUp();
    const clerk = await login('canbo', 'pw-clerk-1');
    await expect(core.handle('report.queue', RANGE)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(core.handle('report.queue', RANGE, clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(core.handle('report.export', { ...RANGE, format: 'csv' }, clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await core.handle('report.queue', RANGE, await login('truong', 'pw-head-1'))).toMatchObject({ rows: expect.any(Array) });
    expect(await core.handle('report.queue', RANGE, await login('admin', 'pw-admin-1'))).toMatchObject({ rows: expect.any(Array) });
  });

  it('counts the day per group: served, kiosk dossiers, procedures, waiting and service distributions, no-shows, ratings, overdue', async () => {
    const { core, login, late } = await setUp();
    const r = (await core.handle('report.queue', RANGE, await login('truong', 'pw-head-1'))) as QueueReportView;
    expect(r.rows.map((x) => `${x.period} ${x.groupId}`)).toEqual(['2026-12-02 CU_TRU', '2026-12-02 HO_TICH']);
    const ht = r.rows[1]!;
    expect(ht).toMatchObject({ tickets: 4, served: 3, dossiers: 1, byForm: { KHAI_SINH: 1, KET_HON: 1, KHAI_TU: 1 }, noShowMarks: 1, noShowClosed: 1 });
    // Waits (ticket → first call) 5, 10, 20 and 30 min; services 4, 6, 8 min.
    expect(ht.waiting).toEqual({ count: 4, p50: 600, p90: 1800, max: 1800 });
    expect(ht.service).toEqual({ count: 3, p50: 360, p90: 480, max: 480 });
    expect(ht.ratings).toMatchObject({ count: 2, byLevel: [0, 0, 1, 0, 1], mean: 4, firstVisit: 1, papersClearYes: 1, papersClearNo: 1 });
    expect(r.rows[0]).toMatchObject({ tickets: 1, served: 1, byForm: { CT01: 1 } });
    // Overdue against the centre's today (2026-12-02, UTC+7), not the report's range: promised yesterday and not
    // returned. Promised today is not late yet; returned is done whatever its date.
    expect(r.overdue).toEqual([{ dossierCode: late, formId: 'CT01', expectedReturn: '2026-12-01' }]);
    const week = (await core.handle('report.queue', { ...RANGE, period: 'week' }, await login('admin', 'pw-admin-1'))) as QueueReportView;
    expect(week.rows.map((x) => `${x.period} ${x.groupId} ${x.tickets}`)).toEqual(['2026-W49 CU_TRU 1', '2026-W49 HO_TICH 4']);
  });

  it('exports CSV: the report columns, one line per period and group, then the overdue dossiers', async () => {
    const { core, login, late } = await setUp();
    const out = (await core.handle('report.export', { ...RANGE, format: 'csv' }, await login('truong', 'pw-head-1'))) as { fileName: string; mime: string; dataBase64: string };
    expect(out.fileName).toBe('bao-cao-hang-doi-2026-12-01_2026-12-02-ngay.csv');
    expect(out.mime).toMatch(/^text\/csv/);
    const lines = Buffer.from(out.dataBase64, 'base64').toString('utf8').split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(lines[2]).toBe('2026-12-02,HO_TICH,4,3,1,KET_HON:1 KHAI_SINH:1 KHAI_TU:1,4,600,1800,1800,3,360,480,480,1,1,2,0,0,1,0,1,4,1,1,1');
    expect(lines.slice(3, 6)).toEqual(['', OVERDUE_CSV_HEADER, `${late},CT01,2026-12-01`]);
  });

  it('exports the PDF through the print worker: the counts and the overdue dossier are in its text', async () => {
    const { core, login, late } = await setUp();
    const out = (await core.handle('report.export', { ...RANGE, format: 'pdf' }, await login('admin', 'pw-admin-1'))) as { fileName: string; mime: string; dataBase64: string };
    expect(out).toMatchObject({ fileName: 'bao-cao-hang-doi-2026-12-01_2026-12-02-ngay.pdf', mime: 'application/pdf' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-report-pdf-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'r.pdf'), Buffer.from(out.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('BÁO CÁO TIẾP NHẬN VÀ PHỤC VỤ CÔNG DÂN');
    expect(text).toContain('UBND XÃ TÂN PHÚ');
    // Group labels come from the centre's queue configuration; the demo app marks its papers.
    expect(text).toMatch(/02\/12\/2026 Hộ tịch 4 3 1 10:00 \/ 30:00 \/ 30:00 6:00 \/ 8:00 \/ 8:00 1 \(1 bỏ\) 2 \(4\.00\)/);
    expect(text).toContain(late);
    expect(text).toContain('DỮ LIỆU MẪU');
  }, 30_000);

  it('refuses a reversed or over-long range, and says UNSUPPORTED where the device has no queue', async () => {
    const { core, login } = await setUp();
    const head = await login('truong', 'pw-head-1');
    await expect(core.handle('report.queue', { ...RANGE, fromDay: '2026-12-03' }, head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.handle('report.queue', { ...RANGE, fromDay: '2025-01-01' }, head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.handle('report.export', { ...RANGE, format: 'xlsx' }, head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const none = await setUp({ noQueue: true });
    await expect(none.core.handle('report.queue', RANGE, await none.login('truong', 'pw-head-1'))).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    // A host whose print port cannot render the report still exports CSV, and says UNSUPPORTED for the PDF.
    const noPdf = await setUp({ noPdf: true });
    const token = await noPdf.login('truong', 'pw-head-1');
    await expect(noPdf.core.handle('report.export', { ...RANGE, format: 'pdf' }, token)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(await noPdf.core.handle('report.export', { ...RANGE, format: 'csv' }, token)).toMatchObject({ mime: expect.stringMatching(/^text\/csv/) });
  });
});
