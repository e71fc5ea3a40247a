/**
 * The queue of an enrolled device: the centre's shared line (PgQueue) whenever the centre server can be reached.
 * When it cannot:
 * - a kiosk (settings `queueKiosk` = n) keeps giving tickets, from its own block `K<n>-001`, `K<n>-002`… kept in
 *   its local store, so the citizen still leaves with a number no other device can hold that day (the issuer is
 *   part of the label: queue/ticketNumber.ts). When the centre is back those tickets are uploaded — idempotent on
 *   (centre, day, label) — in their original place in the line (their issue time), and the local copies are
 *   marked uploaded in the store, so a restart does not send them again;
 * - everything else (calling, the display, reports) needs the one shared line and says QUEUE_OFFLINE: a counter
 *   calling from a private copy could call a citizen another counter is already serving.
 * One ambiguity is accepted: if the connection breaks after the server issued a number but before the answer
 * arrived, the kiosk prints a K-number and the server's number is never collected; it ends as a no-show.
 */
import { ApiError } from '../api/contract';
import { CentreQueueUnavailable, PgQueue } from '../centre/device/pgQueue';
import { loadLink, type CentreLink } from '../centre/device/link';
import { OTHER_REQUEST, servingCounters, type QueueConfig } from '../queue/groups';
import { QueueError } from '../queue/errors';
import type { DisplayState, IssueRequest, IssuedTicket, QueueChange, QueuePort, RateRequest, TicketStatus } from '../queue/port';
import { CENTRE_ISSUER, centreDay, kioskIssuer } from '../queue/ticketNumber';
import type { Rating, Ticket } from '../queue/types';
import type { IssueTicketInput } from '../store/queue';

/** What the router needs of the device's own queue store (src/store/queue.ts QueueStore). */
export interface KioskBlockStore {
  issue(input: IssueTicketInput): Ticket;
  findByLabel(day: string, label: string): Ticket | null;
  status(ticketId: number, servingCounters: number): TicketStatus;
  tickets(fromDay: string, toDay?: string): Ticket[];
}

/** The device store's settings (DossierStore.getSetting/setSetting), where the upload marks are kept. */
export interface SettingsAccess {
  getSetting<T = unknown>(key: string): T | null;
  setSetting(key: string, value: unknown, actor: string): void;
}

export const UPLOAD_MARKS_KEY = 'queue.kioskUploads';

/** Labels by centre day: uploaded, or refused by the centre (another kiosk already holds the label). */
interface UploadMarks {
  uploaded: Record<string, string[]>;
  refused: Record<string, string[]>;
}

/** Offline tickets older than this are no longer uploaded (the report window of a busy week is covered). */
const UPLOAD_WINDOW_DAYS = 7;
/**
 * While the centre is known to be down, a kiosk goes straight to its block instead of waiting on a connect (a LAN
 * cut costs the 5 s connect timeout); the LISTEN connection coming back ends this at once.
 */
const RETRY_CENTRE_AFTER_MS = 10_000;
const UPLOAD_RETRY_MS = 30_000;

export interface CentreQueueOptions {
  link: CentreLink;
  local: KioskBlockStore;
  settings: SettingsAccess;
  /** This device's kiosk number (settings `queueKiosk`), or null on a counter. */
  kiosk: () => number | null;
  config: () => QueueConfig;
  now?: () => Date;
}

export interface UploadResult {
  uploaded: number;
  refused: number;
  /** Still waiting (the centre went away again during the upload). */
  pending: number;
}

export interface CentreQueue extends QueuePort {
  /** Sends this kiosk's offline tickets to the centre; runs by itself when the centre comes back. */
  uploadPending(): Promise<UploadResult>;
  /** True while the device is listening to the centre (the queue is shared right now). */
  online(): boolean;
  close(): Promise<void>;
}

function offline(e: CentreQueueUnavailable): ApiError {
  return new ApiError('QUEUE_OFFLINE', e.message);
}

export function createCentreQueue(o: CentreQueueOptions): CentreQueue {
  const now = o.now ?? (() => new Date());
  const listeners = new Set<(c: QueueChange) => void>();
  const emit = (c: QueueChange): void => listeners.forEach((l) => l(c));
  let failedAt: number | null = null;
  let uploading: Promise<UploadResult> | null = null;
  let closed = false;

  const centre = new PgQueue({
    link: o.link,
    servingCounters: (g) => servingCounters(o.config(), g),
    noShowPolicy: () => o.config(),
    onConnection: (up) => {
      if (up) {
        failedAt = null;
        void upload().catch(() => undefined);
      }
    },
  });
  centre.onChange(emit);

  const marks = (): UploadMarks => {
    const m = o.settings.getSetting<UploadMarks>(UPLOAD_MARKS_KEY);
    return { uploaded: m?.uploaded ?? {}, refused: m?.refused ?? {} };
  };
  const has = (m: Record<string, string[]>, t: Pick<Ticket, 'day' | 'label'>): boolean => m[t.day]?.includes(t.label) ?? false;
  const windowStart = (): string => centreDay(new Date(now().getTime() - UPLOAD_WINDOW_DAYS * 86_400_000));
  const pendingLocal = (): Ticket[] => {
    const m = marks();
    return o.local.tickets(windowStart(), centreDay(now())).filter((t) => t.issuer !== CENTRE_ISSUER && !has(m.uploaded, t) && !has(m.refused, t));
  };
  /** A kiosk ticket the centre does not have yet: its truth is the local copy. */
  const localOnly = (t: Pick<Ticket, 'day' | 'label' | 'issuer'>): boolean => t.issuer !== CENTRE_ISSUER && !has(marks().uploaded, t) && o.local.findByLabel(t.day, t.label) !== null;

  /** Runs `fn` on the centre; a failure to reach it is remembered (and rethrown) so a kiosk stops waiting on it. */
  async function onCentre<T>(fn: () => Promise<T>): Promise<T> {
    try {
      const r = await fn();
      if (failedAt !== null) {
        failedAt = null;
        void upload().catch(() => undefined);
      }
      return r;
    } catch (e) {
      if (e instanceof CentreQueueUnavailable) failedAt = Date.now();
      throw e;
    }
  }

  async function shared<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await onCentre(fn);
    } catch (e) {
      throw e instanceof CentreQueueUnavailable ? offline(e) : e;
    }
  }

  async function upload(): Promise<UploadResult> {
    if (uploading) return uploading;
    uploading = (async () => {
      const todo = pendingLocal();
      const m = marks();
      let uploaded = 0;
      let refused = 0;
      let pending = todo.length;
      try {
        for (const t of todo) {
          try {
            await centre.importKioskTicket(t);
            (m.uploaded[t.day] ??= []).push(t.label);
            uploaded++;
          } catch (e) {
            if (!(e instanceof QueueError)) throw e;
            // The centre answered no (the label came from another kiosk, or a shape it refuses): retrying cannot help.
            (m.refused[t.day] ??= []).push(t.label);
            refused++;
          }
          pending--;
        }
      } catch (e) {
        if (!(e instanceof CentreQueueUnavailable)) throw e;
        failedAt = Date.now();
      } finally {
        if (uploaded + refused > 0) {
          const from = windowStart();
          const keep = (r: Record<string, string[]>) => Object.fromEntries(Object.entries(r).filter(([day]) => day >= from));
          o.settings.setSetting(UPLOAD_MARKS_KEY, { uploaded: keep(m.uploaded), refused: keep(m.refused) } satisfies UploadMarks, 'queue');
        }
      }
      return { uploaded, refused, pending };
    })();
    try {
      return await uploading;
    } finally {
      uploading = null;
    }
  }

  const retry = setInterval(() => {
    if (!closed && centre.connected() && pendingLocal().length > 0) void upload().catch(() => undefined);
  }, UPLOAD_RETRY_MS);
  retry.unref();

  const issueLocal = (r: IssueRequest, kiosk: number): IssuedTicket => {
    const ticket = o.local.issue({ groupId: r.groupId, formId: r.request === OTHER_REQUEST ? null : r.request, dossierId: r.dossierId, issuer: kioskIssuer(kiosk) });
    emit({ kind: 'changed' });
    return { ticket, offline: true };
  };

  const localStatus = (t: Ticket): TicketStatus => {
    const mine = o.local.findByLabel(t.day, t.label);
    if (!mine) throw new QueueError('NOT_FOUND', `ticket ${t.label} does not exist`);
    return o.local.status(mine.id, servingCounters(o.config(), mine.groupId));
  };

  return {
    async issue(r) {
      const kiosk = o.kiosk();
      const knownDown = failedAt !== null && Date.now() - failedAt < RETRY_CENTRE_AFTER_MS && !centre.connected();
      if (kiosk !== null && knownDown) return issueLocal(r, kiosk);
      try {
        return await onCentre(() => centre.issue(r));
      } catch (e) {
        if (!(e instanceof CentreQueueUnavailable)) throw e;
        if (kiosk === null) throw offline(e);
        return issueLocal(r, kiosk);
      }
    },
    callNext: (counter, groupIds) => shared(() => centre.callNext(counter, groupIds)),
    recall: (id, counter) => shared(() => centre.recall(id, counter)),
    markNoShow: (id, counter) => shared(() => centre.markNoShow(id, counter)),
    transfer: (id, from, to) => shared(() => centre.transfer(id, from, to)),
    finish: (id, counter) => shared(() => centre.finish(id, counter)),
    serving: (counter) => shared(() => centre.serving(counter)),
    async find(day, label) {
      const kioskLabel = /^K\d/.test(label);
      try {
        const t = await onCentre(() => centre.find(day, label));
        return t ?? (kioskLabel ? o.local.findByLabel(day, label) : null);
      } catch (e) {
        if (!(e instanceof CentreQueueUnavailable)) throw e;
        if (kioskLabel && o.local.findByLabel(day, label)) return o.local.findByLabel(day, label);
        throw offline(e);
      }
    },
    async findByDossier(dossierId) {
      const mine = (): Ticket | null => o.local.tickets(windowStart(), centreDay(now())).filter((t) => t.dossierId === dossierId).pop() ?? null;
      try {
        return (await onCentre(() => centre.findByDossier(dossierId))) ?? mine();
      } catch (e) {
        if (!(e instanceof CentreQueueUnavailable)) throw e;
        // A kiosk asks before it issues (one ticket per dossier): what it issued itself is all it can know now.
        const t = mine();
        if (t || o.kiosk() !== null) return t;
        throw offline(e);
      }
    },
    async status(ticket): Promise<TicketStatus> {
      // A ticket from this kiosk's block that the centre does not have yet is answered from the local copy.
      if (localOnly(ticket)) return localStatus(ticket);
      if (ticket.issuer !== CENTRE_ISSUER) {
        const onServer = await shared(() => centre.find(ticket.day, ticket.label));
        if (!onServer) throw new QueueError('NOT_FOUND', `ticket ${ticket.label} does not exist`);
        return shared(() => centre.status(onServer));
      }
      return shared(() => centre.status(ticket));
    },
    rate: (r: RateRequest): Promise<Rating> => shared(() => centre.rate(r)),
    display: (): Promise<DisplayState> => shared(() => centre.display()),
    tickets: (from, to) => shared(() => centre.tickets(from, to)),
    ratings: (from, to) => shared(() => centre.ratings(from, to)),
    centre: () => true,
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    uploadPending: () => upload(),
    online: () => centre.connected(),
    async close() {
      closed = true;
      clearInterval(retry);
      await uploading?.catch(() => undefined);
      await centre.close();
    },
  };
}

export interface DeviceQueueOptions {
  /** The device's store file; `centre-link.json` beside it means "enrolled". */
  storeFile: string;
  /** This PC's own line (LocalQueue): the queue of a standalone device. */
  standalone: QueuePort;
  local: KioskBlockStore;
  settings: SettingsAccess;
  /** The device's queue settings, read at each use. */
  queueSettings: () => { queueKiosk: number | null; queueGroups: QueueConfig };
  /** The sync controller: its status says when the device joins or leaves a centre. */
  centre: { onStatus(listener: (s: { linked: boolean; deviceId?: string }) => void): () => void };
}

/**
 * The queue the API gets on every device: this PC's own line while it is standalone, the centre's router while it
 * is enrolled — switched when the device joins or leaves a centre, without a restart.
 */
export function deviceQueue(o: DeviceQueueOptions): QueuePort & { close(): Promise<void> } {
  const listeners = new Set<(c: QueueChange) => void>();
  const forward = (c: QueueChange): void => listeners.forEach((l) => l(c));
  let router: CentreQueue | null = null;
  let routerDevice: string | null = null;
  let active: QueuePort = o.standalone;
  let unsubscribe = active.onChange(forward);

  const use = (link: CentreLink | null): void => {
    if ((link?.deviceId ?? null) === routerDevice) return;
    unsubscribe();
    void router?.close().catch(() => undefined);
    router = link
      ? createCentreQueue({ link, local: o.local, settings: o.settings, kiosk: () => o.queueSettings().queueKiosk, config: () => o.queueSettings().queueGroups })
      : null;
    routerDevice = link?.deviceId ?? null;
    active = router ?? o.standalone;
    unsubscribe = active.onChange(forward);
    forward({ kind: 'changed' }); // every screen redraws from the line it now belongs to
  };
  use(loadLink(o.storeFile));
  const stopWatching = o.centre.onStatus((s) => {
    if ((s.linked ? (s.deviceId ?? null) : null) !== routerDevice) use(s.linked ? loadLink(o.storeFile) : null);
  });

  return {
    issue: (r) => active.issue(r),
    callNext: (c, g) => active.callNext(c, g),
    recall: (id, c) => active.recall(id, c),
    markNoShow: (id, c) => active.markNoShow(id, c),
    transfer: (id, f, t) => active.transfer(id, f, t),
    finish: (id, c) => active.finish(id, c),
    serving: (c) => active.serving(c),
    find: (d, l) => active.find(d, l),
    findByDossier: (id) => active.findByDossier(id),
    status: (t) => active.status(t),
    rate: (r) => active.rate(r),
    display: () => active.display(),
    tickets: (f, t) => active.tickets(f, t),
    ratings: (f, t) => active.ratings(f, t),
    centre: () => active.centre?.() ?? false,
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      stopWatching();
      unsubscribe();
      await router?.close();
      router = null;
    },
  };
}
