import { describe, it, expect } from 'vitest';
import { createCipheriv } from 'node:crypto';
import { cmac } from '@noble/ciphers/aes.js';
import { decodeCommand, encodeCommand, fromHex, hex, type CommandApdu } from '../../../src/card/apdu';
import { SecureMessaging, SmError } from '../../../src/card/sm/secureMessaging';

// ICAO 9303-11 App. D.3/D.4 session.
const KS_ENC = fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5');
const KS_MAC = fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8');
const SSC0 = fromHex('887022120C06C226');

const AES_ENC = fromHex('F5F0E35C0D7161EE6724EE513A0D9A7F');
const AES_MAC = fromHex('FE251C7858B356B24514B3BD5F4297D1');

function pair(alg: 'DESede' | 'AES'): { pcd: SecureMessaging; chip: SecureMessaging } {
  const n = alg === 'AES' ? 16 : 8;
  const [e, m] = alg === 'AES' ? [AES_ENC, AES_MAC] : [KS_ENC, KS_MAC];
  return { pcd: new SecureMessaging(alg, e, m, new Uint8Array(n)), chip: new SecureMessaging(alg, e, m, new Uint8Array(n)) };
}

describe('secure messaging — ICAO 9303-11 App. D.4 byte for byte', () => {
  it('protects SELECT / READ BINARY and unwraps the chip answers to EF.COM', () => {
    const sm = new SecureMessaging('DESede', KS_ENC, KS_MAC, SSC0);

    expect(hex(sm.wrapCommand({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') }))).toBe(
      '0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800',
    );
    expect(hex(sm.ssc)).toBe('887022120C06C227');
    const r1 = sm.unwrapResponse(fromHex('990290008E08FA855A5D4C50A8ED9000'));
    expect(r1.sw).toBe(0x9000);
    expect(r1.data).toHaveLength(0);

    expect(hex(sm.wrapCommand({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, le: 4 }))).toBe('0CB000000D9701048E08ED6705417E96BA5500');
    const r2 = sm.unwrapResponse(fromHex('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000'));
    expect(hex(r2.data)).toBe('60145F01');

    expect(hex(sm.wrapCommand({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x04, le: 0x12 }))).toBe('0CB000040D9701128E082EA28A70F3C7B53500');
    const r3 = sm.unwrapResponse(fromHex('871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000'));
    expect(hex(r3.data)).toBe('04303130365F36063034303030305C026175');
    expect(hex(sm.ssc)).toBe('887022120C06C22C');
  });

  it('chip side reproduces the App. D.4 responses and decodes the commands', () => {
    const chip = new SecureMessaging('DESede', KS_ENC, KS_MAC, SSC0);
    const c1 = chip.unwrapCommand(fromHex('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800'));
    expect(c1).toMatchObject({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c });
    expect(hex(c1.data!)).toBe('011E');
    expect(c1.le).toBeUndefined();
    expect(hex(chip.wrapResponse(new Uint8Array(0), 0x9000))).toBe('990290008E08FA855A5D4C50A8ED9000');

    const c2 = chip.unwrapCommand(fromHex('0CB000000D9701048E08ED6705417E96BA5500'));
    expect(c2).toMatchObject({ cla: 0x00, ins: 0xb0, p1: 0, p2: 0, le: 4 });
    expect(hex(chip.wrapResponse(fromHex('60145F01'), 0x9000))).toBe('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000');

    chip.unwrapCommand(fromHex('0CB000040D9701128E082EA28A70F3C7B53500'));
    expect(hex(chip.wrapResponse(fromHex('04303130365F36063034303030305C026175'), 0x9000))).toBe(
      '871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000',
    );
  });
});

describe('secure messaging — AES cross-check against an independent §9.8 computation', () => {
  it('wraps READ BINARY with IV = E(K_enc, SSC) and an 8-byte CMAC over pad(SSC ‖ header ‖ DO97)', () => {
    const sm = new SecureMessaging('AES', AES_ENC, AES_MAC, new Uint8Array(16));
    const out = sm.wrapCommand({ cla: 0x00, ins: 0xb0, p1: 0x81, p2: 0x00, le: 256 });
    // Reference: SSC=…01; M = pad16(0CB08100) ‖ 97 01 00; N = pad16(SSC ‖ M); CC = CMAC(K_mac, N)[0..8].
    const ssc = fromHex('00000000000000000000000000000001');
    const n = fromHex(`${hex(ssc)}0CB0810080000000000000000000000097010080000000000000000000000000`);
    const cc = cmac(n, AES_MAC).subarray(0, 8);
    expect(hex(out)).toBe(`0CB081000D9701008E08${hex(cc)}00`);
  });

  it('encrypts command data under IV = AES(K_enc, SSC) (DO87 checked by direct decryption)', () => {
    const sm = new SecureMessaging('AES', AES_ENC, AES_MAC, new Uint8Array(16));
    const out = decodeCommand(sm.wrapCommand({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') }));
    const body = out.data!;
    expect(hex(body.subarray(0, 3))).toBe('871101');
    const ssc = fromHex('00000000000000000000000000000001');
    const ivCipher = createCipheriv('aes-128-ecb', AES_ENC, null).setAutoPadding(false);
    const iv = Buffer.concat([ivCipher.update(ssc), ivCipher.final()]);
    const d = createCipheriv('aes-128-cbc', AES_ENC, iv).setAutoPadding(false);
    const expected = Buffer.concat([d.update(fromHex('011E8000000000000000000000000000')), d.final()]);
    expect(hex(body.subarray(3, 19))).toBe(hex(expected));
  });
});

describe('secure messaging — round trips PCD ⇄ chip', () => {
  const cases: Array<[string, CommandApdu, Uint8Array, boolean]> = [
    ['case 1 (no data, no Le)', { cla: 0, ins: 0x22, p1: 0x41, p2: 0xa6 }, new Uint8Array(0), false],
    ['case 2 short B0', { cla: 0, ins: 0xb0, p1: 0x00, p2: 0x10, le: 256 }, new Uint8Array(200).fill(7), false],
    ['case 3 short SELECT', { cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('0101') }, new Uint8Array(0), false],
    ['case 4 short INTERNAL AUTHENTICATE', { cla: 0, ins: 0x88, p1: 0, p2: 0, data: fromHex('0102030405060708'), le: 256 }, new Uint8Array(128).fill(0xab), false],
    ['case 2 extended B0 (Le 1000)', { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 }, new Uint8Array(1000).fill(0x5a), true],
    ['case 2 extended B0 (Le 65536)', { cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 65536, extended: true }, new Uint8Array(3000).fill(1), true],
    ['case 4 extended data (300 bytes)', { cla: 0, ins: 0x2a, p1: 0, p2: 0xbe, data: new Uint8Array(300).fill(9), le: 256 }, fromHex('AA'), true],
    ['odd INS B1 (DO85 data)', { cla: 0, ins: 0xb1, p1: 0, p2: 0, data: fromHex('54020100'), le: 256 }, fromHex('5303010203'), false],
    ['odd INS B1 extended', { cla: 0, ins: 0xb1, p1: 0, p2: 0, data: fromHex('54027FFF'), le: 65536, extended: true }, new Uint8Array(600).fill(3), true],
  ];

  for (const alg of ['DESede', 'AES'] as const) {
    for (const [name, cmd, respData, extended] of cases) {
      it(`${alg}: ${name}`, () => {
        const { pcd, chip } = pair(alg);
        const wire = pcd.wrapCommand(cmd);
        const decoded = decodeCommand(wire);
        expect(decoded.cla).toBe(0x0c);
        expect(decoded.extended).toBe(extended);
        // The outer Le always asks for the maximum, in the same length form as the command.
        expect(decoded.le).toBe(extended ? 65536 : 256);
        if (cmd.ins === 0xb1) expect(decoded.data![0]).toBe(0x85);
        else if (cmd.data) expect(decoded.data![0]).toBe(0x87);

        const got = chip.unwrapCommand(wire);
        expect(got.cla).toBe(cmd.cla);
        expect(got.ins).toBe(cmd.ins);
        expect(got.p1).toBe(cmd.p1);
        expect(got.p2).toBe(cmd.p2);
        expect(got.le).toBe(cmd.le);
        expect(got.data ? hex(got.data) : undefined).toBe(cmd.data ? hex(cmd.data) : undefined);
        if (cmd.le !== undefined && cmd.le > 256) expect(got.extended).toBe(true);

        const resp = chip.wrapResponse(respData, 0x9000, { useDo85: cmd.ins === 0xb1 });
        const r = pcd.unwrapResponse(resp);
        expect(r.sw).toBe(0x9000);
        expect(hex(r.data)).toBe(hex(respData));
        // One command/response pair advances both counters by two (§9.8.2).
        expect(hex(pcd.ssc)).toBe(hex(chip.ssc));
        expect(pcd.ssc[pcd.ssc.length - 1]).toBe(2);
      });
    }
  }

  it('switches the outer APDU to extended length when SM overhead exceeds 255 bytes', () => {
    const { pcd, chip } = pair('DESede');
    const wire = pcd.wrapCommand({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: new Uint8Array(250).fill(4) });
    const d = decodeCommand(wire);
    expect(d.extended).toBe(true);
    expect(d.le).toBe(65536);
    expect(hex(chip.unwrapCommand(wire).data!)).toBe(hex(new Uint8Array(250).fill(4)));
  });

  it('carries warning and error status words inside DO99', () => {
    const { pcd, chip } = pair('AES');
    chip.unwrapCommand(pcd.wrapCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 10 }));
    const r = pcd.unwrapResponse(chip.wrapResponse(fromHex('0102'), 0x6282));
    expect(r.sw).toBe(0x6282);
    expect(hex(r.data)).toBe('0102');
  });

  it('SSC carries across bytes', () => {
    const sm = new SecureMessaging('DESede', KS_ENC, KS_MAC, fromHex('00000000000000FF'));
    sm.wrapCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1 });
    expect(hex(sm.ssc)).toBe('0000000000000100');
  });
});

describe('secure messaging — refusals', () => {
  function expectSm(fn: () => unknown, sw: number): void {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SmError);
    expect((err as SmError).sw).toBe(sw);
  }

  for (const alg of ['DESede', 'AES'] as const) {
    it(`${alg} chip: plain command → 6987`, () => {
      const { chip } = pair(alg);
      expectSm(() => chip.unwrapCommand(encodeCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 })), 0x6987);
    });

    it(`${alg} chip: CLA 0C without DO8E → 6987`, () => {
      const { chip } = pair(alg);
      expectSm(() => chip.unwrapCommand(encodeCommand({ cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, data: fromHex('970104'), le: 256 })), 0x6987);
    });

    it(`${alg} chip: tampered MAC / header / data → 6988`, () => {
      const cmd: CommandApdu = { cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') };
      for (const mutate of [
        (w: Uint8Array) => { w[w.length - 2]! ^= 1; }, // last MAC byte
        (w: Uint8Array) => { w[3] = 0x0d; }, // P2 (header is MACed)
        (w: Uint8Array) => { w[8]! ^= 0x40; }, // cryptogram
      ]) {
        const { pcd, chip } = pair(alg);
        const w = pcd.wrapCommand(cmd);
        mutate(w);
        expectSm(() => chip.unwrapCommand(w), 0x6988);
      }
    });

    it(`${alg} chip: a replayed command fails (SSC moved on) → 6988`, () => {
      const { pcd, chip } = pair(alg);
      const w = pcd.wrapCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 });
      chip.unwrapCommand(w);
      chip.wrapResponse(fromHex('01020304'), 0x9000);
      expectSm(() => chip.unwrapCommand(w), 0x6988);
    });

    it(`${alg} PCD: tampered response data, SW, or MAC → SmError 6988`, () => {
      for (const idx of [3, -13, -3]) { // cryptogram, SW inside DO99, MAC
        const { pcd, chip } = pair(alg);
        chip.unwrapCommand(pcd.wrapCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 }));
        const resp = chip.wrapResponse(fromHex('01020304'), 0x9000);
        resp[idx < 0 ? resp.length + idx : idx]! ^= 0x01;
        expectSm(() => pcd.unwrapResponse(resp), 0x6988);
      }
    });

    it(`${alg} PCD: missing DO8E / DO99, or a bare 9000 → SmError 6987`, () => {
      const { pcd } = pair(alg);
      pcd.wrapCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 });
      expectSm(() => pcd.unwrapResponse(fromHex('9902900090 00'.replace(' ', ''))), 0x6987);
      expectSm(() => pcd.unwrapResponse(fromHex('8E080102030405060708 9000'.replace(' ', ''))), 0x6987);
      expectSm(() => pcd.unwrapResponse(fromHex('9000')), 0x6987);
      expectSm(() => pcd.unwrapResponse(fromHex('01029000')), 0x6988);
    });

    it(`${alg} PCD: a chip that aborted SM (bare 6987/6988) is reported with its SW`, () => {
      const { pcd } = pair(alg);
      expectSm(() => pcd.unwrapResponse(fromHex('6988')), 0x6988);
      expectSm(() => pcd.unwrapResponse(fromHex('6987')), 0x6987);
    });

    it(`${alg} PCD: a bare error SW without data passes through`, () => {
      const { pcd } = pair(alg);
      expect(pcd.unwrapResponse(fromHex('6A82'))).toEqual({ data: new Uint8Array(0), sw: 0x6a82 });
    });

    it(`${alg} PCD: data after DO8E is refused`, () => {
      const { pcd, chip } = pair(alg);
      chip.unwrapCommand(pcd.wrapCommand({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 }));
      const resp = chip.wrapResponse(new Uint8Array(0), 0x9000);
      const extra = new Uint8Array([...resp.subarray(0, resp.length - 2), 0x53, 0x01, 0x00, 0x90, 0x00]);
      expectSm(() => pcd.unwrapResponse(extra), 0x6988);
    });
  }

  it('rejects an SSC of the wrong size and a CLA that already has SM bits', () => {
    expect(() => new SecureMessaging('AES', AES_ENC, AES_MAC, new Uint8Array(8))).toThrow(RangeError);
    const { pcd } = pair('DESede');
    expect(() => pcd.wrapCommand({ cla: 0x0c, ins: 0xb0, p1: 0, p2: 0, le: 1 })).toThrow(RangeError);
  });
});
