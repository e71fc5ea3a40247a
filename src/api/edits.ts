/**
 * Field edits are applied on the server, to the server's own pre-fill: the client sends (key, value) pairs, never
 * whole field arrays, so it cannot forge a source, a provenance or a form version. The server decides who made
 * the edit (a clerk with a token, otherwise the citizen), keeps the chip's original value beside an edited chip
 * field, and re-derives dependent fields (dates "ghi bằng chữ") through forms/prefill applyEdit.
 */
import { overallVerdict } from '../card/result';
import type { FilledForm, FormDefinition } from '../forms/types';
import { ApiError, type FieldEdit } from './contract';
import type { FormsPort } from './ports';
import type { CardSession } from './sessions';

/** Write gate (ICAO 9303-11 §5: a failed check means the data cannot be trusted): an INVALID card fills nothing without a clerk's recorded override. */
function assertVerifiedOrOverridden(sess: CardSession): void {
  const invalid = sess.results.some((r) => overallVerdict(r.verification) === 'INVALID');
  if (invalid && !sess.verificationOverride) throw new ApiError('VERIFICATION_INVALID', 'card verification failed and no clerk override is recorded');
}

/** The server's pre-fill for `def`: from the session's cards, or blank for a clerk typing a dossier without a card. */
export function serverPrefill(forms: FormsPort, def: FormDefinition, sess: CardSession | null, office: Parameters<FormsPort['prefill']>[2]): FilledForm {
  if (!sess) return forms.prefill(def.id, [], office);
  if (sess.results.length < def.cards) throw new ApiError('INVALID_INPUT', `form ${def.id} needs ${def.cards} card(s)`);
  assertVerifiedOrOverridden(sess);
  return forms.prefill(def.id, sess.results.map((r) => r.holder), office);
}

export function applyEdits(forms: FormsPort, def: FormDefinition, base: FilledForm, edits: readonly FieldEdit[], by: 'citizen' | 'clerk'): FilledForm {
  let filled = base;
  for (const e of edits) {
    const current = filled.fields.find((f) => f.key === e.key);
    if (!current) throw new ApiError('INVALID_INPUT', `unknown field ${e.key.slice(0, 80)} for ${def.id}`);
    const fd = def.fields.find((f) => f.key === e.key);
    if (fd?.bind && 'inWordsOf' in fd.bind) {
      throw new ApiError('INVALID_INPUT', `${e.key} is derived from ${fd.bind.inWordsOf}; edit that field`);
    }
    if (current.value === e.value) continue;
    filled = forms.applyEdit(filled, e.key, e.value, by);
    // The value the card gave (as read or derived from it) stays beside a person's correction (rawValue), so the
    // record shows what the card said.
    if ((current.provenance === 'chip' || current.provenance === 'derived') && !current.rawValue) {
      filled = { ...filled, fields: filled.fields.map((f) => (f.key === e.key && f.value !== current.value ? { ...f, rawValue: current.value } : f)) };
    }
  }
  return filled;
}
