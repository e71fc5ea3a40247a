import { describe, expect, it } from 'vitest';
import { estimateWait, nextEligible, peopleAhead, percentile } from '../../src/queue/line';
import { buildReport, isoWeek, reportToCsv } from '../../src/queue/report';
import type { Rating, Ticket } from '../../src/queue/types';

const T0 = Date.parse('2026-12-02T01:00:00Z');
const at = (min: number): string => new Date(T0 + min * 60_000).toISOString();

function ticket(id: number, over: Partial<Ticket> = {}): Ticket {
  return {
    id, day: '2026-12-02', issuer: 'C', seq: id, label: String(id), groupId: 'HO_TICH', formId: 'KHAI_SINH', dossierId: null,
    state: 'waiting', issuedAt: at(id), queueAt: at(id), targetCounter: null, counter: null,
    firstCalledAt: null, calledAt: null, doneAt: null, noShows: 0, ...over,
  };
}

describe('the line', () => {
  it('a counter takes the earliest callable ticket of its groups; transfers only go to their counter', () => {
    const line = [ticket(1, { groupId: 'CU_TRU' }), ticket(2), ticket(3, { targetCounter: 3 }), ticket(4)];
    expect(nextEligible(line, 2, ['HO_TICH'], at(60))?.id).toBe(2);
    expect(nextEligible(line, 1, ['CU_TRU', 'HO_TICH'], at(60))?.id).toBe(1);
    expect(nextEligible(line, 3, [], at(60))?.id).toBe(3);
    expect(nextEligible(line, 2, ['KHAC'], at(60))).toBeNull();
  });

  it('a no-show waits at the back until its requeue time', () => {
    const line = [ticket(1, { queueAt: at(30), noShows: 1 }), ticket(2)];
    expect(nextEligible(line, 2, ['HO_TICH'], at(10))?.id).toBe(2);
    expect(nextEligible([line[0] as Ticket], 2, ['HO_TICH'], at(10))).toBeNull();
    expect(nextEligible([line[0] as Ticket], 2, ['HO_TICH'], at(30))?.id).toBe(1);
    expect(peopleAhead([...line, ticket(3, { queueAt: at(40) })], ticket(3, { queueAt: at(40) }))).toBe(2);
  });

  it('people ahead counts only the same group still waiting, earlier in the line', () => {
    const line = [ticket(1, { state: 'called' }), ticket(2, { groupId: 'CU_TRU' }), ticket(3), ticket(4)];
    expect(peopleAhead(line, line[3] as Ticket)).toBe(1);
  });

  it('the wait estimate is a range from the quartiles of recent services, or nothing with too few', () => {
    expect(estimateWait(3, [300, 300, 300, 300], 1)).toBeNull();
    // q1 = 300 s, q3 = 600 s, 4 ahead, 2 counters: low 4×5/2 = 10 min, high 5×10/2 = 25 min.
    expect(estimateWait(4, [300, 300, 600, 600, 300, 600, 450, 450], 2)).toEqual({ lowMinutes: 10, highMinutes: 25, basedOn: 8 });
    expect(estimateWait(0, [60, 60, 60, 60, 60], 1)).toEqual({ lowMinutes: 0, highMinutes: 5, basedOn: 5 });
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });
});

describe('the head of centre report', () => {
  const tickets: Ticket[] = [
    ticket(1, { state: 'done', dossierId: 'HS-1', firstCalledAt: at(11), calledAt: at(11), doneAt: at(21) }),
    ticket(2, { state: 'done', formId: null, firstCalledAt: at(32), calledAt: at(32), doneAt: at(37) }),
    ticket(3, { state: 'no_show', noShows: 2, firstCalledAt: at(40) }),
    ticket(4, { day: '2026-12-03', state: 'done', firstCalledAt: at(6), calledAt: at(6), doneAt: at(7), issuedAt: at(4) }),
  ];
  const rating = (ticketId: number, level: Rating['level'], day = '2026-12-02'): Rating => ({
    ticketId, day, groupId: 'HO_TICH', counter: 2, level, visits: level === 5 ? 1 : 2, papersClear: level > 2, ratedAt: at(50),
  });
  const ratings = [rating(1, 5), rating(2, 2), rating(4, 4, '2026-12-03')];

  it('per day: served, dossiers per form, wait and service distributions, no-shows, ratings', () => {
    const [d1, d2] = buildReport(tickets, ratings, 'day');
    expect(d1).toMatchObject({ period: '2026-12-02', groupId: 'HO_TICH', tickets: 3, served: 2, dossiers: 1, byForm: { KHAI_SINH: 1, OTHER: 1 }, noShowMarks: 1, noShowClosed: 1 });
    // Waits 10, 30 and 37 min (issued at minute 1, 2, 3; first called at 11, 32, 40).
    expect(d1?.waiting).toEqual({ count: 3, p50: 1800, p90: 2220, max: 2220 });
    expect(d1?.service).toEqual({ count: 2, p50: 300, p90: 600, max: 600 });
    expect(d1?.ratings).toEqual({ count: 2, byLevel: [0, 1, 0, 0, 1], mean: 3.5, firstVisit: 1, papersClearYes: 1, papersClearNo: 1 });
    expect(d2).toMatchObject({ period: '2026-12-03', tickets: 1, served: 1 });
  });

  it('per ISO week both days fall in one row', () => {
    expect(isoWeek('2026-12-02')).toBe('2026-W49');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    const rows = buildReport(tickets, ratings, 'week');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: '2026-W49', tickets: 4, served: 3, ratings: { count: 3 } });
  });

  it('CSV has a header and one quoted-where-needed line per row', () => {
    const csv = reportToCsv(buildReport(tickets, ratings, 'day'));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith('period,group,tickets,served,dossiers,by_form,wait_count')).toBe(true);
    expect(lines[1]).toBe('2026-12-02,HO_TICH,3,2,1,KHAI_SINH:1 OTHER:1,3,1800,2220,2220,2,300,600,600,1,1,2,0,1,0,0,1,3.5,1,1,1');
  });
});
