/**
 * Typed refusals of the access-control protocols, so callers can tell "wrong password" from transport or card faults.
 */
import { swHex } from '../apdu';

export type AccessDeniedReason =
  /** The chip rejected our cryptogram/token: the MRZ or CAN is wrong (ICAO 9303-11 §4.3.4.2, §4.4.4.2: SW 6300/63Cx). */
  | 'wrong-password'
  /** The password is blocked or suspended (SW 6983 / 63C0). */
  | 'blocked'
  /** The chip's own cryptogram/token did not verify: wrong password on our side, or something in between tampers. */
  | 'chip-proof-invalid';

export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';
  constructor(
    readonly protocol: 'BAC' | 'PACE',
    readonly reason: AccessDeniedReason,
    /** Status word of the refusal, when the chip refused. */
    readonly sw?: number,
  ) {
    super(
      `${protocol}: access denied (${reason}${sw !== undefined ? `, SW ${swHex(sw)}` : ''})` +
        (sw !== undefined && (sw & 0xfff0) === 0x63c0 ? `; ${sw & 0x0f} tries left` : ''),
    );
  }

  /** Remaining tries when the chip reported them (SW 63Cx). */
  get triesLeft(): number | undefined {
    return this.sw !== undefined && (this.sw & 0xfff0) === 0x63c0 ? this.sw & 0x0f : undefined;
  }
}

/** Protocol-level violation by the chip (malformed answer, invalid point, wrong mechanism) — not a password problem. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}
