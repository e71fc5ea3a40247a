/**
 * Chip side of Active Authentication (ICAO 9303-11 §6.1): INTERNAL AUTHENTICATE with an 8-byte challenge, signed
 * with the AA private key whose public key is in DG15.
 *   RSA: ISO/IEC 9796-2 digital signature scheme 1 with partial message recovery, F = '6A' ‖ M1 ‖ H(M1 ‖ M2) ‖ T,
 *        M2 = the challenge, T = 'BC' (SHA-1) or '34CC' (SHA-256); raw RSA through node:crypto RSA_NO_PADDING
 *        (environment.md §3.4).
 *   ECDSA: plain r ‖ s (BSI TR-03111 §5.2.1) over H(challenge) with @noble/curves (brainpool needs it); H is the
 *        hash of DG14's ActiveAuthenticationInfo.signatureAlgorithm, SHA-256 when DG14 names none.
 */
import { constants, createHash, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import { curveByName, type NamedCurve } from '../../card/crypto/ec';
import { ECDSA_HASH_BY_OID, type EcdsaHash } from '../../card/pace/oids';
import type { SimProfile } from '../profile/types';

export type AaRsaHash = 'SHA-1' | 'SHA-256';
export type AaEcdsaHash = EcdsaHash;


/**
 * The ECDSA hash a chip announces in DG14's ActiveAuthenticationInfo.signatureAlgorithm (ICAO 9303-11 §9.2.4);
 * undefined when the OID is not an ECDSA signature algorithm.
 */
export function ecdsaHashForOid(oid: string): AaEcdsaHash | undefined {
  return ECDSA_HASH_BY_OID[oid];
}

type AaKey = NonNullable<SimProfile['activeAuthentication']>;

export class AaChip {
  private readonly rsa: { key: KeyObject; modulusBytes: number } | null = null;
  private readonly ec: { curve: NamedCurve; privateKey: Uint8Array } | null = null;

  constructor(
    key: AaKey,
    private readonly rng: (n: number) => Uint8Array,
    private readonly rsaHash: AaRsaHash = 'SHA-1',
    private readonly ecdsaHash: AaEcdsaHash = 'sha256',
  ) {
    if (key.kind === 'RSA') {
      const k = createPrivateKey({ key: Buffer.from(key.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
      const bits = k.asymmetricKeyDetails?.modulusLength;
      if (k.asymmetricKeyType !== 'rsa' || bits === undefined) throw new Error('Sim AA: the PKCS#8 key is not an RSA key');
      // The '6A' header is defined for moduli whose size is a whole number of bytes.
      if (bits % 8 !== 0) throw new Error(`Sim AA: RSA modulus of ${bits} bits is not a multiple of 8`);
      this.rsa = { key: k, modulusBytes: bits / 8 };
    } else {
      this.ec = { curve: curveByName(key.curve), privateKey: key.privateKey };
    }
  }

  sign(challenge: Uint8Array): Uint8Array {
    if (this.rsa) return this.signRsa(challenge, this.rsa);
    if (this.ec) {
      const digest = new Uint8Array(createHash(this.ecdsaHash).update(challenge).digest());
      return Uint8Array.from(this.ec.curve.ecdsa.sign(digest, this.ec.privateKey, { prehash: false }));
    }
    throw new Error('Sim AA: no key');
  }

  private signRsa(challenge: Uint8Array, rsa: { key: KeyObject; modulusBytes: number }): Uint8Array {
    const sha1 = this.rsaHash === 'SHA-1';
    const hashLen = sha1 ? 20 : 32;
    const trailer = sha1 ? Uint8Array.of(0xbc) : Uint8Array.of(0x34, 0xcc);
    const m1Len = rsa.modulusBytes - 1 - hashLen - trailer.length;
    if (m1Len <= 0) throw new Error('Sim AA: RSA modulus too small for ISO/IEC 9796-2');
    const m1 = Uint8Array.from(this.rng(m1Len));
    const h = createHash(sha1 ? 'sha1' : 'sha256').update(m1).update(challenge).digest();
    const f = new Uint8Array(rsa.modulusBytes);
    f[0] = 0x6a;
    f.set(m1, 1);
    f.set(h, 1 + m1Len);
    f.set(trailer, 1 + m1Len + hashLen);
    return new Uint8Array(privateEncrypt({ key: rsa.key, padding: constants.RSA_NO_PADDING }, f));
  }
}
