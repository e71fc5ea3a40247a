import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRawProfile } from '../../../src/sim/profile/loadRaw';
import { sampleProfile } from '../../../src/sim/profile/samples';
import { FID } from '../../../src/sim/profile/types';
import { rawFileName, writeRawProfile } from '../../../src/sim/profile/writeRaw';

const tmp = mkdtempSync(join(tmpdir(), 'motcua-raw-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('writeRawProfile', () => {
  it('round-trips through loadRawProfile (without secrets; DG3 stays protected)', () => {
    const p = sampleProfile(0);
    const names = writeRawProfile(p, tmp);
    expect(names).toEqual(['Datagroup1.bin', 'Datagroup13.bin', 'Datagroup14.bin', 'Datagroup15.bin', 'Datagroup2.bin', 'EF_COM.bin', 'EF_CardAccess.bin', 'EF_SOD.bin']);
    const back = loadRawProfile(tmp);
    expect(back.mrzInformation).toBe(p.mrzInformation);
    expect(back.protectedFids).toEqual([FID.DG3]);
    for (const [fid, content] of back.files) expect(Buffer.from(content).equals(Buffer.from(p.files.get(fid)!))).toBe(true);
    expect(back.chipAuthentication).toBeUndefined();
  });

  it('names files like the BSI set', () => {
    expect(rawFileName(FID.DG13)).toBe('Datagroup13.bin');
    expect(rawFileName(FID.COM)).toBe('EF_COM.bin');
  });
});
