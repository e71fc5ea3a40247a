/**
 * The head of centre's report ("trưởng trung tâm") as pure functions over the store's queue rows: per day or
 * ISO week, dossiers per procedure, waiting time (ticket → first call) and service time (call → done) as
 * distributions, no-shows, and ratings. CSV for spreadsheets; charts and PDF are drawn from the same object.
 */
import { percentile } from './line';
import type { Rating, Ticket } from './types';

export type ReportPeriod = 'day' | 'week';

export interface Distribution {
  count: number;
  /** Seconds, nearest-rank percentiles (values that really occurred); null when count = 0. */
  p50: number | null;
  p90: number | null;
  max: number | null;
}

export interface PeriodGroupReport {
  /** YYYY-MM-DD for a day, YYYY-Www (ISO 8601 week) for a week. */
  period: string;
  groupId: string;
  tickets: number;
  served: number;
  /** Served tickets that came with a kiosk dossier. */
  dossiers: number;
  /** Served tickets per form id ('OTHER' for "Tôi cần hỏi / nộp giấy tờ khác"). */
  byForm: Record<string, number>;
  waiting: Distribution;
  service: Distribution;
  /** Tickets marked "vắng mặt" at least once, and those closed as no-shows. */
  noShowMarks: number;
  noShowClosed: number;
  ratings: { count: number; byLevel: [number, number, number, number, number]; mean: number | null; firstVisit: number; papersClearYes: number; papersClearNo: number };
}

/** ISO 8601 week of a calendar day (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - weekday + 3);
  const year = d.getUTCFullYear();
  // d is now the Thursday of the week; its year is the week's year, and its day of year fixes the week number.
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function distribution(seconds: readonly number[]): Distribution {
  const sorted = [...seconds].sort((a, b) => a - b);
  if (sorted.length === 0) return { count: 0, p50: null, p90: null, max: null };
  return { count: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), max: sorted[sorted.length - 1] as number };
}

const secondsBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 1000);

export function buildReport(tickets: readonly Ticket[], ratings: readonly Rating[], period: ReportPeriod): PeriodGroupReport[] {
  const key = (day: string, groupId: string): string => `${period === 'day' ? day : isoWeek(day)}\u0000${groupId}`;
  const buckets = new Map<string, { tickets: Ticket[]; ratings: Rating[] }>();
  const bucket = (k: string) => {
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = { tickets: [], ratings: [] }));
    return b;
  };
  for (const t of tickets) bucket(key(t.day, t.groupId)).tickets.push(t);
  for (const r of ratings) bucket(key(r.day, r.groupId)).ratings.push(r);
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, b]) => {
      const [periodKey, groupId] = k.split('\u0000') as [string, string];
      const served = b.tickets.filter((t) => t.state === 'done');
      const byForm: Record<string, number> = {};
      for (const t of served) byForm[t.formId ?? 'OTHER'] = (byForm[t.formId ?? 'OTHER'] ?? 0) + 1;
      const byLevel: [number, number, number, number, number] = [0, 0, 0, 0, 0];
      for (const r of b.ratings) byLevel[r.level - 1] = (byLevel[r.level - 1] ?? 0) + 1;
      return {
        period: periodKey,
        groupId,
        tickets: b.tickets.length,
        served: served.length,
        dossiers: served.filter((t) => t.dossierId !== null).length,
        byForm,
        waiting: distribution(b.tickets.filter((t) => t.firstCalledAt !== null).map((t) => secondsBetween(t.issuedAt, t.firstCalledAt as string))),
        service: distribution(served.filter((t) => t.calledAt !== null && t.doneAt !== null).map((t) => secondsBetween(t.calledAt as string, t.doneAt as string))),
        noShowMarks: b.tickets.filter((t) => t.noShows > 0).length,
        noShowClosed: b.tickets.filter((t) => t.state === 'no_show').length,
        ratings: {
          count: b.ratings.length,
          byLevel,
          mean: b.ratings.length ? Math.round((b.ratings.reduce((s, r) => s + r.level, 0) / b.ratings.length) * 100) / 100 : null,
          firstVisit: b.ratings.filter((r) => r.visits === 1).length,
          papersClearYes: b.ratings.filter((r) => r.papersClear === true).length,
          papersClearNo: b.ratings.filter((r) => r.papersClear === false).length,
        },
      };
    });
}

export const REPORT_CSV_COLUMNS = [
  'period', 'group', 'tickets', 'served', 'dossiers', 'by_form',
  'wait_count', 'wait_p50_s', 'wait_p90_s', 'wait_max_s',
  'service_count', 'service_p50_s', 'service_p90_s', 'service_max_s',
  'no_show_marked', 'no_show_closed',
  'ratings', 'rating_1', 'rating_2', 'rating_3', 'rating_4', 'rating_5', 'rating_mean', 'first_visit', 'papers_clear_yes', 'papers_clear_no',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function reportToCsv(rows: readonly PeriodGroupReport[]): string {
  const lines = [REPORT_CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const byForm = Object.entries(r.byForm).sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, n]) => `${f}:${n}`).join(' ');
    lines.push(
      [
        r.period, r.groupId, r.tickets, r.served, r.dossiers, byForm,
        r.waiting.count, r.waiting.p50, r.waiting.p90, r.waiting.max,
        r.service.count, r.service.p50, r.service.p90, r.service.max,
        r.noShowMarks, r.noShowClosed,
        r.ratings.count, ...r.ratings.byLevel, r.ratings.mean, r.ratings.firstVisit, r.ratings.papersClearYes, r.ratings.papersClearNo,
      ].map(csvField).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
