/**
 * PACE, reader side, ECDH Generic Mapping (ICAO 9303-11 §4.4; APDUs §4.4.4; worked example App. G.1):
 * MSE:Set AT → GENERAL AUTHENTICATE ×4 (encrypted nonce, mapping, key agreement, mutual authentication) → SM.
 * CCCD uses id-PACE-ECDH-GM-AES-CBC-CMAC-128 on brainpoolP256r1 with the CAN (cccd.md §1.2).
 */
import { randomBytes } from 'node:crypto';
import { StatusWordError, SW, type ResponseApdu } from '../apdu';
import { curveByParameterId, type NamedCurve } from '../crypto/ec';
import { deriveKey, paceKeyFromCan, paceKeyFromMrz } from '../crypto/kdf';
import type { ApduSender } from '../sm/channel';
import { AccessDeniedError, ProtocolError } from '../sm/errors';
import { SecureMessaging } from '../sm/secureMessaging';
import { concat, decodeAll, decodeOne, encode, TlvError } from '../asn1/tlv';
import {
  authenticationToken,
  decodePoint,
  decryptNonce,
  encodePoint,
  mapGenerator,
  paceOidInfo,
  publicPoint,
  randomScalar,
  sharedPoint,
  sharedSecretX,
} from './gm';
import { oidToBytes } from './oids';

export { AccessDeniedError } from '../sm/errors';

export type PacePassword =
  | { type: 'CAN'; value: string }
  | { type: 'MRZ'; mrzInformation: string };

export interface PaceOptions {
  /** Protocol OID from EF.CardAccess PACEInfo, e.g. 0.4.0.127.0.7.2.2.4.2.2. */
  oid: string;
  /** Standardized domain parameter id from PACEInfo (13 = brainpoolP256r1). */
  parameterId: number;
  password: PacePassword;
  /**
   * Send DO'84' with the parameter id in MSE:Set AT. §4.4.4.1 requires it only when the parameters are ambiguous;
   * App. G.1 omits it. Default true (as JMRTD does; chips accept it either way).
   */
  sendParameterId?: boolean;
  /** Random source for the ephemeral keys. Defaults to node:crypto. */
  rng?: (n: number) => Uint8Array;
  /** Fixed ephemeral private keys (tests replaying App. G.1). */
  ephemeralKeys?: { mapping?: bigint; agreement?: bigint };
}

export interface PaceResult {
  sm: SecureMessaging;
  oid: string;
  curve: NamedCurve;
  /** PK_IC ephemeral point (needed later as ID_IC for Terminal Authentication, TR-03110-2 §3.4). */
  chipEphemeralPublicKey: Uint8Array;
  terminalEphemeralPublicKey: Uint8Array;
  /** Certification authority references DO'87'/DO'88' from the last step, if the chip sent any (EAC). */
  car1?: Uint8Array;
  car2?: Uint8Array;
}

const PASSWORD_REF = { MRZ: 0x01, CAN: 0x02 } as const;

/** Dynamic Authentication Data of a GENERAL AUTHENTICATE response: 7C { tag value }. */
function readDynamicData(r: ResponseApdu, step: string): Map<number, Uint8Array> {
  try {
    const outer = decodeOne(r.data);
    if (outer.tag !== 0x7c) throw new TlvError(`expected tag 7C, got ${outer.tag.toString(16)}`);
    const out = new Map<number, Uint8Array>();
    for (const d of decodeAll(outer.value)) out.set(d.tag, d.value);
    return out;
  } catch (e) {
    throw new ProtocolError(`PACE ${step}: malformed response (${(e as Error).message})`);
  }
}

function requireDo(dos: Map<number, Uint8Array>, tag: number, step: string): Uint8Array {
  const v = dos.get(tag);
  if (!v) throw new ProtocolError(`PACE ${step}: response lacks DO'${tag.toString(16).toUpperCase()}'`);
  return v;
}

function refusal(sw: number, step: string): Error {
  if (sw === SW.AUTH_METHOD_BLOCKED || sw === 0x63c0) return new AccessDeniedError('PACE', 'blocked', sw);
  return new StatusWordError(sw, step);
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

export async function performPace(send: ApduSender, options: PaceOptions): Promise<PaceResult> {
  const info = paceOidInfo(options.oid);
  if (info.agreement !== 'ECDH' || info.mapping !== 'GM') {
    throw new ProtocolError(`PACE: only ECDH generic mapping is implemented, not ${info.agreement}-${info.mapping} (${options.oid})`);
  }
  const curve = curveByParameterId(options.parameterId);
  if (!curve) throw new ProtocolError(`PACE: unsupported standardized domain parameters id ${options.parameterId}`);
  const rng = options.rng ?? ((n: number) => new Uint8Array(randomBytes(n)));

  const secret = options.password.type === 'CAN' ? paceKeyFromCan(options.password.value) : paceKeyFromMrz(options.password.mrzInformation);
  const kPi = deriveKey(secret, 3, info.alg, info.keyBits);

  // §4.4.4.1 MSE:Set AT — DO'80' protocol OID (value only), DO'83' password reference, DO'84' domain parameter id.
  const mse = [encode(0x80, oidToBytes(options.oid)), encode(0x83, Uint8Array.of(PASSWORD_REF[options.password.type]))];
  if (options.sendParameterId !== false) mse.push(encode(0x84, Uint8Array.of(options.parameterId)));
  const mseR = await send({ cla: 0x00, ins: 0x22, p1: 0xc1, p2: 0xa4, data: concat(...mse) });
  // 63Cx (x>0) is a warning about remaining PIN tries (TR-03110-3 B.11.1); it does not stop the protocol.
  if (mseR.sw !== SW.OK && !((mseR.sw & 0xfff0) === 0x63c0 && (mseR.sw & 0x0f) > 0)) throw refusal(mseR.sw, 'MSE:Set AT (PACE)');

  // Step 1: encrypted nonce (command chaining CLA 10 for all but the last GENERAL AUTHENTICATE, §4.4.4.3).
  const ga = (data: Uint8Array, last: boolean) =>
    send({ cla: last ? 0x00 : 0x10, ins: 0x86, p1: 0x00, p2: 0x00, data: encode(0x7c, data), le: 256 });
  const r1 = await ga(new Uint8Array(0), false);
  if (r1.sw !== SW.OK) throw refusal(r1.sw, 'GENERAL AUTHENTICATE (encrypted nonce)');
  const z = requireDo(readDynamicData(r1, 'encrypted nonce'), 0x80, 'encrypted nonce');
  const blockSize = info.alg === 'AES' ? 16 : 8;
  if (z.length === 0 || z.length % blockSize !== 0) throw new ProtocolError(`PACE: encrypted nonce of ${z.length} bytes`);
  const s = decryptNonce(info.alg, kPi, z);

  // Step 2: generic mapping G~ = s·G + H with H = SK_map·PK_IC,map (§4.4.3.3.1).
  const skMap = options.ephemeralKeys?.mapping ?? randomScalar(curve, rng);
  const pkMap = encodePoint(publicPoint(curve, skMap));
  const r2 = await ga(encode(0x81, pkMap), false);
  if (r2.sw !== SW.OK) throw refusal(r2.sw, 'GENERAL AUTHENTICATE (mapping)');
  const chipMap = requireDo(readDynamicData(r2, 'mapping'), 0x82, 'mapping');
  const chipMapPoint = decodeOrProtocolError(curve, chipMap, 'chip mapping key');
  const generator = mapGenerator(curve, s, sharedPoint(skMap, chipMapPoint));

  // Step 3: ephemeral key agreement on G~.
  const skEph = options.ephemeralKeys?.agreement ?? randomScalar(curve, rng);
  const pkEphPoint = publicPoint(curve, skEph, generator);
  const pkEph = encodePoint(pkEphPoint);
  const r3 = await ga(encode(0x83, pkEph), false);
  if (r3.sw !== SW.OK) throw refusal(r3.sw, 'GENERAL AUTHENTICATE (key agreement)');
  const chipEph = requireDo(readDynamicData(r3, 'key agreement'), 0x84, 'key agreement');
  const chipEphPoint = decodeOrProtocolError(curve, chipEph, 'chip ephemeral key');
  // §4.4.1 step 3: the terminal must check PK_IC ≠ PK_PCD (reflection of our own key).
  if (chipEphPoint.equals(pkEphPoint)) throw new ProtocolError('PACE: chip echoed the terminal ephemeral key');
  const k = sharedSecretX(curve, skEph, chipEphPoint);
  const kEnc = deriveKey(k, 1, info.alg, info.keyBits);
  const kMac = deriveKey(k, 2, info.alg, info.keyBits);

  // Step 4: mutual authentication tokens (§4.4.3.4): T_PCD over PK_IC, T_IC over PK_PCD.
  const tPcd = authenticationToken(info.alg, kMac, options.oid, chipEph);
  const r4 = await ga(encode(0x85, tPcd), true);
  if (r4.sw === SW.VERIFICATION_FAILED || ((r4.sw & 0xfff0) === 0x63c0 && (r4.sw & 0x0f) > 0) || r4.sw === SW.SECURITY_STATUS_NOT_SATISFIED) {
    // The chip could not verify T_PCD: our K_π differs from its, i.e. the CAN/MRZ is wrong (§4.4.4.2: 6300).
    throw new AccessDeniedError('PACE', 'wrong-password', r4.sw);
  }
  if (r4.sw !== SW.OK) throw refusal(r4.sw, 'GENERAL AUTHENTICATE (mutual authentication)');
  const dos4 = readDynamicData(r4, 'mutual authentication');
  const tIc = requireDo(dos4, 0x86, 'mutual authentication');
  if (!equal(tIc, authenticationToken(info.alg, kMac, options.oid, pkEph))) {
    throw new AccessDeniedError('PACE', 'chip-proof-invalid');
  }

  const result: PaceResult = {
    sm: new SecureMessaging(info.alg, kEnc, kMac, new Uint8Array(blockSize)),
    oid: options.oid,
    curve,
    chipEphemeralPublicKey: Uint8Array.from(chipEph),
    terminalEphemeralPublicKey: pkEph,
  };
  const car1 = dos4.get(0x87);
  const car2 = dos4.get(0x88);
  if (car1) result.car1 = Uint8Array.from(car1);
  if (car2) result.car2 = Uint8Array.from(car2);
  return result;
}

function decodeOrProtocolError(curve: NamedCurve, bytes: Uint8Array, what: string) {
  try {
    return decodePoint(curve, bytes);
  } catch (e) {
    throw new ProtocolError(`PACE: ${what} is not a valid point (${(e as Error).message})`);
  }
}
