/**
 * AES primitives for PACE / Chip Authentication / AES secure messaging (ICAO 9303-11 §9.8.6.2, BSI TR-03110-3 §F).
 * CBC comes from node:crypto (hardware-accelerated; single blocks are CBC with IV zero); CMAC from @noble/ciphers because node:crypto has no CMAC
 * (environment.md §3.2).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { cmac } from '@noble/ciphers/aes.js';

function cbcAlgorithm(key: Uint8Array): string {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError(`AES: key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
  return `aes-${key.length * 8}-cbc`;
}

function run(alg: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  const c = encrypt ? createCipheriv(alg, key, iv) : createDecipheriv(alg, key, iv);
  c.setAutoPadding(false); // ICAO pads explicitly with ISO 9797-1 M2
  const out = Buffer.concat([c.update(data), c.final()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** AES-CBC without padding; data must be a multiple of 16 bytes. */
export function aesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  if (iv.length !== 16) throw new RangeError('AES-CBC: IV must be 16 bytes');
  if (data.length % 16 !== 0) throw new RangeError(`AES-CBC: data length ${data.length} is not a multiple of 16`);
  return run(cbcAlgorithm(key), key, iv, data, encrypt);
}

/** One raw AES block encryption (used for the SM IV = E(K_enc, SSC), ICAO 9303-11 §9.8.6.2). */
export function aesEcbEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  if (block.length !== 16) throw new RangeError('AES-ECB: block must be 16 bytes');
  // A one-block CBC with IV zero equals ECB and avoids depending on the ECB cipher names.
  return run(cbcAlgorithm(key), key, new Uint8Array(16), block, true);
}

/** AES-CMAC (NIST SP 800-38B / RFC 4493), full 16-byte tag; ICAO truncates it to 8 bytes where needed. */
export function aesCmac(key: Uint8Array, data: Uint8Array): Uint8Array {
  cbcAlgorithm(key); // key length check with the same message as the other AES functions
  return Uint8Array.from(cmac(data, key));
}
