import { afterEach, describe, expect, it } from 'vitest';
import { getForm } from '../../src/forms/catalogue';
import { prefill } from '../../src/forms/prefill';
import { renderDeclarationPdf } from '../../src/print/declaration';
import { renderSlipPdf } from '../../src/print/slip';
import { PrintWorker, PrintWorkerError } from '../../src/print/printWorker';
import { AT, META, OFFICE, identity } from '../forms/fixtures';
import { pdfText } from './helpers';

const SLIP_META = { ...META, dossierId: 'HS-20261126-0042' };
const SLIP = { formTitle: 'Tờ khai thay đổi thông tin cư trú', office: OFFICE, steps: ['Mang tờ khai đến quầy.'] };

let printer: PrintWorker | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
});

describe('PrintWorker', () => {
  it('renders a declaration and a slip in a worker thread, byte for byte what the main thread would render', async () => {
    printer = new PrintWorker();
    const def = getForm('CT01', AT)!;
    const filled = prefill('CT01', [identity('young-man')], OFFICE, { at: AT });
    const pdf = await printer.render({ kind: 'declaration', formId: def.id, formVersion: def.version, filled, office: OFFICE, meta: META });
    expect(printer.stats()).toEqual({ running: true, started: 1 });
    expect(Buffer.from(pdf).equals(Buffer.from(await renderDeclarationPdf(def, filled, OFFICE, META)))).toBe(true);
    expect(pdfText(pdf)).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // The slip reuses the same worker.
    const slip = await printer.render({ kind: 'slip', input: SLIP, meta: SLIP_META });
    expect(Buffer.from(slip).equals(Buffer.from(await renderSlipPdf(SLIP, SLIP_META)))).toBe(true);
    expect(printer.stats().started).toBe(1);
  }, 30_000);

  it('ends the worker after the idle time and starts a fresh one for the next job', async () => {
    printer = new PrintWorker({ idleMs: 100 });
    await printer.render({ kind: 'slip', input: SLIP, meta: SLIP_META });
    expect(printer.stats().running).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(printer.stats()).toEqual({ running: false, started: 1 });
    const again = await printer.render({ kind: 'slip', input: SLIP, meta: SLIP_META });
    expect(new TextDecoder().decode(again.slice(0, 5))).toBe('%PDF-');
    expect(printer.stats().started).toBe(2);
  }, 30_000);

  it('rejects a bad job with the renderer’s reason and keeps serving', async () => {
    printer = new PrintWorker();
    const filled = prefill('CT01', [identity('young-man')], OFFICE, { at: AT });
    await expect(printer.render({ kind: 'declaration', formId: 'CT01', formVersion: 'no-such-version', filled, office: OFFICE, meta: META })).rejects.toThrow(/unknown form CT01 version no-such-version/);
    await expect(printer.render({ kind: 'slip', input: SLIP, meta: { ...SLIP_META, dossierId: '' } })).rejects.toBeInstanceOf(PrintWorkerError);
    expect((await printer.render({ kind: 'slip', input: SLIP, meta: SLIP_META })).byteLength).toBeGreaterThan(1000);
    expect(printer.stats().started).toBe(1);
  }, 30_000);

  it('abandons a job that runs past its deadline, restarts the worker, and refuses work once closed', async () => {
    printer = new PrintWorker({ jobTimeoutMs: 1 });
    await expect(printer.render({ kind: 'slip', input: SLIP, meta: SLIP_META })).rejects.toThrow(/timed out after 1 ms/);
    expect(printer.stats().running).toBe(false);
    await printer.close();
    await expect(printer.render({ kind: 'slip', input: SLIP, meta: SLIP_META })).rejects.toThrow(/closed/);
  }, 30_000);
});
