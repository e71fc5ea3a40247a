/** Forms and the kiosk's dossier steps: pre-fill from the session's cards, preview edits, save. */
import { overallVerdict } from '../../card/result';
import { ApiError, type PrefillOutput, type SaveOutput } from '../contract';
import { applyEdits, serverPrefill } from '../edits';
import type { CoreContext, Handlers } from './context';

type DossierMethods = 'forms.list' | 'forms.get' | 'dossier.prefill' | 'dossier.preview' | 'dossier.save';

export function dossierHandlers(ctx: CoreContext): Handlers<DossierMethods> {
  const { o, sessions } = ctx;
  return {
    'forms.list': () => o.forms.list(),
    'forms.get': (i) => ctx.form(i.formId),
    'dossier.prefill': (i, call): PrefillOutput => {
      const sess = sessions.get(i.session, call.client);
      const def = ctx.form(i.formId);
      if (sess.results.length < def.cards) throw new ApiError('INVALID_INPUT', `form ${def.id} needs ${def.cards} card(s)`);
      const invalid = sess.results.some((r) => overallVerdict(r.verification) === 'INVALID');
      if (invalid && !sess.verificationOverride) {
        if (!i.override) throw new ApiError('VERIFICATION_INVALID', 'card verification failed');
        if (!call.clerk) throw new ApiError('UNAUTHORIZED', 'override needs a clerk');
        sess.verificationOverride = true;
        sess.overrideBy = call.clerk.username;
      }
      const filled = serverPrefill(o.forms, def, sess, ctx.office());
      return { session: sess.id, form: def, filled, issues: o.forms.validate(def, filled), verificationOverride: sess.verificationOverride };
    },
    'dossier.preview': (i, call) => {
      const sess = i.session ? sessions.get(i.session, call.client) : null;
      if (!sess && !call.clerk) throw new ApiError('UNAUTHORIZED', 'a preview needs a card session or a clerk');
      const def = ctx.form(i.formId);
      const filled = applyEdits(o.forms, def, serverPrefill(o.forms, def, sess, ctx.office()), i.edits, call.clerk ? 'clerk' : 'citizen');
      return { filled, issues: o.forms.validate(def, filled) };
    },
    'dossier.save': (i, call): SaveOutput => {
      const sess = i.session ? sessions.get(i.session, call.client) : null;
      if (!sess && !call.clerk) throw new ApiError('UNAUTHORIZED', 'saving needs a card session or a clerk');
      const def = ctx.form(i.formId);
      // The gate sits here, where the dossier is written, not only in dossier.prefill (serverPrefill enforces it).
      const filled = applyEdits(o.forms, def, serverPrefill(o.forms, def, sess, ctx.office()), i.edits, call.clerk ? 'clerk' : 'citizen');
      const issues = o.forms.validate(def, filled);
      if (i.complete && issues.length > 0) throw new ApiError('INVALID_INPUT', `${issues.length} field(s) need attention`);
      let dossier = o.store.createDossier({
        formId: def.id,
        formVersion: filled.formVersion,
        fields: filled.fields,
        actor: sess?.overrideBy && !call.clerk ? sess.overrideBy : call.actor,
        verificationOverride: sess?.verificationOverride || undefined,
      });
      if (i.complete) dossier = o.store.transition(dossier.id, 'completed', call.actor);
      sess?.dossiers.add(dossier.id);
      return { dossier, issues };
    },
  };
}
