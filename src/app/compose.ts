/**
 * Composition root (issue #5): builds the services from a data folder and config and hands them to the API core.
 * Both hosts call this; only the key provider and the print sink differ (safeStorage + webContents.print in
 * Electron, key file + CUPS in the browser host).
 */
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { ApiCore } from '../api/core';
import type { FormsPort, PrintPort, PrintSink, TrustPort } from '../api/ports';
import type { CardService } from '../services/types';
import type { DossierStore } from '../store/types';
import { fileKeyProvider, type KeyProvider } from '../store/keyFile';
import { loadCardModule, loadExportModule, loadFormsModule, loadPrintModule, loadStoreModule, type ExportModule, type FormsModule, type PrintModule } from './modules';

export interface AppOptions {
  dataDir: string;
  demo: boolean;
  mode: 'kiosk' | 'counter';
  host: 'electron' | 'browser';
  version?: string;
  keyProvider?: KeyProvider;
  sink?: PrintSink;
  readerFilter?: string;
  /** Pre-built services (tests, benchmarks); otherwise the real modules are loaded. */
  card?: CardService;
  store?: DossierStore;
}

export interface App {
  core: ApiCore;
  dataDir: string;
  close(): Promise<void>;
}

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MOTCUA_DATA) return env.MOTCUA_DATA;
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'motcua');
}

export async function createApp(o: AppOptions): Promise<App> {
  fs.mkdirSync(o.dataDir, { recursive: true, mode: 0o700 });
  const trustDir = path.join(o.dataDir, 'trust');
  fs.mkdirSync(trustDir, { recursive: true, mode: 0o700 });
  const store = o.store ?? (await openDataStore(o.dataDir, o.keyProvider ?? fileKeyProvider(o.dataDir)));
  seedUsers(store, o.demo);
  const card = o.card ?? (await (await loadCardModule()).createCardService({ demo: o.demo, readerFilter: o.readerFilter, trustDir }));
  const forms = formsPort(await loadFormsModule(), await loadExportModule().catch(() => ({}) as ExportModule));
  const print = printPort(await loadPrintModule());
  const core = new ApiCore({ card, store, forms, print, sink: o.sink, trust: trustPort(trustDir), host: o.host, mode: o.mode, demo: o.demo, version: o.version ?? '0.1.0' });
  return {
    core,
    dataDir: o.dataDir,
    close: async () => {
      await core.close();
      await card.close();
      store.close();
    },
  };
}

async function openDataStore(dataDir: string, keys: KeyProvider): Promise<DossierStore> {
  const key = await keys.getKey();
  return (await loadStoreModule()).openStore({ path: path.join(dataDir, 'motcua.db'), key: new Uint8Array(key), backupDir: path.join(dataDir, 'backups') });
}

/**
 * First run: demo mode gets well-known demo accounts (labelled THẺ MẪU everywhere); production gets an admin only
 * when MOTCUA_ADMIN_PASSWORD is set, so no default password ever ships.
 */
export function seedUsers(store: DossierStore, demo: boolean, env: NodeJS.ProcessEnv = process.env): void {
  if (store.listUsers().length > 0) return;
  if (demo) {
    store.createUser({ username: 'admin', displayName: 'Quản trị (mẫu)', role: 'admin', password: 'motcua-admin' }, 'setup');
    store.createUser({ username: 'canbo', displayName: 'Cán bộ (mẫu)', role: 'clerk', password: 'motcua-canbo' }, 'setup');
  } else if (env.MOTCUA_ADMIN_PASSWORD) {
    store.createUser({ username: 'admin', displayName: 'Quản trị', role: 'admin', password: env.MOTCUA_ADMIN_PASSWORD }, 'setup');
  }
}

export function formsPort(m: FormsModule, ex: ExportModule): FormsPort {
  return {
    list: () => m.listForms(),
    get: (id) => m.getForm(id) ?? null,
    prefill: (id, holders, office) => m.prefill(id, holders, office),
    validate: (def, filled) => m.validate(def, filled).map((i) => ({ key: i.key, message: i.message })),
    exportJson: (def, dossier, office) => {
      const out = ex.exportDossierJson?.(def, dossier, office) ?? JSON.stringify({ form: def.id, version: dossier.formVersion, id: dossier.id, status: dossier.status, fields: dossier.fields.map((f) => ({ key: f.key, value: f.value, provenance: f.provenance })) }, null, 2);
      return typeof out === 'string' ? new TextEncoder().encode(out) : out;
    },
  };
}

export function printPort(m: PrintModule): PrintPort {
  return {
    declaration: (def, filled, office, meta) => m.renderDeclarationPdf(def, filled, office, { ...meta }),
    slip: (def, dossier, office, meta) => m.renderSlipPdf(def, dossier, office, { ...meta }),
  };
}

const TRUST_EXT = /\.(der|cer|crt|pem|ml)$/i;

export function trustPort(trustDir: string): TrustPort {
  return {
    importFile: async (fileName, bytes) => {
      if (!TRUST_EXT.test(fileName)) throw Object.assign(new Error('trust files must be .der/.cer/.crt/.pem/.ml'), { name: 'ZodError' });
      const name = path.basename(fileName);
      fs.writeFileSync(path.join(trustDir, name), bytes, { mode: 0o600 });
      return name;
    },
  };
}
