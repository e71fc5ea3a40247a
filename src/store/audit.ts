/**
 * Append-only, hash-chained audit log (NĐ 356/2025 processing log, forms.md §3.4): who did what to which record.
 * Entries carry who/when/what and record ids and hashes only — never names, ID numbers or field values.
 *
 * chainHash(n) = SHA-256(chainHash(n-1) || canonical(entry n)), with 64 zeros before the first entry, the
 * scheme of a hash-chained log (RFC 6962 §2.1 uses the same idea for its Merkle leaves). Triggers forbid
 * UPDATE/DELETE; someone who drops the triggers and edits, deletes or inserts rows breaks the chain, and
 * `verifyAuditChain` names the first broken seq.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry } from './types';
import type { Db } from './db';

export const GENESIS_HASH = '0'.repeat(64);

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted recursively: the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v as Record<string, unknown>).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

export type AuditInput = Pick<AuditEntry, 'at' | 'actor' | 'action' | 'recordId' | 'recordHash'>;

export function chainHashOf(prevChainHash: string, e: Omit<AuditEntry, 'chainHash'>): string {
  return sha256Hex(prevChainHash + canonicalJson([e.seq, e.at, e.actor, e.action, e.recordId, e.recordHash]));
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  record_id: string | null;
  record_hash: string | null;
  chain_hash: string;
}

const toEntry = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  recordId: r.record_id,
  recordHash: r.record_hash,
  chainHash: r.chain_hash,
});

/**
 * Appends one entry. Call inside the write transaction of the change it records (IMMEDIATE, so two processes
 * never chain onto the same predecessor).
 */
export function appendAudit(db: Db, input: AuditInput): AuditEntry {
  const last = db.prepare('SELECT seq, chain_hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; chain_hash: string }
    | undefined;
  const base = { seq: (last?.seq ?? 0) + 1, ...input };
  const entry: AuditEntry = { ...base, chainHash: chainHashOf(last?.chain_hash ?? GENESIS_HASH, base) };
  db.prepare('INSERT INTO audit_log (seq, at, actor, action, record_id, record_hash, chain_hash) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.recordId,
    entry.recordHash,
    entry.chainHash,
  );
  return entry;
}

export function readAudit(db: Db, opts: { limit?: number; afterSeq?: number } = {}): AuditEntry[] {
  const rows = db
    .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
    .all(opts.afterSeq ?? 0, Math.max(0, Math.floor(opts.limit ?? 1000))) as AuditRow[];
  return rows.map(toEntry);
}

/** Walks the whole chain; returns the first seq that is out of sequence or whose hash does not match, else null. */
export function verifyAuditChain(db: Db): number | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    const e = toEntry(row);
    if (e.seq !== expectedSeq || chainHashOf(prev, e) !== e.chainHash) return e.seq;
    prev = e.chainHash;
    expectedSeq += 1;
  }
  return null;
}
