/**
 * Cryptography of the centre link, all on node:crypto.
 *
 * - Payloads: AES-256-GCM under the centre data key (NIST SP 800-38D), 96-bit random IV, the change's identity
 *   (changeId, kind, entityId) as additional data so a ciphertext cannot be moved to another row.
 * - Subject ids (ID numbers): HMAC-SHA-256 under a key derived (HKDF, RFC 5869) from the centre's FIRST data key,
 *   so the hash of one citizen stays the same across key rotations and erasure can find every change.
 * - Enrolment: the centre keyring is wrapped under scrypt(code secret) (RFC 7914); the server keeps only a
 *   SHA-256 of the secret. Later keys (rotation after a revoke) are wrapped for each device's X25519 public key
 *   (ECDH + HKDF + AES-256-GCM).
 * - Role passwords are sent to PostgreSQL as SCRAM-SHA-256 verifiers (RFC 5802/7677), computed here, so the clear
 *   password never reaches the server or its logs.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, pbkdf2Sync, randomBytes, scryptSync, type KeyObject } from 'node:crypto';

const FORMAT = 1; // first byte of every sealed blob, so the format can change later

export class CentreCryptoError extends Error {
  override readonly name = 'CentreCryptoError';
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  if (key.length !== 32) throw new CentreCryptoError('a data key is 32 bytes');
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([Buffer.from([FORMAT]), iv, c.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < 29 || sealed[0] !== FORMAT) throw new CentreCryptoError('sealed data has an unknown format');
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(13, 29));
  try {
    return Buffer.concat([d.update(sealed.subarray(29)), d.final()]);
  } catch {
    throw new CentreCryptoError('sealed data failed authentication (wrong key or altered)');
  }
}

/** Additional data binding a payload to its change. */
export function changeAad(changeId: string, kind: string, entityId: string): Buffer {
  return Buffer.from(`motcua-change-v1\0${changeId}\0${kind}\0${entityId}`, 'utf8');
}

export function subjectKey(firstDataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', firstDataKey, Buffer.alloc(0), 'motcua subject ids v1', 32));
}

/** Keyed hash of an ID number: the server can match a citizen's changes without learning the number. */
export function subjectHash(key: Buffer, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.trim(), 'utf8').digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// scrypt cost for wrapping the keyring under an enrolment code (N = 2^15, r = 8: ~32 MB, ~0.1 s).
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export function wrapWithCode(secret: string, salt: Buffer, plaintext: Buffer): Buffer {
  return seal(scryptSync(secret, salt, 32, SCRYPT), plaintext, Buffer.from('motcua-enrolment-v1'));
}

export function unwrapWithCode(secret: string, salt: Buffer, sealed: Buffer): Buffer {
  return open(scryptSync(secret, salt, 32, SCRYPT), sealed, Buffer.from('motcua-enrolment-v1'));
}

export interface DeviceKeyPair {
  publicKeyDer: Buffer;
  privateKeyDer: Buffer;
}

export function newDeviceKeyPair(): DeviceKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKeyDer: publicKey.export({ type: 'spki', format: 'der' }),
    privateKeyDer: privateKey.export({ type: 'pkcs8', format: 'der' }),
  };
}

function ecdhKey(priv: KeyObject, pub: KeyObject, ephemeralPub: Buffer): Buffer {
  const shared = diffieHellman({ privateKey: priv, publicKey: pub });
  return Buffer.from(hkdfSync('sha256', shared, ephemeralPub, 'motcua key grant v1', 32));
}

/** Wraps a data key for one device: ephemeral X25519 public key (SPKI DER, 44 bytes) || sealed key. */
export function wrapForDevice(devicePublicKeyDer: Buffer, dataKey: Buffer, version: number): Buffer {
  const eph = generateKeyPairSync('x25519');
  const ephPub = eph.publicKey.export({ type: 'spki', format: 'der' });
  const kek = ecdhKey(eph.privateKey, createPublicKey({ key: devicePublicKeyDer, format: 'der', type: 'spki' }), ephPub);
  const sealed = seal(kek, dataKey, Buffer.from(`motcua-grant-v1\0${version}`));
  return Buffer.concat([Buffer.from([ephPub.length]), ephPub, sealed]);
}

export function unwrapForDevice(privateKeyDer: Buffer, wrapped: Buffer, version: number): Buffer {
  const n = wrapped[0] ?? 0;
  const ephPub = wrapped.subarray(1, 1 + n);
  const priv = createPrivateKey({ key: privateKeyDer, format: 'der', type: 'pkcs8' });
  const kek = ecdhKey(priv, createPublicKey({ key: ephPub, format: 'der', type: 'spki' }), ephPub);
  return open(kek, wrapped.subarray(1 + n), Buffer.from(`motcua-grant-v1\0${version}`));
}

/** The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (same format as `\password` in psql). */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16);
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** A random secret in Crockford base32 (no I, L, O, U: easy to read aloud and type at a kiosk). */
export function randomCode(chars: number): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(chars);
  let s = '';
  for (let i = 0; i < chars; i++) s += alphabet[bytes[i]! & 31];
  return s;
}
