/**
 * Several device stores folding the same centre order (an in-test sequencer, centreTestKit.ts) end up with the
 * same dossiers: edits travel, concurrent edits are kept and flagged identically, erasure reaches a device that
 * was offline, and a batch applies with its cursor or not at all.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import { StoreError, type Dossier } from '../../src/store/types';
import { dumpDecrypted, openDevice, person, tempDir, TestSequencer, type TestDevice } from './centreTestKit';

let dir: string;
let centre: TestSequencer;
let kiosk: TestDevice;
let c1: TestDevice;
let c2: TestDevice;

beforeEach(() => {
  dir = tempDir();
  centre = new TestSequencer();
  kiosk = openDevice(dir, 'kiosk-1');
  c1 = openDevice(dir, 'counter-1');
  c2 = openDevice(dir, 'counter-2');
});
afterEach(() => {
  for (const d of [kiosk, c1, c2]) d.store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const syncAll = (...devs: TestDevice[]) => {
  for (const d of devs) centre.push(d.store, d.id);
  for (const d of devs) centre.pull(d.store);
};

/** What every device must agree on (the local row order and seq may differ). */
const view = (d: TestDevice, id: string): Dossier | null => d.store.get(id);

describe('centre convergence through the outbox', () => {
  it('a dossier made at the kiosk reaches the counters with its origin; edits travel back; own changes only record their version', () => {
    const d = kiosk.store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Nguyễn Văn An', '001099000011'), actor: 'kiosk' });
    const atKiosk = kiosk.store.get(d.id);
    syncAll(kiosk, c1, c2);
    expect(kiosk.store.get(d.id)).toEqual(atKiosk); // its own change came back: nothing changed
    expect(kiosk.store.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(c1.store.list().map((s) => [s.id, s.fullName, s.originDevice])).toEqual([[d.id, 'Nguyễn Văn An', 'kiosk-1']]);
    expect(c1.store.search('nguyen van an').map((s) => s.id)).toEqual([d.id]);
    expect(c2.store.search('0010990000').map((s) => s.id)).toEqual([d.id]);

    c1.store.updateFields(d.id, person('Nguyễn Văn Ân', '001099000011'), 'lan');
    c1.store.transition(d.id, 'completed', 'lan');
    syncAll(c1, kiosk, c2);
    const expected = view(c1, d.id);
    expect(expected?.status).toBe('completed');
    expect(expected?.needsReview).toBeUndefined();
    expect(view(kiosk, d.id)).toEqual(expected);
    expect(view(c2, d.id)).toEqual(expected);
  });

  it('two counters editing the same dossier while apart: server order wins, the overwritten edit is kept, both flag it', () => {
    const d = kiosk.store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Trần Thị Bình', '001099000012'), actor: 'kiosk' });
    syncAll(kiosk, c1, c2);
    // Both offline: counter 1 fixes the address, counter 2 the name, then counter 2 edits again on top of its own edit.
    c1.store.updateFields(d.id, person('Trần Thị Bình', '001099000012', []).map((f) => (f.key === 'placeOfResidence' ? { ...f, value: 'Thôn 9' } : f)), 'lan');
    c2.store.updateFields(d.id, person('Trần Thị Bính', '001099000012'), 'hoa');
    c2.store.transition(d.id, 'completed', 'hoa');
    const c1Edit = c1.store.get(d.id);
    centre.push(c1.store, c1.id); // counter 1 reaches the server first
    centre.push(c2.store, c2.id);
    // Counter 2 learns of counter 1's edit while its own two changes are still ahead of the centre.
    centre.pull(c2.store, 1);
    expect(c2.store.get(d.id)?.fields.find((f) => f.key === 'fullName')?.value).toBe('Trần Thị Bính');
    for (const dev of [c1, c2, kiosk]) centre.pull(dev.store);

    const winner = view(c2, d.id);
    expect(winner?.status).toBe('completed');
    expect(winner?.fields.find((f) => f.key === 'fullName')?.value).toBe('Trần Thị Bính');
    expect(winner?.needsReview).toBe('concurrent_edit');
    const kept = winner?.history.filter((e) => e.status === 'concurrent_edit') ?? [];
    expect(kept).toHaveLength(1); // the chained second edit of counter 2 is not a conflict
    expect(kept[0]).toMatchObject({ actor: 'hoa', deviceId: 'counter-2', overwritten: { deviceId: 'counter-1', actor: 'lan', fields: c1Edit?.fields, status: 'draft' } });
    expect(view(c1, d.id)).toEqual(winner);
    expect(view(kiosk, d.id)).toEqual(winner);
    expect(c1.store.list()[0]?.needsReview).toBe('concurrent_edit');

    // A device that joins later folds the whole order from position 0 and agrees too.
    const late = openDevice(dir, 'counter-3');
    try {
      centre.pull(late.store, 2);
      expect(view(late, d.id)).toEqual(winner);
    } finally {
      late.store.close();
    }

    // A clerk reviews it at counter 1: the flag clears everywhere (not a concurrent change itself).
    c1.store.markReviewed(d.id, 'lan');
    syncAll(c1, c2, kiosk);
    for (const dev of [c1, c2, kiosk]) expect(view(dev, d.id)?.needsReview).toBeUndefined();
    expect(view(c2, d.id)).toEqual(view(c1, d.id));
  });

  it('an erasure reaches a device that was offline: local copy, search rows, overwritten versions and its queued edit all go', () => {
    const d = kiosk.store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Lê Văn Cường', '001099000013'), actor: 'kiosk' });
    const other = kiosk.store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Lê Thị Dung', '001099000014'), actor: 'kiosk' });
    syncAll(kiosk, c1, c2);
    // A concurrent edit, so each device also holds an overwritten version with the citizen's data.
    c1.store.updateFields(d.id, person('Lê Văn Cưỡng', '001099000013'), 'lan');
    kiosk.store.updateFields(d.id, person('Lê Văn Cuong', '001099000013'), 'kiosk');
    syncAll(c1, kiosk, c2);
    expect(view(c2, d.id)?.needsReview).toBe('concurrent_edit');

    // Counter 2 goes offline and edits the dossier there; meanwhile counter 1 erases the citizen.
    c2.store.updateFields(d.id, person('Lê Văn Cường X', '001099000013'), 'hoa');
    expect(c1.store.deleteCitizen('001099000013', 'lan')).toBe(1);
    syncAll(c1, kiosk);
    for (let i = 0; i < 3; i++) kiosk.store.updateFields(other.id, person(`Lê Thị Dung ${i}`, '001099000014'), 'kiosk');
    syncAll(kiosk, c1);

    centre.pull(c2.store); // back online a week later: pull first, then push what is left
    expect(c2.store.pendingChanges(100).filter((c) => c.entityId === d.id && c.kind === 'dossier.put')).toEqual([]);
    centre.push(c2.store, c2.id);
    for (const dev of [kiosk, c1, c2]) {
      centre.pull(dev.store);
      const t = view(dev, d.id);
      expect(t).toMatchObject({ status: 'purged', fields: [] });
      expect(t?.needsReview).toBeUndefined();
      expect(t?.history.some((e) => e.status === 'concurrent_edit')).toBe(false);
      expect(dev.store.search('001099000013')).toEqual([]);
      expect(dev.store.search('le van cuong')).toEqual([]);
      expect(view(dev, other.id)?.fields.find((f) => f.key === 'fullName')?.value).toBe('Lê Thị Dung 2');
      dev.store.db.pragma('wal_checkpoint(TRUNCATE)');
      const dump = dumpDecrypted(dev.file);
      for (const s of ['Lê Văn Cường', 'Lê Văn Cưỡng', 'Lê Văn Cuong', '001099000013']) expect(dump).not.toContain(s);
    }
    // The erasure went to the centre with its subject, and no later state of that dossier did.
    const erase = centre.log.filter((c) => c.entityId === d.id && c.kind === 'dossier.erase');
    expect(erase).toHaveLength(1);
    const eraseAt = erase[0]?.position ?? 0;
    expect(centre.log.filter((c) => c.entityId === d.id && c.kind === 'dossier.put' && c.position > eraseAt)).toEqual([]);
  });

  it('an erased dossier a device never saw leaves a tombstone there, without personal data', () => {
    const d = kiosk.store.createDossier({ formId: 'KHAI_TU', formVersion: '1', fields: person('Phạm Văn Em', '001099000015'), actor: 'kiosk' });
    kiosk.store.deleteCitizen('001099000015', 'lan');
    centre.push(kiosk.store, kiosk.id);
    // The server erased the put's payload (as the real one does): the device only gets the erase.
    const log = centre.log.filter((c) => !(c.entityId === d.id && c.kind === 'dossier.put'));
    c1.store.applyRemote(log, centre.log.length);
    expect(c1.store.get(d.id)).toMatchObject({ id: d.id, formId: 'KHAI_TU', status: 'purged', fields: [] });
    expect(c1.store.pullCursor()).toBe(centre.log.length);
  });

  it('re-applying a batch changes nothing; a bad change rolls back the whole batch and its cursor', () => {
    const d = kiosk.store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Võ Thị Phương', '001099000016'), actor: 'kiosk' });
    kiosk.store.updateFields(d.id, person('Võ Thị Phượng', '001099000016'), 'kiosk');
    centre.push(kiosk.store, kiosk.id);
    const first = c1.store.applyRemote(centre.log, centre.log.length);
    expect(first).toEqual({ applied: centre.log.length, conflicts: 0 });
    const dump = dumpDecrypted(c1.file);
    expect(c1.store.applyRemote(centre.log, centre.log.length)).toEqual({ applied: 0, conflicts: 0 });
    expect(dumpDecrypted(c1.file)).toBe(dump);

    // A batch whose last change cannot be read: nothing of it applies, and the cursor stays.
    kiosk.store.transition(d.id, 'completed', 'kiosk');
    centre.push(kiosk.store, kiosk.id);
    const next = centre.log.filter((c) => c.position > c1.store.pullCursor());
    const bad = { ...next[0]!, changeId: 'x-bad', position: centre.log.length + 1, payload: '{"id":"someone else"}' };
    const cursor = c1.store.pullCursor();
    expect(() => c1.store.applyRemote([...next, bad], bad.position)).toThrow(StoreError);
    expect(c1.store.pullCursor()).toBe(cursor);
    expect(c1.store.get(d.id)?.status).toBe('draft');
    // The good changes then apply as usual.
    centre.pull(c1.store);
    expect(c1.store.get(d.id)).toEqual(kiosk.store.get(d.id));
  });
});
