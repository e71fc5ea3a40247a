/** Printing and export: PDFs are rendered by the print port; silent printing goes to the host's sink. */
import type { Dossier, DossierAccess } from '../../store/types';
import type { TicketSlipInput } from '../../print/ticketSlip';
import { ApiError, type ExportOutput, type MethodInput, type MethodOutput, type PrintOutput } from '../contract';
import type { Call, CoreContext, Handlers } from './context';
import { ticketQr } from './queue';

type PrintMethods = 'print.declaration' | 'print.slip' | 'print.ticket' | 'dossier.export';

export function printHandlers(ctx: CoreContext): Handlers<PrintMethods> {
  const { o } = ctx;
  const dossier = (id: string): Dossier => {
    const d = o.store.get(id);
    if (!d) throw new ApiError('NOT_FOUND', 'dossier');
    return d;
  };
  const declarationPdf = (d: Dossier): Promise<Uint8Array> => {
    const office = ctx.office();
    // A declaration never prints "Kính gửi: " or ", ngày …" with the authority or place left empty.
    if (!office.communeName || !office.provinceName) throw new ApiError('OFFICE_NOT_CONFIGURED', 'the office is not configured');
    return o.print.declaration(ctx.form(d.formId), { formId: d.formId, formVersion: d.formVersion, fields: d.fields }, office, { dossierId: d.id, createdAt: d.createdAt, demo: o.demo });
  };

  const print = async (kind: 'declaration' | 'slip', i: { id: string; session?: string; mode: 'preview' | 'silent' }, call: Call): Promise<PrintOutput> => {
    // A kiosk prints only what its own session saved; a clerk prints any dossier.
    if (!call.clerk && (!i.session || !ctx.sessions.get(i.session, call.client).dossiers.has(i.id))) throw new ApiError('UNAUTHORIZED', 'dossier not owned by this session');
    const d = dossier(i.id);
    const pdf = kind === 'declaration' ? await declarationPdf(d) : await o.print.slip(ctx.form(d.formId), d, ctx.office(), { dossierId: d.id, createdAt: d.createdAt, demo: o.demo });
    let printed = false;
    if (i.mode === 'silent') {
      if (!o.sink?.available) throw new ApiError('UNSUPPORTED', 'silent printing is not available on this host');
      try {
        await o.sink.print(pdf, ctx.settings().printer, `${d.id}-${kind}`);
      } catch (e) {
        throw new ApiError('PRINT_FAILED', e instanceof Error ? e.message : 'print failed');
      }
      printed = true;
    }
    let status = d.status;
    // Only a job the printer accepted moves a completed dossier to "printed": a preview may never reach paper,
    // and a clerk must not believe a declaration exists that nobody printed. Every other paper (a preview, a
    // reprint, a slip) is audited on its own, since each copy carries personal data out.
    if (kind === 'declaration' && d.status === 'completed' && printed) status = o.store.transition(d.id, 'printed', call.actor).status;
    else o.store.recordAccess(accessAction(kind, d, printed), d.id, call.actor);
    return printed ? { printed, dossierStatus: status } : { printed, pdfBase64: toBase64(pdf), dossierStatus: status };
  };

  /**
   * The queue ticket, rebuilt from the queue on every print (people ahead and the estimate as of now). A ticket that
   * came with a dossier carries its code in the QR, so it prints only for the card session that saved that dossier
   * or for a clerk, like the dossier's own papers; a ticket without one holds nothing personal and prints for anyone.
   * It marks nothing about a dossier: the ticket is not a paper of the dossier.
   */
  const printTicket = async (i: MethodInput<'print.ticket'>, call: Call): Promise<MethodOutput<'print.ticket'>> => {
    const queue = o.queue;
    if (!queue || !o.print.ticket) throw new ApiError('UNSUPPORTED', 'queue tickets are not available on this device');
    if (i.mode === 'silent' && !o.sink?.available) throw new ApiError('UNSUPPORTED', 'silent printing is not available on this host');
    const ticket = await queue.find(i.day, i.label);
    if (!ticket) throw new ApiError('NOT_FOUND', 'ticket');
    if (ticket.dossierId && !call.clerk && (!i.session || !ctx.sessions.get(i.session, call.client).dossiers.has(ticket.dossierId))) {
      throw new ApiError('UNAUTHORIZED', 'ticket of a dossier not owned by this session');
    }
    const { ahead, estimate } = await queue.status(ticket);
    const group = ctx.queueConfig().groups.find((g) => g.id === ticket.groupId);
    const input: TicketSlipInput = {
      office: ctx.office(),
      label: ticket.label,
      groupLabel: group?.label ?? ticket.groupId,
      counters: group ? [...group.counters] : [],
      ahead,
      estimate: estimate ? { lowMinutes: estimate.lowMinutes, highMinutes: estimate.highMinutes } : null,
      qr: ticketQr(ticket),
      dossierId: ticket.dossierId,
    };
    const pdf = await o.print.ticket(input, o.demo);
    if (i.mode === 'preview' || !o.sink) return { printed: false, pdfBase64: toBase64(pdf) };
    try {
      await o.sink.print(pdf, ctx.settings().printer, `ticket-${ticket.day}-${ticket.label}`);
    } catch (e) {
      throw new ApiError('PRINT_FAILED', e instanceof Error ? e.message : 'print failed');
    }
    return { printed: true };
  };

  return {
    'print.declaration': (i, call) => print('declaration', i, call),
    'print.slip': (i, call) => print('slip', i, call),
    'print.ticket': printTicket,
    'dossier.export': async (i, call): Promise<ExportOutput> => {
      const d = dossier(i.id);
      o.store.recordAccess(i.format === 'json' ? 'dossier.export.json' : 'dossier.export.pdf', d.id, call.actor);
      if (i.format === 'json') return { fileName: `${d.id}.json`, mime: 'application/json', dataBase64: toBase64(o.forms.exportJson(ctx.form(d.formId), d, ctx.office())) };
      return { fileName: `${d.id}.pdf`, mime: 'application/pdf', dataBase64: toBase64(await declarationPdf(d)) };
    },
  };
}

/** The audit action for a paper that did not move the dossier on. */
function accessAction(kind: 'declaration' | 'slip', d: Dossier, printed: boolean): DossierAccess {
  if (kind === 'slip') return 'dossier.slip';
  if (!printed) return 'dossier.preview';
  return d.status === 'draft' ? 'dossier.print' : 'dossier.reprint';
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
