/**
 * The store's integrity as the counter sees it: SQLite's quick_check runs in a worker after start and daily
 * (src/store/integrity.ts), so opening a large store does not wait for it; a damaged file is reported to the clerks
 * with the backup to restore from. Page numbers and index names only, never row contents.
 */
import type { StoreIntegrity } from '../contract';
import type { CoreContext, Handlers } from './context';

/** Implemented by the composition root, which owns the integrity monitor of the store it opened. */
export interface IntegrityPort {
  status(): StoreIntegrity;
  onChange(listener: (s: StoreIntegrity) => void): void;
}

const CHECKED_AT_OPEN: StoreIntegrity = { state: 'ok', checkedAt: null, problems: [], latestBackup: null };

export function integrityHandlers(ctx: CoreContext): Handlers<'store.integrity'> {
  ctx.o.integrity?.onChange((s) => ctx.emit('store.integrity', s));
  return { 'store.integrity': () => ctx.o.integrity?.status() ?? CHECKED_AT_OPEN };
}
