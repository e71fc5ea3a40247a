import { describe, it, expect } from 'vitest';
import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { parseSubjectPublicKeyInfo } from '../../../src/card/lds/publicKey';
import { describeSignatureAlgorithm, verifySignature, SignatureError, type AlgorithmIdentifier } from '../../../src/card/pa/signature';

const data = new TextEncoder().encode('LDSSecurityObject bytes');
const spkiOf = (k: KeyObject) => parseSubjectPublicKeyInfo(new Uint8Array(k.export({ format: 'der', type: 'spki' })));
const flip = (b: Buffer) => {
  const c = new Uint8Array(b);
  c[c.length - 5]! ^= 0x01;
  return c;
};

/** RSASSA-PSS-params { [0] sha256, [1] mgf1(sha256), [2] 32 } */
const PSS_SHA256 = new Uint8Array(Buffer.from(
  '3034a00f300d06096086480165030402010500a11c301a06092a864886f70d010108300d06096086480165030402010500a203020120', 'hex',
));

describe('verifySignature', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('RSA PKCS#1 v1.5 with each hash, and rsaEncryption with the CMS digest as fallback', () => {
    const cases: [string, string][] = [['1.2.840.113549.1.1.5', 'sha1'], ['1.2.840.113549.1.1.11', 'sha256'], ['1.2.840.113549.1.1.13', 'sha512']];
    for (const [oid, hash] of cases) {
      const sig = sign(hash, data, rsa.privateKey);
      expect(verifySignature({ algorithm: { oid }, publicKey: spkiOf(rsa.publicKey), data, signature: sig })).toBe(true);
      expect(verifySignature({ algorithm: { oid }, publicKey: spkiOf(rsa.publicKey), data, signature: flip(sig) })).toBe(false);
    }
    const sig = sign('sha384', data, rsa.privateKey);
    expect(verifySignature({ algorithm: { oid: '1.2.840.113549.1.1.1' }, fallbackHash: 'sha384', publicKey: spkiOf(rsa.publicKey), data, signature: sig })).toBe(true);
  });

  it('RSASSA-PSS with parameters from the AlgorithmIdentifier', () => {
    const sig = sign('sha256', data, { key: rsa.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    const alg: AlgorithmIdentifier = { oid: '1.2.840.113549.1.1.10', params: PSS_SHA256 };
    expect(verifySignature({ algorithm: alg, publicKey: spkiOf(rsa.publicKey), data, signature: sig })).toBe(true);
    expect(verifySignature({ algorithm: alg, publicKey: spkiOf(rsa.publicKey), data: data.subarray(1), signature: sig })).toBe(false);
    expect(describeSignatureAlgorithm(alg)).toBe('rsa-pss-with-sha256');
  });

  it('ECDSA over NIST and brainpool curves, accepting high-S signatures', () => {
    const cases: [string, string, string][] = [
      ['prime256v1', 'sha256', '1.2.840.10045.4.3.2'],
      ['secp384r1', 'sha384', '1.2.840.10045.4.3.3'],
      ['brainpoolP256r1', 'sha256', '1.2.840.10045.4.3.2'],
      ['brainpoolP512r1', 'sha512', '1.2.840.10045.4.3.4'],
      ['brainpoolP256r1', 'sha1', '1.2.840.10045.4.1'],
    ];
    for (const [curve, hash, oid] of cases) {
      const kp = generateKeyPairSync('ec', { namedCurve: curve });
      const pub = spkiOf(kp.publicKey);
      // OpenSSL does not normalise S: across 8 signatures some are high-S, which noble's default would reject.
      for (let i = 0; i < 8; i++) {
        const sig = sign(hash, data, kp.privateKey);
        expect(verifySignature({ algorithm: { oid }, publicKey: pub, data, signature: sig })).toBe(true);
      }
      const sig = sign(hash, data, kp.privateKey);
      expect(verifySignature({ algorithm: { oid }, publicKey: pub, data: new Uint8Array([...data, 1]), signature: sig })).toBe(false);
    }
  });

  it('plain ECDSA (BSI TR-03111) and key/algorithm mismatches', () => {
    const kp = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const sig = sign('sha256', data, { key: kp.privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verifySignature({ algorithm: { oid: '0.4.0.127.0.7.1.1.4.1.3' }, publicKey: spkiOf(kp.publicKey), data, signature: sig })).toBe(true);
    expect(() => verifySignature({ algorithm: { oid: '1.2.840.113549.1.1.11' }, publicKey: spkiOf(kp.publicKey), data, signature: sig })).toThrow(SignatureError);
    expect(() => verifySignature({ algorithm: { oid: '1.2.3' }, publicKey: spkiOf(kp.publicKey), data, signature: sig })).toThrow(/unsupported signature algorithm/);
  });
});
