/**
 * The hall display's own credential. A TV in the waiting hall runs for months without anyone at it, so it cannot use
 * the clerk/kiosk launch link (one-time, 2 minutes): an administrator makes a long-lived display token
 * (`motcua display-link`), the TV opens `/display?t=<token>` once, and the host exchanges it for an HttpOnly cookie.
 * Making a new token replaces the old one: every TV still holding the old cookie is refused from then on.
 *
 * At rest only a SHA-256 of the token is kept (in the store's settings, under its own key — never in the public
 * app settings that settings.get returns). A plain hash is enough: the token is 32 random bytes, not a password,
 * so there is nothing to guess from the hash.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Store settings key of the token's hash (separate from the public app settings). */
export const DISPLAY_TOKEN_SETTING = 'displayToken';
export const DISPLAY_PATH = '/display';
export const DISPLAY_COOKIE = 'motcua_display';
/** Chromium caps a cookie's lifetime at 400 days; the display renews it each time its page is opened with the link. */
const COOKIE_MAX_AGE_S = 400 * 24 * 3600;
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

interface StoredDisplayToken {
  sha256: string;
  createdAt: string;
}

/** The part of the store this needs (DossierStore has it; tests may pass a map). */
export interface SettingsPort {
  getSetting<T = unknown>(key: string): T | null;
  setSetting(key: string, value: unknown, actor: string): void;
}

function hash(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Make a new display token, replacing any earlier one; returns the token (shown once, never stored). */
export function rotateDisplayToken(store: SettingsPort, actor: string, now: () => Date = () => new Date()): string {
  const token = randomBytes(32).toString('base64url');
  store.setSetting(DISPLAY_TOKEN_SETTING, { sha256: hash(token).toString('hex'), createdAt: now().toISOString() } satisfies StoredDisplayToken, actor);
  return token;
}

/** Remove the display token: no display gets in until a new one is made. */
export function revokeDisplayToken(store: SettingsPort, actor: string): void {
  store.setSetting(DISPLAY_TOKEN_SETTING, null, actor);
}

/** When the current token was made, or null when there is none. */
export function displayTokenCreatedAt(store: SettingsPort): string | null {
  return store.getSetting<StoredDisplayToken>(DISPLAY_TOKEN_SETTING)?.createdAt ?? null;
}

/** Whether `token` is the current display token. Read from the store each time, so a rotation by the CLI counts at once. */
export function isCurrentDisplayToken(store: Pick<SettingsPort, 'getSetting'>, token: string | null | undefined): boolean {
  if (!token || !TOKEN_FORMAT.test(token)) return false;
  let stored: StoredDisplayToken | null;
  try {
    stored = store.getSetting<StoredDisplayToken>(DISPLAY_TOKEN_SETTING);
  } catch {
    return false;
  }
  if (!stored || typeof stored.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(stored.sha256)) return false;
  return timingSafeEqual(hash(token), Buffer.from(stored.sha256, 'hex'));
}

/** Set-Cookie for a redeemed display link: not readable by scripts, never sent with other sites' requests. */
export function displayCookie(token: string): string {
  return `${DISPLAY_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_S}`;
}

/** The display token a request's Cookie header carries, if any. */
export function displayTokenFromCookie(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq).trim() === DISPLAY_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}
