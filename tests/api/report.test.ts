/**
 * The head's report through the API core: access (a plain clerk is refused), the counts from a real queue on an
 * encrypted SQLite file, the overdue dossiers, CSV, and the PDF through the real print worker (pdftotext).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { QueueReportView } from '../../src/api/contract';
import type { ProgressPort } from '../../src/api/handlers/context';
import { OVERDUE_CSV_HEADER } from '../../src/api/handlers/report';
import { printPort } from '../../src/app/compose';
import { PrintWorker } from '../../src/print/printWorker';
import { openDatabase, type Db } from '../../src/store/db';
import { StoreContext } from '../../src/store/storeContext';
import { QueueStore } from '../../src/store/queue';
import type { QueuePort } from '../../src/queue/port';
import { REPORT_CSV_COLUMNS } from '../../src/queue/report';
import { fakePrint, makeCore } from './fakes';

const MIN = 60_000;
const T0 = Date.parse('2026-12-02T01:00:00Z'); // 08:00 in Vietnam
const dbs: Db[] = [];
const dirs: string[] = [];
const printer = new PrintWorker({ idleMs: 2000 });

afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
afterAll(() => printer.close());

/**
 * A day at a real queue store: counter 2 serves 3 civil-status tickets (waits 5, 10 and 20 min; services 4, 6 and
 * 8 min), one more is absent twice and closed, a residence ticket is served at counter 1; two ratings.
 */
function dayAtTheCentre(): { port: Pick<QueuePort, 'tickets' | 'ratings'>; clock: { t: number } } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-report-'));
  dirs.push(dir);
  const db = openDatabase({ path: path.join(dir, 'q.db'), key: 'c3'.repeat(32) });
  dbs.push(db);
  const clock = { t: T0 };
  const q = new QueueStore(new StoreContext(db, () => new Date(clock.t), null));
  const at = (min: number): void => void (clock.t = T0 + min * MIN);
  const issue = (groupId: string, formId: string | null, dossierId: string | null = null) => q.issue({ groupId, formId, dossierId, issuer: 'C' });
  at(0);
  const a = issue('HO_TICH', 'KHAI_SINH', 'HS-20261202-AAAAAA');
  const b = issue('HO_TICH', 'KET_HON');
  const c = issue('HO_TICH', 'KHAI_TU');
  const absent = issue('HO_TICH', 'KHAI_SINH');
  const r = issue('CU_TRU', 'CT01');
  const policy = { noShowRequeueMinutes: 0, maxNoShowRequeues: 1 };
  at(5);
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
  at(3);
  expect(q.callNext(1, ['CU_TRU'])?.id).toBe(r.id);
  at(5);
  q.finish(r.id, 1);
  q.rate({ ticketId: a.id, level: 5, visits: 1, papersClear: true });
  q.rate({ ticketId: b.id, level: 3, visits: 2, papersClear: false });
  return { port: { tickets: async (f, t) => q.tickets(f, t), ratings: async (f, t) => q.ratings(f, t) }, clock };
}

const overdueSeen: string[] = [];
const progress: Pick<ProgressPort, 'overdue'> = {
  overdue: (today) => {
    overdueSeen.push(today);
    return [{ dossierCode: 'HS-20261120-QWERTY', formId: 'CT01', expectedReturn: '2026-11-30' }];
  },
};

async function setUp(over: { noQueue?: boolean; noPdf?: boolean } = {}) {
  const { port, clock } = dayAtTheCentre();
  const made = makeCore({
    queue: over.noQueue ? undefined : (port as QueuePort),
    progress: progress as ProgressPort,
    print: over.noPdf ? fakePrint : { ...fakePrint, queueReport: printPort(printer, () => new Date(clock.t)).queueReport },
    now: () => clock.t,
  });
  made.store.createUser({ username: 'truong', displayName: 'Trưởng trung tâm', role: 'head', password: 'pw-head' }, 'test');
  const login = async (username: string, password: string): Promise<string> => ((await made.core.handle('auth.login', { username, password })) as { token: string }).token;
  return { ...made, clock, login };
}

const RANGE = { fromDay: '2026-12-01', toDay: '2026-12-02', period: 'day' as const };

describe('report.queue / report.export', () => {
  it('only the head of centre or an admin may read or export it; a plain clerk is refused', async () => {
    const { core, login } = await setUp();
    const clerk = await login('canbo', 'pw-clerk');
    await expect(core.handle('report.queue', RANGE)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(core.handle('report.queue', RANGE, clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(core.handle('report.export', { ...RANGE, format: 'csv' }, clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await core.handle('report.queue', RANGE, await login('truong', 'pw-head'))).toMatchObject({ rows: expect.any(Array) });
    expect(await core.handle('report.queue', RANGE, await login('admin', 'pw-admin'))).toMatchObject({ rows: expect.any(Array) });
  });

  it('counts the day per group: served, kiosk dossiers, procedures, waiting and service distributions, no-shows, ratings, overdue', async () => {
    const { core, login } = await setUp();
    overdueSeen.length = 0;
    const r = (await core.handle('report.queue', RANGE, await login('truong', 'pw-head'))) as QueueReportView;
    expect(r.rows.map((x) => `${x.period} ${x.groupId}`)).toEqual(['2026-12-02 CU_TRU', '2026-12-02 HO_TICH']);
    const ht = r.rows[1]!;
    expect(ht).toMatchObject({ tickets: 4, served: 3, dossiers: 1, byForm: { KHAI_SINH: 1, KET_HON: 1, KHAI_TU: 1 }, noShowMarks: 1, noShowClosed: 1 });
    // Waits (ticket → first call) 5, 10, 20 and 30 min; services 4, 6, 8 min.
    expect(ht.waiting).toEqual({ count: 4, p50: 600, p90: 1800, max: 1800 });
    expect(ht.service).toEqual({ count: 3, p50: 360, p90: 480, max: 480 });
    expect(ht.ratings).toMatchObject({ count: 2, byLevel: [0, 0, 1, 0, 1], mean: 4, firstVisit: 1, papersClearYes: 1, papersClearNo: 1 });
    expect(r.rows[0]).toMatchObject({ tickets: 1, served: 1, byForm: { CT01: 1 } });
    expect(r.overdue).toEqual([{ dossierCode: 'HS-20261120-QWERTY', formId: 'CT01', expectedReturn: '2026-11-30' }]);
    // Overdue is judged against the centre's today (UTC+7), not the report's range.
    expect(overdueSeen).toEqual(['2026-12-02']);
    const week = (await core.handle('report.queue', { ...RANGE, period: 'week' }, await login('admin', 'pw-admin'))) as QueueReportView;
    expect(week.rows.map((x) => `${x.period} ${x.groupId} ${x.tickets}`)).toEqual(['2026-W49 CU_TRU 1', '2026-W49 HO_TICH 4']);
  });

  it('exports CSV: the report columns, one line per period and group, then the overdue dossiers', async () => {
    const { core, login } = await setUp();
    const out = (await core.handle('report.export', { ...RANGE, format: 'csv' }, await login('truong', 'pw-head'))) as { fileName: string; mime: string; dataBase64: string };
    expect(out.fileName).toBe('bao-cao-hang-doi-2026-12-01_2026-12-02-ngay.csv');
    expect(out.mime).toMatch(/^text\/csv/);
    const lines = Buffer.from(out.dataBase64, 'base64').toString('utf8').split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(lines[2]).toBe('2026-12-02,HO_TICH,4,3,1,KET_HON:1 KHAI_SINH:1 KHAI_TU:1,4,600,1800,1800,3,360,480,480,1,1,2,0,0,1,0,1,4,1,1,1');
    expect(lines.slice(3, 6)).toEqual(['', OVERDUE_CSV_HEADER, 'HS-20261120-QWERTY,CT01,2026-11-30']);
  });

  it('exports the PDF through the print worker: the counts and the overdue dossier are in its text', async () => {
    const { core, login } = await setUp();
    const out = (await core.handle('report.export', { ...RANGE, format: 'pdf' }, await login('admin', 'pw-admin'))) as { fileName: string; mime: string; dataBase64: string };
    expect(out).toMatchObject({ fileName: 'bao-cao-hang-doi-2026-12-01_2026-12-02-ngay.pdf', mime: 'application/pdf' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-report-pdf-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'r.pdf'), Buffer.from(out.dataBase64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    expect(text).toContain('BÁO CÁO TIẾP NHẬN VÀ PHỤC VỤ CÔNG DÂN');
    expect(text).toContain('UBND XÃ TÂN PHÚ');
    // Group labels come from the centre's queue configuration; the demo app marks its papers.
    expect(text).toMatch(/02\/12\/2026 Hộ tịch 4 3 1 10:00 \/ 30:00 \/ 30:00 6:00 \/ 8:00 \/ 8:00 1 \(1 bỏ\) 2 \(4\.00\)/);
    expect(text).toContain('HS-20261120-QWERTY');
    expect(text).toContain('DỮ LIỆU MẪU');
  }, 30_000);

  it('refuses a reversed or over-long range, and says UNSUPPORTED where the device has no queue', async () => {
    const { core, login } = await setUp();
    const head = await login('truong', 'pw-head');
    await expect(core.handle('report.queue', { ...RANGE, fromDay: '2026-12-03' }, head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.handle('report.queue', { ...RANGE, fromDay: '2025-01-01' }, head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.handle('report.export', { ...RANGE, format: 'xlsx' }, head)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const none = await setUp({ noQueue: true });
    await expect(none.core.handle('report.queue', RANGE, await none.login('truong', 'pw-head'))).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    // A host whose print port cannot render the report still exports CSV, and says UNSUPPORTED for the PDF.
    const noPdf = await setUp({ noPdf: true });
    const token = await noPdf.login('truong', 'pw-head');
    await expect(noPdf.core.handle('report.export', { ...RANGE, format: 'pdf' }, token)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(await noPdf.core.handle('report.export', { ...RANGE, format: 'csv' }, token)).toMatchObject({ mime: expect.stringMatching(/^text\/csv/) });
  });
});
