/** The office's settings: what an administrator may change (settings.set) and the defaults of a new install. */
import { z } from 'zod';
import { DEFAULT_QUEUE_CONFIG, queueConfigSchema } from '../queue/groups';

export const settingsSchema = z.object({
  communeName: z.string().max(200),
  provinceName: z.string().max(200),
  communeCode: z.string().max(10).regex(/^\d*$/),
  provinceCode: z.string().max(10).regex(/^\d*$/),
  /** Printer name for silent kiosk printing; null = system default. */
  printer: z.string().max(200).nullable(),
  retentionDays: z.number().int().min(1).max(3650),
  /** Reader name filter; null = first reader with a card. */
  reader: z.string().max(200).nullable(),
  /** Kiosk idle timeout before the screen and memory are wiped. */
  idleSeconds: z.number().int().min(5).max(3600),
  kioskSilentPrint: z.boolean(),
  /** Folder for the scheduled encrypted backups (e.g. a USB disk); null = <data folder>/backups. */
  backupDir: z.string().max(500).nullable(),
  /** Minutes between scheduled backups; 0 = off. */
  backupEveryMinutes: z.number().int().min(0).max(1440),
  /** The counter number (as painted above it) this PC serves as; null = not a calling counter. */
  queueCounter: z.number().int().min(1).max(99).nullable(),
  /** This kiosk's number: names its offline ticket block (K<n>-017); null = not a ticket kiosk. */
  queueKiosk: z.number().int().min(1).max(99).nullable(),
  /** Procedure groups, the counters that call each, and the no-show policy (src/queue/groups.ts). */
  queueGroups: queueConfigSchema,
});
export type AppSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: AppSettings = {
  communeName: '',
  provinceName: '',
  communeCode: '',
  provinceCode: '',
  printer: null,
  retentionDays: 365,
  reader: null,
  idleSeconds: 90,
  kioskSilentPrint: false,
  backupDir: null,
  backupEveryMinutes: 60,
  queueCounter: null,
  queueKiosk: null,
  queueGroups: queueConfigSchema.parse(DEFAULT_QUEUE_CONFIG),
};

/** First-run setup: the administrator account and, optionally, the office names printed in "Kính gửi" and "Làm tại". */
export const firstAdminSchema = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/),
    displayName: z.string().min(1).max(100),
    password: z.string().min(8).max(256),
    office: z.object({ communeName: z.string().min(1).max(200), provinceName: z.string().min(1).max(200) }).strict().optional(),
  })
  .strict();

/** Stored settings over the defaults; a stored value that no longer validates falls back to the defaults. */
export function mergeSettings(stored: Partial<AppSettings> | null): AppSettings {
  const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(stored ?? {}) });
  return merged.success ? merged.data : { ...DEFAULT_SETTINGS };
}
