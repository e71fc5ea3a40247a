/**
 * Loads the other teams' modules for the composition root. They are imported lazily by path so that
 * `motcua read` never pays for them and so this file compiles while a module is still being written;
 * each loader names the module and export it expects, and fails with one clear message if absent.
 */
import type { CardService } from '../services/types';
import type { DossierStore } from '../store/types';
import type { FilledForm, FormDefinition, FormId, OfficeConfig, Provenance } from '../forms/types';
import type { Holder } from '../card/result';
import type { Dossier } from '../store/types';

export interface CardModule {
  createCardService(opts: { demo: boolean; readerFilter?: string; trustDir?: string }): CardService | Promise<CardService>;
}
export interface StoreModule {
  openStore(opts: { path: string; key: Uint8Array | string; backupDir?: string }): DossierStore | Promise<DossierStore>;
}
export interface FormsModule {
  listForms(): FormDefinition[];
  getForm(id: FormId): FormDefinition | null | undefined;
  prefill(formId: FormId, holders: Holder[], office: OfficeConfig): FilledForm;
  validate(def: FormDefinition, filled: FilledForm): { key: string; message: string }[];
  applyEdit?(filled: FilledForm, key: string, value: string, by: Provenance): FilledForm;
}
export interface ExportModule {
  exportDossierJson?(def: FormDefinition, dossier: Dossier, office: OfficeConfig): Uint8Array | string;
}
export interface PrintModule {
  renderDeclarationPdf(def: FormDefinition, filled: FilledForm, office: OfficeConfig, meta: Record<string, unknown>): Promise<Uint8Array>;
  renderSlipPdf(def: FormDefinition, dossier: Dossier, office: OfficeConfig, meta: Record<string, unknown>): Promise<Uint8Array>;
}

async function load<T>(rel: string, exports: string[]): Promise<T> {
  const spec = new URL(rel, import.meta.url).href;
  let mod: Record<string, unknown>;
  try {
    mod = (await import(/* @vite-ignore */ spec)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`module ${rel} could not be loaded: ${(e as Error).message.split('\n')[0]}`);
  }
  for (const name of exports) if (typeof mod[name] !== 'function') throw new Error(`module ${rel} does not export ${name}()`);
  return mod as T;
}

export const loadCardModule = () => load<CardModule>('../services/cardService.ts', ['createCardService']);
export const loadStoreModule = () => load<StoreModule>('../store/sqliteStore.ts', ['openStore']);
export const loadFormsModule = async (): Promise<FormsModule> => ({
  ...(await load<Pick<FormsModule, 'listForms' | 'getForm'>>('../forms/catalogue.ts', ['listForms', 'getForm'])),
  ...(await load<Pick<FormsModule, 'prefill' | 'applyEdit'>>('../forms/prefill.ts', ['prefill'])),
  ...(await load<Pick<FormsModule, 'validate'>>('../forms/validate.ts', ['validate'])),
});
export const loadExportModule = () => load<ExportModule>('../forms/export.ts', []);
export const loadPrintModule = async (): Promise<PrintModule> => ({
  ...(await load<Pick<PrintModule, 'renderDeclarationPdf'>>('../print/declaration.ts', ['renderDeclarationPdf'])),
  ...(await load<Pick<PrintModule, 'renderSlipPdf'>>('../print/slip.ts', ['renderSlipPdf'])),
});
