/**
 * PC/SC transport contract. The reader engine talks only to `CardChannel`; the PC/SC implementation
 * (smartcard binding over pcsc-lite) and the in-process transport (simulated card, benchmarks) both
 * implement it, so protocol code never knows which one it runs on.
 */

/** The small, typed set of transport failures the rest of the app reacts to. */
export type TransportErrorKind =
  | 'NO_SERVICE' // PC/SC service (pcscd / SCardSvr) not running or unreachable
  | 'NO_READER' // no reader attached (or the requested one is absent)
  | 'NO_CARD' // reader present, no card in the field
  | 'CARD_REMOVED' // the card left during an exchange
  | 'TIMEOUT' // no answer within the deadline
  | 'PROTOCOL'; // malformed exchange: empty response, buffer too small, framing

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

export function isTransportError(e: unknown, kind?: TransportErrorKind): e is TransportError {
  return e instanceof TransportError && (kind === undefined || e.kind === kind);
}

/** An open connection to one card. Responses always include the two status-word bytes. */
export interface CardChannel {
  readonly readerName: string;
  /** Answer To Reset as reported by the reader. */
  readonly atr: Uint8Array;
  /**
   * Send one command APDU and return the full response (data + SW1 SW2).
   * `maxResponseLength` sizes the receive buffer explicitly (PC/SC bindings default to 258 bytes).
   * Throws TransportError; an empty response (no status word) is a PROTOCOL/CARD_REMOVED error, never data.
   */
  transmit(apdu: Uint8Array, opts?: { maxResponseLength?: number; timeoutMs?: number }): Promise<Uint8Array>;
  /** Release the card (leave it powered for the next connect). Never throws. */
  close(): Promise<void>;
}

export type ReaderEvent =
  | { type: 'service-up' }
  | { type: 'service-down'; reason: string }
  | { type: 'reader-added'; reader: string }
  | { type: 'reader-removed'; reader: string }
  | { type: 'card-inserted'; reader: string; atr: Uint8Array }
  | { type: 'card-removed'; reader: string };

/** Watches readers and cards; recovers by itself when the PC/SC service restarts. */
export interface ReaderMonitor {
  /** Current readers and whether each holds a card. */
  readers(): { name: string; cardPresent: boolean }[];
  on(listener: (e: ReaderEvent) => void): () => void;
  /** Connect to the card in the first reader whose name contains `readerSubstring` (or any reader). */
  connect(readerSubstring?: string): Promise<CardChannel>;
  /** Resolve when a card is present in a matching reader (immediately if one already is). */
  waitForCard(readerSubstring?: string, timeoutMs?: number): Promise<string>;
  /** False while the PC/SC service is unreachable (a transport without a service leaves it undefined). */
  readonly serviceAvailable?: boolean;
  close(): Promise<void>;
}

/**
 * A card that lives in software (the simulated CCCD, test cards) as a transport drives it: power control, ATR and
 * one APDU at a time. The in-process transport and the vpcd bridge (real pcscd in between) both drive this.
 */
export interface VirtualCard {
  /** ATR to report on power-on / "get ATR" (vpcd control 0x04). */
  atr(): Uint8Array;
  /** Cold/warm reset: drops every security state (SM session, PACE/BAC, CA), keeps the file system. */
  reset(): void;
  powerOff(): void;
  /** Process one command APDU; returns data + SW1 SW2. Never throws for card-level refusals (those are SWs). */
  transmit(capdu: Uint8Array): Uint8Array;
  /** Optional: set by fault injection ("remove the card after N APDUs"); the transport closes the link when true. */
  readonly removed?: boolean;
}
