import { describe, it, expect } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import * as asn1js from 'asn1js';
import { hex } from '../../../src/card/apdu';
import { bigIntToBytes, curveByName } from '../../../src/card/crypto/ec';
import { KeyFormatError, parseEcSpki, parseSpki } from '../../../src/card/crypto/ecSpki';
import { OID } from '../../../src/card/oids';

/** A named-curve SPKI from node:crypto; its last 1+2·size bytes are the uncompressed point. */
function der(curve: string): { spki: Uint8Array } {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: curve });
  return { spki: new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })) };
}

function explicit(name: 'brainpoolP384r1', point: Uint8Array, tweakB = false): Uint8Array {
  const c = curveByName(name);
  const k = c.ecdsa.Point.CURVE();
  const i = (v: bigint) => new asn1js.Integer({ valueHex: new Uint8Array([0, ...bigIntToBytes(v, c.size)]).buffer });
  const o = (v: bigint) => new asn1js.OctetString({ valueHex: bigIntToBytes(v, c.size).buffer });
  const params = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.1.1' }), i(k.p)] }),
      new asn1js.Sequence({ value: [o(k.a), o(tweakB ? k.b + 1n : k.b)] }),
      // Compressed base point, as some issuers encode it.
      new asn1js.OctetString({ valueHex: new Uint8Array([k.Gy % 2n === 0n ? 2 : 3, ...bigIntToBytes(k.Gx, c.size)]).buffer }),
      i(k.n),
    ],
  });
  return new Uint8Array(
    new asn1js.Sequence({
      value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.840.10045.2.1' }), params] }), new asn1js.BitString({ valueHex: point.slice().buffer })],
    }).toBER(),
  );
}

describe('EC SubjectPublicKeyInfo', () => {
  it('maps named curves (secp256r1, brainpoolP256r1) and returns the uncompressed point', () => {
    for (const name of ['prime256v1', 'brainpoolP256r1']) {
      const { spki } = der(name);
      const r = parseEcSpki(spki);
      expect(r.curve.name).toBe(name === 'prime256v1' ? 'secp256r1' : 'brainpoolP256r1');
      expect(hex(r.publicPoint)).toBe(hex(spki.subarray(spki.length - 65)));
    }
  });

  it('maps explicit parameters (compressed base, no cofactor) to brainpoolP384r1', () => {
    const { spki } = der('brainpoolP384r1');
    const point = spki.subarray(spki.length - 97);
    expect(parseEcSpki(explicit('brainpoolP384r1', point)).curve.name).toBe('brainpoolP384r1');
  });

  it('refuses unknown explicit parameters, unsupported named curves and non-EC keys', () => {
    const { spki } = der('brainpoolP384r1');
    expect(() => parseEcSpki(explicit('brainpoolP384r1', spki.subarray(spki.length - 97), true))).toThrow(KeyFormatError);
    expect(() => parseEcSpki(der('secp256k1').spki)).toThrow(/unsupported named curve/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'der', type: 'spki' });
    expect(parseSpki(new Uint8Array(rsa)).algorithm).toBe(OID.RSA_ENCRYPTION);
    expect(() => parseEcSpki(new Uint8Array(rsa))).toThrow(KeyFormatError);
    expect(() => parseSpki(Uint8Array.of(0x30, 0x05))).toThrow(KeyFormatError);
  });
});
