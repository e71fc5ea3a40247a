import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { openDatabase, type Db } from '../../src/store/db';
import { StoreContext } from '../../src/store/storeContext';
import { QueueStore } from '../../src/store/queue';
import { openStore } from '../../src/store/sqliteStore';
import { QueueError } from '../../src/queue/errors';
import { DEFAULT_QUEUE_CONFIG } from '../../src/queue/groups';
import { buildReport } from '../../src/queue/report';

const KEY = 'b2'.repeat(32);
const ROOT = path.resolve(__dirname, '../..');
const CHILD = path.join(ROOT, 'tests/queue/callChild.ts');
const open: Db[] = [];
const dirs: string[] = [];

function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-queue-'));
  dirs.push(dir);
  return path.join(dir, 'q.db');
}

/** A queue on a real encrypted store file, with a clock the test moves. */
function openQueue(file: string, clock: { t: number }): QueueStore {
  const db = openDatabase({ path: file, key: KEY });
  open.push(db);
  return new QueueStore(new StoreContext(db, () => new Date(clock.t), null));
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const MIN = 60_000;
const start = Date.parse('2026-12-02T01:00:00Z'); // 08:00 in Vietnam

describe('queue store (SQLite file)', () => {
  it('issues per-day numbers, calls in line order, recalls, transfers, finishes, and rates once', () => {
    const clock = { t: start };
    const q = openQueue(tempFile(), clock);
    const a = q.issue({ groupId: 'HO_TICH', formId: 'KHAI_SINH', dossierId: 'HS-20261202-AAAAAA', issuer: 'C' });
    clock.t += MIN;
    const b = q.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'C' });
    const k = q.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'K1' });
    expect([a.label, b.label, k.label]).toEqual(['1', '2', 'K1-001']);
    expect(q.status(b.id, 1).ahead).toBe(1);

    clock.t += MIN;
    const called = q.callNext(2, ['HO_TICH']);
    expect(called).toMatchObject({ id: a.id, state: 'called', counter: 2, dossierId: 'HS-20261202-AAAAAA' });
    expect(q.display().current).toEqual([{ counter: 2, label: '1', at: new Date(clock.t).toISOString() }]);
    expect(() => q.recall(a.id, 3)).toThrow(QueueError);
    q.recall(a.id, 2);
    expect(q.display().recent.map((r) => r.kind)).toEqual(['recall', 'call']);

    // Transfer keeps the ticket's place: counter 3 gets it before ticket 2, counter 2 never sees it again.
    q.transfer(a.id, 2, 3);
    expect(q.callNext(2, ['HO_TICH'])?.id).toBe(b.id);
    expect(q.callNext(3, [])?.id).toBe(a.id);
    clock.t += 10 * MIN;
    const done = q.finish(a.id, 3);
    expect(done.state).toBe('done');
    expect(() => q.rate({ ticketId: b.id, level: 5, visits: 1, papersClear: true })).toThrow(/not been served/);
    const r = q.rate({ ticketId: a.id, level: 4, visits: 2, papersClear: false });
    expect(r).toMatchObject({ counter: 3, groupId: 'HO_TICH', day: '2026-12-02', level: 4 });
    expect(() => q.rate({ ticketId: a.id, level: 5, visits: 1, papersClear: true })).toThrow(expect.objectContaining({ code: 'ALREADY_RATED' }));
    expect(q.events(a.id).map((e) => e.kind)).toEqual(['call', 'recall', 'transfer', 'call', 'done']);
  });

  it('no-show: back of the line after N minutes, closed after the allowed requeues', () => {
    const clock = { t: start };
    const q = openQueue(tempFile(), clock);
    const a = q.issue({ groupId: 'CU_TRU', formId: 'CT01', dossierId: null, issuer: 'C' });
    clock.t += MIN;
    const b = q.issue({ groupId: 'CU_TRU', formId: 'CT01', dossierId: null, issuer: 'C' });
    q.callNext(1, ['CU_TRU']);
    q.markNoShow(a.id, 1, DEFAULT_QUEUE_CONFIG);
    clock.t += MIN;
    expect(q.callNext(1, ['CU_TRU'])?.id).toBe(b.id);
    expect(q.callNext(1, ['CU_TRU'])).toBeNull(); // a is not callable before its 10 minutes
    clock.t += DEFAULT_QUEUE_CONFIG.noShowRequeueMinutes * MIN;
    expect(q.callNext(1, ['CU_TRU'])?.id).toBe(a.id);
    expect(q.markNoShow(a.id, 1, DEFAULT_QUEUE_CONFIG)).toMatchObject({ state: 'no_show', noShows: 2 });
    clock.t += 60 * MIN;
    expect(q.callNext(1, ['CU_TRU'])).toBeNull();
    const [row] = buildReport(q.tickets('2026-12-02'), q.ratings('2026-12-02'), 'day');
    expect(row).toMatchObject({ tickets: 2, served: 1, noShowMarks: 1, noShowClosed: 1 });
  });

  it('numbering restarts each centre day, blocks are separate, and a full block says so', () => {
    const clock = { t: start };
    const q = openQueue(tempFile(), clock);
    for (let i = 0; i < 3; i++) q.issue({ groupId: 'KHAC', formId: null, dossierId: null, issuer: 'C' });
    clock.t += 24 * 60 * MIN;
    expect(q.issue({ groupId: 'KHAC', formId: null, dossierId: null, issuer: 'C' }).label).toBe('1');
    const db = open[0] as Db;
    db.prepare("INSERT INTO queue_tickets (day, issuer, seq, label, group_id, state, issued_at, queue_at) VALUES ('2026-12-03', 'K2', 999, 'K2-999', 'KHAC', 'done', 'x', 'x')").run();
    expect(() => q.issue({ groupId: 'KHAC', formId: null, dossierId: null, issuer: 'K2' })).toThrow(expect.objectContaining({ code: 'BLOCK_FULL' }));
  });

  it('an offline kiosk ticket imported into the centre keeps its label, once, beside centre numbers', () => {
    const clock = { t: start };
    const kiosk = openQueue(tempFile(), clock);
    const centre = openQueue(tempFile(), clock);
    const offline = [1, 2, 3].map(() => kiosk.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'K1' }));
    centre.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'C' });
    for (const t of [...offline, ...offline]) centre.importKioskTicket(t);
    centre.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'C' });
    const labels = centre.tickets('2026-12-02').map((t) => t.label);
    expect(labels).toEqual(['1', 'K1-001', 'K1-002', 'K1-003', '2']);
    expect(new Set(labels).size).toBe(labels.length);
    expect(() => centre.importKioskTicket({ ...offline[0]!, label: '5' })).toThrow(/not a kiosk block number/);
  });

  it('the queue survives a restart: state is in the file', () => {
    const clock = { t: start };
    const file = tempFile();
    const q1 = openQueue(file, clock);
    const a = q1.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'C' });
    q1.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'C' });
    q1.callNext(2, ['HO_TICH']);
    (open[0] as Db).close();
    const q2 = openQueue(file, clock);
    expect(q2.get(a.id)).toMatchObject({ state: 'called', counter: 2 });
    expect(q2.callNext(2, ['HO_TICH'])?.label).toBe('2');
    expect(q2.get(a.id).state).toBe('done'); // "next" finishes what the counter was serving
    expect(q2.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'C' }).label).toBe('3');
  });
});

function runChild(args: string[]): { ready: Promise<void>; done: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<string>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out.slice('ready\n'.length).trim()) : reject(new Error(`child exited ${code}: ${err}`)))),
  );
  return { ready, done };
}

/** Both counters start together, press 100 times each; every issued ticket must be called exactly once. */
async function pressTogether(file: string, issued: number[], extra: [string[], string[]]): Promise<void> {
  const go = path.join(path.dirname(file), 'go');
  const children = [runChild([file, KEY, '1', '100', go, ...extra[0]]), runChild([file, KEY, '2', '100', go, ...extra[1]])];
  await Promise.all(children.map((c) => c.ready));
  fs.writeFileSync(go, '');
  const [one, two] = (await Promise.all(children.map((c) => c.done))).map((s) => s.split(' '));
  expect(one).toHaveLength(100);
  expect(two).toHaveLength(100);
  const all = [...(one as string[]), ...(two as string[])];
  expect(all).not.toContain('none');
  expect(new Set(all).size).toBe(200);
  expect(all.map(Number).sort((x, y) => x - y)).toEqual(issued);
  const check = openDatabase({ path: file, key: KEY });
  open.push(check);
  expect(check.prepare("SELECT count(*) FROM queue_events WHERE kind = 'call'").pluck().get()).toBe(200);
  expect(check.prepare("SELECT count(*) FROM (SELECT ticket_id FROM queue_events WHERE kind = 'call' GROUP BY ticket_id HAVING count(*) > 1)").pluck().get()).toBe(0);
}

describe('two counters pressing "Gọi số tiếp theo" at the same instant (two processes, one file)', () => {
  it('100 concurrent calls each: never the same ticket twice, every ticket called once', async () => {
    const file = tempFile();
    const q = openQueue(file, { t: Date.now() - MIN });
    const issued = Array.from({ length: 200 }, () => q.issue({ groupId: 'HO_TICH', formId: null, dossierId: null, issuer: 'C' }).id);
    (open[0] as Db).close();
    await pressTogether(file, issued, [[], []]);
  }, 120_000);

  it('the same through the API (queue.callNext, signed-in clerks, counters 1 and 2 sharing a group)', async () => {
    const file = tempFile();
    const store = openStore({ path: file, key: KEY, now: () => new Date(Date.now() - MIN), scrypt: { N: 1024, r: 8, p: 1, keyLen: 32 }, checkpointEverySeconds: 0 });
    store.createUser({ username: 'quay1', displayName: 'Quầy 1', role: 'clerk', password: 'password-1' }, 'test');
    store.createUser({ username: 'quay2', displayName: 'Quầy 2', role: 'head', password: 'password-2' }, 'test');
    // "Hỏi đáp, giấy tờ khác" is served by counters 1, 2 and 3 in the default configuration.
    expect(DEFAULT_QUEUE_CONFIG.groups.find((g) => g.id === 'KHAC')?.counters).toEqual([1, 2, 3]);
    const issued = Array.from({ length: 200 }, () => store.queue.issue({ groupId: 'KHAC', formId: null, dossierId: null, issuer: 'C' }).id);
    store.close();
    await pressTogether(file, issued, [
      ['api', 'quay1', 'password-1'],
      ['api', 'quay2', 'password-2'],
    ]);
  }, 120_000);
});
