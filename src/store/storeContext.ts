/**
 * What every part of the SQLite store shares: the one connection, its prepared-statement cache, the clock, the
 * transaction wrapper and the audit helper. The dossier, user and settings modules each take this context, so a
 * change and its audit entry always commit in the same IMMEDIATE transaction.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { StoreError, type AuditEntry } from './types';
import { toStoreError, type Db } from './db';
import { appendAudit } from './audit';
import { latestBackup } from './backup';

type Statement = Database.Statement<unknown[], unknown>;

export class StoreContext {
  private readonly statements = new Map<string, Statement>();

  constructor(
    readonly db: Db,
    readonly now: () => Date,
    /** Named in a CORRUPT error found while running, so the clerk knows what to restore. */
    private readonly backupDir: string | null,
  ) {}

  /** Prepared once per connection: compiling SQL is a measurable part of a sub-millisecond save. */
  stmt(sql: string): Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  iso(): string {
    return this.now().toISOString();
  }

  /** SQLite errors become StoreErrors; damage found while running also names the latest backup. */
  mapError(err: unknown, what: string): unknown {
    const mapped = toStoreError(err, what);
    if (mapped instanceof StoreError && mapped.code === 'CORRUPT' && mapped.latestBackup === undefined) {
      return new StoreError('CORRUPT', mapped.message, this.backupDir ? latestBackup(this.backupDir) : null);
    }
    return mapped;
  }

  /** One IMMEDIATE transaction: all or nothing (SQLITE_FULL → DISK_FULL with nothing saved). */
  write<T>(what: string, fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (err) {
      throw this.mapError(err, what);
    }
  }

  read<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw this.mapError(err, what);
    }
  }

  /** Appends an audit entry (ids and hashes only). Call inside `write`, with the change it records. */
  audit(action: string, actor: string, recordId: string | null, recordHash: string | null, at = this.iso()): AuditEntry {
    return appendAudit(this.db, { at, actor, action, recordId, recordHash });
  }

  /** Old page images of erased rows may sit in the WAL until a checkpoint; push them out now (best effort). */
  flushWal(): void {
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Another connection holds the WAL; the automatic checkpoint will overwrite it later.
    }
  }
}
