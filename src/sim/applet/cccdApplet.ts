/**
 * The simulated Vietnamese chip ID card (CCCD): answers command APDUs like the real chip as far as it is publicly
 * known (cccd.md §1, §3, §9) and like an ICAO 9303 eMRTD otherwise. The protocol state machines live in
 * fileSystem.ts, bacChip.ts, paceChip.ts, caChip.ts and aaChip.ts, and SELECT / READ BINARY (with their response
 * sizing) in fileCommands.ts; this file decodes APDUs, enforces secure messaging and access rules and applies faults.
 *
 * Secure messaging rules (ICAO 9303-11 §9.8, session termination: the chip aborts SM when it receives a plain APDU
 * or detects an SM error): once a session exists, every command must be protected. A plain command gets 6987, a
 * wrong MAC or malformed SM objects 6988, and in both cases the session ends (the terminal must run BAC/PACE
 * again) — both answers are sent unprotected. Refusals of well-protected commands (6982, 6A82, …) are protected
 * and keep the session.
 */
import { randomBytes } from 'node:crypto';
import { decodeCommand, encodeResponse, SW, type CommandApdu } from '../../card/apdu';
import { OID } from '../../card/pace/oids';
import { SecureMessaging, SmError } from '../../card/sm/secureMessaging';
import { TlvError } from '../../card/asn1/tlv';
import { FID, type SimProfile } from '../profile/types';
import type { VirtualCard } from '../../card/transport/types';
import { AaChip, ecdsaHashForOid, type AaRsaHash } from './aaChip';
import { BacChip } from './bacChip';
import { CaChip } from './caChip';
import { applyFileFaults, chipKeys, type SimFaults, type SimStats } from './faults';
import { SimFileSystem } from './fileSystem';
import { PaceChip, paceInfosFromCardAccess } from './paceChip';
import { parseDg14SecurityInfos, type RawSecurityInfo } from './securityInfos';
import { status, type Context, type Result } from './commandResult';
import { readBinary, selectFile, wrappedLength } from './fileCommands';

export interface SimulatedCccdOptions {
  /** Random source for challenges, nonces, ephemeral keys and AA padding; deterministic in test-vector tests. */
  rng?: (n: number) => Uint8Array;
  faults?: SimFaults;
  /** ATR to report; default is the PC/SC part 3 ATR of a contactless ISO 14443-4 card without historical bytes. */
  atr?: Uint8Array;
  /**
   * Answer more than 256 bytes to a short protected READ BINARY with Le=00 (cccd.md §9: a real CCCD returns a
   * 285-byte SM response for 256 plain bytes). Overrides the profile's `longShortResponses`.
   */
  longShortResponses?: boolean;
  /** Hash of the RSA Active Authentication signature (ISO/IEC 9796-2 trailer BC or 34CC). Default SHA-1. */
  aaRsaHash?: AaRsaHash;
}

/** Status words used here that are not in the shared SW table (ISO/IEC 7816-4 §5.1.3 Table 6). */
const SW_LOGICAL_CHANNEL_NOT_SUPPORTED = 0x6881;
const SW_SM_NOT_SUPPORTED = 0x6882;
const SW_CHAINING_NOT_SUPPORTED = 0x6884;

/**
 * Largest response data this chip sends in one R-APDU. ISO/IEC 7816-4 allows 65536 with extended Le=0000, but
 * data + SW must fit a 16-bit length frame on the vpcd link (environment.md §2: 65 533 + SW), and a chip may always
 * return fewer bytes than a maximum Le asks for.
 */
const MAX_RESPONSE_DATA = 65533;

/** PC/SC part 3 §3.1.3.2.3: 3B 8n 80 01 (n = 0 historical bytes) + TCK (XOR of T0…). */
const DEFAULT_ATR = Uint8Array.of(0x3b, 0x80, 0x80, 0x01, 0x01);

const INS = {
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  READ_BINARY_ODD: 0xb1,
  GET_CHALLENGE: 0x84,
  EXTERNAL_AUTHENTICATE: 0x82,
  INTERNAL_AUTHENTICATE: 0x88,
  MSE: 0x22,
  GENERAL_AUTHENTICATE: 0x86,
} as const;

export class SimulatedCccd implements VirtualCard {
  private readonly rng: (n: number) => Uint8Array;
  private readonly faults: SimFaults;
  private readonly atrBytes: Uint8Array;
  private readonly longShortResponses: boolean;
  private readonly fs: SimFileSystem;
  private readonly bac: BacChip;
  private readonly pace: PaceChip | null;
  private readonly ca: CaChip | null;
  private readonly aa: AaChip | null;

  private sm: SecureMessaging | null = null;
  /** Which protocol the next GENERAL AUTHENTICATE belongs to, set by the last MSE:Set AT. */
  private pendingGa: 'PACE' | 'CA' | null = null;
  private gone = false;
  private readonly counters: SimStats = { apdus: 0, bytesIn: 0, bytesOut: 0 };

  constructor(profile: SimProfile, options: SimulatedCccdOptions = {}) {
    this.rng = options.rng ?? ((n) => new Uint8Array(randomBytes(n)));
    this.faults = options.faults ?? {};
    this.atrBytes = Uint8Array.from(options.atr ?? DEFAULT_ATR);
    this.longShortResponses = options.longShortResponses ?? profile.longShortResponses ?? false;
    this.fs = new SimFileSystem(applyFileFaults(profile.files, this.faults), profile.protectedFids);
    this.bac = new BacChip(profile.mrzInformation, this.rng);
    const cardAccess = profile.files.get(FID.CARD_ACCESS);
    this.pace =
      profile.pace && cardAccess
        ? new PaceChip(paceInfosFromCardAccess(cardAccess), { mrzInformation: profile.mrzInformation, can: profile.can }, this.rng)
        : null;
    const dg14 = dg14Infos(profile);
    const caOids = dg14.filter((i) => i.oid.startsWith(`${OID.CA_ECDH}.`) || i.oid.startsWith(`${OID.CA_DH}.`)).map((i) => i.oid);
    const aaAlgorithm = dg14.find((i) => i.oid === OID.AA)?.oids[0];
    const ecdsaHash = aaAlgorithm !== undefined ? ecdsaHashForOid(aaAlgorithm) : undefined;
    const keys = chipKeys(profile, this.faults);
    this.ca = keys.chipAuthentication ? new CaChip(keys.chipAuthentication, caOids) : null;
    this.aa = keys.activeAuthentication
      ? new AaChip(keys.activeAuthentication, this.rng, options.aaRsaHash, ecdsaHash)
      : null;
    if (this.faults.removeAfterApdus !== undefined && this.faults.removeAfterApdus <= 0) this.gone = true;
  }

  // ---------------------------------------------------------------- VirtualCard

  atr(): Uint8Array {
    return Uint8Array.from(this.atrBytes);
  }

  get removed(): boolean {
    return this.gone;
  }

  /** APDU and byte counters since construction (a copy). */
  get stats(): SimStats {
    return { ...this.counters };
  }

  /** True while a secure-messaging session is established (for tests and diagnostics). */
  get secureMessagingActive(): boolean {
    return this.sm !== null;
  }

  reset(): void {
    this.endSession();
    this.fs.reset();
    this.bac.reset();
    this.pace?.reset();
    this.ca?.reset();
  }

  powerOff(): void {
    this.reset();
  }

  transmit(capdu: Uint8Array): Uint8Array {
    // A removed card answers nothing; the bridge turns that into "card removed".
    if (this.gone) return new Uint8Array(0);
    this.counters.apdus += 1;
    this.counters.bytesIn += capdu.length;
    const response = this.process(capdu);
    this.counters.bytesOut += response.length;
    if (this.faults.removeAfterApdus !== undefined && this.counters.apdus >= this.faults.removeAfterApdus) this.gone = true;
    return response;
  }

  // ---------------------------------------------------------------- dispatch

  private process(raw: Uint8Array): Uint8Array {
    let outer: ReturnType<typeof decodeCommand>;
    try {
      outer = decodeCommand(raw);
    } catch {
      return encodeResponse(new Uint8Array(0), SW.WRONG_LENGTH);
    }
    const cla = outer.cla;
    // ISO/IEC 7816-4 §5.4.1: only the first interindustry class (000x xxxx) is implemented, channel 0.
    if ((cla & 0xe0) !== 0) return plain(SW.CLA_NOT_SUPPORTED);
    if ((cla & 0x03) !== 0) return plain(SW_LOGICAL_CHANNEL_NOT_SUPPORTED);
    const smBits = cla & 0x0c;
    if (smBits !== 0 && smBits !== 0x0c) return plain(SW_SM_NOT_SUPPORTED);

    const outerCap = this.outerCap(outer);
    if (smBits === 0x0c) {
      const sm = this.sm;
      // No session keys: the MAC cannot be right (readers see this after a card reset).
      if (!sm) return plain(SW.SM_DATA_INCORRECT);
      let inner: CommandApdu;
      try {
        inner = sm.unwrapCommand(raw);
      } catch (e) {
        if (!(e instanceof SmError)) throw e;
        this.endSession();
        return plain(e.sw);
      }
      // The SM objects were accepted (SSC advanced on both sides), so a refusal stays inside the session.
      let result: Result =
        outer.extended && this.faults.refuseExtendedLength ? status(SW.WRONG_LENGTH) : this.execute(inner, { secure: true, outerCap });
      const odd = (inner.ins & 1) === 1;
      if (wrappedLength(result.data.length, sm.alg, odd) > outerCap) result = status(SW.WRONG_LENGTH);
      const response = sm.wrapResponse(result.data, result.sw, { useDo85: odd });
      if (this.sm === sm && result.nextSession) this.sm = result.nextSession; // CA: new keys after this response
      return response;
    }

    if (this.sm) {
      this.endSession();
      return plain(SW.SM_DATA_MISSING);
    }
    if (outer.extended && this.faults.refuseExtendedLength) return plain(SW.WRONG_LENGTH);
    const result = this.execute(outer, { secure: false, outerCap });
    if (result.data.length > outerCap) return plain(SW.WRONG_LENGTH);
    if (result.nextSession) this.sm = result.nextSession; // BAC / PACE: SM starts after this plain response
    return encodeResponse(result.data, result.sw);
  }

  /**
   * Largest response data (SM objects included) the transport APDU allows: Ne of the outer APDU, where short Le=00
   * is 256 unless the CCCD long-response quirk is on, and never more than the maxResponseBytes fault.
   */
  private outerCap(outer: CommandApdu & { extended: boolean }): number {
    let cap = Math.min(outer.le ?? (outer.extended ? 65536 : 256), MAX_RESPONSE_DATA);
    if (!outer.extended && cap === 256 && this.longShortResponses) cap = MAX_RESPONSE_DATA;
    if (this.faults.maxResponseBytes !== undefined) cap = Math.min(cap, this.faults.maxResponseBytes);
    return cap;
  }

  private endSession(): void {
    this.sm = null;
    this.pendingGa = null;
    this.pace?.reset();
    this.ca?.reset();
  }

  private execute(c: CommandApdu, ctx: Context): Result {
    if ((c.cla & 0x10) !== 0 && c.ins !== INS.GENERAL_AUTHENTICATE) return status(SW_CHAINING_NOT_SUPPORTED);
    switch (c.ins) {
      case INS.SELECT:
        return selectFile(this.fs, c, ctx);
      case INS.READ_BINARY:
      case INS.READ_BINARY_ODD:
        return readBinary(this.fs, c, ctx, ctx.secure && this.sm ? this.sm.alg : null);
      case INS.GET_CHALLENGE:
        return this.getChallenge(c);
      case INS.EXTERNAL_AUTHENTICATE:
        return this.externalAuthenticate(c, ctx);
      case INS.MSE:
        return this.manageSecurityEnvironment(c, ctx);
      case INS.GENERAL_AUTHENTICATE:
        return this.generalAuthenticate(c, ctx);
      case INS.INTERNAL_AUTHENTICATE:
        return this.internalAuthenticate(c, ctx);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  // ---------------------------------------------------------------- BAC

  private getChallenge(c: CommandApdu): Result {
    if (c.p1 !== 0 || c.p2 !== 0) return status(SW.INCORRECT_P1P2);
    if ((c.data && c.data.length > 0) || c.le !== 8) return status(SW.WRONG_LENGTH);
    return { data: this.bac.getChallenge(), sw: SW.OK };
  }

  private externalAuthenticate(c: CommandApdu, ctx: Context): Result {
    if (c.p1 !== 0 || c.p2 !== 0) return status(SW.INCORRECT_P1P2);
    // Under SM, EXTERNAL AUTHENTICATE would be Terminal Authentication (EAC), which this chip does not offer.
    if (ctx.secure) return status(SW.CONDITIONS_NOT_SATISFIED);
    const r = this.bac.externalAuthenticate(c.data ?? new Uint8Array(0));
    if (!r.ok) return status(r.sw);
    return { data: r.response, sw: SW.OK, nextSession: r.sm };
  }

  // ---------------------------------------------------------------- PACE / CA

  /** MSE (ISO/IEC 7816-4 §11.5.11): C1A4 = Set AT for PACE, 41A4 = Set AT for CA, 41A6 = Set KAT for CA-3DES. */
  private manageSecurityEnvironment(c: CommandApdu, ctx: Context): Result {
    const p1p2 = (c.p1 << 8) | c.p2;
    const data = c.data ?? new Uint8Array(0);
    this.pendingGa = null;
    switch (p1p2) {
      case 0xc1a4: {
        if (!this.pace) return status(SW.FUNCTION_NOT_SUPPORTED);
        // PACE starts a new channel from the unauthenticated state (ICAO 9303-11 §4.4.4), never inside one.
        if (ctx.secure) return status(SW.CONDITIONS_NOT_SATISFIED);
        const sw = this.pace.mseSetAt(data);
        if (sw === SW.OK) this.pendingGa = 'PACE';
        return status(sw);
      }
      case 0x41a4: {
        if (!this.ca) return status(SW.FUNCTION_NOT_SUPPORTED);
        if (!ctx.secure) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
        const sw = this.ca.mseSetAt(data);
        if (sw === SW.OK) this.pendingGa = 'CA';
        return status(sw);
      }
      case 0x41a6: {
        if (!this.ca) return status(SW.FUNCTION_NOT_SUPPORTED);
        if (!ctx.secure) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
        const r = this.ca.mseSetKat(data);
        return r.ok ? { data: r.response, sw: SW.OK, nextSession: r.sm } : status(r.sw);
      }
      default:
        return status(SW.INCORRECT_P1P2);
    }
  }

  private generalAuthenticate(c: CommandApdu, ctx: Context): Result {
    if (c.p1 !== 0 || c.p2 !== 0) return status(SW.INCORRECT_P1P2);
    const data = c.data ?? new Uint8Array(0);
    const chained = (c.cla & 0x10) !== 0;
    if (this.pendingGa === 'CA' && this.ca && ctx.secure) {
      this.pendingGa = null;
      if (chained) return status(SW_CHAINING_NOT_SUPPORTED);
      const r = this.ca.generalAuthenticate(data);
      return r.ok ? { data: r.response, sw: SW.OK, nextSession: r.sm } : status(r.sw);
    }
    if (this.pendingGa === 'PACE' && this.pace && !ctx.secure) {
      const r = this.pace.generalAuthenticate(data, chained);
      if (!r.ok || r.sm) this.pendingGa = null;
      return r.ok ? { data: r.response, sw: SW.OK, ...(r.sm ? { nextSession: r.sm } : {}) } : status(r.sw);
    }
    return status(SW.CONDITIONS_NOT_SATISFIED);
  }

  // ---------------------------------------------------------------- AA

  /** INTERNAL AUTHENTICATE (ICAO 9303-11 §6.1.3): 8-byte challenge, after BAC/PACE only. */
  private internalAuthenticate(c: CommandApdu, ctx: Context): Result {
    if (!this.aa) return status(SW.INS_NOT_SUPPORTED);
    if (c.p1 !== 0 || c.p2 !== 0) return status(SW.INCORRECT_P1P2);
    if (!ctx.secure) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (!c.data || c.data.length !== 8) return status(SW.WRONG_LENGTH);
    return { data: this.aa.sign(c.data), sw: SW.OK };
  }
}

/** DG14's SecurityInfos, or none when the profile has no (parseable) DG14: the chip then accepts any variant. */
function dg14Infos(profile: SimProfile): RawSecurityInfo[] {
  const dg14 = profile.files.get(FID.DG14);
  if (!dg14) return [];
  try {
    return parseDg14SecurityInfos(dg14);
  } catch (e) {
    if (e instanceof TlvError || e instanceof RangeError) throw new Error(`Sim: DG14 of profile "${profile.label}" is malformed (${e.message})`);
    throw e;
  }
}

function plain(sw: number): Uint8Array {
  return encodeResponse(new Uint8Array(0), sw);
}
