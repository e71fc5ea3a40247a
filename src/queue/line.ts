/**
 * The line itself, as pure functions over tickets: who is next for a counter, how many people are ahead, and an
 * estimate of the wait. The store runs `nextEligible` inside one IMMEDIATE transaction so two counters never
 * take the same ticket; these functions never touch a clock or a database.
 */
import type { Ticket } from './types';

/** Line order: place in the line, then issue order (ids grow with issue). */
export function lineOrder(a: Pick<Ticket, 'queueAt' | 'id'>, b: Pick<Ticket, 'queueAt' | 'id'>): number {
  return a.queueAt < b.queueAt ? -1 : a.queueAt > b.queueAt ? 1 : a.id - b.id;
}

/** True when `counter` serving `groupIds` may call `t` at `nowIso`. */
export function callableBy(t: Ticket, counter: number, groupIds: readonly string[], nowIso: string): boolean {
  if (t.state !== 'waiting' || t.queueAt > nowIso) return false;
  if (t.targetCounter !== null) return t.targetCounter === counter;
  return groupIds.includes(t.groupId);
}

/** The ticket "Gọi số tiếp theo" takes, or null when nobody callable is waiting. */
export function nextEligible(tickets: readonly Ticket[], counter: number, groupIds: readonly string[], nowIso: string): Ticket | null {
  let best: Ticket | null = null;
  for (const t of tickets) {
    if (callableBy(t, counter, groupIds, nowIso) && (best === null || lineOrder(t, best) < 0)) best = t;
  }
  return best;
}

/** Waiting tickets of the same group (or sent to the same counter) that come before `t`. */
export function peopleAhead(tickets: readonly Ticket[], t: Ticket): number {
  return tickets.filter(
    (o) =>
      o.id !== t.id &&
      o.state === 'waiting' &&
      (t.targetCounter !== null ? o.targetCounter === t.targetCounter : o.groupId === t.groupId && o.targetCounter === null) &&
      lineOrder(o, t) < 0,
  ).length;
}

/** Where a no-show goes: the back of the line, callable again `minutes` after it was marked. */
export function noShowQueueAt(markedAt: Date, minutes: number): string {
  return new Date(markedAt.getTime() + minutes * 60_000).toISOString();
}

export interface WaitEstimate {
  /** Minutes, rounded out to whole 5-minute steps; low ≤ high. */
  lowMinutes: number;
  highMinutes: number;
  /** Service times the estimate rests on. */
  basedOn: number;
}

/** Fewer recent services than this and we say "chưa đủ dữ liệu" rather than guess. */
export const MIN_SAMPLES_FOR_ESTIMATE = 5;
export const ESTIMATE_SAMPLE_WINDOW = 20;

/**
 * An honest wait estimate. Method: take the last 20 finished services of the group (call → done, seconds);
 * with fewer than 5, there is no estimate. Otherwise the quartiles q1 and q3 of those times give a range:
 * the people ahead are shared by the counters serving the group, so the wait is
 *   low  = ahead × q1 / counters,   high = (ahead + 1) × q3 / counters   (the counter may be mid-service),
 * rounded down / up to 5 minutes. A range, not a point, because service times at a commune counter vary
 * several-fold between a question and a marriage registration.
 */
export function estimateWait(ahead: number, recentServiceSeconds: readonly number[], servingCounters: number): WaitEstimate | null {
  const samples = recentServiceSeconds.slice(-ESTIMATE_SAMPLE_WINDOW).filter((s) => Number.isFinite(s) && s >= 0);
  if (samples.length < MIN_SAMPLES_FOR_ESTIMATE || servingCounters < 1) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const q1 = percentile(sorted, 25);
  const q3 = percentile(sorted, 75);
  const low = (ahead * q1) / servingCounters / 60;
  const high = ((ahead + 1) * q3) / servingCounters / 60;
  return { lowMinutes: Math.floor(low / 5) * 5, highMinutes: Math.max(5, Math.ceil(high / 5) * 5), basedOn: samples.length };
}

/** Nearest-rank percentile of an ascending array (no interpolation: every reported value really occurred). */
export function percentile(sortedAsc: readonly number[], p: number): number {
  if (sortedAsc.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedAsc.length));
  return sortedAsc[Math.min(rank, sortedAsc.length) - 1] as number;
}
