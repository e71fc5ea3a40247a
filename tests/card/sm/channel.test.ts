import { describe, it, expect } from 'vitest';
import { encodeCommand, encodeResponse, fromHex, hex, type CommandApdu, type ResponseApdu } from '../../../src/card/apdu';
import { SecureChannel, senderFromBytes } from '../../../src/card/sm/channel';
import { SecureMessaging, SmError } from '../../../src/card/sm/secureMessaging';

const KS_ENC = fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5');
const KS_MAC = fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8');
const SSC0 = fromHex('887022120C06C226');

/** A chip that serves EF.COM of App. D.4 under secure messaging. */
function chip(sm: SecureMessaging, tamper = false) {
  const seen: Uint8Array[] = [];
  const file = fromHex('60145F0104303130365F36063034303030305C026175');
  const send = async (c: CommandApdu): Promise<ResponseApdu> => {
    const wire = encodeCommand(c);
    seen.push(wire);
    const cmd = sm.unwrapCommand(wire);
    const data = cmd.ins === 0xb0 ? file.subarray((cmd.p1 << 8) | cmd.p2, ((cmd.p1 << 8) | cmd.p2) + (cmd.le ?? 0)) : new Uint8Array(0);
    const r = sm.wrapResponse(data, 0x9000);
    if (tamper) r[2]! ^= 1;
    return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2]! << 8) | r[r.length - 1]! };
  };
  return { send, seen };
}

describe('SecureChannel', () => {
  it('reproduces the App. D.4 exchange on the wire and returns plain answers', async () => {
    const c = chip(new SecureMessaging('DESede', KS_ENC, KS_MAC, SSC0));
    const channel = new SecureChannel(c.send, new SecureMessaging('DESede', KS_ENC, KS_MAC, SSC0));
    expect((await channel.send({ cla: 0, ins: 0xa4, p1: 2, p2: 0x0c, data: fromHex('011E') })).sw).toBe(0x9000);
    const head = await channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 });
    expect(hex(head.data)).toBe('60145F01');
    const rest = await channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 4, le: 0x12 });
    expect(hex(rest.data)).toBe('04303130365F36063034303030305C026175');
    expect(hex(c.seen[0]!)).toBe('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800');
    expect(hex(c.seen[1]!)).toBe('0CB000000D9701048E08ED6705417E96BA5500');
    expect(hex(c.seen[2]!)).toBe('0CB000040D9701128E082EA28A70F3C7B53500');
  });

  it('keeps extended length on the wire', async () => {
    const sm = () => new SecureMessaging('AES', new Uint8Array(16).fill(1), new Uint8Array(16).fill(2), new Uint8Array(16));
    const c = chip(sm());
    const channel = new SecureChannel(c.send, sm());
    await channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 1000 });
    const wire = c.seen[0]!;
    expect(wire[4]).toBe(0x00); // extended Lc
    expect(hex(wire.subarray(wire.length - 2))).toBe('0000'); // extended Le
  });

  it('throws SmError on a tampered response and can switch keys', async () => {
    const c = chip(new SecureMessaging('DESede', KS_ENC, KS_MAC, SSC0), true);
    const channel = new SecureChannel(c.send, new SecureMessaging('DESede', KS_ENC, KS_MAC, SSC0));
    await expect(channel.send({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 4 })).rejects.toBeInstanceOf(SmError);
    const next = new SecureMessaging('AES', new Uint8Array(16), new Uint8Array(16), new Uint8Array(16));
    channel.replaceSecureMessaging(next);
    expect(channel.secureMessaging).toBe(next);
  });

  it('senderFromBytes adapts a byte-level exchange', async () => {
    const send = senderFromBytes(async (capdu) => {
      expect(hex(capdu)).toBe('0084000008');
      return encodeResponse(fromHex('0102030405060708'), 0x9000);
    });
    const r = await send({ cla: 0, ins: 0x84, p1: 0, p2: 0, le: 8 });
    expect(hex(r.data)).toBe('0102030405060708');
    expect(r.sw).toBe(0x9000);
  });
});
