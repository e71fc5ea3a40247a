/**
 * The one description of a print: which dossier, when it was made, when this copy is printed, and whether it is
 * demo data. Both the A4 declaration and the 80 mm slip take it; the print port stamps `printedAt` from its clock,
 * so callers give everything else (PrintRequestMeta).
 */
export interface PrintMeta {
  dossierId: string;
  /** When the dossier was made (ISO 8601): the slip's "Thời gian". */
  createdAt: string;
  /** When this copy is printed (ISO 8601): the declaration's "In lúc", and the PDF's creation date (same input → same bytes). */
  printedAt: string;
  /** Demo mode (simulated "THẺ MẪU" card): every page says the data is sample data. */
  demo: boolean;
}

/** What a caller of the print port gives: the port adds printedAt. */
export type PrintRequestMeta = Omit<PrintMeta, 'printedAt'>;

export function parseMetaDate(iso: string, what: string): Date {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`print: ${what} is not a valid date`);
  return d;
}
