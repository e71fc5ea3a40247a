import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/card/apdu';
import { oidToBytes } from '../../../src/card/pace/oids';
import { encode } from '../../../src/card/asn1/tlv';
import { parseDg14SecurityInfos, parseSecurityInfoSet } from '../../../src/sim/applet/securityInfos';

describe('chip-side SecurityInfos', () => {
  it('reads protocol OIDs, integers and algorithm OIDs of EF.CardAccess entries', () => {
    const cccd = fromHex('3134300d060804007f0007020202020101300f060a04007f000702020302020201013012060a04007f0007020204020202010202010d');
    expect(parseSecurityInfoSet(cccd)).toEqual([
      { oid: '0.4.0.127.0.7.2.2.2', integers: [1], oids: [] },
      { oid: '0.4.0.127.0.7.2.2.3.2.2', integers: [1], oids: [] },
      { oid: '0.4.0.127.0.7.2.2.4.2.2', integers: [2, 13], oids: [] },
    ]);
  });

  it('unwraps DG14 (tag 6E) and keeps ActiveAuthenticationInfo.signatureAlgorithm', () => {
    const aa = encode(0x30, [encode(0x06, oidToBytes('2.23.136.1.1.5')), encode(0x02, Uint8Array.of(1)), encode(0x06, oidToBytes('0.4.0.127.0.7.1.1.4.1.3'))]);
    const dg14 = encode(0x6e, [encode(0x31, [aa])]);
    expect(parseDg14SecurityInfos(dg14)).toEqual([{ oid: '2.23.136.1.1.5', integers: [1], oids: ['0.4.0.127.0.7.1.1.4.1.3'] }]);
    expect(() => parseDg14SecurityInfos(fromHex('6F00'))).toThrow(/6E/);
  });
});
