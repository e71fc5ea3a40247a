/**
 * A simulated contactless chip as seen from the reader side: power control, ATR and one APDU at a time.
 * The vpcd bridge (real pcscd in between) and the in-process transport both drive this interface.
 */
export interface SimCard {
  /** ATR to report on power-on / "get ATR" (vpcd control 0x04). */
  atr(): Uint8Array;
  /** Cold/warm reset: drops every security state (SM session, PACE/BAC, CA), keeps the file system. */
  reset(): void;
  powerOff(): void;
  /** Process one command APDU; returns data + SW1 SW2. Never throws for card-level refusals (those are SWs). */
  transmit(capdu: Uint8Array): Uint8Array;
  /** Optional: set by fault injection ("remove the card after N APDUs"); the bridge closes the link when true. */
  readonly removed?: boolean;
}
