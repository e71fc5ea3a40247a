/**
 * The dossier store on encrypted SQLite (issue #4 §1, §4, §6): dossiers with lifecycle history, FTS5 search,
 * retention purge and citizen erasure (Law 91/2025, NĐ 356/2025 — forms.md §3.4), a hash-chained audit log,
 * clerk accounts and settings. Every change and its audit entry commit in one IMMEDIATE transaction.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { FilledField, FormId } from '../forms/types';
import {
  StoreError,
  type AuditEntry,
  type ClerkAccount,
  type Dossier,
  type DossierEvent,
  type DossierStatus,
  type DossierStore,
  type DossierSummary,
} from './types';
import { normalizeKey, openDatabase, toStoreError, type Db, type IntegrityCheck } from './db';
import { appendAudit, canonicalJson, readAudit, sha256Hex, verifyAuditChain } from './audit';
import { createBackupInBackground, latestBackup, rotateBackups, scheduleBackups } from './backup';
import { newDossierId } from './dossierId';
import { canEdit, canTransition, statusAfterEdit } from './lifecycle';
import { DEFAULT_SCRYPT, hashPassword, verifyPassword, type ScryptParams } from './passwords';
import { stripForbiddenFields } from './sanitize';
import { foldForSearch, planSearch } from './searchText';

/** Field keys that name the dossier's main person (matched case-insensitively on the last dotted segment). */
export interface SearchKeys {
  fullName: string[];
  idNumber: string[];
}

export const DEFAULT_SEARCH_KEYS: SearchKeys = {
  fullName: ['fullName', 'hoTen', 'hoVaTen', 'holderFullName', 'requesterFullName', 'hoTenNguoiYeuCau'],
  idNumber: ['idNumber', 'soDinhDanh', 'soDinhDanhCaNhan', 'soCccd', 'holderIdNumber', 'requesterIdNumber'],
};

export interface OpenStoreOptions {
  path: string;
  key: Uint8Array | string;
  backupDir?: string | null;
  /** 0 or absent: no timer (backupNow() still works when backupDir is set). */
  backupEveryMinutes?: number;
  keepBackups?: number;
  now?: () => Date;
  searchKeys?: Partial<SearchKeys>;
  integrityCheck?: IntegrityCheck;
  /** Scheduled backup failures (e.g. the USB disk is missing); the message carries no personal data. */
  onBackupError?: (err: unknown) => void;
  /** Clerk password hashing cost; tests may lower it. */
  scrypt?: ScryptParams;
  /**
   * WAL checkpoints run on this unref'd timer (default 5 s; 0 = SQLite's automatic checkpoints only), so a save
   * does not pay for copying ~1000 pages back into the main file and its extra fsyncs (the save p99 otherwise).
   */
  checkpointEverySeconds?: number;
}

/** Backstop when the timer cannot run (a busy loop, a burst): SQLite checkpoints itself past ~40 MB of WAL. */
const WAL_AUTOCHECKPOINT_PAGES = 10_000;

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MINUTES = 5;

interface DossierRow {
  seq: number;
  id: string;
  form_id: string;
  form_version: string;
  status: DossierStatus;
  fields_json: string;
  full_name: string | null;
  id_number: string | null;
  verification_override: number;
  created_at: string;
  updated_at: string;
}

type SummaryRow = Pick<DossierRow, 'id' | 'form_id' | 'status' | 'full_name' | 'id_number' | 'created_at' | 'updated_at'>;

interface UserRow {
  username: string;
  display_name: string;
  role: ClerkAccount['role'];
  password_salt: Buffer;
  password_hash: Buffer;
  scrypt_params: string;
  failed_attempts: number;
  locked_until: string | null;
}

type Statement = Database.Statement<unknown[], unknown>;

const SUMMARY_COLS = 'id, form_id, status, full_name, id_number, created_at, updated_at';

const toSummary = (r: SummaryRow): DossierSummary => ({
  id: r.id,
  formId: r.form_id as FormId,
  status: r.status,
  fullName: r.full_name,
  idNumber: r.id_number,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const ACTION_FOR_STATUS: Record<DossierStatus, string> = {
  draft: 'dossier.reopen',
  completed: 'dossier.complete',
  printed: 'dossier.print',
  handed_over: 'dossier.hand_over',
  purged: 'dossier.purge',
};

function lastSegment(key: string): string {
  return (key.split(/[.:/]/).pop() ?? key).toLowerCase();
}

export function normalizeIdNumber(value: string): string {
  return value.replace(/\s+/g, '');
}

/** The main person's name and ID number, taken from the first field whose key is in `keys` (in key order). */
export function extractHolder(fields: readonly FilledField[], keys: SearchKeys = DEFAULT_SEARCH_KEYS): { fullName: string | null; idNumber: string | null } {
  const pick = (candidates: string[]): string | null => {
    for (const c of candidates) {
      const want = c.toLowerCase();
      const hit = fields.find((f) => lastSegment(f.key) === want && f.value.trim() !== '');
      if (hit) return hit.value.trim().normalize('NFC');
    }
    return null;
  };
  const idNumber = pick(keys.idNumber);
  return { fullName: pick(keys.fullName), idNumber: idNumber === null ? null : normalizeIdNumber(idNumber) };
}

/** Every distinct person name in the fields (e.g. bride and groom), in key order, main person first. */
export function extractAllNames(fields: readonly FilledField[], keys: SearchKeys = DEFAULT_SEARCH_KEYS): string[] {
  const out: string[] = [];
  for (const c of keys.fullName) {
    const want = c.toLowerCase();
    for (const f of fields) {
      const v = f.value.trim().normalize('NFC');
      if (lastSegment(f.key) === want && v !== '' && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/** Every distinct person ID number in the fields (main person first), normalised. */
export function extractAllIds(fields: readonly FilledField[], keys: SearchKeys = DEFAULT_SEARCH_KEYS): string[] {
  const out: string[] = [];
  for (const c of keys.idNumber) {
    const want = c.toLowerCase();
    for (const f of fields) {
      const v = normalizeIdNumber(f.value);
      if (lastSegment(f.key) === want && v !== '' && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/**
 * The columns a dossier row stores for its fields (shared with bench/store.bench.ts's bulk loader). The summary
 * shows the main person; the search text holds every named person, so a marriage dossier is found by either party.
 */
export function dossierSearchColumns(fields: readonly FilledField[], keys: SearchKeys = DEFAULT_SEARCH_KEYS) {
  const holder = extractHolder(fields, keys);
  const names = extractAllNames(fields, keys);
  return {
    full_name: holder.fullName,
    id_number: holder.idNumber,
    search_name: names.length === 0 ? null : foldForSearch(names.join(' ')),
  };
}

export const INSERT_DOSSIER_SQL = `INSERT INTO dossiers
  (id, form_id, form_version, status, fields_json, full_name, id_number, search_name, verification_override, created_at, updated_at)
  VALUES (@id, @form_id, @form_version, @status, @fields_json, @full_name, @id_number, @search_name, @verification_override, @created_at, @updated_at)`;

export class SqliteDossierStore implements DossierStore {
  private readonly now: () => Date;
  private readonly keys: SearchKeys;
  private readonly scrypt: ScryptParams;
  private readonly backupTimer: { stop(): void } | null = null;
  private readonly checkpointTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private dummyHash: { salt: Buffer; hash: Buffer; params: ScryptParams } | null = null;
  private readonly statements = new Map<string, Statement>();

  constructor(
    /** The open connection; for tests and maintenance tools only. */
    readonly db: Db,
    private readonly opts: OpenStoreOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
    this.keys = {
      fullName: opts.searchKeys?.fullName ?? DEFAULT_SEARCH_KEYS.fullName,
      idNumber: opts.searchKeys?.idNumber ?? DEFAULT_SEARCH_KEYS.idNumber,
    };
    this.scrypt = opts.scrypt ?? DEFAULT_SCRYPT;
    const checkpointEvery = opts.checkpointEverySeconds ?? 5;
    if (checkpointEvery > 0) {
      db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      this.checkpointTimer = setInterval(() => {
        try {
          db.pragma('wal_checkpoint(PASSIVE)');
        } catch {
          // Busy or closing: the next tick (or the automatic backstop) catches up.
        }
      }, checkpointEvery * 1000);
      this.checkpointTimer.unref();
    }
    if (opts.backupDir && opts.backupEveryMinutes && opts.backupEveryMinutes > 0) {
      this.backupTimer = scheduleBackups({
        everyMinutes: opts.backupEveryMinutes,
        run: () => this.backup('system'),
        onError: opts.onBackupError ?? ((err) => console.warn(`store: scheduled backup failed (${err instanceof StoreError ? err.code : 'error'})`)),
      });
    }
  }

  /** Prepared once per connection: compiling SQL is a measurable part of a sub-millisecond save. */
  private stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  private iso(): string {
    return this.now().toISOString();
  }

  /** SQLite errors become StoreErrors; damage found while running also names the latest backup. */
  private mapError(err: unknown, what: string): unknown {
    const mapped = toStoreError(err, what);
    if (mapped instanceof StoreError && mapped.code === 'CORRUPT' && mapped.latestBackup === undefined) {
      return new StoreError('CORRUPT', mapped.message, this.opts.backupDir ? latestBackup(this.opts.backupDir) : null);
    }
    return mapped;
  }

  /** One IMMEDIATE transaction: all or nothing (SQLITE_FULL → DISK_FULL with nothing saved). */
  private write<T>(what: string, fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      throw this.mapError(err, what);
    }
  }

  private read<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.mapError(err, what);
    }
  }

  private row(id: string): DossierRow {
    const r = this.stmt('SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined;
    if (!r) throw new StoreError('NOT_FOUND', 'No dossier with this id');
    return r;
  }

  private toDossier(r: DossierRow): Dossier {
    const history = this
      .stmt('SELECT status, at, actor FROM dossier_events WHERE dossier_seq = ? ORDER BY seq')
      .all(r.seq) as DossierEvent[];
    const d: Dossier = {
      id: r.id,
      formId: r.form_id as FormId,
      formVersion: r.form_version,
      status: r.status,
      fields: JSON.parse(r.fields_json) as FilledField[],
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      history,
    };
    if (r.verification_override) d.verificationOverride = true;
    return d;
  }

  private event(seq: number, status: DossierEvent['status'], at: string, actor: string): void {
    this.stmt('INSERT INTO dossier_events (dossier_seq, status, at, actor) VALUES (?, ?, ?, ?)').run(seq, status, at, actor);
  }

  private audit_(action: string, actor: string, recordId: string | null, recordHash: string | null, at = this.iso()): void {
    appendAudit(this.db, { at, actor, action, recordId, recordHash });
  }

  private hashDossier(d: Dossier): string {
    return sha256Hex(canonicalJson(d));
  }

  createDossier(input: { formId: FormId; formVersion: string; fields: FilledField[]; actor: string; verificationOverride?: boolean }): Dossier {
    const { fields } = stripForbiddenFields(input.fields);
    return this.write('Saving the dossier', () => {
      const at = this.iso();
      let id = newDossierId(this.now());
      const exists = this.stmt('SELECT 1 FROM dossiers WHERE id = ?');
      for (let i = 0; exists.get(id) !== undefined; i++) {
        if (i > 20) throw new StoreError('IO', 'Could not allocate a unique dossier id');
        id = newDossierId(this.now());
      }
      const info = this.stmt(INSERT_DOSSIER_SQL).run({
        id,
        form_id: input.formId,
        form_version: input.formVersion,
        status: 'draft',
        fields_json: JSON.stringify(fields),
        ...dossierSearchColumns(fields, this.keys),
        verification_override: input.verificationOverride ? 1 : 0,
        created_at: at,
        updated_at: at,
      });
      this.syncIds(Number(info.lastInsertRowid), fields);
      this.event(Number(info.lastInsertRowid), 'created', at, input.actor);
      const dossier = this.toDossier(this.row(id));
      this.audit_('dossier.create', input.actor, id, this.hashDossier(dossier), at);
      if (input.verificationOverride) this.audit_('dossier.verification_override', input.actor, id, null, at);
      return dossier;
    });
  }

  updateFields(id: string, fields: FilledField[], actor: string): Dossier {
    const clean = stripForbiddenFields(fields).fields;
    return this.write('Saving the dossier', () => {
      const r = this.row(id);
      if (!canEdit(r.status)) throw new StoreError('INVALID_TRANSITION', `A dossier in status "${r.status}" cannot be edited`);
      const at = this.iso();
      const status = statusAfterEdit(r.status);
      this
        .stmt(
          'UPDATE dossiers SET fields_json = @fields_json, full_name = @full_name, id_number = @id_number, search_name = @search_name, status = @status, updated_at = @at WHERE seq = @seq',
        )
        .run({ fields_json: JSON.stringify(clean), ...dossierSearchColumns(clean, this.keys), status, at, seq: r.seq });
      this.syncIds(r.seq, clean);
      this.event(r.seq, 'edited', at, actor);
      if (status !== r.status) this.event(r.seq, status, at, actor);
      const dossier = this.toDossier(this.row(id));
      this.audit_('dossier.edit', actor, id, this.hashDossier(dossier), at);
      return dossier;
    });
  }

  /** The ID-search table mirrors every person's ID in the fields (both parties of a marriage). Inside a transaction. */
  private syncIds(seq: number, fields: readonly FilledField[]): void {
    this.stmt('DELETE FROM dossier_ids WHERE seq = ?').run(seq);
    const insert = this.stmt('INSERT OR IGNORE INTO dossier_ids (id_number, seq) VALUES (?, ?)');
    for (const idNumber of extractAllIds(fields, this.keys)) insert.run(idNumber, seq);
  }

  /** Wipes personal data, keeping a tombstone (id, form, status, dates, history). Inside a transaction. */
  private tombstone(r: DossierRow, actor: string, at: string, eventStatus: DossierEvent['status'], action: string): void {
    this.stmt('DELETE FROM dossier_ids WHERE seq = ?').run(r.seq);
    this
      .stmt(
        "UPDATE dossiers SET status = 'purged', fields_json = '[]', full_name = NULL, id_number = NULL, search_name = NULL, updated_at = ? WHERE seq = ?",
      )
      .run(at, r.seq);
    this.event(r.seq, eventStatus, at, actor);
    if (eventStatus !== 'purged') this.event(r.seq, 'purged', at, actor);
    this.audit_(action, actor, r.id, this.hashDossier(this.toDossier(this.row(r.id))), at);
  }

  transition(id: string, to: DossierStatus, actor: string): Dossier {
    const d = this.write('Changing the dossier status', () => {
      const r = this.row(id);
      if (!canTransition(r.status, to)) throw new StoreError('INVALID_TRANSITION', `Cannot go from "${r.status}" to "${to}"`);
      const at = this.iso();
      if (to === 'purged') {
        this.tombstone(r, actor, at, 'purged', ACTION_FOR_STATUS.purged);
      } else {
        this.stmt('UPDATE dossiers SET status = ?, updated_at = ? WHERE seq = ?').run(to, at, r.seq);
        this.event(r.seq, to, at, actor);
        this.audit_(ACTION_FOR_STATUS[to], actor, id, this.hashDossier(this.toDossier(this.row(id))), at);
      }
      return this.toDossier(this.row(id));
    });
    if (to === 'purged') this.flushWal();
    return d;
  }

  get(id: string): Dossier | null {
    return this.read('Reading the dossier', () => {
      const r = this.stmt('SELECT * FROM dossiers WHERE id = ?').get(id) as DossierRow | undefined;
      return r ? this.toDossier(r) : null;
    });
  }

  list(opts: { status?: DossierStatus; limit?: number; offset?: number } = {}): DossierSummary[] {
    const limit = Math.max(0, Math.floor(opts.limit ?? 50));
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    return this.read('Listing dossiers', () => {
      const rows = opts.status
        ? this.stmt(`SELECT ${SUMMARY_COLS} FROM dossiers WHERE status = ? ORDER BY seq DESC LIMIT ? OFFSET ?`).all(opts.status, limit, offset)
        : this.stmt(`SELECT ${SUMMARY_COLS} FROM dossiers ORDER BY seq DESC LIMIT ? OFFSET ?`).all(limit, offset);
      return (rows as SummaryRow[]).map(toSummary);
    });
  }

  search(query: string, limit = 20): DossierSummary[] {
    const plan = planSearch(query);
    const n = Math.max(0, Math.floor(limit));
    return this.read('Searching dossiers', () => {
      if (plan.kind === 'empty') return [];
      if (plan.kind === 'idPrefix') {
        // B-tree range scan: digits sort below '\uffff', so [p, p+'\uffff') is exactly "starts with p".
        // Over every person's ID (dossier_ids), so a marriage dossier is found by either party. The ordered range
        // scan stops after the limit; a dossier matched by two IDs is listed once.
        const rows = this
          .stmt(
            `SELECT ${SUMMARY_COLS} FROM dossiers d JOIN
               (SELECT seq, id_number AS k FROM dossier_ids WHERE id_number >= ? AND id_number < ? ORDER BY id_number, seq DESC LIMIT ?) m
             ON d.seq = m.seq ORDER BY m.k, d.seq DESC`,
          )
          .all(plan.prefix, `${plan.prefix}\uffff`, 2 * n) as SummaryRow[];
        const seen = new Set<string>();
        return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, n).map(toSummary);
      }
      // Newest first, straight from the FTS5 doclists (rowid order), so a common name stops after `limit` hits
      // instead of ranking hundreds of thousands of "Nguyễn". Whole-word matches come before prefix matches.
      const stmt = this.stmt(
        `SELECT ${SUMMARY_COLS} FROM (SELECT rowid AS r FROM dossier_fts WHERE dossier_fts MATCH ? ORDER BY rowid DESC LIMIT ?) m
         JOIN dossiers d ON d.seq = m.r ORDER BY d.seq DESC`,
      );
      const rows = stmt.all(plan.exact, n) as SummaryRow[];
      if (rows.length < n) {
        const seen = new Set(rows.map((r) => r.id));
        for (const r of stmt.all(plan.prefix, n) as SummaryRow[]) {
          if (rows.length >= n) break;
          if (!seen.has(r.id)) rows.push(r);
        }
      }
      return rows.map(toSummary);
    });
  }

  /** Old page images of erased rows may sit in the WAL until a checkpoint; push them out now (best effort). */
  private flushWal(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Another connection holds the WAL; the automatic checkpoint will overwrite it later.
    }
  }

  deleteCitizen(idNumber: string, actor: string): number {
    const wanted = normalizeIdNumber(idNumber);
    if (wanted === '') return 0;
    const count = this.write("Deleting the citizen's data", () => {
      // The main person's column, plus any field holding this ID (e.g. the spouse or the head of household).
      const candidates = this
        .stmt("SELECT * FROM dossiers WHERE status != 'purged' AND (id_number = ? OR instr(fields_json, ?) > 0)")
        .all(wanted, wanted) as DossierRow[];
      const at = this.iso();
      let n = 0;
      for (const r of candidates) {
        const fields = JSON.parse(r.fields_json) as FilledField[];
        const match = r.id_number === wanted || fields.some((f) => normalizeIdNumber(f.value) === wanted || normalizeIdNumber(f.rawValue ?? '') === wanted);
        if (!match) continue;
        this.tombstone(r, actor, at, 'deleted', 'citizen.delete');
        n += 1;
      }
      return n;
    });
    if (count > 0) this.flushWal();
    return count;
  }

  /** Purges dossiers whose last change (updated_at) is more than `days` days old: a dossier still in work is kept. */
  purgeOlderThan(days: number, actor: string): number {
    const cutoff = new Date(this.now().getTime() - days * 86_400_000).toISOString();
    const count = this.write('Purging old dossiers', () => {
      const rows = this.stmt("SELECT * FROM dossiers WHERE status != 'purged' AND updated_at < ?").all(cutoff) as DossierRow[];
      const at = this.iso();
      for (const r of rows) this.tombstone(r, actor, at, 'purged', 'dossier.purge');
      return rows.length;
    });
    if (count > 0) this.flushWal();
    return count;
  }

  audit(opts?: { limit?: number; afterSeq?: number }): AuditEntry[] {
    return this.read('Reading the audit log', () => readAudit(this.db, opts));
  }

  verifyAudit(): number | null {
    return this.read('Verifying the audit log', () => verifyAuditChain(this.db));
  }

  private async backup(actor: string, toDir?: string): Promise<string> {
    const dir = toDir ?? this.opts.backupDir;
    if (!dir) throw new StoreError('IO', 'No backup folder is configured');
    if (this.closed) throw new StoreError('IO', 'The store is closed');
    let file: string;
    try {
      const prefix = path.basename(this.opts.path).replace(/\.[^.]*$/, '');
      file = await createBackupInBackground(this.opts.path, normalizeKey(this.opts.key), dir, { prefix, now: this.now });
      rotateBackups(dir, this.opts.keepBackups ?? 10);
    } catch (err) {
      const mapped = toStoreError(err, 'Writing the backup');
      if (mapped instanceof StoreError) throw mapped;
      throw new StoreError('IO', `Writing the backup failed (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    if (!this.closed) this.write('Recording the backup', () => this.audit_('backup.create', actor, path.basename(file), null));
    return file;
  }

  /**
   * Encrypted snapshot into `dir` (default: backupDir), taken off the main thread; rotated to keepBackups
   * (default 10). A clerk may point `dir` at a USB disk.
   */
  backupNow(dir?: string): Promise<string> {
    if (dir !== undefined) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return this.backup('system', dir);
  }

  createUser(u: ClerkAccount & { password: string }, actor: string): void {
    if (!/^[A-Za-z0-9._-]{2,64}$/.test(u.username)) throw new TypeError('Username: 2–64 characters among A–Z a–z 0–9 . _ -');
    if (u.password.length < 8) throw new TypeError('Password: at least 8 characters');
    const { salt, hash, params } = hashPassword(u.password, this.scrypt);
    this.write('Creating the account', () => {
      if (this.stmt('SELECT 1 FROM users WHERE username = ?').get(u.username)) {
        throw new TypeError('An account with this username already exists');
      }
      const at = this.iso();
      this
        .stmt(
          'INSERT INTO users (username, display_name, role, password_salt, password_hash, scrypt_params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(u.username, u.displayName, u.role, salt, hash, JSON.stringify(params), at);
      this.audit_('user.create', actor, u.username, null, at);
    });
  }

  login(username: string, password: string): ClerkAccount {
    const user = this.read('Signing in', () => this.stmt('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined);
    const nowMs = this.now().getTime();
    if (!user) {
      // Same scrypt cost as a real account, so timing does not reveal which usernames exist.
      this.dummyHash ??= hashPassword('not-a-password', this.scrypt);
      verifyPassword(password, this.dummyHash.salt, this.dummyHash.hash, this.dummyHash.params);
      // The typed name is not logged: it may be a mistyped password or a citizen's name.
      this.write('Signing in', () => this.audit_('login.fail', '(unknown)', null, null));
      throw new StoreError('BAD_CREDENTIALS', 'Wrong username or password');
    }
    if (user.locked_until && Date.parse(user.locked_until) > nowMs) {
      this.write('Signing in', () => this.audit_('login.locked', user.username, user.username, null));
      const minutes = Math.ceil((Date.parse(user.locked_until) - nowMs) / 60_000);
      throw new StoreError('LOCKED_OUT', `Too many failed sign-ins; try again in ${minutes} minute(s)`);
    }
    const ok = verifyPassword(password, user.password_salt, user.password_hash, JSON.parse(user.scrypt_params) as ScryptParams);
    if (ok) {
      this.write('Signing in', () => {
        this.stmt('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?').run(user.username);
        this.audit_('login.success', user.username, user.username, null);
      });
      return { username: user.username, displayName: user.display_name, role: user.role };
    }
    const failures = user.failed_attempts + 1;
    const lock = failures >= LOCKOUT_FAILURES;
    this.write('Signing in', () => {
      this
        .stmt('UPDATE users SET failed_attempts = ?, locked_until = ? WHERE username = ?')
        .run(lock ? 0 : failures, lock ? new Date(nowMs + LOCKOUT_MINUTES * 60_000).toISOString() : null, user.username);
      this.audit_('login.fail', user.username, user.username, null);
      if (lock) this.audit_('login.lockout', user.username, user.username, null);
    });
    if (lock) throw new StoreError('LOCKED_OUT', `Wrong password ${LOCKOUT_FAILURES} times; the account is locked for ${LOCKOUT_MINUTES} minutes`);
    throw new StoreError('BAD_CREDENTIALS', 'Wrong username or password');
  }

  listUsers(): ClerkAccount[] {
    return this.read('Listing accounts', () =>
      (this.stmt('SELECT username, display_name, role FROM users ORDER BY username').all() as UserRow[]).map((u) => ({
        username: u.username,
        displayName: u.display_name,
        role: u.role,
      })),
    );
  }

  getSetting<T = unknown>(key: string): T | null {
    return this.read('Reading a setting', () => {
      const r = this.stmt('SELECT value_json FROM settings WHERE key = ?').get(key) as { value_json: string } | undefined;
      return r ? (JSON.parse(r.value_json) as T) : null;
    });
  }

  setSetting(key: string, value: unknown, actor: string): void {
    const json = JSON.stringify(value ?? null);
    this.write('Saving a setting', () => {
      const at = this.iso();
      this
        .stmt('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at')
        .run(key, json, at);
      this.audit_('setting.set', actor, key, sha256Hex(json), at);
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.backupTimer?.stop();
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.db.close();
  }
}

/** Opens the store: encrypted file, integrity check and migrations (see db.ts), optional backup timer. */
export function openStore(opts: OpenStoreOptions): SqliteDossierStore {
  const db = openDatabase({
    path: opts.path,
    key: opts.key,
    backupDir: opts.backupDir ?? null,
    integrityCheck: opts.integrityCheck ?? 'quick',
  });
  return new SqliteDossierStore(db, opts);
}
