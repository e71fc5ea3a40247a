/** The clerk's counter: sign-in, the dossier queue, corrections, status changes, erasure, the audit trail. */
import { ApiError } from '../contract';
import { applyEdits } from '../edits';
import type { CoreContext, Handlers } from './context';

type CounterMethods =
  | 'auth.login'
  | 'auth.logout'
  | 'dossier.update'
  | 'dossier.transition'
  | 'dossier.get'
  | 'dossier.list'
  | 'dossier.search'
  | 'dossier.deleteCitizen'
  | 'audit.list';

export function counterHandlers(ctx: CoreContext): Handlers<CounterMethods> {
  const { o } = ctx;
  return {
    // Calls without a connection id (in-process use) share one throttle source.
    'auth.login': (i, call) => ctx.clerks.login(i.username, i.password, call.client ?? 'local'),
    'auth.logout': (_i, call) => ({ loggedOut: ctx.clerks.logout(call.token) }),
    'dossier.update': (i, call) => {
      const d = o.store.get(i.id);
      if (!d) throw new ApiError('NOT_FOUND', 'dossier');
      const def = ctx.form(d.formId);
      const filled = applyEdits(o.forms, def, { formId: d.formId, formVersion: d.formVersion, fields: d.fields }, i.edits, 'clerk');
      return o.store.updateFields(i.id, filled.fields, call.actor);
    },
    'dossier.transition': (i, call) => o.store.transition(i.id, i.to, call.actor),
    'dossier.get': (i) => {
      const d = o.store.get(i.id);
      if (!d) throw new ApiError('NOT_FOUND', 'dossier');
      return d;
    },
    'dossier.list': (i) => o.store.list(i),
    'dossier.search': (i) => o.store.search(i.query, i.limit),
    'dossier.deleteCitizen': (i, call) => ({ deleted: o.store.deleteCitizen(i.idNumber, call.actor) }),
    'audit.list': (i) => o.store.audit(i),
  };
}
