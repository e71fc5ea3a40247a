import { createHash, createVerify, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { curveByName } from '../../../src/card/crypto/ec';
import { decodeOne } from '../../../src/card/asn1/tlv';
import { encodeSod } from '../../../src/sim/profile/sod';
import { getTestPki } from '../../../src/sim/profile/pki';
import { sampleIdentities, sampleProfile } from '../../../src/sim/profile/samples';
import { FID } from '../../../src/sim/profile/types';

const ab = (u: Uint8Array) => u.slice().buffer;
const sha256 = (u: Uint8Array) => new Uint8Array(createHash('sha256').update(u).digest());

function parseSod(sod: Uint8Array) {
  const outer = decodeOne(sod);
  expect(outer.tag).toBe(0x77);
  expect(outer.length).toBe(sod.length);
  const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(ab(outer.value)).result });
  expect(ci.contentType).toBe('1.2.840.113549.1.7.2');
  const sd = new pkijs.SignedData({ schema: ci.content });
  return sd;
}

/** Verify one SOD independently of the code under test: hashes, messageDigest, signature, DS ← CSCA. */
function verifySod(sod: Uint8Array, files: Map<number, Uint8Array>, csca: Uint8Array): { dgNumbers: number[]; sigAlg: string } {
  const sd = parseSod(sod);
  expect(sd.version).toBe(3);
  expect(sd.encapContentInfo.eContentType).toBe('2.23.136.1.1.1');
  const eContent = new Uint8Array(sd.encapContentInfo.eContent!.getValue());
  const lds = asn1js.fromBER(ab(eContent)).result as asn1js.Sequence;
  const [ver, alg, hashes] = lds.valueBlock.value as [asn1js.Integer, asn1js.Sequence, asn1js.Sequence];
  expect(ver.valueBlock.valueDec).toBe(0);
  expect((alg.valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe('2.16.840.1.101.3.4.2.1');
  const dgNumbers: number[] = [];
  for (const h of hashes.valueBlock.value as asn1js.Sequence[]) {
    const [n, v] = h.valueBlock.value as [asn1js.Integer, asn1js.OctetString];
    const dg = n.valueBlock.valueDec;
    dgNumbers.push(dg);
    const content = files.get(0x0100 + dg);
    expect(content, `DG${dg} file`).toBeDefined();
    expect(Buffer.from(v.valueBlock.valueHexView).equals(Buffer.from(sha256(content!)))).toBe(true);
  }

  const si = sd.signerInfos[0]!;
  const attrs = si.signedAttrs!.attributes;
  const attrOids = attrs.map((a) => a.type);
  expect(attrOids).toContain('1.2.840.113549.1.9.3');
  const ct = attrs.find((a) => a.type === '1.2.840.113549.1.9.3')!.values[0] as asn1js.ObjectIdentifier;
  expect(ct.valueBlock.toString()).toBe('2.23.136.1.1.1');
  const md = attrs.find((a) => a.type === '1.2.840.113549.1.9.4')!.values[0] as asn1js.OctetString;
  expect(Buffer.from(md.valueBlock.valueHexView).equals(Buffer.from(sha256(eContent)))).toBe(true);

  // RFC 5652 §5.4: the signature covers the DER of signedAttrs with the SET tag (0x31) instead of [0].
  const signed = new Uint8Array(si.signedAttrs!.encodedValue);
  expect(signed.length).toBeGreaterThan(0);
  const setBytes = Uint8Array.from(signed);
  setBytes[0] = 0x31;
  const signature = new Uint8Array(si.signature.valueBlock.valueHexView);
  expect(sd.certificates).toHaveLength(1);
  const dsDer = new Uint8Array((sd.certificates![0] as pkijs.Certificate).toSchema().toBER());
  const ds = new X509Certificate(dsDer);
  const sigAlg = si.signatureAlgorithm.algorithmId;
  const curve = ds.publicKey.asymmetricKeyDetails?.namedCurve;
  if (curve === 'brainpoolP256r1') {
    // noble for brainpool (not in WebCrypto/BoringSSL), lowS:false as chips may emit high-S (environment.md §3.3).
    const spki = new Uint8Array(ds.publicKey.export({ format: 'der', type: 'spki' }));
    const point = spki.subarray(spki.length - 65);
    expect(curveByName('brainpoolP256r1').ecdsa.verify(signature, setBytes, point, { format: 'der', lowS: false })).toBe(true);
    expect(curveByName('brainpoolP256r1').ecdsa.verify(signature, Uint8Array.of(...setBytes.subarray(0, 10), 0), point, { format: 'der', lowS: false })).toBe(false);
  } else {
    expect(createVerify('sha256').update(setBytes).verify(ds.publicKey, signature)).toBe(true);
    expect(createVerify('sha256').update(Uint8Array.of(...setBytes, 0)).verify(ds.publicKey, signature)).toBe(false);
  }
  const cscaCert = new X509Certificate(csca);
  expect(ds.verify(cscaCert.publicKey)).toBe(true);
  expect(ds.checkIssued(cscaCert)).toBe(true);
  return { dgNumbers, sigAlg };
}

describe('EF.SOD', () => {
  const ids = sampleIdentities();
  it.each(ids.map((id, i) => [i, id.pki] as const))('sample index %i (%s) verifies: DG hashes, messageDigest, signature, chain', (i, pki) => {
    const p = sampleProfile(i);
    const { dgNumbers, sigAlg } = verifySod(p.files.get(FID.SOD)!, p.files, p.cscaCertificate!);
    expect(dgNumbers).toEqual([1, 2, 3, 13, 14, 15]);
    expect(sigAlg).toBe(pki === 'rsa2048' ? '1.2.840.113549.1.1.11' : '1.2.840.10045.4.3.2');
  });

  it('detects a tampered data group through its hash', () => {
    const p = sampleProfile(0);
    const files = new Map(p.files);
    const dg13 = Uint8Array.from(files.get(FID.DG13)!);
    dg13[dg13.length - 1] = dg13[dg13.length - 1]! ^ 1;
    files.set(FID.DG13, dg13);
    expect(() => verifySod(p.files.get(FID.SOD)!, files, p.cscaCertificate!)).toThrow();
  });

  it('is accepted by pkijs for P-256 with the embedded DS certificate', async () => {
    const pki = getTestPki('secp256r1');
    const dgs = new Map([[1, Uint8Array.of(0x61, 0x00)]]);
    const sod = encodeSod({ dataGroups: dgs, dsCertificate: pki.ds.certificate, dsKey: pki.ds.key, signingTime: new Date(Date.UTC(2024, 0, 2)) });
    const sd = parseSod(sod);
    const ok = await sd.verify({ signer: 0, checkChain: false, extendedMode: false });
    expect(ok).toBe(true);
  });
});
