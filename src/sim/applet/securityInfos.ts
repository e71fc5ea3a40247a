/**
 * Chip-side reading of the chip's own SecurityInfos (ICAO 9303-11 §9.2): which PACE, CA and AA variants the
 * profile's EF.CardAccess and DG14 announce, so the simulated chip accepts exactly what it advertises.
 * Deliberately independent of the reader's parser (src/card/lds/securityInfos.ts): a shared parser would hide
 * its own bugs on both sides of every simulator test.
 */
import { oidFromBytes } from '../../card/pace/oids';
import { decodeAll, decodeOne, TlvError, type Tlv } from '../../card/asn1/tlv';

/** SecurityInfo ::= SEQUENCE { protocol OID, requiredData, optionalData } — the flat fields the chip needs. */
export interface RawSecurityInfo {
  oid: string;
  /** INTEGER fields in order (version, parameterId / keyId). */
  integers: number[];
  /** OBJECT IDENTIFIER fields after the protocol (e.g. ActiveAuthenticationInfo.signatureAlgorithm). */
  oids: string[];
}

/** Parse a DER SET OF SecurityInfo (EF.CardAccess content, or the value inside DG14's tag 6E). */
export function parseSecurityInfoSet(der: Uint8Array): RawSecurityInfo[] {
  const set = decodeOne(der, 0);
  if (set.tag !== 0x31) throw new TlvError(`SecurityInfos: expected a SET (tag 31), got tag ${set.tag.toString(16)}`);
  const out: RawSecurityInfo[] = [];
  for (const info of decodeAll(set.value)) {
    if (info.tag !== 0x30) continue;
    const parts = decodeAll(info.value);
    const head = parts[0];
    if (!head || head.tag !== 0x06) continue;
    const rest = parts.slice(1);
    out.push({
      oid: oidFromBytes(head.value),
      integers: rest.filter((t) => t.tag === 0x02).map(integerValue),
      oids: rest.filter((t) => t.tag === 0x06).map((t) => oidFromBytes(t.value)),
    });
  }
  return out;
}

/** DG14 = '6E' { SecurityInfos } (ICAO 9303-10 §4.7.14). */
export function parseDg14SecurityInfos(dg14: Uint8Array): RawSecurityInfo[] {
  const outer = decodeOne(dg14, 0);
  if (outer.tag !== 0x6e) throw new TlvError(`DG14: expected tag 6E, got ${outer.tag.toString(16)}`);
  return parseSecurityInfoSet(outer.value);
}

function integerValue(t: Tlv): number {
  let v = 0;
  for (const b of t.value) v = v * 256 + b;
  return v;
}
