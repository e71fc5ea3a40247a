/**
 * Triple-DES and the ISO/IEC 9797-1 MAC algorithm 3 ("retail MAC") used by BAC and 3DES secure messaging
 * (ICAO 9303-11 §9.8.6.1, App. D).
 *
 * Built on node:crypto: Node 20 / OpenSSL 3 has des-ede(3)-cbc in the default provider, but single DES ("des-ecb")
 * needs the legacy provider, so single DES is expressed as two-key EDE with Ka‖Ka (environment.md §3.1).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

function run(algorithm: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  const c = encrypt ? createCipheriv(algorithm, key, iv) : createDecipheriv(algorithm, key, iv);
  // ICAO data is padded explicitly (ISO 9797-1 M2); OpenSSL's PKCS#7 padding must stay off.
  c.setAutoPadding(false);
  const out = Buffer.concat([c.update(data), c.final()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function checkBlocks(data: Uint8Array, what: string): void {
  if (data.length % 8 !== 0) throw new RangeError(`${what}: data length ${data.length} is not a multiple of 8`);
}

/** 3DES-CBC without padding; a 16-byte key is two-key 3DES (K1‖K2‖K1), a 24-byte key three-key. */
export function tdesCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  checkBlocks(data, '3DES-CBC');
  if (iv.length !== 8) throw new RangeError('3DES-CBC: IV must be 8 bytes');
  if (key.length === 16) return run('des-ede-cbc', key, iv, data, encrypt);
  if (key.length === 24) return run('des-ede3-cbc', key, iv, data, encrypt);
  throw new RangeError(`3DES: key must be 16 or 24 bytes, got ${key.length}`);
}

/**
 * ISO/IEC 9797-1 MAC algorithm 3 with DES, IV zero, output 8 bytes: single-DES CBC with Ka over all blocks,
 * then the last chaining value is decrypted with Kb and encrypted with Ka. Input must already be padded.
 */
export function retailMac(key: Uint8Array, paddedData: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`Retail MAC: key must be 16 bytes, got ${key.length}`);
  checkBlocks(paddedData, 'Retail MAC');
  if (paddedData.length === 0) throw new RangeError('Retail MAC: empty input');
  const ka = key.subarray(0, 8);
  const kb = key.subarray(8, 16);
  const singleKa = new Uint8Array(16);
  singleKa.set(ka, 0);
  singleKa.set(ka, 8);
  // Only the last block of the single-DES CBC output (the final chaining value H_q) is needed.
  const chain = run('des-ede-cbc', singleKa, new Uint8Array(8), paddedData, true);
  const hq = chain.subarray(chain.length - 8);
  const singleKb = new Uint8Array(16);
  singleKb.set(kb, 0);
  singleKb.set(kb, 8);
  // One-block CBC with IV zero is ECB; using CBC only keeps to the two cipher names that Electron's BoringSSL also
  // exposes (des-ede-cbc, des-ede3-cbc), see environment.md §3.5.
  const zero = new Uint8Array(8);
  const d = run('des-ede-cbc', singleKb, zero, hq, false);
  return run('des-ede-cbc', singleKa, zero, d, true);
}

/** Set each byte's least significant bit so the byte has odd parity (DES key parity, FIPS 46-3). */
export function adjustParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) {
    const b = key[i]! & 0xfe;
    let ones = 0;
    for (let v = b; v !== 0; v >>= 1) ones += v & 1;
    out[i] = ones % 2 === 0 ? b | 1 : b;
  }
  return out;
}
