import { describe, it, expect } from 'vitest';
import { encodeCommand, fromHex, hex, StatusWordError, type CommandApdu, type ResponseApdu } from '../../../src/card/apdu';
import { performBac } from '../../../src/card/bac/performBac';
import { AccessDeniedError } from '../../../src/card/sm/errors';

const MRZ_INFO = 'L898902C<369080619406236';
const RND_IFD = fromHex('781723860C06C226');
const K_IFD = fromHex('0B795240CB7049B01C19B33E32804F0B');
const EXT_AUTH =
  '008200002872C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F25F1448EEA8AD90A728';
const RESP_DATA = '46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F2F2D235D074D7449';

/** The App. D.3 RNG: RND.IFD then K.IFD. */
function appendixRng(): (n: number) => Uint8Array {
  const queue = [RND_IFD, K_IFD];
  return (n) => {
    const next = queue.shift();
    if (!next || next.length !== n) throw new Error(`unexpected rng(${n})`);
    return next;
  };
}

/** A sender that checks each command byte for byte and answers from a script. */
function scripted(steps: Array<[string, string]>): { send: (c: CommandApdu) => Promise<ResponseApdu>; done: () => boolean } {
  const queue = [...steps];
  return {
    send: async (c) => {
      const step = queue.shift();
      if (!step) throw new Error('unexpected extra command');
      expect(hex(encodeCommand(c))).toBe(step[0]);
      const r = fromHex(step[1]);
      return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2]! << 8) | r[r.length - 1]! };
    },
    done: () => queue.length === 0,
  };
}

describe('performBac — ICAO 9303-11 App. D.3 replay', () => {
  it('sends the appendix APDUs and yields the App. D session (checked by D.4 SELECT)', async () => {
    const chip = scripted([
      ['0084000008', '4608F919887022129000'],
      [EXT_AUTH, `${RESP_DATA}9000`],
    ]);
    const sm = await performBac(chip.send, { mrzInformation: MRZ_INFO }, { rng: appendixRng() });
    expect(chip.done()).toBe(true);
    expect(sm.alg).toBe('DESede');
    expect(hex(sm.ssc)).toBe('887022120C06C226');
    expect(hex(sm.wrapCommand({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') }))).toBe(
      '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800',
    );
  });

  it('accepts a raw key seed instead of the MRZ information', async () => {
    const chip = scripted([
      ['0084000008', '4608F919887022129000'],
      [EXT_AUTH, `${RESP_DATA}9000`],
    ]);
    const sm = await performBac(chip.send, { keySeed: fromHex('239AB9CB282DAF66231DC5A4DF6BFBAE') }, { rng: appendixRng() });
    expect(hex(sm.ssc)).toBe('887022120C06C226');
  });
});

describe('performBac — refusals', () => {
  async function denied(resp: string, mrz = MRZ_INFO): Promise<AccessDeniedError> {
    const chip = scripted([
      ['0084000008', '4608F919887022129000'],
      [EXT_AUTH, resp],
    ]);
    const err = await performBac(chip.send, { mrzInformation: mrz }, { rng: appendixRng() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessDeniedError);
    return err as AccessDeniedError;
  }

  it('wrong MRZ key: the chip answers 6300 → AccessDeniedError wrong-password', async () => {
    const e = await denied('6300');
    expect(e.reason).toBe('wrong-password');
    expect(e.sw).toBe(0x6300);
    expect(e.protocol).toBe('BAC');
  });

  it('6982 and 63C2 are wrong-password too; 6983 is blocked', async () => {
    expect((await denied('6982')).reason).toBe('wrong-password');
    const e = await denied('63C2');
    expect(e.triesLeft).toBe(2);
    expect((await denied('6983')).reason).toBe('blocked');
  });

  it('a tampered chip cryptogram → chip-proof-invalid', async () => {
    const bad = fromHex(RESP_DATA);
    bad[0]! ^= 1;
    expect((await denied(`${hex(bad)}9000`)).reason).toBe('chip-proof-invalid');
  });

  it('a chip answer that does not echo our RND.IFD → chip-proof-invalid', async () => {
    // A cryptogram computed for a different RND.IFD but with the right keys.
    const { bacEncryptAndMac } = await import('../../../src/card/bac/bac');
    const other = bacEncryptAndMac(
      fromHex('AB94FDECF2674FDFB9B391F85D7F76F2'),
      fromHex('7962D9ECE03D1ACD4C76089DCE131543'),
      fromHex('4608F919887022120000000000000000' + '0B4F80323EB3191CB04970CB4052790B'),
    );
    expect((await denied(`${hex(other)}9000`)).reason).toBe('chip-proof-invalid');
  });

  it('GET CHALLENGE failures are status-word errors, not access denials', async () => {
    const chip = scripted([['0084000008', '6D00']]);
    const err = await performBac(chip.send, { mrzInformation: MRZ_INFO }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusWordError);
    expect((err as StatusWordError).sw).toBe(0x6d00);
  });
});
