/**
 * Scheduled encrypted backups of the dossier store: on a schedule, rotated, to a configurable folder such as a USB
 * disk, so a dead PC loses at most one interval of dossiers. The policy is re-read on every tick, so a clerk's change of folder or interval applies at
 * once; a missing USB disk only logs (no personal data) and is retried on the next tick.
 */
import type { DossierStore } from '../store/types';

export interface BackupPolicy {
  dir: string;
  /** 0 = off */
  everyMinutes: number;
}

export interface BackupSchedule {
  /** Run one check now (the timer calls this every tickMs). Resolves to the backup file when one was written. */
  tick(): Promise<string | null>;
  stop(): void;
}

export function startScheduledBackups(
  store: Pick<DossierStore, 'backupNow'>,
  policy: () => BackupPolicy,
  opts: { now?: () => number; tickMs?: number; log?: (msg: string) => void } = {},
): BackupSchedule {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? ((m: string) => console.warn(m));
  let last = 0;
  let running = false;
  const tick = async (): Promise<string | null> => {
    const p = policy();
    if (running || p.everyMinutes <= 0 || now() - last < p.everyMinutes * 60_000) return null;
    running = true;
    try {
      const file = await store.backupNow(p.dir);
      last = now();
      return file;
    } catch (e) {
      log(`backup: scheduled backup failed (${(e as { code?: string }).code ?? 'error'}); will retry`);
      return null;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), opts.tickMs ?? 60_000);
  timer.unref();
  return { tick, stop: () => clearInterval(timer) };
}
