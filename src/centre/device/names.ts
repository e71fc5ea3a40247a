/**
 * The names of a centre's devices ("Kiosk 1", "Quầy 2"), as the administrator gave them at enrolment. The server
 * keeps them (a machine's label, nothing personal); each device keeps the last list it fetched beside its store
 * (`centre-devices.json`), so the counter queue can say where a dossier was made while the server is away.
 */
import path from 'node:path';
import type { Client } from 'pg';
import { z } from 'zod';
import { readSecretJson, writeSecretJson } from '../secretFile';

export const DEVICES_FILE_NAME = 'centre-devices.json';

const KnownDeviceSchema = z.object({
  id: z.uuid(),
  name: z.string().min(1).max(40),
  kind: z.enum(['kiosk', 'counter']),
  revoked: z.boolean(),
});
const FileSchema = z.object({ version: z.literal(1), devices: z.array(KnownDeviceSchema) });

export type KnownDevice = z.infer<typeof KnownDeviceSchema>;

export function devicesFileFor(storeFile: string): string {
  return path.join(path.dirname(path.resolve(storeFile)), DEVICES_FILE_NAME);
}

/** The last list fetched, or [] (never fetched, or a damaged file: the next sync writes it again). */
export function loadDeviceNames(storeFile: string): KnownDevice[] {
  try {
    const parsed = FileSchema.safeParse(readSecretJson<unknown>(devicesFileFor(storeFile)));
    return parsed.success ? parsed.data.devices : [];
  } catch {
    return [];
  }
}

export function saveDeviceNames(storeFile: string, devices: KnownDevice[]): void {
  writeSecretJson(devicesFileFor(storeFile), FileSchema.parse({ version: 1, devices }));
}

/** SQLSTATEs that mean "this server's schema predates device names": sync goes on without them. */
const NO_NAMES = new Set(['42883', '42501']); // undefined_function, insufficient_privilege

/** The centre's devices as the server names them, or null when the server cannot say (an older schema). */
export async function fetchDeviceNames(c: Client): Promise<KnownDevice[] | null> {
  try {
    const r = await c.query<{ device_id: string; name: string; kind: 'kiosk' | 'counter'; status: string }>('SELECT device_id, name, kind, status FROM motcua.centre_devices()');
    return r.rows.map((d) => ({ id: d.device_id, name: d.name, kind: d.kind, revoked: d.status === 'revoked' }));
  } catch (e) {
    if (NO_NAMES.has((e as { code?: string }).code ?? '')) return null;
    throw e;
  }
}
