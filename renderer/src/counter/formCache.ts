import type { ApiClient, FormDefinition, FormId } from '../../../src/api/contract';

/**
 * Form definitions by id, fetched once per page: they change only with an app update. The call panel warms the
 * forms of its groups, so a called kiosk dossier opens after one round trip (dossier.get) instead of two.
 */
const cache = new Map<FormId, Promise<FormDefinition>>();

export function formDef(api: ApiClient, formId: FormId): Promise<FormDefinition> {
  let p = cache.get(formId);
  if (!p) {
    p = api.call('forms.get', { formId });
    cache.set(formId, p);
    // A failed fetch (lost connection) is not kept: the next open tries again.
    p.catch(() => cache.delete(formId));
  }
  return p;
}

/** Fills the cache from forms.list (which answers the same definitions as forms.get, all at once). */
export function seedForms(defs: readonly FormDefinition[]): void {
  for (const d of defs) if (!cache.has(d.id)) cache.set(d.id, Promise.resolve(d));
}
