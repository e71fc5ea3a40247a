/**
 * The PC/SC transport through the real stack: PcscMonitor → smartcard → pcscd → vpcd → VpcdBridge → EchoCard.
 * Runs serially (one pcscd per machine). Timing facts designed around (shared/README.md,
 * research/environment.md §1.3–1.5): pcscd polls vpcd ~every 400 ms, so events lag 200–500 ms and
 * a re-insert waits ≥ 1 s after a removal; each APDU costs ~44 ms on the default loopback.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PcscMonitor } from '../../src/card/transport/pcscMonitor';
import { isTransportError, type CardChannel, type ReaderEvent } from '../../src/card/transport/types';
import { VPCD_PORT_READER_0 } from '../../src/sim/vpcd';
import { ECHO_ATR, patternBytes } from '../helpers/echoCard';

const READER = 'Virtual PCD 00 00';
const OTHER_READER = 'Virtual PCD 00 01';
const SCRIPT = fileURLToPath(new URL('../../scripts/pcscd.sh', import.meta.url));
const SOCKET = '/run/pcscd/pcscd.comm';
const CARD_SCRIPT = fileURLToPath(new URL('../helpers/echoCard.ts', import.meta.url));

const SELECT = Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]);
const GET_CHALLENGE = Uint8Array.from([0x00, 0x84, 0x00, 0x00, 0x08]);
/** 80 B0 1000, extended Le 4096. */
const READ_4096 = Uint8Array.from([0x80, 0xb0, 0x10, 0x00, 0x00, 0x10, 0x00]);
/** 80 B0 2000, extended Le 0000 (= as much as available → P1P2 = 8192 bytes). */
const READ_8192 = Uint8Array.from([0x80, 0xb0, 0x20, 0x00, 0x00, 0x00, 0x00]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sw = (r: Uint8Array) => (r[r.length - 2]! << 8) | r[r.length - 1]!;

/**
 * The EchoCard + VpcdBridge in a child process (see tests/helpers/echoCard.ts for why not in-process):
 * one command line in, one answer line out, plus "event link-down" when vpcd drops the link.
 */
class CardProcess {
  private readonly child: ChildProcess;
  private readonly answers: ((line: string) => void)[] = [];
  linkDowns = 0;

  constructor(port: number) {
    this.child = spawn(process.execPath, ['--import', 'tsx', CARD_SCRIPT, String(port)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      if (line === 'event link-down') {
        this.linkDowns++;
        removedAt = Date.now();
      } else {
        this.answers.shift()?.(line);
      }
    });
  }

  async command(cmd: string): Promise<string> {
    const answer = new Promise<string>((resolve) => this.answers.push(resolve));
    this.child.stdin!.write(`${cmd}\n`);
    const line = await answer;
    if (!line.startsWith('ok')) throw new Error(`card process: ${cmd} → ${line}`);
    return line;
  }

  async inserted(): Promise<boolean> {
    return (await this.command('status')) === 'ok inserted';
  }

  async quit(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.stdin!.write('quit\n');
    await Promise.race([exited, sleep(3000)]);
    if (this.child.exitCode === null) this.child.kill();
  }
}

let monitor: PcscMonitor;
let cardProcess: CardProcess;
/** Events of the reader under test and of the service only: 'Virtual PCD 00 01' reports phantom cards. */
const events: ReaderEvent[] = [];
let removedAt = 0;

function relevant(e: ReaderEvent): boolean {
  return !('reader' in e) || e.reader === READER;
}

/** Resolve with the first event (recorded from index `from` on) that satisfies `pred`. */
async function waitEvent(pred: (e: ReaderEvent) => boolean, from: number, timeoutMs = 8000): Promise<ReaderEvent> {
  const t0 = Date.now();
  for (;;) {
    const hit = events.slice(from).find(pred);
    if (hit) return hit;
    if (Date.now() - t0 > timeoutMs) throw new Error(`no matching event within ${timeoutMs} ms; saw ${JSON.stringify(events.slice(from).map((e) => e.type))}`);
    await sleep(20);
  }
}

async function insertCard(): Promise<void> {
  // pcscd needs a poll cycle to notice a removal; presenting the next card sooner can be missed.
  const since = Date.now() - removedAt;
  if (since < 1100) await sleep(1100 - since);
  // Right after a pcscd (re)start vpcd may not listen yet: retry the connect briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await cardProcess.command('insert');
      return;
    } catch (e) {
      if (attempt >= 40) throw e;
      await sleep(100);
    }
  }
}

async function removeCard(): Promise<void> {
  await cardProcess.command('remove');
  removedAt = Date.now();
}

beforeAll(async () => {
  // Left running afterwards on purpose: later suites of the same run need it too; scripts/test.sh stops it.
  if (!existsSync(SOCKET)) execFileSync('bash', [SCRIPT, 'start'], { stdio: 'inherit' });
  cardProcess = new CardProcess(VPCD_PORT_READER_0);
  monitor = new PcscMonitor();
  monitor.on((e) => {
    if (relevant(e)) events.push(e);
  });
});

afterAll(async () => {
  await cardProcess?.quit();
  await monitor?.close();
});

describe.sequential('PC/SC transport over pcscd + vpcd', () => {
  let channel: CardChannel;

  it('discovers both Virtual PCD readers', async () => {
    expect(await monitor.ready()).toBe(true);
    const t0 = Date.now();
    while (Date.now() - t0 < 8000) {
      const names = monitor.readers().map((r) => r.name);
      if (names.includes(READER) && names.includes(OTHER_READER)) break;
      await sleep(20);
    }
    // A card left by a previous suite (its process just exited) disappears at pcscd's next poll.
    while (monitor.readers().find((r) => r.name === READER)?.cardPresent === true && Date.now() - t0 < 8000) {
      await sleep(20);
    }
    removedAt = Date.now();
    const names = monitor.readers().map((r) => r.name);
    expect(names).toContain(READER);
    expect(names).toContain(OTHER_READER);
    expect(monitor.serviceAvailable).toBe(true);
    expect(monitor.readers().find((r) => r.name === READER)!.cardPresent).toBe(false);
    expect(isTransportError(await monitor.connect(READER).catch((e: unknown) => e), 'NO_CARD')).toBe(true);
  });

  it('reports an inserted card with its ATR', async () => {
    const from = events.length;
    await insertCard();
    const e = await waitEvent((x) => x.type === 'card-inserted', from);
    expect(e).toEqual({ type: 'card-inserted', reader: READER, atr: ECHO_ATR });
    await expect(monitor.waitForCard(READER, 1000)).resolves.toBe(READER);
    channel = await monitor.connect(READER);
    expect(channel.readerName).toBe(READER);
    expect(channel.atr).toEqual(ECHO_ATR);
  });

  it('transmits short and extended-length APDUs (4096- and 8192-byte responses, 4096-byte command)', async () => {
    expect(sw(await channel.transmit(SELECT))).toBe(0x9000);
    const challenge = await channel.transmit(GET_CHALLENGE);
    expect(challenge.length).toBe(10);
    expect(sw(challenge)).toBe(0x9000);

    const r4096 = await channel.transmit(READ_4096, { maxResponseLength: 4096 });
    expect(r4096.length).toBe(4098);
    expect(r4096.subarray(0, 4096)).toEqual(patternBytes(4096));
    expect(sw(r4096)).toBe(0x9000);

    const r8192 = await channel.transmit(READ_8192); // default receive buffer (65 538) — not smartcard's 258
    expect(r8192.length).toBe(8194);
    expect(r8192.subarray(0, 8192)).toEqual(patternBytes(8192));
    expect(sw(r8192)).toBe(0x9000);

    const data = patternBytes(4096).map((b) => b ^ 0xa5);
    const echo = await channel.transmit(Uint8Array.from([0x80, 0xee, 0x00, 0x00, 0x00, 0x10, 0x00, ...data, 0x00, 0x00]));
    expect(echo.subarray(0, 4096)).toEqual(data);
    expect(sw(echo)).toBe(0x9000);

    // Too small a buffer is a PROTOCOL error, and the card stays usable (environment.md §1.6).
    const tooSmall = await channel.transmit(READ_4096, { maxResponseLength: 256 }).catch((e: unknown) => e);
    expect(isTransportError(tooSmall, 'PROTOCOL')).toBe(true);
    expect(sw(await channel.transmit(SELECT))).toBe(0x9000);
  });

  it('measures the median round trip of 100 GET CHALLENGE over vpcd', async () => {
    const times: number[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      const r = await channel.transmit(GET_CHALLENGE);
      times.push(performance.now() - t);
      expect(sw(r)).toBe(0x9000);
      seen.add(Buffer.from(r.subarray(0, 8)).toString('hex'));
    }
    times.sort((a, b) => a - b);
    const median = (times[49]! + times[50]!) / 2;
    console.log(
      `vpcd round trip over ${times.length} GET CHALLENGE: median ${median.toFixed(2)} ms, ` +
        `p95 ${times[94]!.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms`,
    );
    expect(seen.size).toBe(100); // every answer came from the card, none was replayed
    expect(median).toBeLessThan(500);
  });

  it('fails an in-flight transmit with CARD_REMOVED on removal (no hang), then reports the removal', async () => {
    const from = events.length;
    let failure: unknown;
    let failedAt = 0;
    let ok = 0;
    const loop = (async () => {
      for (;;) {
        try {
          await channel.transmit(READ_8192);
          ok++;
        } catch (e) {
          failure = e;
          failedAt = Date.now();
          return;
        }
      }
    })();
    await sleep(150);
    await removeCard();
    const removedAtLocal = Date.now();
    await Promise.race([loop, sleep(5000)]);
    expect(ok).toBeGreaterThan(0);
    expect(failure).toMatchObject({ name: 'TransportError', kind: 'CARD_REMOVED' });
    expect(failedAt - removedAtLocal).toBeLessThan(2000);
    await waitEvent((e) => e.type === 'card-removed', from);
    expect(monitor.readers().find((r) => r.name === READER)!.cardPresent).toBe(false);
    // After the event, the old channel fails fast with the same kind.
    expect(isTransportError(await channel.transmit(SELECT).catch((e: unknown) => e), 'CARD_REMOVED')).toBe(true);
    await channel.close();
  });

  it('works again after re-insertion', async () => {
    const from = events.length;
    await insertCard();
    await waitEvent((e) => e.type === 'card-inserted', from);
    channel = await monitor.connect(READER);
    expect(sw(await channel.transmit(SELECT))).toBe(0x9000);
    expect((await channel.transmit(READ_4096)).length).toBe(4098);
  });

  it('recovers from a pcscd restart without a process restart', async () => {
    const from = events.length;
    await promisify(execFile)('bash', [SCRIPT, 'restart']);
    await waitEvent((e) => e.type === 'service-down', from, 10_000);
    await waitEvent((e) => e.type === 'service-up', from, 15_000);
    const after = events.slice(from);
    const downAt = after.findIndex((e) => e.type === 'service-down');
    const upAt = after.findIndex((e) => e.type === 'service-up');
    expect(downAt).toBeLessThan(upAt);
    // The world was reported empty on loss: the card and the reader went away before service-up
    // (the card may already have been reported removed by pcscd itself while it shut down).
    const lossEvents = after.slice(0, upAt).map((e) => e.type);
    expect(lossEvents).toContain('card-removed');
    expect(after.slice(downAt, upAt).map((e) => e.type)).toContain('reader-removed');
    await waitEvent((e) => e.type === 'reader-added', from + upAt);
    // The session of the dead service is over.
    expect(isTransportError(await channel.transmit(SELECT).catch((e: unknown) => e), 'CARD_REMOVED')).toBe(true);
    await channel.close();

    // The old vpcd died with pcscd, which closed our socket (= card removed); present the card again.
    const t0 = Date.now();
    while ((await cardProcess.inserted()) && Date.now() - t0 < 3000) await sleep(20);
    expect(await cardProcess.inserted()).toBe(false);
    expect(cardProcess.linkDowns).toBe(1);
    const beforeInsert = events.length;
    await insertCard();
    await waitEvent((e) => e.type === 'card-inserted', beforeInsert, 10_000);
    channel = await monitor.connect(READER);
    expect(sw(await channel.transmit(SELECT))).toBe(0x9000);
    const r = await channel.transmit(READ_8192);
    expect(r.subarray(0, 8192)).toEqual(patternBytes(8192));

    // Events keep flowing on the recreated native monitor.
    const beforeRemove = events.length;
    await removeCard();
    await waitEvent((e) => e.type === 'card-removed', beforeRemove);
    await channel.close();
  });
});
