/**
 * `motcua dossier …` and `motcua backup` for clerks and administrators. The store file defaults to
 * `<data dir>/motcua.db`, its key to the 0600 key file beside it (the browser host and CLI share both).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describeError, parseArgs, str, UsageError, type OptionSpec } from './args';
import { defaultDataDir } from '../app/compose';
import { loadOrCreateKeyFile, KEY_FILE_NAME } from '../store/keyFile';
import { openStore } from '../store/sqliteStore';
import { restoreBackup } from '../store/db';
import { latestBackup } from '../store/backup';
import { StoreError, type DossierStatus, type DossierStore } from '../store/types';
import { FORM_IDS, getForm } from '../forms/catalogue';
import { searchKeysFromCatalogue } from '../forms/searchKeys';
import { prefill, PrefillError } from '../forms/prefill';
import { exportBundle, exportDossier, exportJson } from '../forms/export';
import { validate } from '../forms/validate';
import { officeFromSettings, type OfficeSettings } from '../forms/office';
import { SETTINGS_KEY } from '../api/handlers/settings';
import type { FormId, OfficeConfig } from '../forms/types';
import { emptyHolder, type Holder } from '../card/result';

const STATUSES: DossierStatus[] = ['draft', 'completed', 'printed', 'handed_over', 'purged'];

const COMMON: OptionSpec = { db: { type: 'string' }, json: { type: 'boolean' }, actor: { type: 'string' } };

function dbPath(o: Record<string, unknown>): string {
  const p = typeof o.db === 'string' ? o.db : path.join(defaultDataDir(), 'motcua.db');
  return path.resolve(p);
}

function open(file: string, backupDir?: string): DossierStore {
  const key = loadOrCreateKeyFile(path.join(path.dirname(file), KEY_FILE_NAME));
  return openStore({ path: file, key, backupDir: backupDir ?? path.join(path.dirname(file), 'backups'), searchKeys: searchKeysFromCatalogue() });
}

/** The office the app's settings screen saved (the one settings object the API core reads too). */
function office(store: DossierStore): OfficeConfig {
  return officeFromSettings(store.getSetting<OfficeSettings>(SETTINGS_KEY));
}

/** An identity file is either the whole `motcua read --json` object or just its `holder` object. */
export function loadHolder(file: string): Holder {
  const text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`identity ${file === '-' ? '(stdin)' : file} is not JSON`);
  }
  const obj = (json && typeof json === 'object' && 'holder' in json ? (json as { holder: unknown }).holder : json) as Record<string, unknown>;
  if (!obj || typeof obj !== 'object') throw new UsageError('identity must be an object');
  const h = emptyHolder();
  for (const k of Object.keys(h) as (keyof Holder)[]) {
    const v = obj[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') throw new UsageError(`identity field ${k} must be a string or null`);
    (h as unknown as Record<string, string>)[k] = v.normalize('NFC');
  }
  if (h.sex !== null && h.sex !== 'M' && h.sex !== 'F') throw new UsageError('identity field sex must be "M" or "F"');
  if (!h.idNumber && !h.fullName) throw new UsageError('identity has neither idNumber nor fullName');
  return h;
}

function out(json: boolean, value: unknown, text: string): void {
  process.stdout.write(json ? JSON.stringify(value) + '\n' : text.endsWith('\n') ? text : text + '\n');
}

function withStore<T>(file: string, fn: (s: DossierStore) => T, backupDir?: string): T {
  const s = open(file, backupDir);
  try {
    return fn(s);
  } finally {
    s.close();
  }
}

export async function dossierCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  const actorOf = (o: Record<string, unknown>) => (typeof o.actor === 'string' ? o.actor : 'cli');
  try {
    switch (sub) {
      case 'create': {
        const { options } = parseArgs(rest, { ...COMMON, form: { type: 'string' }, identity: { type: 'string' }, identity2: { type: 'string' } });
        const formId = str(options, 'form') as FormId | undefined;
        if (!formId || !FORM_IDS.includes(formId)) throw new UsageError(`--form must be one of ${FORM_IDS.join(', ')}`);
        const idFile = str(options, 'identity');
        if (!idFile) throw new UsageError('--identity <file|-> is required');
        const holders = [loadHolder(idFile)];
        const id2 = str(options, 'identity2');
        if (id2) holders.push(loadHolder(id2));
        const def = getForm(formId);
        if (!def) throw new UsageError(`form ${formId} is not in force today`);
        return withStore(dbPath(options), (store) => {
          const filled = prefill(formId, holders, office(store));
          const d = store.createDossier({ formId, formVersion: filled.formVersion, fields: filled.fields, actor: actorOf(options) });
          const fields = d.fields.map((f) => ({ key: f.key, group: f.group, label: f.label, value: f.value, source: f.source }));
          // Problems are for the clerk (Vietnamese, with the legal reason); the dossier is made all the same.
          const problems = validate(def, filled).map((i) => ({ field: i.key || null, message: i.message }));
          const text = `${d.id}  ${def.title}: ${fields.filter((f) => f.value).length} fields pre-filled` + problems.map((p) => `\n  ! ${p.message}`).join('');
          out(!!options.json, { id: d.id, form: d.formId, fields, problems }, text);
          return 0;
        });
      }
      case 'list': {
        const { options } = parseArgs(rest, { ...COMMON, status: { type: 'string' }, search: { type: 'string' }, limit: { type: 'string' } });
        const status = str(options, 'status') as DossierStatus | undefined;
        if (status && !STATUSES.includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
        const limit = Number(str(options, 'limit') ?? '50');
        return withStore(dbPath(options), (store) => {
          const q = str(options, 'search');
          const rows = q ? store.search(q, limit) : store.list({ status, limit });
          out(!!options.json, rows, rows.map((r) => `${r.id}  ${r.formId.padEnd(18)} ${r.status.padEnd(12)} ${r.updatedAt}  ${r.fullName ?? ''}`).join('\n') || '(none)');
          return 0;
        });
      }
      case 'show': {
        const { options, positionals } = parseArgs(rest, COMMON);
        const id = positionals[0];
        if (!id) throw new UsageError('usage: motcua dossier show <id> [--json]');
        return withStore(dbPath(options), (store) => {
          const d = store.get(id);
          if (!d) {
            process.stderr.write(`motcua dossier: no dossier ${id}\n`);
            return 1;
          }
          out(!!options.json, d, [`${d.id}  ${d.formId} v${d.formVersion}  ${d.status}`, ...d.fields.map((f) => `  ${f.label}: ${f.value}  [${f.source}]`)].join('\n'));
          return 0;
        });
      }
      case 'export': {
        const { options, positionals } = parseArgs(rest, { ...COMMON, all: { type: 'boolean' }, out: { type: 'string' } });
        return withStore(dbPath(options), (store) => {
          const ids = options.all ? store.list({ limit: 1_000_000 }).map((s) => s.id) : positionals;
          if (ids.length === 0) throw new UsageError('usage: motcua dossier export <id>… | --all [--out <file>]');
          const dossiers = ids.map((id) => {
            const d = store.get(id);
            if (!d) throw new UsageError(`no dossier ${id}`);
            return d;
          });
          const text = options.all || dossiers.length > 1 ? exportJson(exportBundle(dossiers, office(store))) : exportJson(exportDossier(dossiers[0]!, office(store)));
          const file = str(options, 'out');
          if (file) fs.writeFileSync(file, text, { mode: 0o600 });
          else process.stdout.write(text + '\n');
          return 0;
        });
      }
      case 'purge': {
        const { options } = parseArgs(rest, { ...COMMON, 'older-than': { type: 'string' }, citizen: { type: 'string' } });
        const days = str(options, 'older-than');
        const citizen = str(options, 'citizen');
        if ((days === undefined) === (citizen === undefined)) throw new UsageError('usage: motcua dossier purge --older-than <days> | --citizen <12-digit id>');
        return withStore(dbPath(options), (store) => {
          const n = days !== undefined ? store.purgeOlderThan(Number(days), actorOf(options)) : store.deleteCitizen(citizen!, actorOf(options));
          out(!!options.json, { purged: n }, `${n} dossier(s) purged`);
          return 0;
        });
      }
      default:
        throw new UsageError('usage: motcua dossier create|list|show|export|purge …');
    }
  } catch (e) {
    if (e instanceof StoreError || e instanceof PrefillError) {
      process.stderr.write(`motcua dossier: ${describeError(e)}\n`);
      return 1;
    }
    throw e;
  }
}

/** `motcua backup [--db <path>] [--to <dir>]`: an online, encrypted backup now (SQLite backup API). */
export async function backupCommand(argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, { ...COMMON, to: { type: 'string' } });
  const file = dbPath(options);
  const s = open(file, str(options, 'to'));
  try {
    const p = await s.backupNow();
    out(!!options.json, { backup: p }, `backup written: ${p}`);
    return 0;
  } catch (e) {
    if (e instanceof StoreError) {
      process.stderr.write(`motcua backup: ${describeError(e)}\n`);
      return 1;
    }
    throw e;
  } finally {
    s.close();
  }
}


/**
 * `motcua restore [--db <path>] [--from <backup>]`: the recovery path for a damaged store. The damaged file is
 * moved aside with a timestamp (never deleted) and the backup — by default the newest one in the store's backup
 * folder — is checked against the key before it is copied in.
 */
export async function restoreCommand(argv: string[]): Promise<number> {
  const { options } = parseArgs(argv, { ...COMMON, from: { type: 'string' } });
  const file = dbPath(options);
  const from = str(options, 'from') ?? latestBackup(path.join(path.dirname(file), 'backups'));
  if (!from) {
    process.stderr.write('motcua restore: no backup found; give one with --from <file>\n');
    return 1;
  }
  const key = loadOrCreateKeyFile(path.join(path.dirname(file), KEY_FILE_NAME));
  try {
    const { movedAside } = restoreBackup(path.resolve(from), file, { key });
    out(!!options.json, { restored: from, movedAside }, `restored ${from}` + (movedAside ? `; the damaged file was kept as ${movedAside}` : ''));
    return 0;
  } catch (e) {
    if (e instanceof StoreError) {
      process.stderr.write(`motcua restore: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}
