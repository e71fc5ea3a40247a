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
import type { VirtualCard as SimCard } from '../../src/card/transport/types';

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

/**
 * Run as its own process: `node --import tsx tests/helpers/echoCard.ts <vpcd port>` presents an EchoCard
 * to vpcd, driven by stdin lines (insert | remove | remove-after <n> | quit), answering each with one
 * stdout line ("ok …" / "error …") and reporting "event link-down" when the link drops by itself.
 *
 * Why a separate process: smartcard's disconnect/status calls are synchronous. If the card were served
 * on the same JS thread, such a call can wait on pcscd while pcscd's reader thread waits on the card —
 * a deadlock that was observed in tests/pcsc. The spike ran its virtual card as a process for the same reason.
 */
async function runCardProcess(port: number): Promise<void> {
  const { VpcdBridge } = await import('../../src/sim/vpcd');
  const { createInterface } = await import('node:readline');
  const card = new EchoCard();
  const say = (line: string) => process.stdout.write(`${line}\n`);
  let expectingClose = false;
  const bridge = new VpcdBridge(card, {
    port,
    onRemoved: () => {
      if (!expectingClose) say('event link-down');
    },
  });
  for await (const line of createInterface({ input: process.stdin })) {
    const [cmd, arg] = line.trim().split(/\s+/);
    try {
      if (cmd === 'insert') {
        card.removeAfterApdus(undefined);
        await bridge.insert();
        say('ok inserted');
      } else if (cmd === 'remove') {
        expectingClose = true;
        await bridge.remove();
        expectingClose = false;
        say('ok removed');
      } else if (cmd === 'remove-after') {
        card.removeAfterApdus(Number(arg));
        say('ok armed');
      } else if (cmd === 'status') {
        say(`ok ${bridge.inserted ? 'inserted' : 'removed'}`);
      } else if (cmd === 'quit') {
        expectingClose = true;
        await bridge.close();
        say('ok bye');
        process.exit(0);
      } else {
        say(`error unknown command ${cmd ?? ''}`);
      }
    } catch (e) {
      say(`error ${(e as Error).message}`);
    }
  }
  await bridge.close();
}

if (process.argv[1] !== undefined && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  await runCardProcess(Number(process.argv[2] ?? 35963));
}
