import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { parseSod } from '../../../src/card/pa/sod';
import { bsi } from '../../helpers/sharedData';

describe('EF.SOD', () => {
  it('parses the BSI 2008 SOD: hashes, signer info and DS certificate', () => {
    const sod = parseSod(bsi('EF_SOD.bin'));
    expect(sod.ldsVersion).toBe(0);
    expect(sod.hash).toBe('sha1');
    expect([...sod.dataGroupHashes.keys()]).toEqual([1, 2, 3, 14]);
    const h = (f: string) => new Uint8Array(createHash('sha1').update(bsi(f)).digest());
    expect(sod.dataGroupHashes.get(1)).toEqual(h('Datagroup1.bin'));
    expect(sod.dataGroupHashes.get(14)).toEqual(h('Datagroup14.bin'));
    expect(sod.signerInfo.digestAlgorithm.oid).toBe('1.3.14.3.2.26');
    expect(sod.signerInfo.signatureAlgorithm.oid).toBe('1.2.840.10045.4.1');
    expect(sod.signerInfo.signedAttrs?.[0]).toBe(0x31);
    expect(sod.signerInfo.messageDigest?.length).toBe(20);
    expect(sod.dsCertificate?.subject.text).toContain('CN=DS');
    expect(sod.dsCertificate?.issuer.text).toBe('CN=CSCA BDR TEST 19.09.07');
    expect(sod.dsCertificate?.serialHex).toBe('1267');
  });

  it('rejects a truncated SOD', () => {
    expect(() => parseSod(bsi('EF_SOD.bin').subarray(0, 200))).toThrow();
  });
});
