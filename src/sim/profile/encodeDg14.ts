/**
 * DG14 (ICAO 9303-11 §9.2, BSI TR-03110-3 A.1.1): 6E { SET OF SecurityInfo }.
 * - ChipAuthenticationInfo: id-CA-ECDH-AES-CBC-CMAC-128, version 1 (matches the CCCD EF.CardAccess, cccd.md §1.2);
 * - ChipAuthenticationPublicKeyInfo: id-PK-ECDH + SPKI with EXPLICIT domain parameters, as most real chips carry;
 * - ActiveAuthenticationInfo (ICAO 9303-11 §6.1) only for ECDSA AA: it names the signature algorithm.
 */
import { encode } from '../../card/asn1/tlv';
import { derInteger, derOid, derSequence, derSet } from '../../card/asn1/derEncode';
import { ecSpkiExplicit, type EcKeyPair } from './keys';
import { OID } from '../../card/oids';

export interface Dg14Options {
  caKey: Pick<EcKeyPair, 'curve' | 'publicKey'>;
  /** Only when there is more than one CA key (ICAO 9303-11 §9.2.5); CCCD's CardAccess has none. */
  keyId?: number;
  ecdsaActiveAuthentication?: boolean;
}

export function encodeDg14(opts: Dg14Options): Uint8Array {
  const keyId = opts.keyId === undefined ? [] : [derInteger(opts.keyId)];
  const infos = [
    derSequence(derOid(OID.CA_ECDH_AES_128), derInteger(1), ...keyId),
    derSequence(derOid(OID.PK_ECDH), ecSpkiExplicit(opts.caKey), ...keyId),
  ];
  if (opts.ecdsaActiveAuthentication) {
    infos.push(derSequence(derOid(OID.AA), derInteger(1), derOid(OID.ECDSA_PLAIN_SHA256)));
  }
  return encode(0x6e, [derSet(...infos)]);
}
