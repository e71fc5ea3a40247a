import { describe, it, expect } from 'vitest';
import { decodeCommand, encodeCommand, fromHex, hex, StatusWordError, type CommandApdu, type ResponseApdu } from '../../../src/card/apdu';
import { performPace } from '../../../src/card/pace/performPace';
import { AccessDeniedError, ProtocolError } from '../../../src/card/sm/errors';
import { SecureMessaging } from '../../../src/card/sm/secureMessaging';
import { paceTestChip } from './paceTestChip';

const OID_GM_AES128 = '0.4.0.127.0.7.2.2.4.2.2';

// ICAO 9303-11 App. G.1, APDUs exactly as listed there (T>C, C>T).
const G1: Array<[string, string]> = [
  ['0022C1A40F800A04007F000702020402028301 01'.replace(' ', ''), '9000'],
  ['10860000027C0000', '7C12801095A3A016522EE98D01E76CB6B98B42C39000'],
  [
    '10860000457C438141047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D00',
    '7C43824104824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C549000',
  ],
  [
    '10860000457C438341042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB3646200',
    '7C438441049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F0949000',
  ],
  ['00860000 0C7C0A8508C2B0BD78D94BA86600'.replace(' ', ''), '7C0A86083ABB9674BCE93C089000'],
];

function scripted(steps: Array<[string, string]>) {
  const queue = [...steps];
  const send = async (c: CommandApdu): Promise<ResponseApdu> => {
    const step = queue.shift();
    if (!step) throw new Error('unexpected extra command');
    expect(hex(encodeCommand(c))).toBe(step[0]);
    const r = fromHex(step[1]);
    return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2]! << 8) | r[r.length - 1]! };
  };
  return { send, remaining: () => queue.length };
}

const G1_OPTIONS = {
  oid: OID_GM_AES128,
  parameterId: 13,
  password: { type: 'MRZ' as const, mrzInformation: 'T22000129364081251010318' },
  sendParameterId: false,
  ephemeralKeys: {
    mapping: BigInt('0x7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99'),
    agreement: BigInt('0xA73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595'),
  },
};

describe('performPace — ICAO 9303-11 App. G.1 replay', () => {
  it('sends every appendix APDU byte for byte, verifies T_IC and returns the AES session', async () => {
    const chip = scripted(G1);
    const r = await performPace(chip.send, G1_OPTIONS);
    expect(chip.remaining()).toBe(0);
    expect(r.curve.name).toBe('brainpoolP256r1');
    expect(hex(r.chipEphemeralPublicKey)).toBe(
      '049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094',
    );
    expect(r.sm.alg).toBe('AES');
    expect(hex(r.sm.ssc)).toBe('00000000000000000000000000000000');
    // Session keys KS_enc/KS_mac of App. G.1: the session must protect exactly like one built from them.
    const reference = new SecureMessaging('AES', fromHex('F5F0E35C0D7161EE6724EE513A0D9A7F'), fromHex('FE251C7858B356B24514B3BD5F4297D1'), new Uint8Array(16));
    const cmd = { cla: 0, ins: 0xb0, p1: 0x9e, p2: 0, le: 256, data: undefined };
    expect(hex(r.sm.wrapCommand(cmd))).toBe(hex(reference.wrapCommand(cmd)));
  });

  it('a wrong chip token in the G.1 exchange → AccessDeniedError chip-proof-invalid', async () => {
    const steps = G1.map((s) => [...s] as [string, string]);
    steps[4]![1] = '7C0A86083ABB9674BCE93C099000';
    const err = await performPace(scripted(steps).send, G1_OPTIONS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect((err as AccessDeniedError).reason).toBe('chip-proof-invalid');
  });

  it('sends DO84 with the parameter id and DO83 02 for the CAN by default', async () => {
    const chip = paceTestChip('123456');
    await performPace(chip.send, { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '123456' } });
    expect(hex(chip.state.commands[0]!)).toBe('0022C1A412800A04007F0007020204020283010284010D');
  });
});

describe('performPace — against a test chip', () => {
  const combos: Array<[string, string, number]> = [
    ['CCCD: ECDH-GM AES-128 brainpoolP256r1', OID_GM_AES128, 13],
    ['ECDH-GM 3DES brainpoolP256r1', '0.4.0.127.0.7.2.2.4.2.1', 13],
    ['ECDH-GM AES-128 secp256r1', OID_GM_AES128, 12],
    ['ECDH-GM AES-192 brainpoolP384r1', '0.4.0.127.0.7.2.2.4.2.3', 16],
    ['ECDH-GM AES-256 secp521r1', '0.4.0.127.0.7.2.2.4.2.4', 18],
  ];
  for (const [name, oid, parameterId] of combos) {
    it(`${name}: establishes a working secure channel with the right CAN`, async () => {
      const chip = paceTestChip('123456');
      const r = await performPace(chip.send, { oid, parameterId, password: { type: 'CAN', value: '123456' } });
      expect(hex(r.car1!)).toBe(hex(new TextEncoder().encode('VNCVCA00001')));
      const wire = r.sm.wrapCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: fromHex('CAFE') });
      expect(decodeCommand(wire).cla).toBe(0x0c);
      const answer = r.sm.unwrapResponse(await chip.protectedEcho(wire));
      expect(hex(answer.data)).toBe('CAFE');
    });
  }

  it('wrong CAN: the chip answers 6300 → AccessDeniedError wrong-password', async () => {
    const chip = paceTestChip('123456');
    const err = await performPace(chip.send, { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '654321' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect((err as AccessDeniedError).reason).toBe('wrong-password');
    expect((err as AccessDeniedError).sw).toBe(0x6300);
    expect(chip.state.sm).toBeUndefined();
  });

  it('wrong CAN answered with 63C2 keeps the retry count', async () => {
    const chip = paceTestChip('123456', { wrongPasswordSw: 0x63c2 });
    const err = (await performPace(chip.send, { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '000000' } }).catch((e: unknown) => e)) as AccessDeniedError;
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect(err.triesLeft).toBe(2);
  });

  it('a chip that sends a wrong T_IC → AccessDeniedError chip-proof-invalid', async () => {
    const chip = paceTestChip('123456', { wrongChipToken: true });
    const err = await performPace(chip.send, { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '123456' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessDeniedError);
    expect((err as AccessDeniedError).reason).toBe('chip-proof-invalid');
  });

  it('a chip reflecting our ephemeral key → ProtocolError', async () => {
    const chip = paceTestChip('123456', { reflectKey: true });
    const err = await performPace(chip.send, { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '123456' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
  });

  it('refuses unsupported mappings and parameter ids before talking to the chip', async () => {
    const chip = paceTestChip('123456');
    await expect(performPace(chip.send, { oid: '0.4.0.127.0.7.2.2.4.4.2', parameterId: 13, password: { type: 'CAN', value: '123456' } })).rejects.toThrow(ProtocolError);
    await expect(performPace(chip.send, { oid: OID_GM_AES128, parameterId: 99, password: { type: 'CAN', value: '123456' } })).rejects.toThrow(ProtocolError);
    expect(chip.state.commands).toHaveLength(0);
  });

  it('MSE:Set AT refusal is a StatusWordError; 6983 means blocked', async () => {
    const refuse = (sw: number) => async (): Promise<ResponseApdu> => ({ data: new Uint8Array(0), sw });
    const e1 = await performPace(refuse(0x6a80), { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '123456' } }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(StatusWordError);
    const e2 = await performPace(refuse(0x6983), { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '123456' } }).catch((e: unknown) => e);
    expect((e2 as AccessDeniedError).reason).toBe('blocked');
  });

  it('a malformed GENERAL AUTHENTICATE answer → ProtocolError', async () => {
    let n = 0;
    const send = async (): Promise<ResponseApdu> => (n++ === 0 ? { data: new Uint8Array(0), sw: 0x9000 } : { data: fromHex('7D00'), sw: 0x9000 });
    await expect(performPace(send, { oid: OID_GM_AES128, parameterId: 13, password: { type: 'CAN', value: '123456' } })).rejects.toThrow(ProtocolError);
  });
});
