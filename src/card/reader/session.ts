/**
 * One card session: the transport channel, the current secure-messaging keys (none, BAC, PACE, then CA) and the
 * counters. Protocol code (BAC, PACE, CA, AA, file reading) only sees `send`, so re-keying after Chip
 * Authentication or re-authentication after an SM failure is invisible to it (JMRTD's split of protocol logic
 * and APDU sending).
 */
import { decodeResponse, encodeCommand, type CommandApdu, type ResponseApdu } from '../apdu';
import type { SecureMessaging } from '../sm/secureMessaging';
import { TransportError, type CardChannel } from '../transport/types';
import { ReadStatsCounter } from './stats';

/** Thrown by the checkpoint before an APDU when the read was cancelled or ran out of time. */
export class ReadAbortedError extends Error {
  override readonly name = 'ReadAbortedError';
}

export type ApduSend = (cmd: CommandApdu) => Promise<ResponseApdu>;

export class CardSession {
  sm: SecureMessaging | null = null;
  readonly stats = new ReadStatsCounter();
  /** Called before each APDU; throws to abort (cancellation, deadline). */
  checkpoint: () => void = () => {};

  constructor(readonly channel: CardChannel) {}

  private async transmit(raw: Uint8Array, expect: number): Promise<Uint8Array> {
    this.checkpoint();
    const r = await this.channel.transmit(raw, { maxResponseLength: expect });
    this.stats.count(raw.length, r.length);
    if (r.length < 2) {
      // environment.md §1.4: right after a removal one transmit may "succeed" with 0 bytes.
      throw new TransportError('CARD_REMOVED', 'empty response from the card (no status word)');
    }
    return r;
  }

  /** Plain APDU, never wrapped (used during access control). */
  readonly sendPlain: ApduSend = async (cmd) => {
    const raw = encodeCommand(cmd);
    return decodeResponse(await this.transmit(raw, responseBudget(cmd)));
  };

  /** APDU wrapped with the current SM keys when a session is established, plain otherwise. */
  readonly send: ApduSend = async (cmd) => {
    const sm = this.sm;
    if (!sm) return this.sendPlain(cmd);
    const raw = sm.wrapCommand(cmd);
    const r = await this.transmit(raw, responseBudget(cmd) + 64);
    return sm.unwrapResponse(r);
  };
}

/**
 * Receive-buffer size for a command: PC/SC bindings default to 258 bytes (environment.md §1.6), too small for
 * chips that answer a short Le=00 with more than 256 bytes (a real CCCD sent 285, cccd.md §9), so short commands
 * get 1 KiB of room.
 */
function responseBudget(cmd: CommandApdu): number {
  return Math.max(cmd.le ?? 0, 1024) + 2;
}
