import path from 'node:path';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRawProfile, mrzInformationFromDg1 } from '../../../src/sim/profile/loadRaw';
import { encodeDg1 } from '../../../src/sim/profile/encodeDg1';
import { buildMrz } from '../../../src/sim/profile/mrz';
import { sampleIdentities } from '../../../src/sim/profile/samples';
import { FID } from '../../../src/sim/profile/types';
import { SHARED_DATA } from '../../helpers/sharedData';

const BSI = path.join(SHARED_DATA, 'icao', 'bsi2008');

describe('loadRawProfile (BSI 2008 test passport)', () => {
  const p = loadRawProfile(BSI);

  it('maps every file to its FID with identical bytes', () => {
    expect([...p.files.keys()].sort((a, b) => a - b)).toEqual([0x0101, 0x0102, 0x010e, 0x010f, FID.SOD, FID.COM].sort((a, b) => a - b));
    expect(Buffer.from(p.files.get(FID.COM)!).equals(readFileSync(join(BSI, 'EF_COM.bin')))).toBe(true);
    expect(Buffer.from(p.files.get(FID.DG2)!).equals(readFileSync(join(BSI, 'Datagroup2.bin')))).toBe(true);
    expect(Buffer.from(p.files.get(FID.SOD)!).equals(readFileSync(join(BSI, 'EF_SOD.bin')))).toBe(true);
    expect(p.files.get(FID.DG1)![0]).toBe(0x61);
  });

  it('is BAC-only: MRZ information from DG1, no PACE, no CAN, no private keys', () => {
    // TD3 line 2 "C11T002JM4D<<9608122F1310317…": docNo+cd, DOB+cd, DOE+cd.
    expect(p.mrzInformation).toBe('C11T002JM49608122131031' + '7');
    expect(p.pace).toBe(false);
    expect(p.can).toBeNull();
    expect(p.chipAuthentication).toBeUndefined();
    expect(p.activeAuthentication).toBeUndefined();
    expect(p.files.has(FID.CARD_ACCESS)).toBe(false);
  });

  it('marks DG3 (listed in EF.COM, absent from the set) as protected', () => {
    expect(p.protectedFids).toEqual([FID.DG3]);
  });

  it('accepts a caller-given MRZ information and rejects a missing folder', () => {
    expect(loadRawProfile(BSI, { mrzInformation: 'X' }).mrzInformation).toBe('X');
    expect(() => loadRawProfile('/nonexistent/raw')).toThrow(/folder not found/);
  });

  it('derives TD1 MRZ information the same way the CCCD builder does', () => {
    const id = sampleIdentities()[0]!;
    const mrz = buildMrz(id);
    expect(mrzInformationFromDg1(encodeDg1(mrz.lines))).toBe(mrz.mrzInformation);
  });
});
