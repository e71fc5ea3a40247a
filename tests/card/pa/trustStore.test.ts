import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TrustStore } from '../../../src/card/pa/trustStore';
import { parseCertificate } from '../../../src/card/pa/certificates';
import { SHARED_DATA } from '../../helpers/sharedData';
import { buildTestPki, type TestPki } from './testPki';

const tempDirs: string[] = [];
const tempDir = (prefix: string): string => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  tempDirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

describe('TrustStore', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = buildTestPki();
  });
  afterAll(() => pki.dispose());

  it('adds DER and multi-certificate PEM input without duplicates', () => {
    const ts = new TrustStore();
    expect(ts.addCertificate(pki.cscaDer)).toHaveLength(1);
    expect(ts.addCertificate(pki.cscaPem + pki.dsPem)).toHaveLength(1); // CSCA already present
    expect(ts.size).toBe(2);
    expect(() => ts.addCertificate('not a pem')).toThrow(/no certificate/);
  });

  it('finds the issuer by name and AKI/SKI and verifies it', () => {
    const ts = new TrustStore();
    ts.addCertificate(pki.cscaPem);
    const ds = parseCertificate(pki.dsDer);
    expect(ts.findIssuers(ds).map((c) => c.commonName)).toEqual(['Test CSCA']);
    expect(ts.findTrustedIssuer(ds)?.commonName).toBe('Test CSCA');
    expect(ts.isRevoked(ds)).toBe(false);
  });

  it('imports a CRL only when a stored CSCA signed it, then reports revocation', () => {
    const ts = new TrustStore();
    expect(() => ts.importCrl(pki.crlDer)).toThrow(/no CSCA in the store/);
    ts.addCertificate(pki.cscaDer);
    ts.importCrl(pki.crlDer);
    expect(ts.isRevoked(parseCertificate(pki.dsDer))).toBe(true);
  });

  it('imports a folder with autodetection (CRL before its CSCA in file order), saves and reloads', async () => {
    const dir = tempDir('motcua-trust-');
    writeFileSync(path.join(dir, 'a.crl'), pki.crlDer);
    writeFileSync(path.join(dir, 'b.pem'), pki.cscaPem);
    writeFileSync(path.join(dir, 'c.txt'), 'hello');
    const ts = new TrustStore();
    const reports = await ts.importPath(dir);
    const byFile = Object.fromEntries(reports.map((r) => [path.basename(r.source), r]));
    expect(byFile['b.pem']).toMatchObject({ kind: 'certificate', added: 1 });
    expect(byFile['a.crl']).toMatchObject({ kind: 'crl', added: 1 });
    expect(byFile['c.txt']?.kind).toBe('unknown');
    expect(byFile['c.txt']?.error).toBeTruthy();

    const out = tempDir('motcua-trust-out-');
    await ts.saveTo(out);
    expect(readdirSync(out).map((f) => path.extname(f)).sort()).toEqual(['.cer', '.crl']);
    const again = new TrustStore();
    await again.importPath(out);
    expect(again.size).toBe(1);
    expect(again.isRevoked(parseCertificate(pki.dsDer))).toBe(true);
  });

  it('imports the German master list from a path and finds the Vietnamese CSCA', async () => {
    const ts = new TrustStore();
    const [report] = await ts.importPath(path.join(SHARED_DATA, 'masterlists', 'DE_ML_2026-05-28-08-28-45.ml'));
    expect(report).toMatchObject({ kind: 'masterList', notes: [] });
    expect(report!.added).toBeGreaterThan(300);
    expect(ts.certificates().filter((c) => c.country === 'VN').map((c) => c.commonName)).toEqual(['CSCA ePassport Vietnam']);
  });

  it('refuses a master list with a broken signature', () => {
    const ts = new TrustStore();
    const ml = new Uint8Array(readFileSync(path.join(SHARED_DATA, 'masterlists', 'DE_ML_2026-05-28-08-28-45.ml')));
    ml[5000]! ^= 1;
    expect(() => ts.importMasterList(ml)).toThrow(/master list rejected/);
    expect(ts.size).toBe(0);
  });
});

describe('TrustStore PEM bundles', () => {
  it('imports a PEM file holding a CSCA and its CRL, and loads via fromPath', async () => {
    const pki = buildTestPki();
    tempDirs.push(pki.dir);
    const crlPem = `-----BEGIN X509 CRL-----\n${Buffer.from(pki.crlDer).toString('base64')}\n-----END X509 CRL-----\n`;
    const dir = tempDir('motcua-bundle-');
    writeFileSync(path.join(dir, 'bundle.pem'), pki.cscaPem + crlPem);
    const { store, reports } = await TrustStore.fromPath(dir);
    expect(reports).toEqual([{ source: path.join(dir, 'bundle.pem'), kind: 'certificate', added: 2, notes: [] }]);
    expect(store.size).toBe(1);
    expect(store.crlList()).toHaveLength(1);
    expect(store.isRevoked(parseCertificate(pki.dsDer))).toBe(true);
  });
});
