/**
 * The centre's queue: tickets at the kiosk, calls at the counters, the hall display, the status look-up and the
 * satisfaction rating. Whatever keeps the line (this PC's store, or the centre's server) sits behind the QueuePort;
 * the decisions — which group a request joins, which groups a counter calls, whether a dossier belongs to the
 * caller, what a look-up may show — are made here, never taken from the client.
 */
import { ApiError, type DisplayView, type FormId, type StatusLookup, type TicketSlip, type TicketView } from '../contract';
import type { QueuePort } from '../../queue/port';
import type { Ticket } from '../../queue/types';
import { groupForRequest, groupsForCounter, type QueueConfig } from '../../queue/groups';
import { centreDay, formatTicketLabel, parseTicketLabel } from '../../queue/ticketNumber';
import { announcementClips } from '../../queue/announcement';
import { maskedInitials } from '../../queue/initials';
import type { Call, CoreContext, Handlers } from './context';
import { progressHandlers } from './progress';

export type QueueMethods =
  | 'queue.info'
  | 'queue.issue'
  | 'queue.lookup'
  | 'queue.rate'
  | 'queue.display'
  | 'queue.callNext'
  | 'queue.recall'
  | 'queue.noShow'
  | 'queue.finish'
  | 'queue.transfer'
  | 'queue.serving';

/** The ticket QR: `MOTCUA-T:<day>:<label>` plus `:<dossier code>` when the ticket came with a dossier. */
export const TICKET_QR_PREFIX = 'MOTCUA-T:';
export function ticketQr(t: Pick<Ticket, 'day' | 'label' | 'dossierId'>): string {
  return `${TICKET_QR_PREFIX}${t.day}:${t.label}${t.dossierId ? `:${t.dossierId}` : ''}`;
}

const QR_RE = /^MOTCUA-T:(\d{4}-\d{2}-\d{2}):([0-9K-]{1,8})(?::(HS-\d{8}-[0-9A-Z]{6}))?$/;
const DOSSIER_RE = /^HS-\d{8}-[0-9A-Z]{6}$/;

/** What a look-up code names: a ticket (day, label), a dossier, or both (a ticket QR that came with a dossier). */
export function parseLookupCode(raw: string, today: string): { ticket: { day: string; label: string } | null; dossierId: string | null } | null {
  // Keyboard-wedge scanners and typing may change case and add spaces; the codes themselves are upper case.
  const code = raw.trim().toUpperCase();
  const qr = QR_RE.exec(code);
  if (qr) return parseTicketLabel(qr[2] as string) ? { ticket: { day: qr[1] as string, label: qr[2] as string }, dossierId: qr[3] ?? null } : null;
  if (DOSSIER_RE.test(code)) return { ticket: null, dossierId: code };
  const label = typedLabel(code);
  return label ? { ticket: { day: today, label }, dossierId: null } : null;
}

/** A label as a citizen types it ("017" for 17, "K1-17" or "K1 017" for K1-017), in its printed form. */
function typedLabel(code: string): string | null {
  const centre = /^0*([1-9]\d{0,3})$/.exec(code);
  if (centre) return centre[1] as string;
  // Without a separator only the printed three digits are unambiguous ("K1017"; "K117" could be K1-017 or K11-007).
  const kiosk = /^K0*([1-9]\d?)(?:[\s-]+0*([1-9]\d{0,2})|(\d{3}))$/.exec(code);
  if (!kiosk) return null;
  const seq = Number(kiosk[2] ?? kiosk[3]);
  if (seq < 1) return null;
  const label = formatTicketLabel({ issuer: `K${Number(kiosk[1])}`, seq });
  return parseTicketLabel(label) ? label : null;
}

export function ticketView(t: Ticket): TicketView {
  return {
    id: t.id,
    day: t.day,
    label: t.label,
    groupId: t.groupId,
    formId: t.formId as FormId | null,
    dossierId: t.dossierId,
    state: t.state,
    counter: t.counter,
    issuedAt: t.issuedAt,
    calledAt: t.calledAt,
    noShows: t.noShows,
  };
}

/** The queue's own failures, from this module or another backend's copy of it (matched by name, not instanceof). */
export function fromQueueError(e: unknown): unknown {
  const q = e as { name?: string; code?: string; message?: string } | null;
  if (q?.name !== 'QueueError') return e;
  switch (q.code) {
    case 'NOT_FOUND':
      return new ApiError('NOT_FOUND', 'ticket');
    case 'INVALID':
      return new ApiError('INVALID_INPUT', q.message);
    case 'BLOCK_FULL':
      return new ApiError('UNSUPPORTED', 'no ticket numbers left for today');
    case 'ALREADY_RATED':
      return new ApiError('INVALID_TRANSITION', 'already rated');
    default:
      // WRONG_STATE: e.g. finishing a ticket another counter holds; the detail names labels and states only.
      return new ApiError('INVALID_TRANSITION', q.message);
  }
}

async function guarded<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw fromQueueError(e);
  }
}

function requireQueue(ctx: CoreContext): QueuePort {
  if (!ctx.o.queue) throw new ApiError('UNSUPPORTED', 'no queue on this device');
  return ctx.o.queue;
}

/** A counter number must be one the configuration knows, or its calls would silently find nobody. */
function configuredCounter(cfg: QueueConfig, counter: number): number {
  if (!cfg.groups.some((g) => g.counters.includes(counter))) throw new ApiError('INVALID_INPUT', `counter ${counter} serves no procedure group`);
  return counter;
}

export async function displayView(ctx: CoreContext, q: QueuePort): Promise<DisplayView> {
  const d = await q.display();
  const labels = new Map(ctx.queueConfig().groups.map((g) => [g.id, g.label]));
  return { current: d.current, recent: d.recent, waitingByGroup: d.waitingByGroup.map((w) => ({ groupId: w.groupId, label: labels.get(w.groupId) ?? w.groupId, waiting: w.waiting })) };
}

/**
 * Broadcasts the hall display after every change of the queue (this device's or, on a centre, any device's) and
 * each call or recall with its announcement clips. Redraws coalesce: a burst of changes costs one read after the
 * one in flight. Returns the unsubscribe.
 */
export function watchQueue(ctx: CoreContext): () => void {
  const q = ctx.o.queue;
  // A read-only queue (a report over a partial port in tests) has nothing to announce.
  if (typeof q?.onChange !== 'function') return () => {};
  let running = false;
  let again = false;
  const redraw = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        ctx.emit('queue.display', await displayView(ctx, q));
      } while (again);
    } catch {
      // The backend is unreachable for a moment; the next change redraws.
    } finally {
      running = false;
    }
  };
  const off = q.onChange((c) => {
    if (c.kind === 'call' || c.kind === 'recall') ctx.emit('queue.call', { counter: c.counter, label: c.label, kind: c.kind, clips: announcementClips(c.label, c.counter) });
    void redraw();
  });
  // At the centre's midnight yesterday's calls leave the hall screen even if nobody takes a ticket yet.
  const now = ctx.o.now ?? Date.now;
  let day = centreDay(new Date(now()));
  const timer = setInterval(() => {
    const d = centreDay(new Date(now()));
    if (d === day) return;
    day = d;
    void redraw();
  }, DAY_CHECK_MS);
  (timer as { unref?: () => void }).unref?.();
  return () => {
    clearInterval(timer);
    off();
  };
}
const DAY_CHECK_MS = 60_000;

export function queueHandlers(ctx: CoreContext): Handlers<QueueMethods | 'progress.get' | 'progress.set'> {
  const { o } = ctx;
  const today = (): string => centreDay(new Date((o.now ?? Date.now)()));

  const slip = async (q: QueuePort, t: Ticket, offline: boolean): Promise<TicketSlip> => {
    const cfg = ctx.queueConfig();
    const group = cfg.groups.find((g) => g.id === t.groupId);
    const st = await q.status(t);
    return {
      day: t.day,
      label: t.label,
      groupId: t.groupId,
      groupLabel: group?.label ?? t.groupId,
      counters: t.targetCounter !== null ? [t.targetCounter] : [...(group?.counters ?? [])],
      ahead: st.ahead,
      estimate: st.estimate ? { lowMinutes: st.estimate.lowMinutes, highMinutes: st.estimate.highMinutes } : null,
      offline,
      qr: ticketQr(t),
      dossierId: t.dossierId,
    };
  };

  /** A kiosk attaches only a dossier its own card session saved; a clerk may attach any. */
  const checkDossier = (dossierId: string, request: string, session: string | undefined, call: Call): void => {
    if (!call.clerk && (!session || !ctx.sessions.get(session, call.client).dossiers.has(dossierId))) throw new ApiError('UNAUTHORIZED', 'dossier not owned by this session');
    const d = o.store.get(dossierId);
    if (!d || d.status === 'purged') throw new ApiError('NOT_FOUND', 'dossier');
    if (d.formId !== request) throw new ApiError('INVALID_INPUT', 'the request does not match the dossier form');
  };

  const lookup = async (code: string): Promise<StatusLookup> => {
    const q = requireQueue(ctx);
    const day = today();
    const parsed = parseLookupCode(code, day);
    if (!parsed) throw new ApiError('NOT_FOUND', 'not a ticket or dossier code');
    let ticket = parsed.ticket ? await q.find(parsed.ticket.day, parsed.ticket.label) : null;
    // The ticket's own dossier wins over one written in a (possibly hand-made) QR.
    const dossierId = ticket ? (ticket.dossierId ?? null) : parsed.dossierId;
    if (!ticket && dossierId) {
      const byDossier = await q.findByDossier(dossierId);
      if (byDossier?.day === day) ticket = byDossier;
    }
    const found = dossierId && o.progress ? o.progress.lookup(dossierId) : null;
    if (!ticket && !found) throw new ApiError('NOT_FOUND', 'no such ticket or dossier');
    const status = ticket ? await q.status(ticket) : null;
    return {
      ticket: ticket && status ? { day: ticket.day, label: ticket.label, state: ticket.state, ahead: status.ahead, counter: ticket.counter } : null,
      dossier: found
        ? {
            code: found.dossierId,
            formId: found.formId as FormId,
            // A dossier the counter has not touched yet was still received: the kiosk saved it for the centre.
            progress: found.progress?.state ?? 'received',
            expectedReturn: found.progress?.expectedReturn ?? null,
            initials: maskedInitials(found.fullName),
          }
        : null,
    };
  };

  return {
    'queue.info': () => {
      const s = ctx.settings();
      return {
        groups: s.queueGroups.groups.map((g) => ({ id: g.id, label: g.label, counters: [...g.counters] })),
        counter: s.queueCounter,
        kiosk: s.queueKiosk,
        centre: o.queue?.centre?.() ?? false,
      };
    },
    'queue.issue': async (i, call) => {
      const q = requireQueue(ctx);
      if (i.dossierId) {
        checkDossier(i.dossierId, i.request, i.session, call);
        // Pressing twice (or coming back to the screen) gives the same ticket, not a second place in the line.
        const existing = await guarded(q.findByDossier(i.dossierId));
        if (existing && existing.day === today() && (existing.state === 'waiting' || existing.state === 'called')) return slip(q, existing, false);
      }
      const group = groupForRequest(ctx.queueConfig(), i.request);
      const issued = await guarded(q.issue({ request: i.request, groupId: group.id, dossierId: i.dossierId }));
      return slip(q, issued.ticket, issued.offline);
    },
    'queue.lookup': (i) => guarded(lookup(i.code)),
    'queue.rate': async (i) => {
      const q = requireQueue(ctx);
      // Rated at the kiosk or counter screen right after service: a past day's ticket is closed to ratings.
      if (i.day !== today()) throw new ApiError('INVALID_TRANSITION', 'only today’s tickets can be rated');
      await guarded(q.rate(i));
      return { rated: true as const };
    },
    'queue.display': () => guarded(displayView(ctx, requireQueue(ctx))),
    'queue.callNext': async (i) => {
      const cfg = ctx.queueConfig();
      const t = await guarded(requireQueue(ctx).callNext(configuredCounter(cfg, i.counter), groupsForCounter(cfg, i.counter)));
      return t ? ticketView(t) : null;
    },
    'queue.recall': async (i) => ticketView(await guarded(requireQueue(ctx).recall(i.ticketId, i.counter))),
    'queue.noShow': async (i) => ticketView(await guarded(requireQueue(ctx).markNoShow(i.ticketId, i.counter))),
    'queue.finish': async (i) => ticketView(await guarded(requireQueue(ctx).finish(i.ticketId, i.counter))),
    'queue.transfer': async (i) => {
      configuredCounter(ctx.queueConfig(), i.toCounter);
      return ticketView(await guarded(requireQueue(ctx).transfer(i.ticketId, i.fromCounter, i.toCounter)));
    },
    'queue.serving': async (i) => {
      const t = await guarded(requireQueue(ctx).serving(i.counter));
      return t ? ticketView(t) : null;
    },
    ...progressHandlers(ctx),
  };
}
