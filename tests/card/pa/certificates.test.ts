import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { couldHaveIssued, isValidAt, parseCertificate, parseName, parseTime, pemToDer, summarizeCertificate, verifyCertificateSignature } from '../../../src/card/pa/certificates';
import { decodeOne, encode } from '../../../src/card/asn1/tlv';
import { parseSod } from '../../../src/card/pa/sod';
import { bsi } from '../../helpers/sharedData';
import { buildTestPki, type TestPki } from './testPki';

describe('X.509 certificates', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = buildTestPki();
  });
  afterAll(() => pki.dispose());

  it('parses names, validity, extensions and an explicit-parameter key', () => {
    const csca = parseCertificate(pki.cscaDer);
    expect(csca.subject.text).toBe('C=VN, O=Motcua Test, CN=Test CSCA');
    expect(csca.selfSigned).toBe(true);
    expect(csca.isCA).toBe(true);
    expect(csca.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(csca.country).toBe('VN');
    const key = csca.publicKey();
    expect(key.kind === 'EC' && key.domain.named?.name).toBe('brainpoolP256r1');
    expect(isValidAt(csca, new Date())).toBe(true);
    expect(isValidAt(csca, new Date('2000-01-01'))).toBe(false);
  });

  it('verifies a certificate signature with the issuer key and matches AKI/SKI', () => {
    const csca = parseCertificate(pki.cscaDer);
    const ds = parseCertificate(pemToDer(pki.dsPem)[0]!);
    expect(ds.serialHex).toBe('1234');
    expect(ds.keyUsage).toEqual(['digitalSignature']);
    expect(ds.authorityKeyIdentifier).toEqual(csca.subjectKeyIdentifier);
    expect(couldHaveIssued(csca, ds)).toBe(true);
    expect(verifyCertificateSignature(ds, csca.publicKey())).toBe(true);
    expect(verifyCertificateSignature(csca, csca.publicKey())).toBe(true);
    expect(verifyCertificateSignature(ds, ds.publicKey())).toBe(false);
    expect(summarizeCertificate(ds)).toMatchObject({ subject: 'C=VN, O=Motcua Test, CN=Test DS', signatureAlgorithm: 'ecdsa-with-sha256', publicKey: 'EC secp256r1' });
  });

  it('reads the BSI DS certificate with explicit brainpoolP224r1 parameters', () => {
    const ds = parseSod(bsi('EF_SOD.bin')).dsCertificate!;
    expect(summarizeCertificate(ds)).toMatchObject({ publicKey: 'EC brainpoolP224r1', signatureAlgorithm: 'ecdsa-with-sha1', notBefore: '2008-01-28T23:00:00.000Z' });
    expect(ds.privateKeyUsagePeriod?.notAfter?.toISOString()).toBe('2018-04-28T23:59:59.000Z');
  });

  it('decodes names across string types and matches them case/space-insensitively', () => {
    const te = new TextEncoder();
    const atv = (oidHex: string, tag: number, value: Uint8Array) => encode(0x31, encode(0x30, [encode(0x06, new Uint8Array(Buffer.from(oidHex, 'hex'))), encode(tag, value)]));
    const bmp = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
    const a = parseName(encode(0x30, [atv('550406', 0x13, te.encode('VN')), atv('550403', 0x1e, bmp('Cục  Cảnh sát'))]));
    const b = parseName(encode(0x30, [atv('550406', 0x13, te.encode('vn')), atv('550403', 0x0c, te.encode('cục cảnh sát'))]));
    expect(a.text).toBe('C=VN, CN=Cục  Cảnh sát');
    expect(a.key).toBe(b.key);
  });

  it('parses UTCTime with the RFC 5280 pivot and GeneralizedTime', () => {
    const t = (tag: number, s: string) => decodeOne(encode(tag, new TextEncoder().encode(s)));
    expect(parseTime(t(0x17, '491231235959Z'), 'x').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(parseTime(t(0x17, '500101000000Z'), 'x').toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(parseTime(t(0x18, '20370930170000Z'), 'x').toISOString()).toBe('2037-09-30T17:00:00.000Z');
    expect(() => parseTime(t(0x17, 'garbage'), 'Widget')).toThrow(/Widget: expected UTCTime/);
  });
});
