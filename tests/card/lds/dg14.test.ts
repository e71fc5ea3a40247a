import { describe, it, expect } from 'vitest';
import { parseDg14 } from '../../../src/card/lds/dg14';
import { curveByName } from '../../../src/card/crypto/ec';
import { encode } from '../../../src/card/asn1/tlv';
import { bsi } from '../../helpers/sharedData';

describe('DG14', () => {
  it('yields the BSI 2008 Chip Authentication public key (explicit brainpoolP224r1)', () => {
    const dg14 = parseDg14(bsi('Datagroup14.bin'));
    expect(dg14.securityInfos.map((s) => s.type)).toEqual(['ChipAuthenticationPublicKeyInfo', 'ChipAuthenticationInfo', 'TerminalAuthenticationInfo']);
    const pk = dg14.chipAuthenticationPublicKeys[0]!;
    expect(pk.oid).toBe('0.4.0.127.0.7.2.2.1.2');
    expect(pk.publicKey.kind).toBe('EC');
    if (pk.publicKey.kind !== 'EC') return;
    // brainpoolP224r1 is not a PACE/registry curve, so `curve` is undefined but the domain is recognised
    expect(pk.publicKey.curve).toBeUndefined();
    expect(pk.publicKey.domain.name).toBe('brainpoolP224r1');
    expect(pk.publicKey.point.length).toBe(57);
    expect(pk.publicKey.point[0]).toBe(0x04);
    // the point is on the curve
    expect(() => pk.publicKey.kind === 'EC' && pk.publicKey.domain.ecdsa.Point.fromBytes(pk.publicKey.point).assertValidity()).not.toThrow();
    expect(dg14.chipAuthenticationInfos[0]).toMatchObject({ oid: '0.4.0.127.0.7.2.2.3.2.1', version: 1 });
  });

  it('maps a named brainpoolP256r1 CA key to the registry curve', () => {
    const curve = curveByName('brainpoolP256r1');
    const point = curve.ecdsa.getPublicKey(curve.ecdsa.utils.randomSecretKey(), false);
    const oid = (hex: string) => encode(0x06, new Uint8Array(Buffer.from(hex, 'hex')));
    const spki = encode(0x30, [encode(0x30, [oid('2a8648ce3d0201'), oid('2b2403030208010107')]), encode(0x03, Uint8Array.of(0, ...point))]);
    const info = encode(0x30, [oid('04007f000702020102'), spki, encode(0x02, Uint8Array.of(7))]);
    const dg14 = parseDg14(encode(0x6e, encode(0x31, info)));
    const pk = dg14.chipAuthenticationPublicKeys[0]!;
    expect(pk.keyId).toBe(7);
    expect(pk.publicKey.kind === 'EC' && pk.publicKey.curve?.name).toBe('brainpoolP256r1');
  });
});
