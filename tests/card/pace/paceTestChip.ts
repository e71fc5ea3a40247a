/**
 * The project's simulated PACE chip (src/sim/applet/paceChip.ts) behind an ApduSender, with the faults the reader
 * tests need on top: a wrong chip token, a chip that reflects the terminal's ephemeral key, a chosen status word
 * for a wrong password. Like a chip with terminal authentication, it names its CVCA (DO'87') in the last step.
 */
import { randomBytes } from 'node:crypto';
import { encodeCommand, SW, type CommandApdu, type ResponseApdu } from '../../../src/card/apdu';
import { PACE_OIDS } from '../../../src/card/pace/oids';
import { SecureMessaging } from '../../../src/card/sm/secureMessaging';
import { decodeAll, decodeOne, encode } from '../../../src/card/asn1/tlv';
import { PaceChip, type PaceInfo } from '../../../src/sim/applet/paceChip';

export interface PaceChipBehaviour {
  /** Send a wrong chip token T_IC. */
  wrongChipToken?: boolean;
  /** Reflect the terminal's ephemeral key as our own. */
  reflectKey?: boolean;
  /** Status word for a failed T_PCD check (default 6300). */
  wrongPasswordSw?: number;
}

const CAR = new TextEncoder().encode('VNCVCA00001');
/** ECDH Generic Mapping with every cipher, on the standardized curves the tests use (secp256r1, brainpoolP256r1/384r1, secp521r1). */
const OFFERED: PaceInfo[] = PACE_OIDS.filter((p) => p.mapping === 'GM' && p.agreement === 'ECDH').flatMap((p) => [12, 13, 16, 18].map((parameterId) => ({ oid: p.oid, version: 2, parameterId })));

export function paceTestChip(can: string, behaviour: PaceChipBehaviour = {}) {
  const chip = new PaceChip(OFFERED, { mrzInformation: '', can }, (n) => new Uint8Array(randomBytes(n)));
  const state: { sm?: SecureMessaging; commands: Uint8Array[] } = { commands: [] };
  const ok = (data: Uint8Array): ResponseApdu => ({ data, sw: SW.OK });
  const refuse = (sw: number): ResponseApdu => ({ data: new Uint8Array(0), sw });

  const send = async (c: CommandApdu): Promise<ResponseApdu> => {
    state.commands.push(encodeCommand(c));
    if (c.ins === 0x22) return refuse(chip.mseSetAt(c.data ?? new Uint8Array(0)));
    if (c.ins !== 0x86) return refuse(SW.INS_NOT_SUPPORTED);
    if (behaviour.reflectKey) {
      const terminalKey = decodeAll(decodeOne(c.data!).value).find((t) => t.tag === 0x83);
      if (terminalKey) return ok(encode(0x7c, encode(0x84, terminalKey.value)));
    }
    const out = chip.generalAuthenticate(c.data ?? new Uint8Array(0), (c.cla & 0x10) !== 0);
    if (!out.ok) return refuse(out.sw === SW.VERIFICATION_FAILED ? (behaviour.wrongPasswordSw ?? out.sw) : out.sw);
    if (!out.sm) return ok(out.response);
    state.sm = out.sm;
    const token = Uint8Array.from(decodeAll(decodeOne(out.response).value)[0]!.value);
    if (behaviour.wrongChipToken) token[0]! ^= 1;
    return ok(encode(0x7c, [encode(0x86, token), encode(0x87, CAR)]));
  };

  /** After PACE: answer one protected command with the chip-side SM (proves both sides hold the same keys). */
  const protectedEcho = async (capdu: Uint8Array): Promise<Uint8Array> => {
    const cmd = state.sm!.unwrapCommand(capdu);
    return state.sm!.wrapResponse(cmd.data ?? new Uint8Array(0), SW.OK);
  };
  return { send, state, protectedEcho };
}
