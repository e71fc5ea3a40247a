import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../src/store/sqliteStore';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations';
import { INSERT_DOSSIER_SQL } from '../../src/store/dossiers';
import { dossierSearchColumns } from '../../src/store/searchText';
import type { FilledField } from '../../src/forms/types';
import { chipField } from '../forms/fixtures';

const field = (key: string, value: string): FilledField => chipField(key, value, { group: 'g' });
const key = 'a1'.repeat(32);

/** An encrypted store file exactly as an app of schema `version` left it, holding one dossier. */
function storeAtVersion(version: number): { file: string; id: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-mig-'));
  const file = path.join(dir, 'm.db');
  const db = new Database(file);
  db.pragma(`hexkey='${key}'`);
  db.exec('CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_version VALUES (?, ?, ?)').run(m.version, m.description, '2026-01-01T00:00:00.000Z');
  }
  const fields = [field('hoTen', 'Lê Văn Tám'), field('soDinhDanh', '001099012345')];
  const id = 'HS-20260101-AAAAAA';
  db.prepare(INSERT_DOSSIER_SQL).run({
    id,
    form_id: 'CT01',
    form_version: 'x',
    status: 'draft',
    fields_json: JSON.stringify(fields),
    ...dossierSearchColumns(fields),
    verification_override: 0,
    created_at: '2026-01-01T00:00:00.000Z',
    updated_at: '2026-01-01T00:00:00.000Z',
  });
  db.close();
  return { file, id };
}

describe('migrations', () => {
  it('versions are 1..n in order and the schema version is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('a v1 store upgrades in place: existing dossiers become findable by ID through dossier_ids', () => {
    const { file, id } = storeAtVersion(1);
    const s = openStore({ path: file, key });
    try {
      expect(s.db.prepare('SELECT max(version) FROM schema_version').pluck().get()).toBe(SCHEMA_VERSION);
      expect(s.search('0010990').map((x) => x.id)).toEqual([id]);
      expect(s.get(id)?.fields.map((f) => f.value)).toEqual(['Lê Văn Tám', '001099012345']);
    } finally {
      s.close();
    }
  });

  it('a v2 store upgrades in place to the centre schema: dossiers unchanged, standalone, queued once on linking', () => {
    const { file, id } = storeAtVersion(2);
    const s = openStore({ path: file, key });
    try {
      const d = s.get(id);
      expect(d?.fields.map((f) => f.value)).toEqual(['Lê Văn Tám', '001099012345']);
      expect(d?.originDevice).toBeUndefined();
      expect(s.centreLink()).toBeNull();
      expect(s.pendingCount()).toBe(0);
      expect(s.linkCentre({ deviceId: 'dev-a', centreId: 'centre-1' })).toEqual({ enqueued: 1 });
      expect(s.pendingChanges(10).map((c) => [c.kind, c.entityId, c.baseVersion])).toEqual([['dossier.put', id, null]]);
      expect(s.get(id)?.originDevice).toBe('dev-a');
    } finally {
      s.close();
    }
  });
});
