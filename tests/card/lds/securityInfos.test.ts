import { describe, it, expect } from 'vitest';
import { CCCD_CARD_ACCESS } from './fixtures';
import { describeChipAuthenticationOid, describePaceOid, parseSecurityInfos } from '../../../src/card/lds/securityInfos';


describe('SecurityInfos', () => {
  it('decodes TA, CA and PACE infos of the CCCD CardAccess', () => {
    const infos = parseSecurityInfos(new Uint8Array(CCCD_CARD_ACCESS));
    expect(infos.map((i) => i.type)).toEqual(['TerminalAuthenticationInfo', 'ChipAuthenticationInfo', 'PACEInfo']);
    expect(infos[1]).toMatchObject({ oid: '0.4.0.127.0.7.2.2.3.2.2', version: 1, keyId: undefined });
    expect(infos[2]).toMatchObject({ oid: '0.4.0.127.0.7.2.2.4.2.2', version: 2, parameterId: 13 });
  });

  it('keeps unknown and AA infos', () => {
    // SET { SEQ { OID 2.23.136.1.1.5, INT 1, OID ecdsa-with-SHA256 }, SEQ { OID 1.2.3.4, NULL } }
    const aa = [0x30, 0x15, 0x06, 0x06, 0x67, 0x81, 0x08, 0x01, 0x01, 0x05, 0x02, 0x01, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02];
    const unk = [0x30, 0x07, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x05, 0x00];
    const set = Uint8Array.from([0x31, aa.length + unk.length, ...aa, ...unk]);
    const infos = parseSecurityInfos(set);
    expect(infos[0]).toMatchObject({ type: 'ActiveAuthenticationInfo', version: 1, signatureAlgorithm: '1.2.840.10045.4.3.2' });
    expect(infos[1]).toMatchObject({ type: 'Unknown', oid: '1.2.3.4' });
    expect(infos[1]!.raw).toEqual(Uint8Array.from(unk));
  });

  it('describes PACE and CA protocol OIDs', () => {
    expect(describePaceOid('0.4.0.127.0.7.2.2.4.2.2')).toEqual({ keyAgreement: 'ECDH', mapping: 'GM', cipher: 'AES-128' });
    expect(describePaceOid('0.4.0.127.0.7.2.2.4.6.4')).toEqual({ keyAgreement: 'ECDH', mapping: 'CAM', cipher: 'AES-256' });
    expect(describePaceOid('0.4.0.127.0.7.2.2.4.9.1')).toBeUndefined();
    expect(describeChipAuthenticationOid('0.4.0.127.0.7.2.2.3.2.1')).toEqual({ keyAgreement: 'ECDH', cipher: '3DES' });
  });

  it('rejects input that is not a SET', () => {
    expect(() => parseSecurityInfos(Uint8Array.of(0x30, 0x00))).toThrow(/expected a SET/);
  });
});
