/**
 * Looks inside an encrypted store file the way an attacker holding the key would: a copy is decrypted in full
 * (`PRAGMA rekey = ''` rewrites every page as plaintext, free pages included) and its raw bytes are searched.
 * Used by the backup erasure and kill -9 tests to prove erased personal data is gone from every backup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';

export function decryptedBytes(file: string, hexKey: string): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-probe-'));
  const copy = path.join(dir, 'plain.sqlite3');
  try {
    fs.copyFileSync(file, copy);
    const db = new Database(copy);
    try {
      db.pragma(`hexkey='${hexKey}'`);
      db.pragma('journal_mode = DELETE');
      db.pragma("rekey = ''");
    } finally {
      db.close();
    }
    const bytes = fs.readFileSync(copy);
    if (!bytes.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))) throw new Error(`${file} did not decrypt`);
    return bytes;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Which of `needles` (UTF-8) occur anywhere in the decrypted file. */
export function foundIn(file: string, hexKey: string, needles: readonly string[]): string[] {
  const bytes = decryptedBytes(file, hexKey);
  return needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')));
}

/** A read-only connection to an encrypted file (a backup is inspected, never migrated or switched to WAL). */
export function openReadOnly(file: string, hexKey: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma(`hexkey='${hexKey}'`);
  return db;
}

/** Rows of the FTS index that match `query` (e.g. `id_number:"001199012345"`). */
export function ftsCount(file: string, hexKey: string, query: string): number {
  const db = openReadOnly(file, hexKey);
  try {
    return db.prepare('SELECT count(*) FROM dossier_fts WHERE dossier_fts MATCH ?').pluck().get(query) as number;
  } finally {
    db.close();
  }
}
