import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { verifyPassive } from '../../../src/card/pa/passiveAuthentication';
import { TrustStore } from '../../../src/card/pa/trustStore';
import { parseSod } from '../../../src/card/pa/sod';
import { bsi, sharedFile } from '../../helpers/sharedData';
import { CCCD_MRZ_LINES, dg1FromMrz, sampleDg13 } from '../lds/fixtures';
import { buildTestPki, type TestPki } from './testPki';

const bsiGroups = () => new Map([[1, bsi('Datagroup1.bin')], [2, bsi('Datagroup2.bin')], [14, bsi('Datagroup14.bin')]]);

describe('Passive Authentication — BSI 2008 test passport', () => {
  it('every DG hash matches, the SOD signature verifies, the chain is UNTRUSTED with an empty store', () => {
    const r = verifyPassive({ sod: bsi('EF_SOD.bin'), dataGroups: bsiGroups(), trust: new TrustStore() });
    expect(r.dataGroups).toEqual({ DG1: 'VALID', DG2: 'VALID', DG3: 'NOT_CHECKED', DG14: 'VALID' });
    expect(r.passive).toBe('UNTRUSTED');
    expect(r.notes).toEqual(['no trusted CSCA for issuer CN=CSCA BDR TEST 19.09.07']);
    expect(r.dsCertificate?.publicKey).toBe('EC brainpoolP224r1');
  });

  it('stays UNTRUSTED with the German master list (the BSI test CSCA is in no master list)', () => {
    const trust = new TrustStore();
    trust.importMasterList(sharedFile('masterlists', 'DE_ML_2026-05-28-08-28-45.ml'));
    expect(verifyPassive({ sod: bsi('EF_SOD.bin'), dataGroups: bsiGroups(), trust }).passive).toBe('UNTRUSTED');
  });

  it('marks DG15 INVALID because this SOD does not cover it', () => {
    expect([...parseSod(bsi('EF_SOD.bin')).dataGroupHashes.keys()]).not.toContain(15);
    const groups = bsiGroups().set(15, bsi('Datagroup15.bin'));
    const r = verifyPassive({ sod: bsi('EF_SOD.bin'), dataGroups: groups, trust: new TrustStore() });
    expect(r.dataGroups.DG15).toBe('INVALID');
    expect(r.passive).toBe('INVALID');
    expect(r.notes).toContain('DG15 is not covered by the SOD');
  });

  it('a tampered DG2 is INVALID', () => {
    const dg2 = bsi('Datagroup2.bin').slice();
    dg2[dg2.length - 100]! ^= 0x01;
    const r = verifyPassive({ sod: bsi('EF_SOD.bin'), dataGroups: bsiGroups().set(2, dg2), trust: new TrustStore() });
    expect(r.dataGroups.DG2).toBe('INVALID');
    expect(r.dataGroups.DG1).toBe('VALID');
    expect(r.passive).toBe('INVALID');
  });

  it('a corrupted SOD signature is INVALID', () => {
    const sod = bsi('EF_SOD.bin').slice();
    sod[sod.length - 3]! ^= 0x01; // inside the ECDSA signature value (last element of the SignerInfo)
    const r = verifyPassive({ sod, dataGroups: bsiGroups(), trust: new TrustStore() });
    expect(r.passive).toBe('INVALID');
    expect(r.notes).toContain('SOD signature is invalid');
  });

  it('an unsupported SOD signature algorithm is NOT_SUPPORTED, not INVALID', () => {
    const sod = bsi('EF_SOD.bin').slice();
    const oid = Buffer.from('06072a8648ce3d0401', 'hex');
    const at = Buffer.from(sod).lastIndexOf(oid); // the SignerInfo's signatureAlgorithm (after the certificate)
    expect(at).toBeGreaterThan(800);
    sod[at + oid.length - 1] = 0x09; // 1.2.840.10045.4.9: not an algorithm
    const r = verifyPassive({ sod, dataGroups: bsiGroups(), trust: new TrustStore() });
    expect(r.passive).toBe('NOT_SUPPORTED');
    expect(r.dataGroups.DG1).toBe('VALID');
    expect(r.notes[0]).toMatch(/SOD signature not checked: unsupported signature algorithm/);
  });

  it('an unparsable SOD is INVALID', () => {
    const r = verifyPassive({ sod: Uint8Array.of(0x77, 0x02, 0x30, 0x00), dataGroups: bsiGroups(), trust: new TrustStore() });
    expect(r.passive).toBe('INVALID');
    expect(r.notes[0]).toMatch(/SOD could not be parsed/);
  });
});

describe('Passive Authentication — test PKI (CSCA brainpoolP256r1 explicit, DS P-256)', () => {
  let pki: TestPki;
  let groups: Map<number, Uint8Array>;
  let sod: Uint8Array;
  beforeAll(() => {
    pki = buildTestPki();
    groups = new Map([[1, dg1FromMrz(CCCD_MRZ_LINES)], [13, sampleDg13()]]);
    sod = pki.makeSod(groups);
  });
  afterAll(() => pki.dispose());

  const storeWithCsca = () => {
    const t = new TrustStore();
    t.addCertificate(pki.cscaPem);
    return t;
  };

  it('is VALID with the CSCA trusted', () => {
    const r = verifyPassive({ sod, dataGroups: groups, trust: storeWithCsca() });
    expect(r.passive).toBe('VALID');
    expect(r.dataGroups).toEqual({ DG1: 'VALID', DG13: 'VALID' });
    expect(r.cscaCertificate?.subject).toBe('C=VN, O=Motcua Test, CN=Test CSCA');
    expect(r.notes).toEqual([]);
  });

  it('is UNTRUSTED without the CSCA', () => {
    expect(verifyPassive({ sod, dataGroups: groups, trust: new TrustStore() }).passive).toBe('UNTRUSTED');
  });

  it('is INVALID when a DG was altered', () => {
    const dg13 = groups.get(13)!.slice();
    dg13[40]! ^= 0x20;
    const r = verifyPassive({ sod, dataGroups: new Map(groups).set(13, dg13), trust: storeWithCsca() });
    expect(r.passive).toBe('INVALID');
    expect(r.dataGroups.DG13).toBe('INVALID');
  });

  it('is INVALID when the SOD signature is corrupted', () => {
    const bad = sod.slice();
    bad[bad.length - 3]! ^= 0x01;
    const r = verifyPassive({ sod: bad, dataGroups: groups, trust: storeWithCsca() });
    expect(r.passive).toBe('INVALID');
  });

  it('is INVALID when a CRL of the CSCA lists the DS serial', () => {
    const trust = storeWithCsca();
    trust.importCrl(pki.crlDer);
    const r = verifyPassive({ sod, dataGroups: groups, trust });
    expect(r.passive).toBe('INVALID');
    expect(r.notes).toContain('DS certificate is revoked by its CSCA');
  });

  it('finds a DS certificate that is not embedded in the SOD among imported certificates', () => {
    const bare = pki.makeSod(groups, { noCerts: true });
    expect(parseSod(bare).dsCertificate).toBeUndefined();
    const without = verifyPassive({ sod: bare, dataGroups: groups, trust: storeWithCsca() });
    expect(without.passive).toBe('INVALID');
    expect(without.notes).toContain('Document Signer certificate is neither in the SOD nor in the trust store');
    const trust = storeWithCsca();
    trust.addCertificate(pki.dsPem);
    expect(verifyPassive({ sod: bare, dataGroups: groups, trust }).passive).toBe('VALID');
  });

  it('judges the DS at the SOD signing time and only notes an expired CSCA', () => {
    const r = verifyPassive({ sod, dataGroups: groups, trust: storeWithCsca(), now: new Date('2099-01-01') });
    expect(r.passive).toBe('VALID');
    // openssl cms adds signingTime, so the DS is judged at signing time; the CSCA expiry is noted.
    expect(r.notes).toContain('CSCA certificate has expired');
  });

  it('costs well under 50 ms CPU per read with a master list loaded', () => {
    const trust = storeWithCsca();
    trust.importMasterList(sharedFile('masterlists', 'DE_ML_2026-05-28-08-28-45.ml'));
    verifyPassive({ sod, dataGroups: groups, trust }); // warm caches (SOD parse, chain)
    const start = process.cpuUsage();
    for (let i = 0; i < 5; i++) expect(verifyPassive({ sod, dataGroups: groups, trust }).passive).toBe('VALID');
    const cpuMs = (process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 / 5;
    expect(cpuMs).toBeLessThan(50);
  });
});
