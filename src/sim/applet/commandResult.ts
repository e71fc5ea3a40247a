/** One command's outcome inside the simulated chip, shared by the applet and its command modules. */
import type { SecureMessaging } from '../../card/sm/secureMessaging';

/** What one command does: response data + SW, and optionally a new SM session that starts after the response. */
export interface Result {
  data: Uint8Array;
  sw: number;
  nextSession?: SecureMessaging;
}

export interface Context {
  /** The command came protected by secure messaging. */
  secure: boolean;
  /** Largest response the outer (transport) APDU allows, SM overhead included. */
  outerCap: number;
}

export const status = (sw: number): Result => ({ data: new Uint8Array(0), sw });
