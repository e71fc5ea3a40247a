import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { openStore, type SqliteDossierStore } from '../../src/store/sqliteStore';
import { extractHolder } from '../../src/store/searchText';
import { StoreError, type DossierStatus } from '../../src/store/types';
import type { FilledField } from '../../src/forms/types';
import { chipField } from '../forms/fixtures';
import { DOSSIER_ID_RE } from '../../src/store/dossierId';
import { canonicalJson, chainHashOf, sha256Hex } from '../../src/store/audit';

const FAST_SCRYPT = { N: 1024, r: 8, p: 1, keyLen: 32 };
const key = randomBytes(32);
let dir: string;
let clock: Date;
let store: SqliteDossierStore;

const f = chipField;

const person = (name: string, id: string, more: FilledField[] = []): FilledField[] => [
  f('fullName', name),
  f('dateOfBirth', '01/02/1990'),
  f('idNumber', id),
  f('placeOfResidence', 'Thôn 3, xã Tân Phú, tỉnh Đồng Nai'),
  ...more,
];

function open(extra: Partial<Parameters<typeof openStore>[0]> = {}): SqliteDossierStore {
  return openStore({ path: path.join(dir, 'store.db'), key, now: () => clock, backupDir: path.join(dir, 'backups'), scrypt: FAST_SCRYPT, ...extra });
}

function expectStoreError(fn: () => unknown, code: StoreError['code']): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe(code);
    return err as StoreError;
  }
  throw new Error(`expected StoreError ${code}`);
}

/** Every text and blob value of every table, decrypted through a second keyed connection. */
function dumpDecrypted(): string {
  const db = new Database(path.join(dir, 'store.db'), { readonly: true });
  db.pragma(`hexkey='${key.toString('hex')}'`);
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  let out = '';
  for (const t of tables) {
    for (const row of db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]) {
      out += row.map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v))).join('|') + '\n';
    }
  }
  // The raw pages as SQLite sees them after decryption (catches leftovers in free space too).
  out += db.serialize().toString('utf8');
  db.close();
  return out;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-store-'));
  clock = new Date('2026-11-26T02:00:00.000Z');
  store = open();
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('dossiers', () => {
  it('creates a draft with a human-friendly id, fields and a "created" event', () => {
    const d = store.createDossier({ formId: 'CT01', formVersion: '2023.66', fields: person('Nguyễn Văn A', '001099012345'), actor: 'kiosk' });
    expect(d.id).toMatch(DOSSIER_ID_RE);
    expect(d.id.startsWith('HS-20261126-')).toBe(true);
    expect(d).toMatchObject({ formId: 'CT01', formVersion: '2023.66', status: 'draft', createdAt: clock.toISOString(), updatedAt: clock.toISOString() });
    expect(d.history).toEqual([{ status: 'created', at: clock.toISOString(), actor: 'kiosk' }]);
    expect(store.get(d.id)).toEqual(d);
    expect(store.get('HS-20000101-AAAAAA')).toBeNull();
  });

  it('walks the lifecycle with actors and timestamps, allows reprints and rejects invalid transitions', () => {
    const d = store.createDossier({ formId: 'KHAI_SINH', formVersion: '1', fields: person('Trần Thị B', '079190000001'), actor: 'kiosk' });
    const step = (to: DossierStatus, actor: string) => {
      clock = new Date(clock.getTime() + 60_000);
      return store.transition(d.id, to, actor);
    };
    step('completed', 'clerk.lan');
    step('printed', 'clerk.lan');
    step('printed', 'clerk.lan'); // reprint
    const done = step('handed_over', 'clerk.minh');
    expect(done.status).toBe('handed_over');
    expect(done.history.map((h) => [h.status, h.actor, h.at])).toEqual([
      ['created', 'kiosk', '2026-11-26T02:00:00.000Z'],
      ['completed', 'clerk.lan', '2026-11-26T02:01:00.000Z'],
      ['printed', 'clerk.lan', '2026-11-26T02:02:00.000Z'],
      ['printed', 'clerk.lan', '2026-11-26T02:03:00.000Z'],
      ['handed_over', 'clerk.minh', '2026-11-26T02:04:00.000Z'],
    ]);
    expect(done.updatedAt).toBe('2026-11-26T02:04:00.000Z');
    expectStoreError(() => store.transition(d.id, 'printed', 'clerk.lan'), 'INVALID_TRANSITION');
    expectStoreError(() => store.updateFields(d.id, person('X', '1'), 'clerk.lan'), 'INVALID_TRANSITION');
    const d2 = store.createDossier({ formId: 'CT01', formVersion: '1', fields: [], actor: 'kiosk' });
    expectStoreError(() => store.transition(d2.id, 'handed_over', 'clerk.lan'), 'INVALID_TRANSITION');
    expectStoreError(() => store.transition('HS-20000101-AAAAAA', 'completed', 'clerk.lan'), 'NOT_FOUND');
    expect(store.get(d2.id)?.status).toBe('draft');
  });

  it('editing a printed dossier sends it back to completed (must be reprinted)', () => {
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Lê Văn C', '001099000003'), actor: 'kiosk' });
    store.transition(d.id, 'completed', 'clerk');
    store.transition(d.id, 'printed', 'clerk');
    const edited = store.updateFields(d.id, person('Lê Văn Cường', '001099000003'), 'clerk');
    expect(edited.status).toBe('completed');
    expect(edited.fields[0]?.value).toBe('Lê Văn Cường');
    expect(edited.history.slice(-2).map((h) => h.status)).toEqual(['edited', 'completed']);
    expect(store.search('cuong')[0]?.id).toBe(d.id);
    expect(store.search('Lê Văn C').map((s) => s.id)).toEqual([d.id]); // the last word is also a prefix
    expect(store.search('le van x')).toEqual([]);
  });

  it('never stores DG13 field 10 or any face image/photo (grep of the decrypted database)', () => {
    const marks = 'Nốt ruồi C 1cm dưới trước mép phải';
    const jpeg = '/9j/4AAQSkZJRgABAQAAAQABAAD' + 'Q'.repeat(400);
    const d = store.createDossier({
      formId: 'CT01',
      formVersion: '1',
      fields: person('Phạm Văn D', '001099000004', [
        f('personalIdentification', marks),
        f('holder.personalIdentification', marks),
        f('facePhoto', 'data:image/jpeg;base64,' + jpeg),
        f('note', jpeg),
      ]),
      actor: 'kiosk',
    });
    expect(d.fields.map((x) => x.key)).toEqual(['fullName', 'dateOfBirth', 'idNumber', 'placeOfResidence']);
    store.updateFields(d.id, person('Phạm Văn D', '001099000004', [f('personalIdentification', marks), f('image', jpeg)]), 'clerk');
    store.close();
    const dump = dumpDecrypted();
    expect(dump).toContain('Phạm Văn D'); // the dump really is decrypted
    expect(dump).not.toContain(marks);
    expect(dump).not.toContain('personalIdentification');
    expect(dump).not.toContain('/9j/4AAQ');
    expect(dump).not.toContain('data:image');
    store = open();
  });

  it('lists summaries newest first, filtered by status', () => {
    const a = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('A A', '001099000010'), actor: 'kiosk' });
    const b = store.createDossier({ formId: 'KHAI_TU', formVersion: '1', fields: person('B B', '001099000011'), actor: 'kiosk' });
    store.transition(a.id, 'completed', 'clerk');
    expect(store.list().map((s) => s.id)).toEqual([b.id, a.id]);
    expect(store.list({ status: 'completed' })).toEqual([
      { id: a.id, formId: 'CT01', status: 'completed', fullName: 'A A', idNumber: '001099000010', createdAt: a.createdAt, updatedAt: clock.toISOString() },
    ]);
    expect(store.list({ limit: 1, offset: 1 }).map((s) => s.id)).toEqual([a.id]);
  });

  it('takes the holder from fullName/hoTen/idNumber/soDinhDanh style keys, configurable', () => {
    expect(extractHolder([f('ho_ten', 'x'), f('hoTen', 'Võ Thị E'), f('requester.soDinhDanh', '001 099 000 005')])).toEqual({
      fullName: 'Võ Thị E',
      idNumber: '001099000005',
    });
    store.close();
    store = open({ searchKeys: { fullName: ['tenNguoiKhai'] } });
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: [f('tenNguoiKhai', 'Hồ Văn G'), f('idNumber', '001099000006')], actor: 'kiosk' });
    expect(store.search('ho van g').map((s) => s.id)).toEqual([d.id]);
  });
});

describe('search', () => {
  beforeEach(() => {
    const people: [string, string][] = [
      ['Nguyễn Văn A', '001099012345'],
      ['Nguyễn Văn An', '001099012346'],
      ['Đặng Thị Bích', '079199000001'],
      ['Trần Đăng Khoa', '079199000002'],
      ['Lý Thị Dung', '036199000003'],
    ];
    for (const [n, id] of people) store.createDossier({ formId: 'CT01', formVersion: '1', fields: person(n, id), actor: 'kiosk' });
  });
  const names = (q: string) => store.search(q).map((s) => s.fullName);

  it('is diacritic-insensitive both ways', () => {
    // Whole-word matches first, then prefix matches (newest first within each).
    expect(names('nguyen van a')).toEqual(['Nguyễn Văn A', 'Nguyễn Văn An']);
    expect(names('Nguyễn Văn A')).toEqual(['Nguyễn Văn A', 'Nguyễn Văn An']);
    expect(names('tran dang k')).toEqual(['Trần Đăng Khoa']);
    expect(names('NGUYEN VAN AN')).toEqual(['Nguyễn Văn An']);
    expect(names('nguyen van')).toEqual(['Nguyễn Văn An', 'Nguyễn Văn A']);
  });
  it('folds đ/Đ: "dang" finds "Đặng" and "Đăng"', () => {
    expect(names('dang')).toEqual(['Trần Đăng Khoa', 'Đặng Thị Bích']);
    expect(names('đặng thị')).toEqual(['Đặng Thị Bích']);
  });
  it('finds by ID number and ID prefix', () => {
    expect(names('079199000001')).toEqual(['Đặng Thị Bích']);
    expect(names('0791')).toEqual(['Đặng Thị Bích', 'Trần Đăng Khoa']);
    expect(names('khoa 079199000002')).toEqual(['Trần Đăng Khoa']);
    expect(names('9999')).toEqual([]);
  });
  it('respects the limit and returns summaries', () => {
    expect(store.search('nguyen', 1)).toHaveLength(1);
    expect(store.search('thi')[0]).toMatchObject({ formId: 'CT01', status: 'draft', idNumber: '036199000003' });
    expect(store.search('  ')).toEqual([]);
  });
});

describe('retention and erasure', () => {
  it('purgeOlderThan wipes personal fields, keeps a tombstone, and leaves recent dossiers', () => {
    const old = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Cũ Văn Một', '001099000020'), actor: 'kiosk' });
    clock = new Date(clock.getTime() + 20 * 86_400_000);
    const recent = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Mới Văn Hai', '001099000021'), actor: 'kiosk' });
    clock = new Date(clock.getTime() + 15 * 86_400_000);
    expect(store.purgeOlderThan(30, 'system')).toBe(1);
    const t = store.get(old.id);
    expect(t).toMatchObject({ id: old.id, formId: 'CT01', status: 'purged', fields: [], createdAt: old.createdAt, updatedAt: clock.toISOString() });
    expect(t?.history.at(-1)).toEqual({ status: 'purged', at: clock.toISOString(), actor: 'system' });
    expect(store.list({ status: 'purged' })[0]).toMatchObject({ id: old.id, fullName: null, idNumber: null });
    expect(store.search('cu van mot')).toEqual([]);
    expect(store.search('001099000020')).toEqual([]);
    expect(store.get(recent.id)?.status).toBe('draft');
    expect(store.purgeOlderThan(30, 'system')).toBe(0);
    expectStoreError(() => store.transition(old.id, 'draft', 'clerk'), 'INVALID_TRANSITION');
    store.close();
    expect(dumpDecrypted()).not.toContain('Cũ Văn Một');
    store = open();
  });

  it("deleteCitizen wipes every dossier of that ID number, including where the citizen is a second person", () => {
    const id = '001099000030';
    const a = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Đỗ Văn Xoá', id), actor: 'kiosk' });
    const b = store.createDossier({ formId: 'KHAI_SINH', formVersion: '1', fields: person('Đỗ Văn Xoá', id), actor: 'kiosk' });
    const spouse = store.createDossier({
      formId: 'KET_HON',
      formVersion: '1',
      fields: person('Bùi Thị Giữ', '001199000031', [f('spouse.fullName', 'Đỗ Văn Xoá'), f('spouse.idNumber', id)]),
      actor: 'kiosk',
    });
    const keep = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Khác Văn Giữ', '001099000032'), actor: 'kiosk' });
    store.transition(a.id, 'completed', 'clerk');
    expect(store.deleteCitizen('0010 9900 0030', 'clerk.lan')).toBe(3);
    for (const d of [a, b, spouse]) {
      const t = store.get(d.id);
      expect(t?.status).toBe('purged');
      expect(t?.fields).toEqual([]);
      expect(t?.history.slice(-2).map((h) => [h.status, h.actor])).toEqual([
        ['deleted', 'clerk.lan'],
        ['purged', 'clerk.lan'],
      ]);
    }
    expect(store.get(keep.id)?.fields).toHaveLength(4);
    expect(() => store.db.prepare("INSERT INTO dossier_fts(dossier_fts) VALUES ('integrity-check')").run()).not.toThrow();
    expect(store.search('do van xoa')).toEqual([]);
    expect(store.deleteCitizen(id, 'clerk.lan')).toBe(0);
    expect(store.audit().filter((e) => e.action === 'citizen.delete').map((e) => e.recordId).sort()).toEqual([a.id, b.id, spouse.id].sort());
    store.close();
    const dump = dumpDecrypted();
    expect(dump).not.toContain('Đỗ Văn Xoá');
    expect(dump).not.toContain(id);
    store = open();
  });
});

describe('audit log', () => {
  async function activity() {
    store.createUser({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: 'secret-123' }, 'admin');
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Hoàng Văn Kiểm', '001099000040'), actor: 'kiosk', verificationOverride: true });
    store.transition(d.id, 'completed', 'lan');
    store.updateFields(d.id, person('Hoàng Văn Kiểm', '001099000040'), 'lan');
    store.setSetting('office', { communeName: 'UBND xã Tân Phú' }, 'admin');
    await expect(store.login('lan', 'wrong-pass')).rejects.toThrow();
    await store.login('lan', 'secret-123');
    store.deleteCitizen('001099000040', 'lan');
    return d;
  }

  it('records every change with actor, record id and record hash, and no personal data', async () => {
    const d = await activity();
    const entries = store.audit();
    expect(entries.map((e) => e.action)).toEqual([
      'user.create',
      'dossier.create',
      'dossier.verification_override',
      'dossier.complete',
      'dossier.edit',
      'setting.set',
      'login.fail',
      'login.success',
      'citizen.delete',
    ]);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const create = entries[1];
    expect(create).toMatchObject({ actor: 'kiosk', recordId: d.id, at: clock.toISOString() });
    expect(create?.recordHash).toMatch(/^[0-9a-f]{64}$/);
    const text = JSON.stringify(entries);
    for (const pii of ['Hoàng', 'Kiểm', '001099000040', 'Tân Phú', 'secret-123', 'wrong-pass']) expect(text).not.toContain(pii);
    // The raw audit table, read through SQL, holds no personal data either.
    const raw = JSON.stringify(store.db.prepare('SELECT * FROM audit_log').all());
    for (const pii of ['Hoàng', '001099000040', 'secret-123']) expect(raw).not.toContain(pii);
    expect(store.audit({ afterSeq: 7, limit: 1 }).map((e) => e.action)).toEqual(['login.success']);
    expect(store.verifyAudit()).toBeNull();
  });

  it('chains entries: chainHash = SHA-256(prev chainHash || canonical entry)', async () => {
    await activity();
    const [e1, e2] = store.audit();
    expect(e1 && e2).toBeTruthy();
    if (!e1 || !e2) return;
    const { chainHash: _c1, ...b1 } = e1;
    expect(e1.chainHash).toBe(sha256Hex('0'.repeat(64) + canonicalJson([b1.seq, b1.at, b1.actor, b1.action, b1.recordId, b1.recordHash])));
    expect(e2.chainHash).toBe(chainHashOf(e1.chainHash, e2));
  });

  it('triggers forbid UPDATE and DELETE', async () => {
    await activity();
    expect(() => store.db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(store.verifyAudit()).toBeNull();
  });

  it('detects rows edited, deleted or forged by someone who bypassed the triggers', async () => {
    await activity();
    const bypass = (sql: string) => {
      store.db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      store.db.exec(sql);
    };
    // Forged row appended with a made-up chain hash.
    store.db.prepare("INSERT INTO audit_log (seq, at, actor, action, record_id, record_hash, chain_hash) VALUES (10, 'x', 'eve', 'dossier.print', NULL, NULL, ?)").run('f'.repeat(64));
    expect(store.verifyAudit()).toBe(10);
    bypass("DELETE FROM audit_log WHERE seq = 10; UPDATE audit_log SET actor = 'eve' WHERE seq = 4");
    expect(store.verifyAudit()).toBe(4);
    store.db.exec("UPDATE audit_log SET actor = 'lan' WHERE seq = 4");
    expect(store.verifyAudit()).toBeNull();
    store.db.exec('DELETE FROM audit_log WHERE seq = 6');
    expect(store.verifyAudit()).toBe(7);
  });
});

describe('clerk accounts', () => {
  beforeEach(() => {
    store.createUser({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk', password: 'correct-pass' }, 'admin');
  });

  async function loginError(p: Promise<unknown>, code: StoreError['code']): Promise<StoreError> {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe(code);
    return err as StoreError;
  }

  it('logs in with the right password and lists accounts without secrets', async () => {
    expect(await store.login('lan', 'correct-pass')).toEqual({ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk' });
    expect(store.listUsers()).toEqual([{ username: 'lan', displayName: 'Nguyễn Thị Lan', role: 'clerk' }]);
    expect(() => store.createUser({ username: 'lan', displayName: 'x', role: 'admin', password: 'another-pass' }, 'admin')).toThrow(/exists/);
    const row = store.db.prepare('SELECT password_hash, password_salt, scrypt_params FROM users').get() as { password_hash: Buffer; password_salt: Buffer; scrypt_params: string };
    expect(row.password_hash.toString('latin1')).not.toContain('correct-pass');
    expect(row.password_salt.length).toBe(16);
  });

  it('BAD_CREDENTIALS for a wrong password or unknown user; the password is never audited', async () => {
    await loginError(store.login('lan', 'wrong-pass-1'), 'BAD_CREDENTIALS');
    await loginError(store.login('nobody', 'wrong-pass-2'), 'BAD_CREDENTIALS');
    const fails = store.audit().filter((e) => e.action === 'login.fail');
    expect(fails.map((e) => e.actor)).toEqual(['lan', '(unknown)']);
    const text = JSON.stringify(store.audit());
    expect(text).not.toContain('wrong-pass');
    expect(text).not.toContain('nobody');
  });

  it('never locks the account: after many failures (anyone can type them) the right password still signs in', async () => {
    for (let i = 0; i < 8; i++) await loginError(store.login('lan', `bad-${i}`), 'BAD_CREDENTIALS');
    expect((await store.login('lan', 'correct-pass')).username).toBe('lan');
    expect(store.audit().filter((e) => e.action === 'login.fail')).toHaveLength(8);
  });
});


describe('settings and backups', () => {
  it('stores JSON settings and audits the change by key only', () => {
    expect(store.getSetting('office')).toBeNull();
    store.setSetting('office', { communeName: 'UBND xã Tân Phú', provinceName: 'Đồng Nai' }, 'admin');
    store.setSetting('retentionDays', 30, 'admin');
    expect(store.getSetting<{ communeName: string }>('office')?.communeName).toBe('UBND xã Tân Phú');
    expect(store.getSetting<number>('retentionDays')).toBe(30);
    store.setSetting('retentionDays', 14, 'admin');
    expect(store.getSetting('retentionDays')).toBe(14);
    expect(store.audit().map((e) => [e.action, e.recordId])).toEqual([
      ['setting.set', 'office'],
      ['setting.set', 'retentionDays'],
      ['setting.set', 'retentionDays'],
    ]);
  });

  it('backupNow writes a rotated, encrypted backup that restores the dossiers', async () => {
    store.close();
    store = open({ keepBackups: 2 });
    const d = store.createDossier({ formId: 'CT01', formVersion: '1', fields: person('Sao Văn Lưu', '001099000050'), actor: 'kiosk' });
    const files: string[] = [];
    for (let i = 0; i < 3; i++) {
      clock = new Date(clock.getTime() + 1000);
      files.push(await store.backupNow());
    }
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual(files.slice(1).map((p) => path.basename(p)).sort());
    expect(store.audit().filter((e) => e.action === 'backup.create')).toHaveLength(3);
    const fromBackup = openStore({ path: files[2] as string, key, scrypt: FAST_SCRYPT });
    expect(fromBackup.get(d.id)?.fields[0]?.value).toBe('Sao Văn Lưu');
    fromBackup.close();
    const noDir = openStore({ path: path.join(dir, 'other.db'), key });
    await expect(noDir.backupNow()).rejects.toMatchObject({ code: 'IO' });
    noDir.close();
  });
});

describe('damage found while running', () => {
  it('a read that hits a damaged page fails with CORRUPT naming the latest backup', async () => {
    for (let i = 0; i < 300; i++) store.createDossier({ formId: 'CT01', formVersion: '1', fields: person(`Người Thứ ${i}`, `0010990${String(i).padStart(5, '0')}`), actor: 'kiosk' });
    const backup = await store.backupNow();
    // The leaf pages holding dossier rows (dbstat virtual table), so the damage is exactly where list() reads.
    const pages = store.db.prepare("SELECT pageno FROM dbstat WHERE name = 'dossiers' AND pagetype = 'leaf'").pluck().all() as number[];
    const pageSize = store.db.pragma('page_size', { simple: true }) as number;
    store.close();
    expect(pages.length).toBeGreaterThan(10);
    const file = path.join(dir, 'store.db');
    const fd = fs.openSync(file, 'r+');
    for (const p of pages.slice(-5)) fs.writeSync(fd, randomBytes(64), 0, 64, (p - 1) * pageSize + 1000);
    fs.closeSync(fd);
    store = open({ integrityCheck: 'none' }); // skip the start-up check to reach the damage at run time
    let err: unknown = null;
    try {
      store.list({ limit: 1000 });
      store.search('nguoi thu');
      store.verifyAudit();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('CORRUPT');
    expect((err as StoreError).latestBackup).toBe(backup);
  });
});
