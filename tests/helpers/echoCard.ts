/**
 * A tiny SimCard for transport tests (mirrors the spike's vcard.js, research/environment.md §1.2):
 *   SELECT (INS A4)            → 9000
 *   GET CHALLENGE 0084000008   → 8 random bytes + 9000
 *   80 B0 P1P2 [Le]            → n bytes with byte i = i & 0xFF; n = Le, or P1P2 when Le is absent or "max"
 *   80 EE [ext Lc data] [Le]   → echo of the data + 9000
 * Anything else → 6D00.
 */
import { randomBytes } from 'node:crypto';
import { decodeCommand } from '../../src/card/apdu';
import type { SimCard } from '../../src/sim/types';

/** PC/SC Part 3 style ATR used by the spike's virtual card. */
export const ECHO_ATR = Uint8Array.from([0x3b, 0x85, 0x80, 0x01, 0x80, 0x73, 0xc0, 0x21, 0xc0, 0xd6]);

export function patternBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = i & 0xff;
  return out;
}

function withSw(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export class EchoCard implements SimCard {
  apdus = 0;
  resets = 0;
  powerOffs = 0;
  private removeAfter: number | undefined;
  private _removed = false;

  /** `removeAfter`: fault injection — the card counts as removed once it has answered that many APDUs. */
  constructor(opts: { removeAfter?: number } = {}) {
    this.removeAfter = opts.removeAfter;
  }

  get removed(): boolean {
    return this._removed;
  }

  /** Arm (or re-arm) removal after `n` more APDUs; clears a previous removal. */
  removeAfterApdus(n: number | undefined): void {
    this._removed = false;
    this.removeAfter = n === undefined ? undefined : this.apdus + n;
  }

  atr(): Uint8Array {
    return ECHO_ATR;
  }

  reset(): void {
    this.resets++;
  }

  powerOff(): void {
    this.powerOffs++;
  }

  transmit(capdu: Uint8Array): Uint8Array {
    this.apdus++;
    if (this.removeAfter !== undefined && this.apdus >= this.removeAfter) this._removed = true;
    let c;
    try {
      c = decodeCommand(capdu);
    } catch {
      return withSw(new Uint8Array(0), 0x6700);
    }
    if (c.ins === 0xa4) return withSw(new Uint8Array(0), 0x9000);
    if (c.cla === 0x00 && c.ins === 0x84) return withSw(randomBytes(c.le === undefined ? 8 : Math.min(c.le, 256)), 0x9000);
    if (c.cla === 0x80 && c.ins === 0xb0) {
      const p1p2 = (c.p1 << 8) | c.p2;
      const n = c.le === undefined || c.le === 256 || c.le === 65536 ? p1p2 : c.le;
      return withSw(patternBytes(n), 0x9000);
    }
    if (c.cla === 0x80 && c.ins === 0xee) return withSw(c.data ?? new Uint8Array(0), 0x9000);
    return withSw(new Uint8Array(0), 0x6d00);
  }
}
