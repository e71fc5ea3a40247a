/**
 * The composition root with its real parts: demo card service (in-process simulated CCCD), encrypted SQLite store
 * in a temporary folder, forms, and PDF printing on the print worker thread.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, printPort, type App } from '../../src/app/compose';
import { ApiError, type CardIdentity, type PrefillOutput, type SaveOutput } from '../../src/api/contract';
import { getForm } from '../../src/forms/catalogue';
import { prefill } from '../../src/forms/prefill';
import { PrintWorker } from '../../src/print/printWorker';
import { sampleIdentities, sampleProfile } from '../../src/sim/profile/samples';
import { AT, OFFICE, identity } from '../forms/fixtures';
import { pdfText } from '../print/helpers';
import { FakeCard } from '../api/fakes';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('createApp', () => {
  it('reads the demo card, saves CT01 and prints it through the print worker, with the THẺ MẪU banner', async () => {
    app = await createApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-app-')), demo: true, mode: 'kiosk', host: 'browser' });
    const core = app.core;
    const id = (await core.handle('card.read', { key: { can: sampleProfile(0).can! } })) as CardIdentity;
    expect(id.overall).toBe('VALID');
    const pre = (await core.handle('dossier.prefill', { formId: 'CT01', session: id.session })) as PrefillOutput;
    expect(pre.filled.fields.some((f) => f.key === 'noiDungDeNghi')).toBe(true);
    const saved = (await core.handle('dossier.save', { formId: 'CT01', session: id.session, edits: [{ key: 'noiDungDeNghi', value: 'Đăng ký thường trú' }], complete: true })) as SaveOutput;
    const out = (await core.handle('print.declaration', { id: saved.dossier.id, session: id.session, mode: 'preview' })) as { pdfBase64: string; dossierStatus: string };
    const text = pdfText(Buffer.from(out.pdfBase64, 'base64')).replace(/\s+/g, ' ');
    expect(text).toContain(sampleIdentities()[0]!.fullName.toLocaleUpperCase('vi-VN'));
    expect(text).toContain('THẺ MẪU');
    expect(text).toContain(saved.dossier.id);
    // A preview is not a print job: the dossier stays "completed" until a printer accepts it.
    expect(out.dossierStatus).toBe('completed');
    expect(app.store.audit().map((a) => a.action)).toContain('dossier.preview');
  }, 60_000);

  it('exports are audited in the real store, by record id and actor only', async () => {
    app = await createApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-app-')), demo: true, mode: 'counter', host: 'browser', card: new FakeCard() });
    const { token } = (await app.core.handle('auth.login', { username: 'canbo', password: 'motcua-canbo' })) as { token: string };
    const saved = (await app.core.handle('dossier.save', { formId: 'CT01', edits: [{ key: 'noiDungDeNghi', value: 'Đăng ký thường trú' }] }, token)) as SaveOutput;
    await app.core.handle('dossier.export', { id: saved.dossier.id, format: 'json' }, token);
    const entry = app.store.audit().find((e) => e.action === 'dossier.export.json');
    expect(entry).toMatchObject({ actor: 'canbo', recordId: saved.dossier.id, recordHash: null });
    expect(JSON.stringify(app.store.audit())).not.toContain('thường trú');
  }, 60_000);

  it('demo accounts and the THẺ MẪU office live apart: a later real start on the same folder accepts neither', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-app-'));
    app = await createApp({ dataDir: dir, demo: true, mode: 'counter', host: 'browser', card: new FakeCard() });
    await expect(app.core.handle('auth.login', { username: 'admin', password: 'motcua-admin' })).resolves.toMatchObject({ user: { role: 'admin' } });
    expect(app.core.settings().communeName).toContain('THẺ MẪU');
    await app.close();
    app = await createApp({ dataDir: dir, demo: false, mode: 'counter', host: 'browser', card: new FakeCard() });
    const err = await app.core.handle('auth.login', { username: 'admin', password: 'motcua-admin' }).catch((e: unknown) => e);
    expect((err as ApiError).code).toBe('BAD_CREDENTIALS');
    expect(app.core.settings().communeName).not.toContain('MẪU');
  }, 60_000);
});

describe('printPort', () => {
  it('turns a failing print worker into PRINT_FAILED for the API', async () => {
    const printer = new PrintWorker();
    await printer.close();
    const def = getForm('CT01', AT)!;
    const port = printPort(printer, () => AT);
    const filled = prefill('CT01', [identity('young-man')], OFFICE, { at: AT });
    const err = await port.declaration(def, filled, OFFICE, { dossierId: 'HS-1', createdAt: AT.toISOString(), demo: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe('PRINT_FAILED');
  });
});
