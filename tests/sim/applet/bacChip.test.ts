import { describe, expect, it } from 'vitest';
import { fromHex, hex, SW } from '../../../src/card/apdu';
import { BacChip } from '../../../src/sim/applet/bacChip';
import { scriptedRng } from '../../../src/sim/applet/scriptedRng';

// ICAO 9303-11 App. D.3: E.IFD ‖ M.IFD for RND.IC 4608F91988702212 under the App. D MRZ key.
const CMD_D3 = fromHex('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A7');

describe('BacChip', () => {
  it('starts 3DES SM with SSC = RND.IC[4..8] ‖ RND.IFD[4..8] (App. D.3/D.4)', () => {
    const chip = new BacChip('L898902C<369080619406236', scriptedRng([fromHex('4608F91988702212'), fromHex('0B4F80323EB3191CB04970CB4052790B')]));
    chip.getChallenge();
    const r = chip.externalAuthenticate(CMD_D3);
    if (!r.ok) throw new Error(`unexpected SW ${r.sw}`);
    expect(hex(r.sm.ssc)).toBe('887022120C06C226');
    expect(r.sm.alg).toBe('DESede');
  });

  it('needs a fresh challenge for every attempt, and 40 bytes of data', () => {
    const chip = new BacChip('L898902C<369080619406236', scriptedRng([fromHex('4608F91988702212'), fromHex('4608F91988702212')]));
    expect(chip.externalAuthenticate(CMD_D3)).toEqual({ ok: false, sw: SW.CONDITIONS_NOT_SATISFIED });
    chip.getChallenge();
    expect(chip.externalAuthenticate(CMD_D3.subarray(0, 32))).toEqual({ ok: false, sw: SW.WRONG_LENGTH });
    expect(chip.externalAuthenticate(CMD_D3)).toEqual({ ok: false, sw: SW.CONDITIONS_NOT_SATISFIED });
  });

  it('answers 6300 when the cryptogram echoes another RND.IC (replayed authentication)', () => {
    const chip = new BacChip('L898902C<369080619406236', scriptedRng([fromHex('0000000000000001')]));
    chip.getChallenge();
    expect(chip.externalAuthenticate(CMD_D3)).toEqual({ ok: false, sw: SW.VERIFICATION_FAILED });
  });
});
