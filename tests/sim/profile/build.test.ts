import { createPrivateKey, createPublicKey } from 'node:crypto';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { curveByName } from '../../../src/card/crypto/ec';
import { decodeOne, find } from '../../../src/card/asn1/tlv';
import { buildProfile, buildProfileFromFile } from '../../../src/sim/profile/build';
import { parseIdentity } from '../../../src/sim/profile/identity';
import { SAMPLES_DIR, sampleFiles, sampleIdentities, sampleProfile } from '../../../src/sim/profile/samples';
import { FID } from '../../../src/sim/profile/types';

const ids = sampleIdentities();

/** Last BIT STRING of an SPKI = the public key (uncompressed point for EC). */
function spkiKeyBits(spki: Uint8Array): Uint8Array {
  const seq = asn1js.fromBER(spki.slice().buffer).result as asn1js.Sequence;
  return new Uint8Array((seq.valueBlock.value[1] as asn1js.BitString).valueBlock.valueHexView);
}

describe('buildProfile', () => {
  it.each(ids.map((id, i) => [i, id] as const))('sample index %i has the CCCD file set and secrets', (i, id) => {
    const p = sampleProfile(i);
    expect([...p.files.keys()].sort((a, b) => a - b)).toEqual(
      [FID.DG1, FID.DG2, FID.DG3, FID.DG13, FID.DG14, FID.DG15, FID.CARD_ACCESS, FID.SOD, FID.COM].sort((a, b) => a - b),
    );
    expect(p.protectedFids).toEqual([FID.DG3]);
    expect(p.can).toBe(id.idNumber.slice(6));
    expect(p.pace).toBe(true);
    expect(p.label).toBe(id.label);
    expect(Buffer.from(p.files.get(FID.COM)!).toString('hex')).toBe('60185f0104303130375f36063034303030305c06617563' + '6d6e6f');
    const dg1 = p.files.get(FID.DG1)!;
    expect(dg1.length).toBe(95);
    expect(Buffer.from(dg1.subarray(0, 5)).toString('hex')).toBe('615d5f1f5a');
    expect(p.mrzInformation).toHaveLength(24);
  });

  it.each(ids.map((id, i) => [i, id] as const))('sample index %i CA key matches the DG14 public key', (i) => {
    const p = sampleProfile(i);
    const ca = p.chipAuthentication!;
    expect(ca.curve).toBe('brainpoolP256r1');
    const pub = curveByName(ca.curve).ecdsa.getPublicKey(ca.privateKey, false);
    const dg14 = decodeOne(p.files.get(FID.DG14)!);
    expect(dg14.tag).toBe(0x6e);
    const set = asn1js.fromBER(dg14.value.slice().buffer).result as asn1js.Set;
    const pkInfo = set.valueBlock.value[1] as asn1js.Sequence;
    expect((pkInfo.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe('0.4.0.127.0.7.2.2.1.2');
    const spki = pkInfo.valueBlock.value[1] as asn1js.Sequence;
    const algo = spki.valueBlock.value[0] as asn1js.Sequence;
    expect(algo.valueBlock.value[1]).toBeInstanceOf(asn1js.Sequence); // explicit ECParameters, not a named-curve OID
    expect(Buffer.from(spkiKeyBits(new Uint8Array(spki.toBER()))).equals(Buffer.from(pub))).toBe(true);
    const caInfo = set.valueBlock.value[0] as asn1js.Sequence;
    expect((caInfo.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe('0.4.0.127.0.7.2.2.3.2.2');
  });

  it.each(ids.map((id, i) => [i, id.aa] as const))('sample index %i AA key (%s) matches DG15', (i, aa) => {
    const p = sampleProfile(i);
    const dg15 = decodeOne(p.files.get(FID.DG15)!);
    expect(dg15.tag).toBe(0x6f);
    const a = p.activeAuthentication!;
    expect(a.kind).toBe(aa);
    if (a.kind === 'RSA') {
      const pub = createPublicKey(createPrivateKey({ key: Buffer.from(a.privateKeyPkcs8), format: 'der', type: 'pkcs8' }));
      expect(pub.asymmetricKeyDetails?.modulusLength).toBe(2048);
      expect(Buffer.from(pub.export({ format: 'der', type: 'spki' })).equals(Buffer.from(dg15.value))).toBe(true);
    } else {
      expect(Buffer.from(spkiKeyBits(dg15.value)).equals(Buffer.from(curveByName(a.curve).ecdsa.getPublicKey(a.privateKey, false)))).toBe(true);
      // ECDSA AA is announced in DG14 by an ActiveAuthenticationInfo (ICAO 9303-11 §6.1).
      expect(Buffer.from(p.files.get(FID.DG14)!).toString('hex')).toContain('0606678108010105');
    }
  });

  it('gives sample 4 a DG2 larger than 32 KB with consistent 19794-5 lengths', () => {
    const dg2 = sampleProfile(3).files.get(FID.DG2)!;
    expect(dg2.length).toBeGreaterThan(32768);
    const bit = find(find(decodeOne(dg2).value, 0x7f61)!.value, 0x7f60)!;
    const rec = find(bit.value, 0x5f2e)!.value;
    expect(Buffer.from(rec.subarray(0, 8)).toString('latin1')).toBe('FAC\u0000010\u0000');
    expect(Buffer.from(rec).readUInt32BE(8)).toBe(rec.length);
    expect(Buffer.from(rec).readUInt32BE(14)).toBe(rec.length - 14);
    expect(rec[14 + 20 + 1]).toBe(0x00); // JPEG
    expect(Buffer.from(rec).readUInt16BE(14 + 20 + 2)).toBe(360);
    expect(Buffer.from(rec).readUInt16BE(14 + 20 + 4)).toBe(480);
    expect(Buffer.from(rec.subarray(46, 49)).toString('hex')).toBe('ffd8ff');
  });

  it('is reproducible for EC material and separates cards', () => {
    const id = ids[1]!; // EC AA, P-256 PKI: everything deterministic
    const a = buildProfile(id, { baseDir: SAMPLES_DIR });
    const b = buildProfile(id, { baseDir: SAMPLES_DIR });
    expect(Buffer.from(a.files.get(FID.SOD)!).equals(Buffer.from(b.files.get(FID.SOD)!))).toBe(true);
    const other = buildProfile(parseIdentity({ ...id, idNumber: '001190031743' }), { baseDir: SAMPLES_DIR });
    expect(Buffer.from(other.chipAuthentication!.privateKey).equals(Buffer.from(a.chipAuthentication!.privateKey))).toBe(false);
    const fromFile = buildProfileFromFile(sampleFiles()[1]!);
    expect(Buffer.from(fromFile.files.get(FID.DG2)!).equals(Buffer.from(a.files.get(FID.DG2)!))).toBe(true);
    const seeded = buildProfile(id, { baseDir: SAMPLES_DIR, seed: 'other' });
    expect(Buffer.from(seeded.cscaCertificate!).equals(Buffer.from(a.cscaCertificate!))).toBe(false);
  });
});
