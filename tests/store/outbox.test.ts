/**
 * The device side of the transactional outbox: what a change queues, that it commits or rolls back together with
 * the change, and that a standalone store queues nothing.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import { StoreError } from '../../src/store/types';
import type { DossierPayload } from '../../src/store/dossierQueries';
import { chipField } from '../forms/fixtures';
import { openDevice, person, storeKey, tempDir, type TestDevice } from './centreTestKit';

let dir: string;
let dev: TestDevice;
let store: SqliteDossierStore;

beforeEach(() => {
  dir = tempDir();
  dev = openDevice(dir, 'kiosk-1');
  store = dev.store;
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const outboxRows = (s: SqliteDossierStore) => s.db.prepare('SELECT kind, entity_id, base_version, change_id, pushed FROM outbox ORDER BY local_seq').all() as {
  kind: string;
  entity_id: string;
  base_version: string | null;
  change_id: string;
  pushed: number;
}[];

describe('outbox', () => {
  it('a standalone store queues nothing', () => {
    const lone = openStore({ path: path.join(dir, 'lone.db'), key: storeKey, checkpointEverySeconds: 0 });
    try {
      const d = lone.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Nguyễn Văn An', '001099000001'), actor: 'kiosk' });
      lone.updateFields(d.id, person('Nguyễn Văn Ân', '001099000001'), 'lan');
      lone.transition(d.id, 'completed', 'lan');
      lone.deleteCitizen('001099000001', 'lan');
      expect(lone.centreLink()).toBeNull();
      expect(lone.pendingCount()).toBe(0);
      expect(lone.db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
      expect(lone.get(d.id)?.originDevice).toBeUndefined();
    } finally {
      lone.close();
    }
  });

  it('each change queues its full state and its audit entry; consecutive edits chain their base versions', () => {
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Trần Thị Bình', '001099000002'), actor: 'kiosk' });
    store.updateFields(d.id, person('Trần Thị Bính', '001099000002'), 'lan');
    store.transition(d.id, 'completed', 'lan');
    store.transition(d.id, 'printed', 'lan');
    store.transition(d.id, 'handed_over', 'lan');
    const pending = store.pendingChanges(100);
    expect(pending.map((c) => [c.kind, c.meta.action])).toEqual([
      ['dossier.put', 'dossier.create'],
      ['audit.append', 'dossier.create'],
      ['dossier.put', 'dossier.edit'],
      ['audit.append', 'dossier.edit'],
      ['dossier.put', 'dossier.complete'],
      ['audit.append', 'dossier.complete'],
      ['dossier.put', 'dossier.print'],
      ['audit.append', 'dossier.print'],
      ['dossier.put', 'dossier.hand_over'],
      ['audit.append', 'dossier.hand_over'],
    ]);
    const puts = pending.filter((c) => c.kind === 'dossier.put');
    expect(puts[0]?.baseVersion).toBeNull();
    for (let i = 1; i < puts.length; i++) expect(puts[i]?.baseVersion).toBe(puts[i - 1]?.changeId);
    const last = JSON.parse(puts[puts.length - 1]?.payload ?? 'null') as DossierPayload;
    const now = store.get(d.id);
    expect(last).toMatchObject({ id: d.id, status: 'handed_over', fields: now?.fields, history: now?.history, originDevice: 'kiosk-1' });
    expect(puts.every((c) => c.subjectIds.includes('001099000002'))).toBe(true);
    expect(now?.originDevice).toBe('kiosk-1');
    // Clear metadata holds no personal data: the server stores it as is.
    const meta = JSON.stringify(pending.map((c) => c.meta));
    expect(meta).not.toContain('Bình');
    expect(meta).not.toContain('001099000002');
    const audits = pending.filter((c) => c.kind === 'audit.append');
    expect(audits.map((c) => JSON.parse(c.payload ?? '{}').chainHash)).toEqual(store.audit().filter((a) => a.recordId === d.id).map((a) => a.chainHash));
    expect(store.pendingCount()).toBe(10);
  });

  it('a change that fails after its outbox row was written leaves neither the change nor the row', () => {
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Lê Văn Cường', '001099000003'), actor: 'kiosk' });
    const before = { dossier: store.get(d.id), outbox: outboxRows(store), audit: store.audit().length };
    // The audit entry is written after the outbox row; make it fail (as a full disk would) and nothing may stay.
    store.db.exec("CREATE TEMP TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'simulated failure'); END");
    expect(() => store.updateFields(d.id, person('Lê Văn Cương', '001099000003'), 'lan')).toThrow(/simulated failure/);
    expect(() => store.deleteCitizen('001099000003', 'lan')).toThrow(/simulated failure/);
    store.db.exec('DROP TRIGGER temp.fail_audit');
    expect({ dossier: store.get(d.id), outbox: outboxRows(store), audit: store.audit().length }).toEqual(before);
  });

  it('pushed changes leave the pending list; a pushed dossier.put keeps only its id until it comes back', () => {
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Phạm Văn Dũng', '001099000004'), actor: 'kiosk' });
    const first = store.pendingChanges(1);
    expect(first).toHaveLength(1);
    store.markPushed(first.map((c) => c.changeId));
    expect(store.pendingCount()).toBe(1);
    expect(store.pendingChanges(10).map((c) => c.kind)).toEqual(['audit.append']);
    store.markPushed(store.pendingChanges(10).map((c) => c.changeId));
    expect(outboxRows(store)).toEqual([{ kind: 'dossier.put', entity_id: d.id, base_version: null, change_id: first[0]?.changeId, pushed: 1 }]);
    expect(store.db.prepare('SELECT payload, subject_ids_json FROM outbox').get()).toEqual({ payload: null, subject_ids_json: '[]' });
    store.markPushed(['not-a-change']);
    expect(store.pendingCount()).toBe(0);
  });

  it('counts the dossiers that wait, not their changes or audit entries (what the counter header says)', () => {
    const a = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Vũ Thị Giang', '001099000011'), actor: 'kiosk' });
    store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Đỗ Văn Hải', '001099000012'), actor: 'kiosk' });
    store.updateFields(a.id, person('Vũ Thị Giang', '001099000011'), 'clerk1');
    expect(store.pendingCount()).toBeGreaterThan(3);
    expect(store.pendingDossierCount()).toBe(2);
    store.markPushed(store.pendingChanges(100).filter((c) => c.entityId === a.id || c.kind === 'audit.append').map((c) => c.changeId));
    expect(store.pendingDossierCount()).toBe(1);
  });

  it('erasure and retention purge queue one dossier.erase per dossier with the subjects, and drop queued states', () => {
    const groom = chipField('groom.idNumber', '001099000006');
    const a = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Hoàng Thị Em', '001099000005', [groom]), actor: 'kiosk' });
    const b = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Hoàng Văn Phú', '001099000006'), actor: 'kiosk' });
    store.markPushed(store.pendingChanges(100).map((c) => c.changeId));
    store.updateFields(b.id, person('Hoàng Văn Phúc', '001099000006'), 'lan'); // queued, never pushed
    expect(store.deleteCitizen('001099000006', 'lan')).toBe(2);
    const pending = store.pendingChanges(100);
    expect(pending.filter((c) => c.kind === 'dossier.put')).toEqual([]);
    const erases = pending.filter((c) => c.kind === 'dossier.erase');
    expect(erases.map((c) => c.entityId).sort()).toEqual([a.id, b.id].sort());
    expect(erases.every((c) => c.payload === null && c.meta.action === 'citizen.delete' && c.meta.formId === 'CT01')).toBe(true);
    expect(erases.find((c) => c.entityId === a.id)?.subjectIds.sort()).toEqual(['001099000005', '001099000006']);
    expect(store.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'dossier.put'").pluck().get()).toBe(0);

    const c = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Đỗ Văn Giang', '001099000007'), actor: 'kiosk' });
    store.markPushed(store.pendingChanges(100).map((x) => x.changeId));
    const later = new Date(Date.now() + 400 * 86_400_000);
    const purging = openStore({ path: dev.file, key: storeKey, checkpointEverySeconds: 0, now: () => later });
    try {
      expect(purging.purgeOlderThan(365, 'system')).toBe(1);
      const purge = purging.pendingChanges(100).filter((x) => x.kind === 'dossier.erase');
      expect(purge.map((x) => [x.entityId, x.meta.action, x.subjectIds])).toEqual([[c.id, 'dossier.purge', ['001099000007']]]);
    } finally {
      purging.close();
    }
  });

  it('linking queues every existing dossier once; linking again is a no-op; another centre is refused; unlinking stops the queue', () => {
    const file = path.join(dir, 'late.db');
    const s = openStore({ path: file, key: storeKey, checkpointEverySeconds: 0 });
    try {
      const ids = [1, 2, 3].map((n) => s.createDossier({ formId: 'CT01', formVersion: '1', fields: person(`Vũ Văn ${n}`, `00109900010${n}`), actor: 'kiosk' }).id);
      s.deleteCitizen('001099000103', 'lan'); // a tombstone has nothing to send
      expect(s.linkCentre({ deviceId: 'counter-2', centreId: 'centre-1' })).toEqual({ enqueued: 2 });
      expect(s.linkCentre({ deviceId: 'counter-2', centreId: 'centre-1' })).toEqual({ enqueued: 0 });
      expect(() => s.linkCentre({ deviceId: 'counter-9', centreId: 'centre-2' })).toThrow(StoreError);
      expect(s.pendingChanges(10).map((c) => c.entityId)).toEqual(ids.slice(0, 2));
      expect(s.list().map((x) => x.originDevice)).toEqual(['counter-2', 'counter-2', 'counter-2']);
      s.unlinkCentre('admin');
      expect(s.centreLink()).toBeNull();
      expect(s.pendingCount()).toBe(0);
      s.updateFields(ids[0] as string, person('Vũ Văn Một', '001099000101'), 'lan');
      expect(s.pendingCount()).toBe(0);
      expect(() => s.applyRemote([], 5)).toThrow(/not linked/);
    } finally {
      s.close();
    }
  });
});
