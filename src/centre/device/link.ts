/**
 * A device's link to its centre: server address, login role and password, the CA to verify the server with, the
 * device's X25519 private key and the centre's data keys. Kept like the store key: a 0600 file beside the store
 * (`centre-link.json`); the Electron host may wrap it with safeStorage instead (same shape).
 */
import path from 'node:path';
import { z } from 'zod';
import { readSecretJson, writeSecretJson } from '../secretFile';
import { subjectKey } from '../crypto';
import type { DeviceCredentials, ServerAddress } from '../connection';

export const LINK_FILE_NAME = 'centre-link.json';

const hex32 = z.string().regex(/^[0-9a-f]{64}$/);

const LinkSchema = z.object({
  version: z.literal(1),
  deviceId: z.uuid(),
  centreId: z.uuid(),
  kind: z.enum(['kiosk', 'counter']),
  server: z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65535), database: z.string().min(1) }),
  user: z.string().regex(/^motcua_d_[0-9a-z]+$/),
  password: z.string().min(20),
  caPem: z.string().includes('BEGIN CERTIFICATE'),
  privateKey: z.string().min(40), // PKCS#8 DER, base64
  keys: z.record(z.string().regex(/^\d+$/), hex32),
  joinedAt: z.string(),
});

export type CentreLink = z.infer<typeof LinkSchema>;

export function linkFileFor(storeFile: string): string {
  return path.join(path.dirname(path.resolve(storeFile)), LINK_FILE_NAME);
}

/** The device's link, or null when the device is standalone (no centre configured: the default). */
export function loadLink(storeFile: string): CentreLink | null {
  const raw = readSecretJson<unknown>(linkFileFor(storeFile));
  if (raw === null) return null;
  const parsed = LinkSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${LINK_FILE_NAME} is damaged (${parsed.error.issues[0]?.path.join('.') ?? '?'}); join the centre again with a new code`);
  return parsed.data;
}

export function saveLink(storeFile: string, link: CentreLink): void {
  writeSecretJson(linkFileFor(storeFile), LinkSchema.parse(link));
}

export function credentialsOf(link: CentreLink): DeviceCredentials {
  return { server: link.server as ServerAddress, user: link.user, password: link.password, caPem: link.caPem };
}

export function latestKeyVersion(link: CentreLink): number {
  return Math.max(...Object.keys(link.keys).map(Number));
}

export function dataKey(link: CentreLink, version: number): Buffer | null {
  const k = link.keys[String(version)];
  return k ? Buffer.from(k, 'hex') : null;
}

/** The subject-hash key comes from the first data key, so hashes survive key rotation. */
export function subjectKeyOf(link: CentreLink): Buffer {
  const first = Math.min(...Object.keys(link.keys).map(Number));
  return subjectKey(dataKey(link, first)!);
}
