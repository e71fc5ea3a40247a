/** The head of centre's report (report.queue, report.export). Minimal stub until the report lands. */
import { ApiError } from '../contract';
import type { CoreContext, Handlers } from './context';

type ReportMethods = 'report.queue' | 'report.export';

export function reportHandlers(_ctx: CoreContext): Handlers<ReportMethods> {
  return {
    'report.queue': () => {
      throw new ApiError('UNSUPPORTED', 'the queue report is not available yet');
    },
    'report.export': () => {
      throw new ApiError('UNSUPPORTED', 'the queue report export is not available yet');
    },
  };
}
