/**
 * The centre link of this device: sync status for the counter header, and joining or leaving a centre (admin).
 * The status carries counts, times and ids only: never a dossier's content.
 */
import { ApiError, type CentreStatus } from '../contract';
import type { CoreContext, Handlers } from './context';

export type { CentreStatus };

/** Implemented by the composition root (src/app/centreSync.ts), which owns the sync worker. */
export interface CentrePort {
  status(): CentreStatus;
  join(i: { server: string; code: string; caPem?: string }): Promise<CentreStatus>;
  leave(actor: string): Promise<CentreStatus>;
  /** Every status change (the 'centre.status' event to the counters). */
  onStatus(listener: (s: CentreStatus) => void): () => void;
}

const STANDALONE: CentreStatus = { linked: false, phase: 'standalone', pending: 0, pendingDossiers: 0, lastSyncAt: null, offlineSince: null, conflicts: 0, detail: null };

export function centreHandlers(ctx: CoreContext): Handlers<'centre.status' | 'centre.join' | 'centre.leave'> {
  const port = (): CentrePort => {
    if (!ctx.o.centre) throw new ApiError('UNSUPPORTED', 'this host has no centre sync');
    return ctx.o.centre;
  };
  ctx.o.centre?.onStatus((s) => ctx.emit('centre.status', s));
  return {
    'centre.status': () => ctx.o.centre?.status() ?? STANDALONE,
    'centre.join': (i) => port().join(i),
    'centre.leave': (_i, call) => port().leave(call.actor),
  };
}
