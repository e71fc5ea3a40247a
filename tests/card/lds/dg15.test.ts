import { describe, it, expect } from 'vitest';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { parseDg15 } from '../../../src/card/lds/dg15';
import { encode } from '../../../src/card/asn1/tlv';
import { bsi } from '../../helpers/sharedData';

describe('DG15', () => {
  it('yields the BSI 2008 RSA-1024 Active Authentication key as SPKI', () => {
    const dg15 = parseDg15(bsi('Datagroup15.bin'));
    expect(dg15.spki[0]).toBe(0x30);
    expect(dg15.publicKey.kind).toBe('RSA');
    if (dg15.publicKey.kind !== 'RSA') return;
    expect(dg15.publicKey.bits).toBe(1024);
    const k = createPublicKey({ key: Buffer.from(dg15.spki), format: 'der', type: 'spki' });
    expect(k.asymmetricKeyDetails?.modulusLength).toBe(1024);
  });

  it('accepts an RSA key with a malformed AlgorithmIdentifier (cccd.md §1.4) and canonicalises it', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const jwk = publicKey.export({ format: 'jwk' });
    const n = Buffer.from(jwk.n!, 'base64url');
    const e = Buffer.from(jwk.e!, 'base64url');
    const int = (b: Buffer) => encode(0x02, b[0]! & 0x80 ? Uint8Array.of(0, ...b) : new Uint8Array(b));
    const rsaKey = encode(0x30, [int(n), int(e)]);
    // rsaEncryption without the NULL parameter, then with a bogus OID
    for (const alg of ['06092a864886f70d010101', '06092a864886f70d010105']) {
      const spki = encode(0x30, [encode(0x30, new Uint8Array(Buffer.from(alg, 'hex'))), encode(0x03, Uint8Array.of(0, ...rsaKey))]);
      const dg15 = parseDg15(encode(0x6f, spki));
      expect(dg15.publicKey.kind).toBe('RSA');
      if (dg15.publicKey.kind !== 'RSA') continue;
      const k = createPublicKey({ key: Buffer.from(dg15.publicKey.canonicalSpki), format: 'der', type: 'spki' });
      expect(k.export({ format: 'jwk' }).n).toBe(jwk.n);
    }
  });
});
