/** Dossier progress at the counter: where a dossier stands and its promised return date (audited, no personal data). */
import { ApiError, type DossierProgress } from '../contract';
import type { CoreContext, Handlers, ProgressPort } from './context';
import type { DossierProgressRecord } from '../../queue/progress';

const view = (r: DossierProgressRecord): DossierProgress => ({ dossierId: r.dossierId, state: r.state, expectedReturn: r.expectedReturn, updatedAt: r.updatedAt, actor: r.actor });

function requireProgress(ctx: CoreContext): ProgressPort {
  if (!ctx.o.progress) throw new ApiError('UNSUPPORTED', 'no dossier progress on this device');
  return ctx.o.progress;
}

export function progressHandlers(ctx: CoreContext): Handlers<'progress.get' | 'progress.set'> {
  return {
    'progress.get': (i) => {
      const p = requireProgress(ctx);
      if (!p.lookup(i.id)) throw new ApiError('NOT_FOUND', 'dossier');
      const r = p.get(i.id);
      return r ? view(r) : null;
    },
    'progress.set': (i, call) => view(requireProgress(ctx).set(i.id, i.state, i.expectedReturn, call.actor)),
  };
}
