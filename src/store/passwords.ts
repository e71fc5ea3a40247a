/**
 * Clerk password hashing with scrypt from node:crypto (RFC 7914), a per-user 16-byte random salt and the
 * parameters stored next to the hash so they can be raised later without breaking old accounts.
 * N = 2^15, r = 8, p = 1 costs ~65 ms and 32 MiB here (OWASP Password Storage Cheat Sheet minimum is N = 2^17
 * with r = 8 for interactive logins on servers; a kiosk login is rare and local, so we stay near 100 ms).
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLen: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLen: 32 };

function options(params: ScryptParams): { N: number; r: number; p: number; maxmem: number } {
  // scrypt needs 128·N·r bytes; node's default maxmem (32 MiB) is exactly that for N=2^15, so leave headroom.
  return { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
}

function derive(password: string, salt: Uint8Array, params: ScryptParams): Buffer {
  return scryptSync(password.normalize('NFC'), salt, params.keyLen, options(params));
}

/** On libuv's thread pool: a sign-in never stalls the host's event loop (other sockets, card events) for ~65 ms. */
function deriveAsync(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, params.keyLen, options(params), (err, key) => (err ? reject(err) : resolve(key))));
}

export function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): { salt: Buffer; hash: Buffer; params: ScryptParams } {
  const salt = randomBytes(16);
  return { salt, hash: derive(password, salt, params), params };
}

export async function verifyPassword(password: string, salt: Uint8Array, hash: Uint8Array, params: ScryptParams): Promise<boolean> {
  const candidate = await deriveAsync(password, salt, params);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}
