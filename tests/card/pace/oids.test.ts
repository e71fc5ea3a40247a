import { describe, it, expect } from 'vitest';
import { hex } from '../../../src/card/apdu';
import { caOidInfo, describeOid, OID, oidFromBytes, oidToBytes, PACE_OIDS, paceOidInfo } from '../../../src/card/pace/oids';

describe('protocol OIDs', () => {
  it('encodes OIDs as in the App. G.1 MSE:Set AT (DO80 value)', () => {
    expect(hex(oidToBytes('0.4.0.127.0.7.2.2.4.2.2'))).toBe('04007F00070202040202');
    expect(hex(oidToBytes('1.2.840.10045.2.1'))).toBe('2A8648CE3D0201');
    expect(oidFromBytes(oidToBytes('2.23.136.1.1.5'))).toBe('2.23.136.1.1.5');
    expect(oidFromBytes(oidToBytes('1.3.36.3.3.2.8.1.1.7'))).toBe('1.3.36.3.3.2.8.1.1.7');
  });

  it('knows the CCCD protocols (cccd.md §1.2)', () => {
    expect(paceOidInfo('0.4.0.127.0.7.2.2.4.2.2')).toMatchObject({ name: 'id-PACE-ECDH-GM-AES-CBC-CMAC-128', mapping: 'GM', alg: 'AES', keyBits: 128 });
    expect(caOidInfo('0.4.0.127.0.7.2.2.3.2.2')).toMatchObject({ name: 'id-CA-ECDH-AES-CBC-CMAC-128', agreement: 'ECDH' });
    expect(caOidInfo('0.4.0.127.0.7.2.2.3.2.1')).toMatchObject({ alg: 'DESede', keyBits: 112 });
    expect(describeOid(OID.TA)?.protocol).toBe('TA');
    expect(describeOid('2.23.136.1.1.5')?.protocol).toBe('AA');
    expect(describeOid('0.4.0.127.0.7.2.2.4.6.2')?.description).toContain('chip-authentication mapping');
  });

  it('has no CAM with 3DES and 19 PACE OIDs in total', () => {
    expect(PACE_OIDS.some((p) => p.mapping === 'CAM' && p.alg === 'DESede')).toBe(false);
    expect(PACE_OIDS).toHaveLength(19);
    expect(() => caOidInfo('0.4.0.127.0.7.2.2.3.3.1')).toThrow(RangeError);
  });
});
