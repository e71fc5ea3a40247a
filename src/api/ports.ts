/**
 * What the API core needs from the other modules, as narrow interfaces. The composition root (src/app/) adapts the
 * real forms, print and trust modules to these; tests inject fakes. No Node- or Electron-specific types here.
 */
import type { FilledForm, FormDefinition, FormId, OfficeConfig } from '../forms/types';
import type { Holder } from '../card/result';
import type { Dossier } from '../store/types';
import type { FieldIssue } from './contract';

export interface FormsPort {
  list(): FormDefinition[];
  get(id: FormId): FormDefinition | null;
  /** holders[0] = first card, holders[1] = second card (two-card forms). */
  prefill(formId: FormId, holders: Holder[], office: OfficeConfig): FilledForm;
  validate(def: FormDefinition, filled: FilledForm): FieldIssue[];
  /** One person's edit (forms/prefill applyEdit): sets the value and who made it, re-derives dependent fields. */
  applyEdit(filled: FilledForm, key: string, value: string, by: 'citizen' | 'clerk'): FilledForm;
  /** Structured export of a dossier (JSON bytes). */
  exportJson(def: FormDefinition, dossier: Dossier, office: OfficeConfig): Uint8Array;
}

export type { PrintRequestMeta as PrintMeta } from '../print/meta';
import type { PrintRequestMeta as PrintMeta } from '../print/meta';
import type { TicketSlipInput } from '../print/ticketSlip';
import type { QueueReportInput } from '../print/queueReport';

export interface PrintPort {
  declaration(def: FormDefinition, filled: FilledForm, office: OfficeConfig, meta: PrintMeta): Promise<Uint8Array>;
  slip(def: FormDefinition, dossier: Dossier, office: OfficeConfig, meta: PrintMeta): Promise<Uint8Array>;
  /** The queue ticket on the 80 mm roll (print.ticket); the port stamps the print time. Absent: UNSUPPORTED. */
  ticket?(input: TicketSlipInput, demo: boolean): Promise<Uint8Array>;
  /** The head's queue report (A4 landscape); absent: report.export answers UNSUPPORTED for PDF. */
  queueReport?(input: QueueReportInput): Promise<Uint8Array>;
}

/** Where silent printing goes (CUPS `lp` in the browser host, webContents.print in Electron). */
export interface PrintSink {
  readonly available: boolean;
  print(pdf: Uint8Array, printer: string | null, jobName: string): Promise<void>;
}

export interface TrustPort {
  /** Store a CSCA certificate or master list (DER/PEM/.ml) in the trust directory; returns the stored name. */
  importFile(fileName: string, bytes: Uint8Array): Promise<string>;
}
