/**
 * Composition root: builds the services from a data folder and config and hands them to the API core.
 * Both hosts call this; only the key provider and the print sink differ (safeStorage + webContents.print in
 * Electron, key file + CUPS in the browser host).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { ApiCore, SETTINGS_KEY } from '../api/core';
import { ApiError, type StoreIntegrity } from '../api/contract';
import { mergeSettings } from '../api/settings';
import type { FormsPort, PrintPort, PrintSink, TrustPort } from '../api/ports';
import type { CardService } from '../services/types';
import type { DossierStore } from '../store/types';
import { fileKeyProvider, type KeyProvider } from '../store/keyFile';
import { openStore, SqliteDossierStore } from '../store/sqliteStore';
import type { QueuePort } from '../queue/port';
import type { ProgressPort } from '../api/handlers/context';
import { LocalQueue } from './localQueue';
import { normalizeKey } from '../store/db';
import { startIntegrityMonitor, type IntegrityMonitor, type IntegrityStatus } from '../store/integrity';
import type { IntegrityPort } from '../api/handlers/integrity';
import { createCardService } from '../services/cardService';
import { loadTrust } from '../card/reader/trust';
import { sampleFiles, sampleProfile } from '../sim/profile/samples';
import { getForm, listForms } from '../forms/catalogue';
import { applyEdit, prefill } from '../forms/prefill';
import { validate } from '../forms/validate';
import { searchKeysFromCatalogue } from '../forms/searchKeys';
import { startScheduledBackups } from './backups';
import { pokingStore, startCentreSync } from './centreSync';
import { deviceQueue } from './centreQueue';
import { exportDossier, exportJson } from '../forms/export';
// The PDF code (pdfkit, fonts, QR) runs in the print worker thread, never in the host's main thread.
import { PrintWorker } from '../print/printWorker';
import type { PrintJob } from '../print/jobs';

export interface AppOptions {
  dataDir: string;
  demo: boolean;
  mode: 'kiosk' | 'counter';
  host: 'electron' | 'browser';
  version?: string;
  keyProvider?: KeyProvider;
  sink?: PrintSink;
  readerFilter?: string;
  /** Pre-built services (tests, benchmarks); otherwise the real modules are used. */
  card?: CardService;
  store?: DossierStore;
  /** Store password hashing cost etc. are the store's business; tests may pass a faster store. */
  sessionIdleMs?: number;
  /** The queue backend (the centre's router on an enrolled device); default: this PC's own line in its store. */
  queue?: QueuePort;
}

export interface App {
  core: ApiCore;
  card: CardService;
  store: DossierStore;
  dataDir: string;
  close(): Promise<void>;
}

export { defaultDataDir } from '../services/paths';

/** A progress change writes an audit entry the outbox carries on a centre: push it now, like a dossier change. */
function pokingProgress(p: ProgressPort, poke: () => void): ProgressPort {
  return {
    get: (id) => p.get(id),
    lookup: (id) => p.lookup(id),
    overdue: (today, limit) => p.overdue(today, limit),
    set: (id, state, expectedReturn, actor) => {
      const r = p.set(id, state, expectedReturn, actor);
      poke();
      return r;
    },
  };
}

/**
 * Demo mode keeps everything — store, key, trust, backups, its well-known accounts and "THẺ MẪU" office — in its
 * own sub-folder, so a later real start on the same data folder never sees (or accepts) any of it.
 */
function effectiveDataDir(dataDir: string, demo: boolean): string {
  return demo ? path.join(dataDir, 'demo') : dataDir;
}

export async function createApp(opts: AppOptions): Promise<App> {
  const o = { ...opts, dataDir: effectiveDataDir(opts.dataDir, opts.demo) };
  fs.mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const trustDir = path.join(o.dataDir, 'trust');
  fs.mkdirSync(trustDir, { recursive: true, mode: 0o700 });
  const opened = o.store ? null : await openDataStore(o.dataDir, o.keyProvider ?? fileKeyProvider(o.dataDir));
  const store = o.store ?? opened!.store;
  const integrity = opened ? integrityPort(opened) : undefined;
  seedUsers(store, o.demo);
  // Commune centre: the same sync worker as `motcua sync`, only when centre-link.json is beside the store.
  const centre = startCentreSync({ store, storeFile: path.join(o.dataDir, 'motcua.db') });
  const card =
    o.card ??
    (await createCardService({
      mode: o.demo ? 'demo' : 'pcsc',
      readerFilter: o.readerFilter,
      // Lazy: building the sample CSCAs costs ~1 s, paid on the first read, not at start-up.
      trust: () => loadTrust([trustDir, ...(o.demo ? [demoTrustDir()] : [])]),
    }));
  const demo = o.demo || card.status().demo;
  const printer = new PrintWorker();
  // The queue seam: one line per PC in its own store unless a backend is given (the centre's router).
  const local = store instanceof SqliteDossierStore ? store : null;
  const localQueue = local ? new LocalQueue(local.queue, () => mergeSettings(store.getSetting(SETTINGS_KEY)).queueGroups) : undefined;
  // Enrolled (centre-link.json beside the store): the centre's shared line, a kiosk's own block when it is down.
  const devQueue = !o.queue && local && localQueue ? deviceQueue({ storeFile: path.join(o.dataDir, 'motcua.db'), standalone: localQueue, local: local.queue, settings: store, queueSettings: () => mergeSettings(store.getSetting(SETTINGS_KEY)), centre }) : null;
  const queue = o.queue ?? devQueue ?? localQueue;
  const progress = local ? pokingProgress(local.progress, centre.poke) : undefined;
  const core = new ApiCore({ card, store: pokingStore(store, centre.poke), centre, queue, progress, forms: formsPort(), print: printPort(printer, undefined, demo), sink: o.sink, trust: trustPort(trustDir, () => card.reloadTrust?.()), integrity, host: o.host, mode: o.mode, demo, version: o.version ?? '0.1.0', sessionIdleMs: o.sessionIdleMs });
  // The reader chosen at the counter, for the status as for reads (settings.set keeps it current).
  card.useReader?.(core.settings().reader);
  // Retention (storage limitation, Law 91/2025 and Decree 356/2025; forms.md §3): purge at start and once a day.
  const purge = (): void => {
    try {
      store.purgeOlderThan(core.settings().retentionDays, 'retention');
    } catch {
      // A read-only or busy store must not stop the kiosk; the next run retries.
    }
  };
  purge();
  const purgeTimer = setInterval(purge, 24 * 3600_000);
  purgeTimer.unref();
  const backups = startScheduledBackups(store, () => {
    const s = core.settings();
    return { dir: s.backupDir ?? path.join(o.dataDir, 'backups'), everyMinutes: s.backupEveryMinutes };
  });
  return {
    core,
    card,
    store,
    dataDir: o.dataDir,
    close: async () => {
      clearInterval(purgeTimer);
      backups.stop();
      await devQueue?.close();
      await centre.stop();
      await core.close();
      await printer.close();
      await card.close();
      opened?.monitor.stop();
      store.close();
    },
  };
}

/**
 * Opens the store without SQLite's quick_check (on a 1.6 GB store it took 13–99 s before the kiosk could start) and
 * runs the check in a worker thread 30 s after start and then daily, reporting to the counter (store.integrity).
 */
async function openDataStore(dataDir: string, keys: KeyProvider): Promise<{ store: DossierStore; monitor: IntegrityMonitor; changes: IntegrityListeners }> {
  const key = await keys.getKey();
  const file = path.join(dataDir, 'motcua.db');
  const store = openStore({
    path: file,
    integrityCheck: 'none',
    key: new Uint8Array(key),
    backupDir: path.join(dataDir, 'backups'),
    // Name + ID columns for search come from each form's bound person fields (hoTen, nuHoTen, nycHoTen, …).
    searchKeys: searchKeysFromCatalogue(),
  });
  const changes: IntegrityListeners = [];
  const monitor = startIntegrityMonitor({ path: file, hexKey: normalizeKey(new Uint8Array(key)), backupDir: path.join(dataDir, 'backups'), onChange: (st) => changes.forEach((l) => l(st)) });
  return { store, monitor, changes };
}

/** The monitor as the API sees it: state, time, SQLite's messages and the backup to restore from. */
type IntegrityListeners = ((s: IntegrityStatus) => void)[];
function integrityPort(opened: { monitor: IntegrityMonitor; changes: IntegrityListeners }): IntegrityPort {
  const view = (st: IntegrityStatus): StoreIntegrity => ({ state: st.state, checkedAt: st.checkedAt, problems: st.problems, latestBackup: st.latestBackup });
  return { status: () => view(opened.monitor.status()), onChange: (l) => void opened.changes.push((st) => l(view(st))) };
}

/**
 * Demo mode trusts the built-in samples' test CSCA — in a temporary folder, never in the data folder's trust
 * store, so a later production run on the same data folder does not trust test certificates.
 */
function demoTrustDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-demo-trust-'));
  sampleFiles().forEach((_, i) => {
    const csca = sampleProfile(i).cscaCertificate;
    if (csca) fs.writeFileSync(path.join(dir, `sample-csca-${i + 1}.der`), csca);
  });
  return dir;
}

/**
 * First run: demo mode gets well-known demo accounts (labelled THẺ MẪU everywhere); production gets an admin only
 * when MOTCUA_ADMIN_PASSWORD is set, so no default password ever ships.
 */
export function seedUsers(store: DossierStore, demo: boolean, env: NodeJS.ProcessEnv = process.env): void {
  if (store.listUsers().length > 0) return;
  if (demo) {
    if (store.getSetting(SETTINGS_KEY) === null) store.setSetting(SETTINGS_KEY, { communeName: 'UBND xã Mẫu (THẺ MẪU)', provinceName: 'Tỉnh Mẫu' }, 'setup');
    store.createUser({ username: 'admin', displayName: 'Quản trị (mẫu)', role: 'admin', password: 'motcua-admin' }, 'setup');
    store.createUser({ username: 'canbo', displayName: 'Cán bộ (mẫu)', role: 'clerk', password: 'motcua-canbo' }, 'setup');
    store.createUser({ username: 'truong', displayName: 'Trưởng trung tâm (mẫu)', role: 'head', password: 'motcua-truong' }, 'setup');
  } else if (env.MOTCUA_ADMIN_PASSWORD) {
    store.createUser({ username: 'admin', displayName: 'Quản trị', role: 'admin', password: env.MOTCUA_ADMIN_PASSWORD }, 'setup');
  }
}

export function formsPort(): FormsPort {
  return {
    list: () => listForms(),
    get: (id) => getForm(id),
    prefill: (id, holders, office) => prefill(id, holders, office),
    validate: (def, filled) => validate(def, filled).map((i) => ({ key: i.key, message: i.message })),
    applyEdit: (filled, key, value, by) => applyEdit(filled, key, value, by),
    exportJson: (_def, d, office) => new TextEncoder().encode(exportJson(exportDossier(d, office))),
  };
}

/** What the citizen does after the kiosk (the slip is a guide, not the official Mẫu 01 receipt: forms.md §5.4). */
const SLIP_STEPS = [
  'Mang tờ khai đã in và phiếu này đến quầy tiếp nhận.',
  'Xuất trình thẻ căn cước và giấy tờ kèm theo khi cán bộ yêu cầu.',
  'Cán bộ kiểm tra hồ sơ và hẹn ngày trả kết quả.',
];

export function printPort(printer: PrintWorker, now: () => Date = () => new Date(), demo = false): PrintPort {
  const render = async (job: PrintJob): Promise<Uint8Array> => {
    try {
      return await printer.render(job);
    } catch (e) {
      throw new ApiError('PRINT_FAILED', e instanceof Error ? e.message : 'PDF rendering failed');
    }
  };
  return {
    // Demo prints (meta.demo, or a demo app) carry the "THẺ MẪU" marks so sample data can never pass for a real paper.
    declaration: (def, filled, office, meta) => render({ kind: 'declaration', formId: def.id, formVersion: def.version, filled, office, meta: { ...meta, demo: meta.demo || demo, printedAt: now().toISOString() } }),
    slip: (def, _dossier, office, meta) => render({ kind: 'slip', input: { formTitle: def.title, office, steps: SLIP_STEPS }, meta: { ...meta, demo: meta.demo || demo, printedAt: now().toISOString() } }),
    queueReport: (input) => render({ kind: 'queueReport', input: { ...input, demo: input.demo || demo } }),
    ticket: (input, d) => render({ kind: 'ticket', input, meta: { demo: d || demo, printedAt: now().toISOString() } }),
  };
}

const TRUST_EXT = /\.(der|cer|crt|pem|ml|crl)$/i;

function trustPort(trustDir: string, onChange: () => void = () => {}): TrustPort {
  return {
    importFile: async (fileName, bytes) => {
      if (!TRUST_EXT.test(fileName)) throw new ApiError('INVALID_INPUT', 'trust files must be .der/.cer/.crt/.pem/.ml/.crl');
      const name = path.basename(fileName);
      fs.writeFileSync(path.join(trustDir, name), bytes, { mode: 0o600 });
      // The next read reloads the trust store: no restart needed after importing a master list or CRL.
      onChange();
      return name;
    },
  };
}
