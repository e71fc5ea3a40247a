/**
 * The APDU sender abstraction used by every protocol, and a sender that runs commands through secure messaging.
 */
import { decodeCommand, decodeResponse, encodeCommand, encodeResponse, type CommandApdu, type ResponseApdu } from '../apdu';
import type { SecureMessaging } from './secureMessaging';

/** Sends one command APDU on the plain channel (transport, simulated chip, or a scripted test double). */
export type ApduSender = (cmd: CommandApdu) => Promise<ResponseApdu>;

/**
 * Wraps a plain sender with ICAO 9303-11 §9.8 secure messaging. `send` is itself an ApduSender, so protocols that run
 * inside SM (Chip Authentication, Active Authentication, reading files) take it unchanged.
 * The protected APDU is decoded back into a CommandApdu for the raw sender; decodeCommand keeps the short/extended
 * form, so the bytes on the wire are exactly the ones the SM layer produced and MACed.
 */
export class SecureChannel {
  constructor(
    private readonly raw: ApduSender,
    private current: SecureMessaging,
  ) {}

  get secureMessaging(): SecureMessaging {
    return this.current;
  }

  /** Switch to new session keys, e.g. after Chip Authentication (ICAO 9303-11 §6.2.2: SM restarts with the new keys). */
  replaceSecureMessaging(sm: SecureMessaging): void {
    this.current = sm;
  }

  readonly send: ApduSender = async (cmd) => {
    const sm = this.current;
    const protectedCmd = decodeCommand(sm.wrapCommand(cmd));
    const r = await this.raw(protectedCmd);
    return sm.unwrapResponse(encodeResponse(r.data, r.sw));
  };
}

/** Convenience for tests and the simulator: an ApduSender over a byte-level exchange function. */
export function senderFromBytes(exchange: (capdu: Uint8Array) => Promise<Uint8Array>): ApduSender {
  return async (cmd) => decodeResponse(await exchange(encodeCommand(cmd)));
}
