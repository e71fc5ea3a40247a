/**
 * EF.CardAccess (ICAO 9303-10 §3.11.2, FID 011C / SFI 1C): a bare SecurityInfos SET that the terminal reads
 * before access control to learn the PACE options (cccd.md §1.2: CCCD advertises ECDH-GM AES-128 on brainpoolP256r1).
 */
import { curveByParameterId, type NamedCurve } from '../crypto/ec';
import { describePaceOid, parseSecurityInfos, type PaceProtocol, type SecurityInfo } from './securityInfos';

export interface PaceOption {
  oid: string;
  version: number;
  parameterId: number | undefined;
  protocol: PaceProtocol | undefined;
  /** Standard domain parameters when parameterId names a supported curve. */
  curve: NamedCurve | undefined;
}

export interface CardAccess {
  securityInfos: SecurityInfo[];
  paceOptions: PaceOption[];
}

export function parseCardAccess(bytes: Uint8Array): CardAccess {
  const securityInfos = parseSecurityInfos(bytes);
  const paceOptions: PaceOption[] = [];
  for (const s of securityInfos) {
    if (s.type !== 'PACEInfo') continue;
    paceOptions.push({
      oid: s.oid, version: s.version, parameterId: s.parameterId, protocol: describePaceOid(s.oid),
      curve: s.parameterId === undefined ? undefined : curveByParameterId(s.parameterId),
    });
  }
  return { securityInfos, paceOptions };
}
