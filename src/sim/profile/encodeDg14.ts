/**
 * DG14 (ICAO 9303-11 §9.2, BSI TR-03110-3 A.1.1): 6E { SET OF SecurityInfo }.
 * - ChipAuthenticationInfo: id-CA-ECDH-AES-CBC-CMAC-128, version 1 (matches the CCCD EF.CardAccess, cccd.md §1.2);
 * - ChipAuthenticationPublicKeyInfo: id-PK-ECDH + SPKI with EXPLICIT domain parameters, as most real chips carry;
 * - ActiveAuthenticationInfo (ICAO 9303-11 §6.1) only for ECDSA AA: it names the signature algorithm.
 */
import { encode } from '../../card/tlv/tlv';
import { derInteger, derOid, derSequence, derSet } from './der';
import { ecSpkiExplicit, type EcKeyPair } from './keys';

export const DG14_OID = {
  caEcdhAesCbcCmac128: '0.4.0.127.0.7.2.2.3.2.2',
  pkEcdh: '0.4.0.127.0.7.2.2.1.2',
  activeAuthentication: '2.23.136.1.1.5',
  /** BSI TR-03111 ecdsa-plain-SHA256: AA signatures are plain r‖s. */
  ecdsaPlainSha256: '0.4.0.127.0.7.1.1.4.1.3',
} as const;

export interface Dg14Options {
  caKey: Pick<EcKeyPair, 'curve' | 'publicKey'>;
  /** Only when there is more than one CA key (ICAO 9303-11 §9.2.5); CCCD's CardAccess has none. */
  keyId?: number;
  ecdsaActiveAuthentication?: boolean;
}

export function encodeDg14(opts: Dg14Options): Uint8Array {
  const keyId = opts.keyId === undefined ? [] : [derInteger(opts.keyId)];
  const infos = [
    derSequence(derOid(DG14_OID.caEcdhAesCbcCmac128), derInteger(1), ...keyId),
    derSequence(derOid(DG14_OID.pkEcdh), ecSpkiExplicit(opts.caKey), ...keyId),
  ];
  if (opts.ecdsaActiveAuthentication) {
    infos.push(derSequence(derOid(DG14_OID.activeAuthentication), derInteger(1), derOid(DG14_OID.ecdsaPlainSha256)));
  }
  return encode(0x6e, [derSet(...infos)]);
}
