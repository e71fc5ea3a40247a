/**
 * The centre sync worker inside a host (browser host and Electron, through the composition root). Standalone is
 * the default: without `centre-link.json` beside the store no worker runs and nothing here touches the network.
 * The same worker as `motcua sync` runs in-process; the API gets a small controller (status, join, leave).
 */
import fs from 'node:fs';
import { ApiError } from '../api/contract';
import type { CentrePort, CentreStatus } from '../api/handlers/centre';
import type { DossierStore } from '../store/types';
import type { SyncStore } from '../store/syncPort';
import { formatServerAddress, isTlsFailure, isUnreachable, parseServerAddress } from '../centre/connection';
import { EnrolmentError, joinCentre } from '../centre/device/enrol';
import { linkFileFor, loadLink, saveLink, type CentreLink } from '../centre/device/link';
import { SyncWorker, type SyncState } from '../centre/device/worker';
import { devicesFileFor, loadDeviceNames, saveDeviceNames, type KnownDevice } from '../centre/device/names';

export interface CentreSync extends CentrePort {
  /** The app wrote to the store: push now instead of at the worker's next local check. */
  poke(): void;
  stop(): Promise<void>;
}

/** Store methods that write a change the outbox carries (see SyncStore: every dossier write and erasure). */
const WRITES = new Set(['createDossier', 'updateFields', 'transition', 'deleteCitizen', 'purgeOlderThan', 'recordAccess', 'markReviewed']);

function isSyncStore(s: DossierStore): s is DossierStore & SyncStore {
  return typeof (s as Partial<SyncStore>).linkCentre === 'function' && typeof (s as Partial<SyncStore>).pendingCount === 'function';
}

/**
 * The store the API uses, with a poke after each write. A Proxy rather than edits in every handler: a handler
 * added later cannot forget it. Methods are bound to the real store so its private state stays reachable.
 */
export function pokingStore<S extends object>(store: S, poke: () => void): S {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      if (typeof prop !== 'string' || !WRITES.has(prop)) return (v as (...a: unknown[]) => unknown).bind(target);
      return (...args: unknown[]) => {
        const r = (v as (...a: unknown[]) => unknown).apply(target, args);
        poke();
        return r;
      };
    },
  });
}

/**
 * Distinct dossiers among the waiting changes. Counted by the store without reading payloads: the status is
 * recomputed on every save while offline, and a week offline can queue thousands of changes.
 */
function pendingDossiers(store: DossierStore): number {
  if (!isSyncStore(store)) return 0;
  if (store.pendingDossierCount) return store.pendingDossierCount();
  return new Set(store.pendingChanges(PENDING_SCAN).filter((c) => c.kind !== 'audit.append').map((c) => c.entityId)).size;
}
const PENDING_SCAN = 1000;

export function startCentreSync(o: { store: DossierStore; storeFile: string }): CentreSync {
  const listeners = new Set<(s: CentreStatus) => void>();
  const publish = (): void => {
    const s = status();
    for (const l of listeners) l(s);
  };
  let worker: SyncWorker | null = null;
  let link: CentreLink | null = null;
  let state: SyncState | null = null;
  let devices: KnownDevice[] = [];

  const status = (): CentreStatus => {
    if (!link) return { linked: false, phase: 'standalone', pending: 0, pendingDossiers: 0, lastSyncAt: null, offlineSince: null, conflicts: 0, detail: null };
    const s = state ?? worker?.state();
    // Counted now, not at the worker's last attempt: while offline the worker only looks again after its back-off.
    const pending = isSyncStore(o.store) ? o.store.pendingCount() : (s?.pending ?? 0);
    return {
      linked: true,
      phase: s?.phase ?? 'starting',
      pending,
      pendingDossiers: pending > 0 ? pendingDossiers(o.store) : 0,
      lastSyncAt: s?.lastSyncAt ?? null,
      offlineSince: s?.offlineSince ?? null,
      conflicts: s?.conflicts ?? 0,
      detail: s?.lastError ?? null,
      server: formatServerAddress(link.server),
      deviceId: link.deviceId,
      centreId: link.centreId,
      kind: link.kind,
      deviceName: devices.find((d) => d.id === link!.deviceId)?.name,
      devices,
    };
  };

  const run = (l: CentreLink, store: DossierStore & SyncStore): void => {
    // An interrupted join saved the link file but not the store's link: finish it (same centre = no-op).
    if (!store.centreLink()) store.linkCentre({ deviceId: l.deviceId, centreId: l.centreId });
    link = l;
    state = null;
    devices = loadDeviceNames(o.storeFile);
    worker = new SyncWorker({
      store,
      link: l,
      // In the host every write of the API pokes the worker at once (pokingStore); the local check only catches
      // writes by another process on the same store (a CLI `dossier create --db`), so it can be slow.
      localCheckMs: 5_000,
      saveLink: (next) => {
        link = next;
        saveLink(o.storeFile, next);
      },
      onState: (s) => {
        state = s;
        publish();
      },
      onDevices: (list) => {
        devices = list;
        saveDeviceNames(o.storeFile, list);
        publish();
      },
    });
    worker.start();
    publish();
  };

  const syncStore = (): DossierStore & SyncStore => {
    if (!isSyncStore(o.store)) throw new ApiError('UNSUPPORTED', 'this store cannot join a centre');
    return o.store;
  };

  const existing = loadLink(o.storeFile);
  if (existing) run(existing, syncStore());

  return {
    status,
    onStatus: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    poke: () => {
      worker?.poke();
      // Online, the exchange that follows publishes; offline, the counters should see the new count at once.
      if (state && state.phase !== 'synced' && state.phase !== 'syncing') publish();
    },
    join: async ({ server, code, caPem }) => {
      if (link) throw new ApiError('CENTRE_ALREADY_LINKED', 'this device is already linked to a centre; leave it first');
      const store = syncStore();
      let address;
      try {
        address = parseServerAddress(server);
      } catch (e) {
        throw new ApiError('INVALID_INPUT', (e as Error).message);
      }
      let l: CentreLink;
      try {
        l = await joinCentre({ server: address, code, storeFile: o.storeFile, caPem });
      } catch (e) {
        if (e instanceof EnrolmentError) {
          if (e.reason === 'ALREADY_JOINED') throw new ApiError('CENTRE_ALREADY_LINKED', e.message);
          throw new ApiError('CENTRE_CODE_REFUSED', e.message);
        }
        if (isTlsFailure(e)) throw new ApiError('CENTRE_TLS_FAILED', (e as Error).message);
        if (isUnreachable(e)) throw new ApiError('CENTRE_UNREACHABLE', (e as Error).message);
        throw e;
      }
      run(l, store);
      return status();
    },
    leave: async (actor) => {
      if (!link) throw new ApiError('CENTRE_NOT_LINKED', 'this device is not linked to a centre');
      await worker?.stop();
      worker = null;
      syncStore().unlinkCentre(actor);
      fs.rmSync(linkFileFor(o.storeFile), { force: true });
      fs.rmSync(devicesFileFor(o.storeFile), { force: true });
      link = null;
      devices = [];
      state = null;
      publish();
      return status();
    },
    stop: async () => {
      await worker?.stop();
      worker = null;
    },
  };
}
