import { describe, expect, it } from 'vitest';
import { searchKeysFromCatalogue } from '../../src/forms/searchKeys';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store/sqliteStore';
import { extractHolder, DEFAULT_SEARCH_KEYS } from '../../src/store/searchText';
import { prefill } from '../../src/forms/prefill';
import { emptyHolder, type Holder } from '../../src/card/result';

const bride: Holder = { ...emptyHolder(), idNumber: '001301003456', fullName: 'Giàng Thị Mỷ', sex: 'F', dateOfBirth: '2001-07-20', dateOfIssue: '2025-09-10' };
const groom: Holder = { ...emptyHolder(), idNumber: '001206012345', fullName: 'Phạm Quốc Bảo', sex: 'M', dateOfBirth: '2006-01-02', dateOfIssue: '2024-09-10' };

describe('search keys from the catalogue', () => {
  it('covers the main person of every form', () => {
    const k = searchKeysFromCatalogue();
    for (const key of ['hoTen', 'nuHoTen', 'nycHoTen']) expect(k.fullName).toContain(key);
    for (const key of ['soDinhDanh', 'nuSoDinhDanh']) expect(k.idNumber).toContain(key);
  });
  it('makes a marriage dossier findable where the default keys find nothing', () => {
    const filled = prefill('KET_HON', [groom, bride], { communeName: 'UBND xã Lũng Cú', provinceName: 'Tuyên Quang' });
    expect(extractHolder(filled.fields, DEFAULT_SEARCH_KEYS).fullName).toBeNull();
    const h = extractHolder(filled.fields, searchKeysFromCatalogue());
    expect(h.fullName).toBe('Giàng Thị Mỷ');
    expect(h.idNumber).toBe('001301003456');
  });

  it('finds a marriage dossier by either party, with or without diacritics', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-sk-'));
    const store = openStore({ path: path.join(dir, 's.db'), key: 'cd'.repeat(32), searchKeys: searchKeysFromCatalogue() });
    try {
      const filled = prefill('KET_HON', [groom, bride], { communeName: 'UBND xã Lũng Cú', provinceName: 'Tuyên Quang' });
      const d = store.createDossier({ formId: 'KET_HON', formVersion: filled.formVersion, fields: filled.fields, actor: 'test' });
      expect(store.search('Giàng Thị Mỷ').map((s) => s.id)).toEqual([d.id]);
      expect(store.search('pham quoc bao').map((s) => s.id)).toEqual([d.id]);
      expect(store.search('001301003456').map((s) => s.id)).toEqual([d.id]);
      expect(store.search('001206012345').map((s) => s.id)).toEqual([d.id]); // the groom's ID too
      expect(store.search('0012060').map((s) => s.id)).toEqual([d.id]); // ID prefix
      // Erasure also removes the ID from the search table.
      expect(store.deleteCitizen('001206012345', 'test')).toBe(1);
      expect(store.search('001301003456')).toEqual([]);
      expect(store.search('nguyen van').map((s) => s.id)).toEqual([]);
    } finally {
      store.close();
    }
  });
});
