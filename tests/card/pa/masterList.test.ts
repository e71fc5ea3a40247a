import { describe, it, expect } from 'vitest';
import { parseMasterList } from '../../../src/card/pa/masterList';
import { sharedFile } from '../../helpers/sharedData';

describe('ICAO master list', () => {
  const bytes = sharedFile('masterlists', 'DE_ML_2026-05-28-08-28-45.ml');
  const ml = parseMasterList(bytes);

  it('verifies its own CMS signature and the signer chain', () => {
    expect(ml.signatureValid).toBe(true);
    expect(ml.signerChainValid).toBe(true);
    expect(ml.signer?.subject).toContain('C=DE');
    expect(ml.notes).toEqual([]);
  });

  it('yields hundreds of CSCAs, exactly one for Vietnam with explicit EC parameters mapped to a named curve', () => {
    expect(ml.cscas.length).toBeGreaterThan(300);
    expect(ml.skipped).toBe(0);
    const vn = ml.cscas.filter((c) => c.country === 'VN');
    expect(vn).toHaveLength(1);
    const csca = vn[0]!;
    expect(csca.commonName).toBe('CSCA ePassport Vietnam');
    expect(csca.subject.text).toBe('C=VN, O=Vietnam Government Information Security Commission, CN=CSCA ePassport Vietnam');
    expect(csca.notBefore.toISOString().slice(0, 10)).toBe('2022-06-29');
    expect(csca.notAfter.toISOString().slice(0, 10)).toBe('2037-10-01');
    // The SPKI carries explicit parameters (prime-field OID 1.2.840.10045.1.1 inside the key's AlgorithmIdentifier)…
    expect(Buffer.from(csca.spki).includes(Buffer.from('06072a8648ce3d0101', 'hex'))).toBe(true);
    // …which are recognised as a registry curve.
    const key = csca.publicKey();
    expect(key.kind).toBe('EC');
    if (key.kind === 'EC') expect(key.domain.named?.name).toBe('brainpoolP512r1');
  });

  it('rejects a master list whose signed content was altered', () => {
    const tampered = bytes.slice();
    tampered[5000]! ^= 0x01; // inside the certificate list (eContent)
    const bad = parseMasterList(tampered);
    expect(bad.signatureValid).toBe(false);
    expect(bad.notes.join(' ')).toMatch(/messageDigest/);
  });
});
