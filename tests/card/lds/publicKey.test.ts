import { describe, it, expect } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { ecDomainFromOid, ecDomainFromParameters, parseSubjectPublicKeyInfo } from '../../../src/card/lds/publicKey';

describe('SubjectPublicKeyInfo', () => {
  it('decodes named-curve EC keys', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'brainpoolP384r1' });
    const k = parseSubjectPublicKeyInfo(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
    expect(k.kind).toBe('EC');
    if (k.kind !== 'EC') return;
    expect(k.domain.named?.name).toBe('brainpoolP384r1');
    expect(k.point.length).toBe(97);
  });

  it('maps explicit parameters equal to a registry curve to that curve', () => {
    const p256 = ecDomainFromOid('1.2.840.10045.3.1.7')!;
    const d = ecDomainFromParameters({ ...p256.params });
    expect(d.named?.name).toBe('secp256r1');
  });

  it('builds a working curve from unknown explicit parameters', () => {
    const ref = ecDomainFromOid('1.3.36.3.3.2.8.1.1.5')!; // brainpoolP224r1 (not in the registry)
    expect(ref.named).toBeUndefined();
    // A curve with the same field but a different generator multiple is still a valid domain.
    const g2 = ref.ecdsa.Point.BASE.double();
    const d = ecDomainFromParameters({ ...ref.params, gx: g2.x, gy: g2.y });
    expect(d.name).toBe('explicit-224');
    const sk = d.ecdsa.utils.randomSecretKey();
    const msg = new Uint8Array(28).fill(7);
    const sig = d.ecdsa.sign(msg, sk, { prehash: false });
    expect(d.ecdsa.verify(sig, msg, d.ecdsa.getPublicKey(sk), { prehash: false })).toBe(true);
  });

  it('classifies RSA and rejects garbage', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const k = parseSubjectPublicKeyInfo(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })));
    expect(k.kind === 'RSA' && k.bits).toBe(1024);
    expect(() => parseSubjectPublicKeyInfo(Uint8Array.of(1, 2, 3))).toThrow();
  });
});
