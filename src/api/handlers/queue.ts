/** The centre's queue: tickets at the kiosk, calls at the counters, the hall display, status look-up, ratings. */
import { ApiError } from '../contract';
import type { CoreContext, Handlers } from './context';

export type QueueMethods =
  | 'queue.info'
  | 'queue.issue'
  | 'queue.lookup'
  | 'queue.rate'
  | 'queue.display'
  | 'queue.callNext'
  | 'queue.recall'
  | 'queue.noShow'
  | 'queue.finish'
  | 'queue.transfer'
  | 'queue.serving'
  | 'progress.get'
  | 'progress.set';

const unsupported = (): never => {
  throw new ApiError('UNSUPPORTED', 'the queue is not wired yet');
};

export function queueHandlers(_ctx: CoreContext): Handlers<QueueMethods> {
  return {
    'queue.info': unsupported,
    'queue.issue': unsupported,
    'queue.lookup': unsupported,
    'queue.rate': unsupported,
    'queue.display': unsupported,
    'queue.callNext': unsupported,
    'queue.recall': unsupported,
    'queue.noShow': unsupported,
    'queue.finish': unsupported,
    'queue.transfer': unsupported,
    'queue.serving': unsupported,
    'progress.get': unsupported,
    'progress.set': unsupported,
  };
}
