import { constants, createHash, generateKeyPairSync, publicDecrypt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, hex } from '../../../src/card/apdu';
import { AaChip, ecdsaHashForOid } from '../../../src/sim/applet/aaChip';

describe('AaChip', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  const pkcs8 = new Uint8Array(privateKey.export({ format: 'der', type: 'pkcs8' }));
  const challenge = fromHex('F173589974BF40C6');

  it('builds F = 6A ‖ M1 ‖ SHA-1(M1 ‖ challenge) ‖ BC with M1 from the rng (ISO/IEC 9796-2 scheme 1)', () => {
    const m1 = new Uint8Array(128 - 1 - 20 - 1).fill(0x5a);
    const chip = new AaChip({ kind: 'RSA', privateKeyPkcs8: pkcs8 }, (n) => m1.subarray(0, n));
    const f = new Uint8Array(publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, chip.sign(challenge)));
    const h = createHash('sha1').update(m1).update(challenge).digest();
    expect(f[0]).toBe(0x6a);
    expect(hex(f.subarray(1, 107))).toBe(hex(m1));
    expect(hex(f.subarray(107, 127))).toBe(hex(h));
    expect(f[127]).toBe(0xbc);
  });

  it('uses the two-byte trailer 34CC with SHA-256', () => {
    const chip = new AaChip({ kind: 'RSA', privateKeyPkcs8: pkcs8 }, (n) => new Uint8Array(n), 'SHA-256');
    const f = new Uint8Array(publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, chip.sign(challenge)));
    expect(hex(f.subarray(-2))).toBe('34CC');
    expect(hex(f.subarray(-34, -2))).toBe(hex(createHash('sha256').update(new Uint8Array(128 - 1 - 32 - 2)).update(challenge).digest()));
  });

  it('refuses a non-RSA PKCS#8 key for the RSA kind', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'der', type: 'pkcs8' });
    expect(() => new AaChip({ kind: 'RSA', privateKeyPkcs8: new Uint8Array(ec) }, (n) => new Uint8Array(n))).toThrow(/not an RSA key/);
  });

  it('maps DG14 ECDSA algorithm OIDs to hashes', () => {
    expect(ecdsaHashForOid('0.4.0.127.0.7.1.1.4.1.3')).toBe('sha256');
    expect(ecdsaHashForOid('1.2.840.10045.4.3.3')).toBe('sha384');
    expect(ecdsaHashForOid('1.2.3')).toBeUndefined();
  });
});
