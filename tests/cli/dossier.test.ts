/** The CLI contract acceptance scripts use (`forms list`, `dossier create`), on a real SQLite file. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, REPO } from '../helpers/pcscCard';
import { SETTINGS_KEY } from '../../src/api/handlers/settings';
import { OFFICE_NOT_CONFIGURED } from '../../src/forms/office';
import { KEY_FILE_NAME, loadOrCreateKeyFile } from '../../src/store/keyFile';
import { openStore } from '../../src/store/sqliteStore';

const FIX = path.join(REPO, 'tests', 'fixtures', 'identities');

// Each case runs several CLI processes; on a loaded 2-core machine one start can take seconds.
describe('motcua forms / dossier CLI', { timeout: 120_000 }, () => {
  it('forms list --json gives id, code, title, version, effectiveFrom and legalBasis for the six forms', async () => {
    const r = await runCli(['forms', 'list', '--json']);
    expect(r.code).toBe(0);
    const forms = JSON.parse(r.stdout) as { id: string; code: string; title: string; version: string; effectiveFrom: string; legalBasis: string }[];
    expect(forms.map((f) => f.id).sort()).toEqual(['CHUNG_THUC_CHU_KY', 'CT01', 'KET_HON', 'KHAI_SINH', 'KHAI_TU', 'XAC_NHAN_TTHN']);
    for (const f of forms) expect(f.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const byId = Object.fromEntries(forms.map((f) => [f.id, f]));
    expect(byId['CT01']).toMatchObject({ code: 'CT01', legalBasis: 'Thông tư 53/2025/TT-BCA' });
    expect(byId['KHAI_SINH']).toMatchObject({ code: 'KHAI_SINH', legalBasis: 'Thông tư 04/2024/TT-BTP' });
    expect(byId['KET_HON']?.legalBasis).toBe('Thông tư 04/2024/TT-BTP');
    expect(byId['CHUNG_THUC_CHU_KY']?.legalBasis).toBe('Thông tư 01/2020/TT-BTP');
  });

  it('dossier create --json lists the problems for the clerk (office, law) and still exits 0; the office comes from the app settings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
    const db = path.join(dir, 'm.db');
    const bride = path.join(dir, 'bride.json');
    fs.writeFileSync(bride, JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(FIX, 'married-woman.json'), 'utf8')), dateOfBirth: '2010-05-01' }));
    const r = await runCli(['dossier', 'create', '--form', 'KET_HON', '--identity', bride, '--identity2', path.join(FIX, 'young-man.json'), '--db', db, '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { problems: { field: string | null; message: string }[] };
    expect(d.problems[0]).toEqual({ field: null, message: OFFICE_NOT_CONFIGURED });
    expect(d.problems).toContainEqual({ field: 'nuNgaySinh', message: expect.stringMatching(/^Bên nữ chưa đủ 18 tuổi.*Luật Hôn nhân và gia đình 2014, Điều 8/) });

    // The office the settings screen saves (the app's one settings object) is the office the CLI uses.
    const store = openStore({ path: db, key: loadOrCreateKeyFile(path.join(dir, KEY_FILE_NAME)) });
    store.setSetting(SETTINGS_KEY, { communeName: 'UBND phường Ba Đình', provinceName: 'Thành phố Hà Nội' }, 'test');
    store.close();
    const ok = JSON.parse((await runCli(['dossier', 'create', '--form', 'CT01', '--identity', path.join(FIX, 'young-man.json'), '--db', db, '--json'])).stdout);
    expect(ok.fields.find((f: { key: string }) => f.key === 'kinhGui').value).toBe('Công an phường Ba Đình');
    expect(ok.problems).toEqual([{ field: 'noiDungDeNghi', message: 'Chưa ghi “10. Nội dung đề nghị(2)”.' }]);
  });

  it('dossier create pre-fills CT01 from a holder file and a `motcua read --json` file alike; list/search/show/export work', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
    const db = path.join(dir, 'm.db');
    const holder = JSON.parse(fs.readFileSync(path.join(FIX, 'married-woman.json'), 'utf8'));
    const readJson = path.join(dir, 'read.json');
    fs.writeFileSync(readJson, JSON.stringify({ holder, document: {}, verification: {} }));

    const a = await runCli(['dossier', 'create', '--form', 'CT01', '--identity', path.join(FIX, 'married-woman.json'), '--db', db, '--json']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    const da = JSON.parse(a.stdout);
    const b = await runCli(['dossier', 'create', '--form', 'CT01', '--identity', readJson, '--db', db, '--json']);
    const dbb = JSON.parse(b.stdout);
    expect(da.form).toBe('CT01');
    expect(dbb.fields).toEqual(da.fields);
    const name = da.fields.find((f: { key: string }) => f.key === 'hoTen');
    expect(name).toMatchObject({ value: holder.fullName, source: 'CHIP' });
    const dob = da.fields.find((f: { key: string }) => f.key === 'ngaySinh');
    expect(dob.value).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    for (const f of da.fields) expect(Object.keys(f).sort()).toEqual(['group', 'key', 'label', 'source', 'value']);

    const found = await runCli(['dossier', 'list', '--db', db, '--search', holder.fullName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(), '--json']);
    expect(JSON.parse(found.stdout).map((s: { id: string }) => s.id).sort()).toEqual([da.id, dbb.id].sort());
    const shown = await runCli(['dossier', 'show', da.id, '--db', db, '--json']);
    expect(JSON.parse(shown.stdout).id).toBe(da.id);
    const exported = await runCli(['dossier', 'export', da.id, '--db', db]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(da.id);

    // The file is encrypted at rest: no readable name in it.
    const raw = fs.readFileSync(db);
    expect(raw.includes(Buffer.from(holder.fullName))).toBe(false);
    expect(raw.subarray(0, 15).toString()).not.toBe('SQLite format 3');
  });

  it('the marriage form assigns the cards by sex whichever is given first', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-cli-'));
    const db = path.join(dir, 'm.db');
    const man = path.join(FIX, 'young-man.json');
    const woman = path.join(FIX, 'hmong-woman-current-address.json');
    const one = JSON.parse((await runCli(['dossier', 'create', '--form', 'KET_HON', '--identity', man, '--identity2', woman, '--db', db, '--json'])).stdout);
    const two = JSON.parse((await runCli(['dossier', 'create', '--form', 'KET_HON', '--identity', woman, '--identity2', man, '--db', db, '--json'])).stdout);
    expect(two.fields).toEqual(one.fields);
    expect(one.fields.find((f: { key: string }) => f.key === 'nuHoTen').value).toBe('Giàng Thị Mỷ');
  });

  it('bad input is a clear usage error', async () => {
    const r = await runCli(['dossier', 'create', '--form', 'NOPE', '--identity', 'x.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--form must be one of/);
  });
});
