/**
 * DG14 (ICAO 9303-10 §4.7.14, tag 6E): SecurityInfos for Chip Authentication (and on some chips PACE/TA/AA).
 */
import { decodeOne, TlvError } from '../asn1/tlv';
import { parseSecurityInfos, type SecurityInfo } from './securityInfos';

export type ChipAuthenticationPublicKeyInfo = Extract<SecurityInfo, { type: 'ChipAuthenticationPublicKeyInfo' }>;
export type ChipAuthenticationInfo = Extract<SecurityInfo, { type: 'ChipAuthenticationInfo' }>;

export interface Dg14 {
  securityInfos: SecurityInfo[];
  chipAuthenticationPublicKeys: ChipAuthenticationPublicKeyInfo[];
  chipAuthenticationInfos: ChipAuthenticationInfo[];
  activeAuthenticationSignatureAlgorithm: string | undefined;
}

export function parseDg14(bytes: Uint8Array): Dg14 {
  const outer = decodeOne(bytes);
  if (outer.tag !== 0x6e) throw new TlvError(`DG14: expected tag 6E, got ${outer.tag.toString(16).toUpperCase()}`);
  const securityInfos = parseSecurityInfos(outer.value);
  const aa = securityInfos.find((s) => s.type === 'ActiveAuthenticationInfo');
  return {
    securityInfos,
    chipAuthenticationPublicKeys: securityInfos.filter((s): s is ChipAuthenticationPublicKeyInfo => s.type === 'ChipAuthenticationPublicKeyInfo'),
    chipAuthenticationInfos: securityInfos.filter((s): s is ChipAuthenticationInfo => s.type === 'ChipAuthenticationInfo'),
    activeAuthenticationSignatureAlgorithm: aa?.type === 'ActiveAuthenticationInfo' ? aa.signatureAlgorithm : undefined,
  };
}
