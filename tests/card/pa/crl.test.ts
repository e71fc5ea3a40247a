import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { isListed, parseCrl, verifyCrl } from '../../../src/card/pa/crl';
import { parseCertificate } from '../../../src/card/pa/certificates';
import { buildTestPki, type TestPki } from './testPki';

describe('CRL', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = buildTestPki();
  });
  afterAll(() => pki.dispose());

  it('lists the revoked DS serial and verifies with the CSCA', () => {
    const crl = parseCrl(pki.crlDer);
    const csca = parseCertificate(pki.cscaDer);
    const ds = parseCertificate(pki.dsDer);
    expect(crl.issuer.text).toBe('C=VN, O=Motcua Test, CN=Test CSCA');
    expect([...crl.revokedSerials]).toEqual(['1234']);
    expect(crl.nextUpdate!.getTime()).toBeGreaterThan(crl.thisUpdate.getTime());
    expect(verifyCrl(crl, csca.publicKey())).toBe(true);
    expect(verifyCrl(crl, ds.publicKey())).toBe(false);
    expect(isListed(crl, ds)).toBe(true);
    expect(isListed(crl, csca)).toBe(false);
  });

  it('detects a modified CRL', () => {
    const bad = pki.crlDer.slice();
    bad[bad.length - 10]! ^= 0x01;
    expect(verifyCrl(parseCrl(bad), parseCertificate(pki.cscaDer).publicKey())).toBe(false);
  });
});
