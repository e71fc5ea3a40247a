/**
 * print.ticket through the real composition: demo card, encrypted SQLite store with its queue, the print worker,
 * and a print sink that keeps what it is given (where a kiosk's printer would be).
 */
import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app/compose';
import type { CardIdentity, SaveOutput, TicketSlip } from '../../src/api/contract';
import type { PrintSink } from '../../src/api/ports';
import { sampleProfile } from '../../src/sim/profile/samples';
import { decodeQr, pdfText, rasterize } from './helpers';

let app: App | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

function sink(available = true): PrintSink & { jobs: { pdf: Uint8Array; name: string }[] } {
  const jobs: { pdf: Uint8Array; name: string }[] = [];
  return { available, jobs, print: async (pdf, _printer, name) => void jobs.push({ pdf, name }) };
}

async function kioskWithDossier(s: PrintSink) {
  app = await createApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-ticket-')), demo: true, mode: 'kiosk', host: 'browser', sink: s });
  const core = app.core;
  const id = (await core.handle('card.read', { key: { can: sampleProfile(0).can! } })) as CardIdentity;
  await core.handle('dossier.prefill', { formId: 'CT01', session: id.session });
  const saved = (await core.handle('dossier.save', { formId: 'CT01', session: id.session, edits: [{ key: 'noiDungDeNghi', value: 'Đăng ký thường trú' }], complete: true })) as SaveOutput;
  return { core, session: id.session, dossier: saved.dossier };
}

const text = (pdf: Uint8Array): string => pdfText(pdf).replace(/\s+/g, ' ');

describe('print.ticket', () => {
  it('a dossier ticket: the number, group, counter and dossier code on the paper, its QR as issued; only for the session that saved it', async () => {
    const { core, session, dossier } = await kioskWithDossier(sink());
    const slip = (await core.handle('queue.issue', { request: 'CT01', dossierId: dossier.id, session })) as TicketSlip;
    const out = (await core.handle('print.ticket', { day: slip.day, label: slip.label, session, mode: 'preview' })) as { printed: boolean; pdfBase64: string };
    expect(out.printed).toBe(false);
    expect(out).not.toHaveProperty('dossierStatus');
    const pdf = Buffer.from(out.pdfBase64, 'base64');
    const t = text(pdf);
    expect(t).toContain(`SỐ THỨ TỰ ${slip.label}`);
    expect(t).toContain(slip.groupLabel);
    expect(t).toContain(`Quầy số ${slip.counters.join(', ')}`);
    expect(t).toContain(`Mã hồ sơ: ${dossier.id}`);
    // Nobody has been served yet today: no made-up wait.
    expect(t).toContain('chưa đủ dữ liệu để ước tính');
    expect(t).toContain('THẺ MẪU');
    const [page] = rasterize(pdf, 100);
    expect(decodeQr(page ?? '')).toBe(slip.qr);
    expect(slip.qr).toBe(`MOTCUA-T:${slip.day}:${slip.label}:${dossier.id}`);

    // Its QR names the dossier: not for another session, nor for no session at all.
    await expect(core.handle('print.ticket', { day: slip.day, label: slip.label, mode: 'preview' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const other = (await core.handle('card.read', { key: { can: sampleProfile(0).can! } })) as CardIdentity;
    await expect(core.handle('print.ticket', { day: slip.day, label: slip.label, session: other.session, mode: 'preview' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  }, 60_000);

  it('silent: the ticket goes to the printer, and nothing about the dossier changes (status, audit)', async () => {
    const printer = sink();
    const { core, session, dossier } = await kioskWithDossier(printer);
    const slip = (await core.handle('queue.issue', { request: 'CT01', dossierId: dossier.id, session })) as TicketSlip;
    const before = app!.store.audit().length;
    const out = await core.handle('print.ticket', { day: slip.day, label: slip.label, session, mode: 'silent' });
    expect(out).toEqual({ printed: true });
    expect(printer.jobs).toHaveLength(1);
    expect(printer.jobs[0]!.name).toBe(`ticket-${slip.day}-${slip.label}`);
    expect(text(printer.jobs[0]!.pdf)).toContain(`SỐ THỨ TỰ ${slip.label}`);
    expect(app!.store.get(dossier.id)?.status).toBe('completed');
    expect(app!.store.audit()).toHaveLength(before);
  }, 60_000);

  it('"Tôi cần hỏi": a ticket without a dossier prints for anyone; unknown tickets and hosts that cannot print say so', async () => {
    app = await createApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-ticket-')), demo: true, mode: 'kiosk', host: 'browser', sink: sink(false) });
    const core = app.core;
    const slip = (await core.handle('queue.issue', { request: 'OTHER', dossierId: null })) as TicketSlip;
    const out = (await core.handle('print.ticket', { day: slip.day, label: slip.label, mode: 'preview' })) as { pdfBase64: string };
    const t = text(Buffer.from(out.pdfBase64, 'base64'));
    expect(t).toContain(`SỐ THỨ TỰ ${slip.label}`);
    expect(t).not.toContain('Mã hồ sơ');
    await expect(core.handle('print.ticket', { day: slip.day, label: slip.label, mode: 'silent' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(core.handle('print.ticket', { day: slip.day, label: '999', mode: 'preview' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});
