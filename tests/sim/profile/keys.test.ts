import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { bytesToBigInt, curveByName, identifyCurve } from '../../../src/card/crypto/ec';
import { deriveEcKey, ecSpkiNamed, explicitEcParameters } from '../../../src/sim/profile/keys';

const big = (v: asn1js.AsnType) => bytesToBigInt(new Uint8Array((v as asn1js.OctetString).valueBlock.valueHexView));

describe('keys', () => {
  it('derives reproducible, distinct, valid EC keys from labels', () => {
    const a = deriveEcKey('brainpoolP256r1', 'x');
    expect(Buffer.from(deriveEcKey('brainpoolP256r1', 'x').privateKey).equals(Buffer.from(a.privateKey))).toBe(true);
    expect(Buffer.from(deriveEcKey('brainpoolP256r1', 'y').privateKey).equals(Buffer.from(a.privateKey))).toBe(false);
    const c = curveByName('brainpoolP256r1');
    const d = bytesToBigInt(a.privateKey);
    expect(d > 0n && d < c.ecdsa.Point.CURVE().n).toBe(true);
    expect(a.publicKey).toHaveLength(65);
    expect(() => c.ecdsa.Point.fromBytes(a.publicKey).assertValidity()).not.toThrow();
  });

  it.each(['brainpoolP256r1', 'secp256r1'] as const)('explicit ECParameters of %s map back to the named curve', (name) => {
    const seq = asn1js.fromBER(explicitEcParameters(name).slice().buffer).result as asn1js.Sequence;
    const [version, fieldId, curve, base, order, cofactor] = seq.valueBlock.value as asn1js.Sequence[];
    expect((version as unknown as asn1js.Integer).valueBlock.valueDec).toBe(1);
    const [fieldType, prime] = fieldId!.valueBlock.value;
    expect((fieldType as asn1js.ObjectIdentifier).valueBlock.toString()).toBe('1.2.840.10045.1.1');
    const [a, b] = curve!.valueBlock.value;
    const g = new Uint8Array((base as unknown as asn1js.OctetString).valueBlock.valueHexView);
    expect(g[0]).toBe(0x04);
    const found = identifyCurve({
      p: big(prime!),
      a: big(a!),
      b: big(b!),
      gx: bytesToBigInt(g.subarray(1, 33)),
      gy: bytesToBigInt(g.subarray(33)),
      n: big(order as unknown as asn1js.AsnType),
      h: big(cofactor as unknown as asn1js.AsnType),
    });
    expect(found?.name).toBe(name);
  });

  it('writes named-curve SPKIs with the curve OID', () => {
    const spki = asn1js.fromBER(ecSpkiNamed(deriveEcKey('secp256r1', 'k')).slice().buffer).result as asn1js.Sequence;
    const alg = spki.valueBlock.value[0] as asn1js.Sequence;
    expect((alg.valueBlock.value[1] as asn1js.ObjectIdentifier).valueBlock.toString()).toBe('1.2.840.10045.3.1.7');
  });
});
