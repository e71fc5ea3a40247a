import { X509Certificate } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rsaKey } from '../../../src/sim/profile/keys';
import { getTestPki, writeTrustAnchor } from '../../../src/sim/profile/pki';
import { sampleProfile } from '../../../src/sim/profile/samples';

const tmp = mkdtempSync(join(tmpdir(), 'motcua-pki-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('test PKI', () => {
  it.each(['brainpoolP256r1', 'secp256r1', 'rsa2048'] as const)('%s: CSCA is a self-signed CA that issued the DS', (alg) => {
    const pki = getTestPki(alg);
    const csca = new X509Certificate(pki.csca.certificate);
    const ds = new X509Certificate(pki.ds.certificate);
    expect(csca.ca).toBe(true);
    expect(ds.ca).toBe(false);
    expect(csca.verify(csca.publicKey)).toBe(true);
    expect(ds.verify(csca.publicKey)).toBe(true);
    expect(ds.checkIssued(csca)).toBe(true);
    expect(csca.subject).toBe(csca.issuer);
    expect(csca.subject.split('\n')).toEqual(['C=VN', 'O=Motcua Test PKI', `CN=CSCA TEST Vietnam CCCD ${alg}`]);
    // keyUsage critical keyCertSign+cRLSign / digitalSignature; basicConstraints critical cA, pathLen 0.
    const cscaHex = Buffer.from(pki.csca.certificate).toString('hex');
    expect(cscaHex).toContain('0603551d0f0101ff040403020106');
    expect(cscaHex).toContain('0603551d130101ff040830060101ff020100');
    expect(Buffer.from(pki.ds.certificate).toString('hex')).toContain('0603551d0f0101ff040403020780');
    if (alg === 'rsa2048') expect(ds.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    else expect(ds.publicKey.asymmetricKeyDetails?.namedCurve).toBe(alg === 'secp256r1' ? 'prime256v1' : alg);
  });

  it('derives the same EC certificates for the same seed', () => {
    const a = getTestPki('brainpoolP256r1', { seed: 's1' });
    const b = getTestPki('brainpoolP256r1', { seed: 's1', keyDir: tmp }); // different cache entry, same EC keys
    expect(a).not.toBe(b);
    expect(Buffer.from(a.csca.certificate).equals(Buffer.from(b.csca.certificate))).toBe(true);
    expect(Buffer.from(a.ds.certificate).equals(Buffer.from(b.ds.certificate))).toBe(true);
    const c = getTestPki('brainpoolP256r1', { seed: 's2' });
    expect(Buffer.from(c.ds.key.spki).equals(Buffer.from(a.ds.key.spki))).toBe(false);
  });

  it('caches RSA keys on disk under keyDir and reloads them', () => {
    const k1 = rsaKey('unit-test-key', tmp);
    expect(existsSync(join(tmp, 'unit-test-key.pem'))).toBe(true);
    const other = mkdtempSync(join(tmpdir(), 'motcua-pki2-'));
    try {
      copyFileSync(join(tmp, 'unit-test-key.pem'), join(other, 'unit-test-key.pem'));
      const k2 = rsaKey('unit-test-key', other);
      expect(Buffer.from(k2.spki).equals(Buffer.from(k1.spki))).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    expect(() => rsaKey('../escape', tmp)).toThrow(/unsafe key label/);
  });

  it('writeTrustAnchor writes the CSCA as PEM or DER', () => {
    const p = sampleProfile(0);
    writeTrustAnchor(p, join(tmp, 'csca.pem'));
    writeTrustAnchor(p, join(tmp, 'sub', 'csca.der'));
    const pem = readFileSync(join(tmp, 'csca.pem'), 'utf8');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    expect(new X509Certificate(pem).raw.equals(Buffer.from(p.cscaCertificate!))).toBe(true);
    expect(readFileSync(join(tmp, 'sub', 'csca.der')).equals(Buffer.from(p.cscaCertificate!))).toBe(true);
    expect(() => writeTrustAnchor({ ...p, cscaCertificate: undefined }, join(tmp, 'x.der'))).toThrow(/no test-PKI CSCA/);
  });
});
