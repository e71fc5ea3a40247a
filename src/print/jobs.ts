/**
 * A print job as plain, structured-cloneable data, and the one function that renders it. The print worker runs it
 * (src/print/worker.ts); the forms are looked up by id and version there, because form definitions are code-bearing
 * objects that cannot cross a thread boundary.
 */
import { getFormVersion } from '../forms/catalogue';
import type { FilledForm, FormId, OfficeConfig } from '../forms/types';
import { renderDeclarationPdf } from './declaration';
import type { PrintMeta } from './meta';
import { renderSlipPdf, type SlipInput } from './slip';
import { renderTicketPdf, type TicketMeta, type TicketSlipInput } from './ticketSlip';
import { renderQueueReportPdf, type QueueReportInput } from './queueReport';

export type PrintJob =
  | { kind: 'declaration'; formId: FormId; formVersion: string; filled: FilledForm; office: OfficeConfig; meta: PrintMeta }
  | { kind: 'slip'; input: SlipInput; meta: PrintMeta }
  | { kind: 'ticket'; input: TicketSlipInput; meta: TicketMeta }
  | { kind: 'queueReport'; input: QueueReportInput };

export function renderJob(job: PrintJob): Promise<Uint8Array> {
  if (job.kind === 'slip') return renderSlipPdf(job.input, job.meta);
  if (job.kind === 'ticket') return renderTicketPdf(job.input, job.meta);
  if (job.kind === 'queueReport') return renderQueueReportPdf(job.input);
  const def = getFormVersion(job.formId, job.formVersion);
  if (!def) throw new Error(`print: unknown form ${job.formId} version ${job.formVersion}`);
  return renderDeclarationPdf(def, job.filled, job.office, job.meta);
}
