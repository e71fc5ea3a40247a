import { describe, it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { encodeCommand, fromHex, hex, StatusWordError, type CommandApdu, type ResponseApdu } from '../../../src/card/apdu';
import { performChipAuthentication } from '../../../src/card/ca/performChipAuthentication';
import { curveByName, type NamedCurve } from '../../../src/card/crypto/ec';
import { deriveKey } from '../../../src/card/crypto/kdf';
import { decodePoint, encodePoint, publicPoint, randomScalar, sharedSecretX } from '../../../src/card/pace/gm';
import { caOidInfo, oidFromBytes } from '../../../src/card/pace/oids';
import { SecureChannel } from '../../../src/card/sm/channel';
import { SecureMessaging } from '../../../src/card/sm/secureMessaging';
import { decodeAll, decodeOne } from '../../../src/card/asn1/tlv';

const rng = (n: number) => new Uint8Array(randomBytes(n));

/** A chip in an established BAC session (App. D keys) that holds a static CA key and answers CA commands under SM. */
function caChip(curve: NamedCurve, options: { refuseSw?: number } = {}) {
  const skStatic = randomScalar(curve, rng);
  const pkStatic = encodePoint(publicPoint(curve, skStatic));
  let sm = new SecureMessaging('DESede', fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'), fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8'), fromHex('887022120C06C226'));
  let pendingOid = '';
  const log: CommandApdu[] = [];
  let next: SecureMessaging | undefined;

  const finish = (oid: string, pkIfd: Uint8Array): void => {
    const info = caOidInfo(oid);
    const k = sharedSecretX(curve, skStatic, decodePoint(curve, pkIfd));
    next = new SecureMessaging(info.alg, deriveKey(k, 1, info.alg, info.keyBits), deriveKey(k, 2, info.alg, info.keyBits), new Uint8Array(info.alg === 'AES' ? 16 : 8));
  };
  const send = async (c: CommandApdu): Promise<ResponseApdu> => {
    const cmd = sm.unwrapCommand(encodeCommand(c));
    log.push(cmd);
    let sw = 0x9000;
    let data: Uint8Array = new Uint8Array(0);
    if (options.refuseSw !== undefined && (cmd.ins === 0x22 || cmd.ins === 0x86)) sw = options.refuseSw;
    else if (cmd.ins === 0x22 && cmd.p2 === 0xa6) finish('0.4.0.127.0.7.2.2.3.2.1', decodeAll(cmd.data!).find((d) => d.tag === 0x91)!.value);
    else if (cmd.ins === 0x22 && cmd.p2 === 0xa4) pendingOid = oidFromBytes(decodeAll(cmd.data!).find((d) => d.tag === 0x80)!.value);
    else if (cmd.ins === 0x86) {
      finish(pendingOid, decodeAll(decodeOne(cmd.data!).value).find((d) => d.tag === 0x80)!.value);
      data = Uint8Array.of(0x7c, 0x00);
    } else if (cmd.ins === 0xb0) data = fromHex('6E0A');
    const r = sm.wrapResponse(data, sw);
    // §6.2.2: the answer to the CA command still uses the old keys; everything after uses the new ones.
    if (next) {
      sm = next;
      next = undefined;
    }
    return { data: r.subarray(0, r.length - 2), sw: (r[r.length - 2]! << 8) | r[r.length - 1]! };
  };
  return { send, pkStatic, log };
}

function bacChannel(send: (c: CommandApdu) => Promise<ResponseApdu>): SecureChannel {
  return new SecureChannel(
    send,
    new SecureMessaging('DESede', fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'), fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8'), fromHex('887022120C06C226')),
  );
}

describe('performChipAuthentication', () => {
  it('AES-128 (CCCD DG14 style): MSE:Set AT + GENERAL AUTHENTICATE, then the new AES session works', async () => {
    const curve = curveByName('brainpoolP256r1');
    const chip = caChip(curve);
    const channel = bacChannel(chip.send);
    const sm = await performChipAuthentication(channel.send, { curve, publicPoint: chip.pkStatic }, '0.4.0.127.0.7.2.2.3.2.2', { keyId: 1 });
    expect(sm.alg).toBe('AES');
    expect(hex(sm.ssc)).toBe('00000000000000000000000000000000');
    expect(chip.log.map((c) => `${c.ins.toString(16)}:${c.p1.toString(16)}${c.p2.toString(16)}`)).toEqual(['22:41a4', '86:00']);
    expect(hex(chip.log[0]!.data!)).toBe('800A04007F00070202030202840101');
    channel.replaceSecureMessaging(sm);
    const r = await channel.send({ cla: 0, ins: 0xb0, p1: 0x8e, p2: 0, le: 2 });
    expect(hex(r.data)).toBe('6E0A');
  });

  it('3DES: MSE:Set KAT with DO91, then the new 3DES session works', async () => {
    const curve = curveByName('secp256r1');
    const chip = caChip(curve);
    const channel = bacChannel(chip.send);
    const sm = await performChipAuthentication(channel.send, { curve, publicPoint: chip.pkStatic }, '0.4.0.127.0.7.2.2.3.2.1');
    expect(sm.alg).toBe('DESede');
    expect(hex(sm.ssc)).toBe('0000000000000000');
    expect(chip.log[0]).toMatchObject({ ins: 0x22, p1: 0x41, p2: 0xa6 });
    expect(chip.log[0]!.data![0]).toBe(0x91);
    channel.replaceSecureMessaging(sm);
    expect(hex((await channel.send({ cla: 0, ins: 0xb0, p1: 0x8e, p2: 0, le: 2 })).data)).toBe('6E0A');
  });

  it('a chip that does not hold the DG14 private key cannot talk under the new keys', async () => {
    const curve = curveByName('brainpoolP256r1');
    const chip = caChip(curve);
    const impostorKey = encodePoint(publicPoint(curve, randomScalar(curve, rng)));
    const channel = bacChannel(chip.send);
    const sm = await performChipAuthentication(channel.send, { curve, publicPoint: impostorKey }, '0.4.0.127.0.7.2.2.3.2.2');
    channel.replaceSecureMessaging(sm);
    // The chip derived other keys from its real private key: our MAC does not verify on its side (6988).
    await expect(channel.send({ cla: 0, ins: 0xb0, p1: 0x8e, p2: 0, le: 2 })).rejects.toMatchObject({ name: 'SmError', sw: 0x6988 });
  });

  it('chip refusal (6A80) is a StatusWordError; invalid DG14 points and DH OIDs are refused', async () => {
    const curve = curveByName('brainpoolP256r1');
    const chip = caChip(curve, { refuseSw: 0x6a80 });
    const err = await performChipAuthentication(bacChannel(chip.send).send, { curve, publicPoint: chip.pkStatic }, '0.4.0.127.0.7.2.2.3.2.2').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StatusWordError);
    expect((err as StatusWordError).sw).toBe(0x6a80);
    const bad = Uint8Array.from(chip.pkStatic);
    bad[10]! ^= 1;
    await expect(performChipAuthentication(chip.send, { curve, publicPoint: bad }, '0.4.0.127.0.7.2.2.3.2.2')).rejects.toThrow(/not a valid/);
    await expect(performChipAuthentication(chip.send, { curve, publicPoint: chip.pkStatic }, '0.4.0.127.0.7.2.2.3.1.2')).rejects.toThrow(/only ECDH/);
  });
});
