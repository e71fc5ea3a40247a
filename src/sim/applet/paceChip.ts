/**
 * Chip side of PACE with Generic Mapping over ECDH (ICAO 9303-11 §4.4; APDUs §4.4.4): MSE:Set AT selects the
 * protocol, password and domain parameters, then four chained GENERAL AUTHENTICATE steps run the protocol.
 * A wrong password is not detectable before step 4, where it shows up as a wrong terminal token → 6300.
 */
import { SW } from '../../card/apdu';
import { curveByParameterId, type NamedCurve } from '../../card/crypto/ec';
import { deriveKey, paceKeyFromCan, paceKeyFromMrz, paceKpi } from '../../card/crypto/kdf';
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
  type EcPoint,
} from '../../card/pace/gm';
import { oidFromBytes, PACE_OIDS } from '../../card/pace/oids';
import { SecureMessaging } from '../../card/sm/secureMessaging';
import { decodeAll, decodeOne, encode, TlvError, unsignedValue, type Tlv } from '../../card/asn1/tlv';
import { parseSecurityInfoSet } from './securityInfos';

/** One PACEInfo from EF.CardAccess (ICAO 9303-11 §9.2.1). */
export interface PaceInfo {
  oid: string;
  version: number;
  parameterId: number | undefined;
}

/** PACEInfos of an EF.CardAccess SET OF SecurityInfo; other SecurityInfos are skipped. */
export function paceInfosFromCardAccess(cardAccess: Uint8Array): PaceInfo[] {
  return parseSecurityInfoSet(cardAccess)
    .filter((i) => PACE_OIDS.some((p) => p.oid === i.oid))
    .map((i) => ({ oid: i.oid, version: i.integers[0] ?? 0, parameterId: i.integers[1] }));
}

export interface PaceSecrets {
  mrzInformation: string;
  can: string | null;
}

type Step =
  | { kind: 'idle' }
  | { kind: 'ready'; cfg: Config }
  | { kind: 'nonceSent'; cfg: Config; s: Uint8Array }
  | { kind: 'mapped'; cfg: Config; generator: EcPoint }
  | { kind: 'agreed'; cfg: Config; kEnc: Uint8Array; kMac: Uint8Array; chipPublic: Uint8Array; terminalPublic: Uint8Array };

interface Config {
  oid: string;
  curve: NamedCurve;
  alg: 'DESede' | 'AES';
  keyBits: 112 | 128 | 192 | 256;
  kPi: Uint8Array;
}

export type PaceOutcome =
  | { ok: true; response: Uint8Array; sm?: SecureMessaging }
  | { ok: false; sw: number };

const PASSWORD_MRZ = 0x01;
const PASSWORD_CAN = 0x02;

export class PaceChip {
  private step: Step = { kind: 'idle' };

  constructor(
    private readonly infos: readonly PaceInfo[],
    private readonly secrets: PaceSecrets,
    private readonly rng: (n: number) => Uint8Array,
  ) {}

  reset(): void {
    this.step = { kind: 'idle' };
  }

  get inProgress(): boolean {
    return this.step.kind !== 'idle';
  }

  /** MSE:Set AT for PACE (§4.4.4.1): DO'80' protocol OID, DO'83' password reference, optional DO'84' parameter id. */
  mseSetAt(data: Uint8Array): number {
    this.step = { kind: 'idle' };
    let dos: Tlv[];
    try {
      dos = decodeAll(data);
    } catch {
      return SW.WRONG_DATA;
    }
    const oidDo = dos.find((d) => d.tag === 0x80);
    const pwdDo = dos.find((d) => d.tag === 0x83);
    const paramDo = dos.find((d) => d.tag === 0x84);
    if (!oidDo || !pwdDo || pwdDo.value.length !== 1) return SW.WRONG_DATA;
    let oid: string;
    try {
      oid = oidFromBytes(oidDo.value);
    } catch {
      return SW.WRONG_DATA;
    }
    // Only what EF.CardAccess offers is accepted (ICAO 9303-11 §4.4.1: the terminal picks from CardAccess).
    const requestedParam = paramDo ? unsignedValue(paramDo.value) : undefined;
    const info = this.infos.find((i) => i.oid === oid && (requestedParam === undefined || i.parameterId === requestedParam));
    if (!info) return SW.WRONG_DATA;
    const oidInfo = paceOidInfo(oid);
    const curve = info.parameterId !== undefined ? curveByParameterId(info.parameterId) : undefined;
    // This chip implements ECDH Generic Mapping on standardized curves only (cccd.md §1.2: CCCD offers ECDH-GM).
    if (oidInfo.mapping !== 'GM' || oidInfo.agreement !== 'ECDH' || !curve) return SW.FUNCTION_NOT_SUPPORTED;
    let secret: Uint8Array;
    if (pwdDo.value[0] === PASSWORD_MRZ) secret = paceKeyFromMrz(this.secrets.mrzInformation);
    else if (pwdDo.value[0] === PASSWORD_CAN && this.secrets.can !== null) secret = paceKeyFromCan(this.secrets.can);
    else return SW.WRONG_DATA; // PIN/PUK, or CAN on a document without one
    this.step = {
      kind: 'ready',
      cfg: { oid, curve, alg: oidInfo.alg, keyBits: oidInfo.keyBits, kPi: paceKpi(secret, oidInfo.alg, oidInfo.keyBits) },
    };
    return SW.OK;
  }

  /**
   * One GENERAL AUTHENTICATE (§4.4.4.2). `chained` = CLA had the command-chaining bit: steps 1–3 must be chained,
   * step 4 must end the chain. Any failure aborts PACE (the terminal must start again with MSE:Set AT).
   */
  generalAuthenticate(data: Uint8Array, chained: boolean): PaceOutcome {
    const step = this.step;
    if (step.kind === 'idle') return { ok: false, sw: SW.CONDITIONS_NOT_SATISFIED };
    const lastStep = step.kind === 'agreed';
    if (chained === lastStep) {
      this.step = { kind: 'idle' };
      return { ok: false, sw: lastStep ? 0x6883 /* last command of the chain expected */ : SW.CONDITIONS_NOT_SATISFIED };
    }
    let inner: Tlv[];
    try {
      const outer = decodeOne(data, 0);
      if (outer.tag !== 0x7c || outer.length !== data.length) throw new TlvError('not a 7C template');
      inner = decodeAll(outer.value);
    } catch {
      this.step = { kind: 'idle' };
      return { ok: false, sw: SW.WRONG_DATA };
    }
    try {
      const result = this.runStep(step, inner);
      if (!result.ok) this.step = { kind: 'idle' };
      return result;
    } catch (e) {
      // Invalid points and the like: the command data is wrong.
      this.step = { kind: 'idle' };
      if (e instanceof RangeError) return { ok: false, sw: SW.WRONG_DATA };
      throw e;
    }
  }

  private runStep(step: Exclude<Step, { kind: 'idle' }>, inner: Tlv[]): PaceOutcome {
    const cfg = step.cfg;
    const template = (tag: number, value: Uint8Array) => encode(0x7c, [encode(tag, value)]);
    switch (step.kind) {
      case 'ready': {
        // Step 1: encrypted nonce z = E(K_π, s) (§4.4.3.3). 16 bytes as in App. G.1 (also for 3DES chips).
        if (inner.length !== 0) return { ok: false, sw: SW.WRONG_DATA };
        const s = Uint8Array.from(this.rng(16));
        this.step = { kind: 'nonceSent', cfg, s };
        return { ok: true, response: template(0x80, encryptNonce(cfg.alg, cfg.kPi, s)) };
      }
      case 'nonceSent': {
        // Step 2: exchange mapping keys, G~ = s·G + SK_map,IC · PK_map,IFD.
        const pk = inner.find((t) => t.tag === 0x81);
        if (!pk) return { ok: false, sw: SW.WRONG_DATA };
        const terminalMap = decodePoint(cfg.curve, pk.value);
        const sk = randomScalar(cfg.curve, this.rng);
        const h = sharedPoint(sk, terminalMap);
        const generator = mapGenerator(cfg.curve, step.s, h);
        this.step = { kind: 'mapped', cfg, generator };
        return { ok: true, response: template(0x82, encodePoint(publicPoint(cfg.curve, sk))) };
      }
      case 'mapped': {
        // Step 3: ephemeral key agreement on G~, K = x(SK_IC · PK_IFD); session keys per §9.7.1.
        const pk = inner.find((t) => t.tag === 0x83);
        if (!pk) return { ok: false, sw: SW.WRONG_DATA };
        const terminalPoint = decodePoint(cfg.curve, pk.value);
        const sk = randomScalar(cfg.curve, this.rng);
        const chipPoint = publicPoint(cfg.curve, sk, step.generator);
        if (chipPoint.equals(terminalPoint)) return { ok: false, sw: SW.WRONG_DATA }; // §4.4.1 step 3d
        const k = sharedSecretX(cfg.curve, sk, terminalPoint);
        const chipPublic = encodePoint(chipPoint);
        this.step = {
          kind: 'agreed',
          cfg,
          kEnc: deriveKey(k, 1, cfg.alg, cfg.keyBits),
          kMac: deriveKey(k, 2, cfg.alg, cfg.keyBits),
          chipPublic,
          terminalPublic: Uint8Array.from(pk.value),
        };
        return { ok: true, response: template(0x84, chipPublic) };
      }
      case 'agreed': {
        // Step 4: mutual authentication tokens over the other side's ephemeral public key (§4.4.3.4).
        const token = inner.find((t) => t.tag === 0x85);
        if (!token) return { ok: false, sw: SW.WRONG_DATA };
        const expected = authenticationToken(cfg.alg, step.kMac, cfg.oid, step.chipPublic);
        if (!sameBytes(expected, token.value)) return { ok: false, sw: SW.VERIFICATION_FAILED };
        const chipToken = authenticationToken(cfg.alg, step.kMac, cfg.oid, step.terminalPublic);
        const sm = new SecureMessaging(cfg.alg, step.kEnc, step.kMac, new Uint8Array(cfg.alg === 'AES' ? 16 : 8));
        this.step = { kind: 'idle' };
        return { ok: true, response: template(0x86, chipToken), sm };
      }
    }
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
