import { describe, expect, it } from 'vitest';
import { fromHex } from '../../../src/card/apdu';
import { paceInfosFromCardAccess } from '../../../src/sim/applet/paceChip';

describe('paceInfosFromCardAccess', () => {
  it('finds the PACEInfo among the CCCD SecurityInfos (TA, CA, PACE)', () => {
    const cccd = fromHex('3134300d060804007f0007020202020101300f060a04007f000702020302020201013012060a04007f0007020204020202010202010d');
    expect(paceInfosFromCardAccess(cccd)).toEqual([{ oid: '0.4.0.127.0.7.2.2.4.2.2', version: 2, parameterId: 13 }]);
  });

  it('returns every PACEInfo of a multi-protocol CardAccess', () => {
    const two = fromHex('31283012060a04007f000702020402040201020201103012060a04007f00070202040604020102020110');
    expect(paceInfosFromCardAccess(two).map((i) => [i.oid, i.parameterId])).toEqual([
      ['0.4.0.127.0.7.2.2.4.2.4', 16],
      ['0.4.0.127.0.7.2.2.4.6.4', 16],
    ]);
  });

  it('rejects a file that is not a SET', () => {
    expect(() => paceInfosFromCardAccess(fromHex('3000'))).toThrow(/SET/);
  });
});
