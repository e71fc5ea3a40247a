/**
 * A minimal PACE-GM chip for tests of the reader side (not the project simulator): answers MSE:Set AT and the four
 * GENERAL AUTHENTICATE steps with the shared primitives, so refusal paths can be exercised with real cryptography.
 */
import { randomBytes } from 'node:crypto';
import { encodeCommand, type CommandApdu, type ResponseApdu } from '../../../src/card/apdu';
import { curveByParameterId } from '../../../src/card/crypto/ec';
import { deriveKey, paceKeyFromCan } from '../../../src/card/crypto/kdf';
import {
  authenticationToken,
  decodePoint,
  encodePoint,
  encryptNonce,
  mapGenerator,
  paceOidInfo,
  publicPoint,
  randomScalar,
  sharedPoint,
  sharedSecretX,
} from '../../../src/card/pace/gm';
import { oidFromBytes } from '../../../src/card/pace/oids';
import { SecureMessaging } from '../../../src/card/sm/secureMessaging';
import { decodeAll, decodeOne, encode } from '../../../src/card/tlv/tlv';

export interface PaceChipBehaviour {
  /** Send a wrong chip token T_IC. */
  wrongChipToken?: boolean;
  /** Reflect the terminal's ephemeral key as our own. */
  reflectKey?: boolean;
  /** Status word for a failed T_PCD check (default 6300). */
  wrongPasswordSw?: number;
}

export function paceTestChip(can: string, behaviour: PaceChipBehaviour = {}) {
  const rng = (n: number) => new Uint8Array(randomBytes(n));
  let oid = '';
  let paramId = 13;
  let s: Uint8Array = new Uint8Array(0);
  let skMap = 0n;
  let skEph = 0n;
  let pkPcd: Uint8Array = new Uint8Array(0);
  let pkIc: Uint8Array = new Uint8Array(0);
  let gen: ReturnType<typeof mapGenerator> | undefined;
  let kEnc: Uint8Array = new Uint8Array(0);
  let kMac: Uint8Array = new Uint8Array(0);
  const state: { sm?: SecureMessaging; commands: Uint8Array[] } = { commands: [] };

  const ok = (data: Uint8Array): ResponseApdu => ({ data, sw: 0x9000 });
  const send = async (c: CommandApdu): Promise<ResponseApdu> => {
    state.commands.push(encodeCommand(c));
    const info = oid ? paceOidInfo(oid) : undefined;
    const curve = curveByParameterId(paramId)!;
    if (c.ins === 0x22) {
      const dos = decodeAll(c.data!);
      oid = oidFromBytes(dos.find((d) => d.tag === 0x80)!.value);
      const p = dos.find((d) => d.tag === 0x84);
      if (p) paramId = p.value[0]!;
      return ok(new Uint8Array(0));
    }
    if (c.ins !== 0x86 || !info) return { data: new Uint8Array(0), sw: 0x6d00 };
    const inner = decodeAll(decodeOne(c.data!).value);
    if (inner.length === 0) {
      const kPi = deriveKey(paceKeyFromCan(can), 3, info.alg, info.keyBits);
      s = rng(info.alg === 'AES' ? 16 : 8);
      return ok(encode(0x7c, encode(0x80, encryptNonce(info.alg, kPi, s))));
    }
    const d = inner[0]!;
    if (d.tag === 0x81) {
      skMap = randomScalar(curve, rng);
      gen = mapGenerator(curve, s, sharedPoint(skMap, decodePoint(curve, d.value)));
      return ok(encode(0x7c, encode(0x82, encodePoint(publicPoint(curve, skMap)))));
    }
    if (d.tag === 0x83) {
      pkPcd = Uint8Array.from(d.value);
      skEph = randomScalar(curve, rng);
      pkIc = behaviour.reflectKey ? pkPcd : encodePoint(publicPoint(curve, skEph, gen));
      const k = sharedSecretX(curve, skEph, decodePoint(curve, pkPcd));
      kEnc = deriveKey(k, 1, info.alg, info.keyBits);
      kMac = deriveKey(k, 2, info.alg, info.keyBits);
      return ok(encode(0x7c, encode(0x84, pkIc)));
    }
    if (d.tag === 0x85) {
      const expected = authenticationToken(info.alg, kMac, oid, pkIc);
      if (expected.some((b, i) => b !== d.value[i])) return { data: new Uint8Array(0), sw: behaviour.wrongPasswordSw ?? 0x6300 };
      const t = authenticationToken(info.alg, kMac, oid, pkPcd);
      if (behaviour.wrongChipToken) t[0]! ^= 1;
      state.sm = new SecureMessaging(info.alg, kEnc, kMac, new Uint8Array(info.alg === 'AES' ? 16 : 8));
      return ok(encode(0x7c, [encode(0x86, t), encode(0x87, new TextEncoder().encode('VNCVCA00001'))]));
    }
    return { data: new Uint8Array(0), sw: 0x6a80 };
  };

  /** After PACE: answer one protected command with the chip-side SM (proves both sides hold the same keys). */
  const protectedEcho = async (capdu: Uint8Array): Promise<Uint8Array> => {
    const cmd = state.sm!.unwrapCommand(capdu);
    return state.sm!.wrapResponse(cmd.data ?? new Uint8Array(0), 0x9000);
  };
  return { send, state, protectedEcho };
}
