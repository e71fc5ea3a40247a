/**
 * What the centre administrator does on the server: create a centre, make one-time enrolment codes, revoke a
 * device. The centre's data keys never go to the server in clear: the administrator keeps them in a 0600 keyring
 * file (one per centre) and hands them to devices sealed under an enrolment code or a device's public key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { adminClientConfig } from '../connection';
import { randomCode, scramVerifier, sha256Hex, wrapForDevice, wrapWithCode } from '../crypto';
import { readSecretJson, writeSecretJson } from '../secretFile';
import { centreChannel, DEVICE_GROUP_ROLE, SCHEMA_SQL } from './schema';
import { QUEUE_SCHEMA_SQL } from './queueSchema';

/** The centre's data keys by version (hex), as the administrator and every device hold them. */
export interface CentreKeyring {
  centreId: string;
  name: string;
  keys: Record<string, string>;
}

export function defaultKeysDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MOTCUA_CENTRE_KEYS) return env.MOTCUA_CENTRE_KEYS;
  const base = env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'motcua', 'centre-admin');
}

function keyringFile(dir: string, centreId: string): string {
  return path.join(dir, `${centreId}.keys.json`);
}

export function loadKeyring(dir: string, centreId: string): CentreKeyring {
  const k = readSecretJson<CentreKeyring>(keyringFile(dir, centreId));
  if (!k) throw new Error(`no keyring for centre ${centreId} in ${dir}: run this on the machine where 'motcua centre init' made it, or pass --keys <dir>`);
  return k;
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client(adminClientConfig(url));
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Runs a utility statement (CREATE/ALTER ROLE take no bind parameters) built by the server's format(). */
async function execFormatted(c: pg.Client, template: string, args: string[]): Promise<void> {
  const placeholders = args.map((_, i) => `$${i + 2}::text`).join(', ');
  const r = await c.query<{ sql: string }>(`SELECT format($1::text, ${placeholders}) AS sql`, [template, ...args]);
  await c.query(r.rows[0]!.sql);
}

async function inTransaction<T>(c: pg.Client, fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    const r = await fn();
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export async function applySchema(c: pg.Client): Promise<void> {
  await inTransaction(c, async () => {
    await c.query(SCHEMA_SQL);
    await c.query(QUEUE_SCHEMA_SQL); // after SCHEMA_SQL: it re-grants what that file's blanket REVOKEs take away
  });
}

/** `motcua centre init`: the schema (idempotent), then the centre of that name (made once, found after). */
export async function initCentre(url: string, name: string, keysDir: string): Promise<{ centreId: string; created: boolean }> {
  const clean = name.normalize('NFC').trim();
  if (!clean || clean.length > 200) throw new Error('the centre name must be 1–200 characters');
  return withAdmin(url, async (c) => {
    await applySchema(c);
    const found = await c.query<{ centre_id: string }>('SELECT centre_id FROM motcua.centres WHERE name = $1', [clean]);
    if (found.rows[0]) {
      loadKeyring(keysDir, found.rows[0].centre_id); // the keyring must exist for enrolments to work
      return { centreId: found.rows[0].centre_id, created: false };
    }
    const centreId = randomUUID();
    // The keyring is written before the row: a crash between the two leaves an unused file, never a centre
    // whose keys are lost.
    writeSecretJson(keyringFile(keysDir, centreId), { centreId, name: clean, keys: { '1': randomBytes(32).toString('hex') } } satisfies CentreKeyring);
    await c.query('INSERT INTO motcua.centres (centre_id, name) VALUES ($1, $2)', [centreId, clean]);
    return { centreId, created: true };
  });
}

export const DEFAULT_CODE_TTL_HOURS = 24;

const NAME_MAX = 40;

/**
 * A device's name as people will read it in every counter's queue: NFC, single spaces, 1–40 characters, no control
 * characters. It names a machine ("Quầy 2", "Kiosk sảnh"), so the server may keep it in clear.
 */
export function cleanDeviceName(name: string): string {
  const clean = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!clean || clean.length > NAME_MAX || /\p{Cc}/u.test(clean)) throw new Error(`the device name must be 1–${NAME_MAX} characters, e.g. "Quầy 2"`);
  return clean;
}

/** "Kiosk 1", "Quầy 2": the role and the next free number among the centre's devices of that role. */
async function defaultDeviceName(c: pg.Client, centreId: string, kind: 'kiosk' | 'counter'): Promise<string> {
  const r = await c.query<{ name: string; kind: string }>('SELECT lower(name) AS name, kind FROM motcua.devices WHERE centre_id = $1', [centreId]);
  const taken = new Set(r.rows.map((x) => x.name));
  const word = kind === 'kiosk' ? 'Kiosk' : 'Quầy';
  let n = r.rows.filter((x) => x.kind === kind).length + 1;
  while (taken.has(`${word} ${n}`.toLowerCase())) n++;
  return `${word} ${n}`;
}

export interface CentreDevice {
  deviceId: string;
  name: string;
  kind: 'kiosk' | 'counter';
  status: 'pending' | 'active' | 'revoked';
  enrolledAt: string | null;
}

/** `motcua centre devices`: what the administrator needs to revoke the right one (ids, names, roles, status). */
export async function listDevices(url: string, centreId: string): Promise<CentreDevice[]> {
  return withAdmin(url, async (c) => {
    const r = await c.query<{ device_id: string; name: string; kind: 'kiosk' | 'counter'; status: CentreDevice['status']; enrolled_at: Date | null }>(
      'SELECT device_id, name, kind, status, enrolled_at FROM motcua.devices WHERE centre_id = $1 ORDER BY created_at',
      [centreId],
    );
    return r.rows.map((d) => ({ deviceId: d.device_id, name: d.name, kind: d.kind, status: d.status, enrolledAt: d.enrolled_at?.toISOString() ?? null }));
  });
}

/**
 * `motcua centre enroll`: a device row, its PostgreSQL login role (member of the device group) whose first
 * password is the code's secret and which expires with the code, and the keyring sealed under that secret.
 * The code is `<role suffix>-<secret>`: the role tells the device whom to log in as.
 */
export async function enrollDevice(
  url: string,
  centreId: string,
  kind: 'kiosk' | 'counter',
  keysDir: string,
  ttlHours = DEFAULT_CODE_TTL_HOURS,
  name?: string,
): Promise<{ code: string; deviceId: string; expiresAt: string; name: string }> {
  const keyring = loadKeyring(keysDir, centreId);
  const wanted = name === undefined ? null : cleanDeviceName(name);
  return withAdmin(url, async (c) => {
    const centre = await c.query('SELECT 1 FROM motcua.centres WHERE centre_id = $1', [centreId]);
    if (centre.rowCount === 0) throw new Error(`no centre ${centreId} on this server`);
    const deviceId = randomUUID();
    const suffix = randomCode(10).toLowerCase();
    const role = `motcua_d_${suffix}`;
    const secret = randomCode(20);
    const expiresAt = new Date(Date.now() + ttlHours * 3600_000).toISOString();
    const salt = randomBytes(16);
    const wrapped = wrapWithCode(secret, salt, Buffer.from(JSON.stringify(keyring.keys)));
    const deviceName = await inTransaction(c, async () => {
      // Identifiers and the verifier are generated here, never user input; format() quotes them anyway.
      await execFormatted(c, 'CREATE ROLE %I LOGIN CONNECTION LIMIT 10 PASSWORD %L VALID UNTIL %L IN ROLE %I', [role, scramVerifier(secret), expiresAt, DEVICE_GROUP_ROLE]);
      const chosen = wanted ?? (await defaultDeviceName(c, centreId, kind));
      try {
        await c.query('INSERT INTO motcua.devices (device_id, centre_id, role_name, kind, name) VALUES ($1, $2, $3, $4, $5)', [deviceId, centreId, role, kind, chosen]);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw new Error(`a device of this centre is already named "${chosen}"; choose another --name`);
        throw e;
      }
      await c.query('INSERT INTO motcua.enrolments (device_id, code_hash, expires_at, key_salt, wrapped_keys) VALUES ($1, $2, $3, $4, $5)', [deviceId, sha256Hex(secret), expiresAt, salt, wrapped]);
      return chosen;
    });
    return { code: `${suffix}-${secret}`, deviceId, expiresAt, name: deviceName };
  });
}

/**
 * `motcua centre revoke`: the device's role can no longer log in and its sessions are ended; then a new data key
 * is made and sealed for every remaining device, and the server refuses payloads under the old key, so changes
 * made after the revoke are unreadable with what the stolen device holds. Unused codes of the centre are expired
 * (they carry the old keyring) and must be made again.
 */
export async function revokeDevice(url: string, deviceId: string, keysDir: string): Promise<{ centreId: string; keyVersion: number; expiredCodes: number }> {
  return withAdmin(url, async (c) => {
    const dev = await c.query<{ centre_id: string; role_name: string }>('SELECT centre_id, role_name FROM motcua.devices WHERE device_id = $1', [deviceId]);
    const row = dev.rows[0];
    if (!row) throw new Error(`no device ${deviceId} on this server`);
    const keyring = loadKeyring(keysDir, row.centre_id);
    const next = Math.max(...Object.keys(keyring.keys).map(Number)) + 1;
    const newKey = randomBytes(32);
    // Keyring first: if the transaction fails, an unused key version in the file is harmless.
    writeSecretJson(keyringFile(keysDir, row.centre_id), { ...keyring, keys: { ...keyring.keys, [next]: newKey.toString('hex') } });
    return inTransaction(c, async () => {
      await c.query("UPDATE motcua.devices SET status = 'revoked', revoked_at = coalesce(revoked_at, now()) WHERE device_id = $1", [deviceId]);
      await execFormatted(c, 'ALTER ROLE %I NOLOGIN', [row.role_name]);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [row.role_name]);
      await c.query('UPDATE motcua.centres SET key_version = $2 WHERE centre_id = $1', [row.centre_id, next]);
      const others = await c.query<{ device_id: string; public_key: Buffer }>("SELECT device_id, public_key FROM motcua.devices WHERE centre_id = $1 AND status = 'active' AND public_key IS NOT NULL", [row.centre_id]);
      for (const o of others.rows) {
        await c.query('INSERT INTO motcua.key_grants (device_id, key_version, wrapped) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [o.device_id, next, wrapForDevice(o.public_key, newKey, next)]);
      }
      const expired = await c.query<{ role_name: string }>(
        'UPDATE motcua.enrolments e SET expires_at = now() FROM motcua.devices d WHERE d.device_id = e.device_id AND d.centre_id = $1 AND e.used_at IS NULL AND e.expires_at > now() RETURNING d.role_name',
        [row.centre_id],
      );
      for (const p of expired.rows) await execFormatted(c, 'ALTER ROLE %I NOLOGIN', [p.role_name]);
      await c.query('SELECT pg_notify($1, $2)', [centreChannel(row.centre_id), 'key']);
      return { centreId: row.centre_id, keyVersion: next, expiredCodes: expired.rowCount ?? 0 };
    });
  });
}
