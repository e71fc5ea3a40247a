/**
 * SecurityInfos (ICAO 9303-11 §9.2, BSI TR-03110-3 §A.1): SET OF SecurityInfo as found in EF.CardAccess,
 * DG14 and EF.CardSecurity. Every entry is SEQUENCE { protocol OID, requiredData, optionalData? }; the
 * protocol OID decides the shape. Unknown entries are kept raw so nothing on the chip is silently dropped.
 */
import type * as asn1js from 'asn1js';
import type { NamedCurve } from '../crypto/ec';
import { Asn1Error, children, derOf, intOf, isUniversal, oidOf, parseDer } from '../asn1/der';
import { publicKeyFromAsn1, type EcDomain } from './publicKey';
import { OID } from '../oids';

export const OID_PK = `${OID.BSI_PROTOCOLS}.1`;
export const OID_TA = `${OID.BSI_PROTOCOLS}.2`;
export const OID_CA = `${OID.BSI_PROTOCOLS}.3`;
export const OID_PACE = `${OID.BSI_PROTOCOLS}.4`;

export type ChipAuthenticationPublicKey =
  | { kind: 'EC'; curve: NamedCurve | undefined; domain: EcDomain; point: Uint8Array; spki: Uint8Array }
  | { kind: 'DH'; spki: Uint8Array };

export type SecurityInfo =
  | { type: 'PACEInfo'; oid: string; version: number; parameterId: number | undefined; raw: Uint8Array }
  | { type: 'PACEDomainParameterInfo'; oid: string; parameterId: number | undefined; raw: Uint8Array }
  | { type: 'ChipAuthenticationInfo'; oid: string; version: number; keyId: number | undefined; raw: Uint8Array }
  | { type: 'ChipAuthenticationPublicKeyInfo'; oid: string; keyId: number | undefined; publicKey: ChipAuthenticationPublicKey; raw: Uint8Array }
  | { type: 'ChipAuthenticationDomainParameterInfo'; oid: string; keyId: number | undefined; raw: Uint8Array }
  | { type: 'TerminalAuthenticationInfo'; oid: string; version: number; raw: Uint8Array }
  | { type: 'ActiveAuthenticationInfo'; oid: string; version: number; signatureAlgorithm: string; raw: Uint8Array }
  | { type: 'Unknown'; oid: string; raw: Uint8Array };

export interface PaceProtocol {
  keyAgreement: 'DH' | 'ECDH';
  mapping: 'GM' | 'IM' | 'CAM';
  cipher: '3DES' | 'AES-128' | 'AES-192' | 'AES-256';
}

const CIPHERS: Record<string, PaceProtocol['cipher']> = { '1': '3DES', '2': 'AES-128', '3': 'AES-192', '4': 'AES-256' };

/** ICAO 9303-11 §9.2.1 PACE OIDs: id-PACE.{1 DH-GM, 2 ECDH-GM, 3 DH-IM, 4 ECDH-IM, 6 ECDH-CAM}.{cipher}. */
export function describePaceOid(oid: string): PaceProtocol | undefined {
  if (!oid.startsWith(`${OID_PACE}.`)) return undefined;
  const [m, c] = oid.slice(OID_PACE.length + 1).split('.');
  const cipher = c ? CIPHERS[c] : undefined;
  const map: Record<string, [PaceProtocol['keyAgreement'], PaceProtocol['mapping']]> = {
    '1': ['DH', 'GM'], '2': ['ECDH', 'GM'], '3': ['DH', 'IM'], '4': ['ECDH', 'IM'], '6': ['ECDH', 'CAM'],
  };
  const km = m ? map[m] : undefined;
  if (!km || !cipher) return undefined;
  return { keyAgreement: km[0], mapping: km[1], cipher };
}

/** ICAO 9303-11 §9.2.5 id-CA-{DH,ECDH}-{3DES,AES}: the CA cipher, or undefined. */
export function describeChipAuthenticationOid(oid: string): { keyAgreement: 'DH' | 'ECDH'; cipher: PaceProtocol['cipher'] } | undefined {
  if (!oid.startsWith(`${OID_CA}.`)) return undefined;
  const [k, c] = oid.slice(OID_CA.length + 1).split('.');
  const cipher = c ? CIPHERS[c] : undefined;
  if (!cipher || (k !== '1' && k !== '2')) return undefined;
  return { keyAgreement: k === '1' ? 'DH' : 'ECDH', cipher };
}

function arcs(oid: string, prefix: string): number {
  return oid.slice(prefix.length + 1).split('.').length;
}

function optionalInt(node: asn1js.AsnType | undefined, what: string): number | undefined {
  return node && isUniversal(node, 2) ? intOf(node, what) : undefined;
}

function parseOne(node: asn1js.AsnType): SecurityInfo {
  const raw = derOf(node);
  const f = children(node);
  const oid = oidOf(f[0], 'SecurityInfo protocol');
  const at = (i: number) => f[i];
  if (oid.startsWith(`${OID_PACE}.`)) {
    // id-PACE-x-y (two arcs) = PACEInfo; id-PACE-x (one arc) = PACEDomainParameterInfo (§9.2.1, §9.2.2).
    if (arcs(oid, OID_PACE) >= 2) {
      return { type: 'PACEInfo', oid, version: intOf(at(1), 'PACEInfo version'), parameterId: optionalInt(at(2), 'PACEInfo parameterId'), raw };
    }
    return { type: 'PACEDomainParameterInfo', oid, parameterId: optionalInt(at(2), 'PACEDomainParameterInfo parameterId'), raw };
  }
  if (oid.startsWith(`${OID_CA}.`)) {
    if (arcs(oid, OID_CA) >= 2) {
      return { type: 'ChipAuthenticationInfo', oid, version: intOf(at(1), 'ChipAuthenticationInfo version'), keyId: optionalInt(at(2), 'ChipAuthenticationInfo keyId'), raw };
    }
    return { type: 'ChipAuthenticationDomainParameterInfo', oid, keyId: optionalInt(at(2), 'ChipAuthenticationDomainParameterInfo keyId'), raw };
  }
  if (oid.startsWith(`${OID_PK}.`)) {
    const spkiNode = at(1);
    if (!spkiNode) throw new Asn1Error('ChipAuthenticationPublicKeyInfo: missing public key');
    const key = publicKeyFromAsn1(spkiNode, 'ChipAuthenticationPublicKeyInfo key');
    const publicKey: ChipAuthenticationPublicKey =
      key.kind === 'EC'
        ? { kind: 'EC', curve: key.domain.named, domain: key.domain, point: key.point, spki: key.spki }
        : { kind: 'DH', spki: key.spki };
    return { type: 'ChipAuthenticationPublicKeyInfo', oid, keyId: optionalInt(at(2), 'ChipAuthenticationPublicKeyInfo keyId'), publicKey, raw };
  }
  if (oid === OID_TA) {
    return { type: 'TerminalAuthenticationInfo', oid, version: intOf(at(1), 'TerminalAuthenticationInfo version'), raw };
  }
  if (oid === OID.AA) {
    return {
      type: 'ActiveAuthenticationInfo', oid, version: intOf(at(1), 'ActiveAuthenticationInfo version'),
      signatureAlgorithm: oidOf(at(2), 'ActiveAuthenticationInfo signatureAlgorithm'), raw,
    };
  }
  return { type: 'Unknown', oid, raw };
}

/** Parse a DER SET OF SecurityInfo (tag 0x31). */
export function parseSecurityInfos(der: Uint8Array): SecurityInfo[] {
  const root = parseDer(der, 'SecurityInfos');
  if (!isUniversal(root, 17)) throw new Asn1Error('SecurityInfos: expected a SET');
  return children(root).map(parseOne);
}
