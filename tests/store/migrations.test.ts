import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/sqliteStore';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/store/migrations';
import type { FilledField } from '../../src/forms/types';
import { chipField } from '../forms/fixtures';

const field = (key: string, value: string): FilledField => chipField(key, value, { group: 'g' });

describe('migrations', () => {
  it('versions are 1..n in order and the schema version is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('v2 upgrades a v1 store in place: existing dossiers become findable by ID through dossier_ids', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-mig-'));
    const file = path.join(dir, 'm.db');
    const key = 'a1'.repeat(32);
    const s1 = openStore({ path: file, key });
    const d = s1.createDossier({ formId: 'CT01', formVersion: 'x', fields: [field('hoTen', 'Lê Văn Tám'), field('soDinhDanh', '001099012345')], actor: 't' });
    // Turn the file back into a v1 store, as shipped before this migration.
    s1.db.exec("DROP TABLE dossier_ids; DELETE FROM schema_version WHERE version = 2;");
    s1.close();

    const s2 = openStore({ path: file, key });
    try {
      const v = s2.db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number };
      expect(v.v).toBe(2);
      expect(s2.search('0010990').map((x) => x.id)).toEqual([d.id]);
      expect(s2.get(d.id)?.fields.map((f) => f.value)).toEqual(['Lê Văn Tám', '001099012345']);
    } finally {
      s2.close();
    }
  });
});
