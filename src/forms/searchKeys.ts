/**
 * Which filled-form keys name a dossier's main person, for the store's search columns (name + ID number).
 * Derived from the catalogue's bindings so a new form is searchable without touching the store: per form, the
 * first bound person (requester, bride, …) in catalogue order wins.
 */
import { allFormVersions } from './catalogue';
import type { FormDefinition } from './types';

export interface PersonSearchKeys {
  fullName: string[];
  idNumber: string[];
}

function boundKeys(f: FormDefinition, attr: 'fullName' | 'idNumber'): string[] {
  return f.fields.filter((x) => x.bind && 'attr' in x.bind && x.bind.attr === attr).map((x) => x.key);
}

export function searchKeysFromCatalogue(forms: readonly FormDefinition[] = allFormVersions()): PersonSearchKeys {
  const out: PersonSearchKeys = { fullName: [], idNumber: [] };
  for (const f of forms) {
    for (const attr of ['fullName', 'idNumber'] as const) {
      for (const k of boundKeys(f, attr)) if (!out[attr].includes(k)) out[attr].push(k);
    }
  }
  return out;
}
