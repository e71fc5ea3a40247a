import { describe, expect, it } from 'vitest';
import { fromHex, SW } from '../../../src/card/apdu';
import { EMRTD_AID, SimFileSystem } from '../../../src/sim/applet/fileSystem';
import { FID } from '../../../src/sim/profile/types';

const files = new Map([
  [FID.CARD_ACCESS, fromHex('3100')],
  [FID.DG1, fromHex('610A5F1F0700112233445566')],
]);

describe('SimFileSystem', () => {
  it('maps SFIs to the 01xx FIDs of the LDS', () => {
    expect(SimFileSystem.fidForSfi(0x1c)).toBe(FID.CARD_ACCESS);
    expect(SimFileSystem.fidForSfi(0x0d)).toBe(FID.DG13);
  });

  it('gives EF.CardAccess to anyone and the LDS files only inside the application with SM', () => {
    const fs = new SimFileSystem(files, [FID.DG3]);
    expect(fs.selectEf(FID.CARD_ACCESS, false)).toBe(SW.OK);
    expect(fs.selectEf(FID.DG1, true)).toBe(SW.FILE_NOT_FOUND);
    expect(fs.selectApplication(fromHex('A0000002471002'))).toBe(SW.FILE_NOT_FOUND);
    expect(fs.selectApplication(EMRTD_AID)).toBe(SW.OK);
    expect(fs.selectEf(FID.DG1, false)).toBe(SW.SECURITY_STATUS_NOT_SATISFIED);
    expect(fs.selectEf(FID.DG3, true)).toBe(SW.SECURITY_STATUS_NOT_SATISFIED);
    expect(fs.selectEf(FID.DG11, true)).toBe(SW.FILE_NOT_FOUND);
    expect(fs.selectEf(FID.DG1, true)).toBe(SW.OK);
    expect(fs.currentFid).toBe(FID.DG1);
  });

  it('reads from an offset, flags the end of file and refuses offsets at or past the end', () => {
    const fs = new SimFileSystem(files, []);
    fs.selectApplication(EMRTD_AID);
    const r = fs.read(FID.DG1, 10, 100, true);
    expect(r).toEqual({ ok: true, value: { data: fromHex('5566'), endOfFile: true } });
    expect(fs.read(null, 0, 2, true)).toEqual({ ok: true, value: { data: fromHex('610A'), endOfFile: false } });
    expect(fs.read(null, 12, 1, true)).toEqual({ ok: false, sw: SW.WRONG_P1P2 });
  });

  it('needs a current EF for offset reads and forgets it on reset', () => {
    const fs = new SimFileSystem(files, []);
    expect(fs.read(null, 0, 1, false)).toEqual({ ok: false, sw: SW.COMMAND_NOT_ALLOWED_NO_EF });
    fs.selectEf(FID.CARD_ACCESS, false);
    expect(fs.read(null, 0, 1, false)).toEqual({ ok: true, value: { data: fromHex('31'), endOfFile: false } });
    fs.reset();
    expect(fs.applicationSelected).toBe(false);
    expect(fs.read(null, 0, 1, false)).toEqual({ ok: false, sw: SW.COMMAND_NOT_ALLOWED_NO_EF });
  });
});
