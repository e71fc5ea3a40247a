import { describe, it, expect } from 'vitest';
import { InProcessMonitor, modeledApduMs, DEFAULT_IN_PROCESS_READER } from '../../../src/card/transport/inProcess';
import { isTransportError, type ReaderEvent } from '../../../src/card/transport/types';
import { EchoCard, ECHO_ATR, patternBytes } from '../../helpers/echoCard';
import { decodeResponse } from '../../../src/card/apdu';
import { rejection } from '../../helpers/rejection';

const GET_CHALLENGE = Uint8Array.from([0x00, 0x84, 0x00, 0x00, 0x08]);
const SELECT = Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x07, 0xa0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01]);
/** 80 B0 1000 with extended Le 4096. */
const READ_4096 = Uint8Array.from([0x80, 0xb0, 0x10, 0x00, 0x00, 0x10, 0x00]);

const sw = (r: Uint8Array): number => decodeResponse(r).sw;

describe('InProcessMonitor: readers and cards', () => {
  it('reports readers, emits card-inserted with the ATR and powers the card up', async () => {
    const m = new InProcessMonitor({ readers: ['R0', 'R1'] });
    const events: ReaderEvent[] = [];
    m.on((e) => events.push(e));
    expect(m.readers()).toEqual([
      { name: 'R0', cardPresent: false },
      { name: 'R1', cardPresent: false },
    ]);
    const card = new EchoCard();
    m.insert(card, 'R1');
    expect(card.resets).toBe(1);
    expect(m.readers()).toEqual([
      { name: 'R0', cardPresent: false },
      { name: 'R1', cardPresent: true },
    ]);
    expect(events).toEqual([{ type: 'card-inserted', reader: 'R1', atr: ECHO_ATR }]);
    await expect(m.waitForCard('R1')).resolves.toBe('R1');
  });

  it('uses a default reader name', () => {
    expect(new InProcessMonitor().readers()).toEqual([{ name: DEFAULT_IN_PROCESS_READER, cardPresent: false }]);
  });

  it('connect fails with NO_READER / NO_CARD / NO_SERVICE as appropriate', async () => {
    const m = new InProcessMonitor();
    expect(isTransportError(await rejection(m.connect('nope')), 'NO_READER')).toBe(true);
    expect(isTransportError(await rejection(m.connect()), 'NO_CARD')).toBe(true);
    await m.close();
    expect(isTransportError(await rejection(m.connect()), 'NO_SERVICE')).toBe(true);
  });

  it('waitForCard resolves on a later insert and times out with TIMEOUT', async () => {
    const m = new InProcessMonitor();
    const waiting = m.waitForCard(undefined, 1000);
    setTimeout(() => m.insert(new EchoCard()), 10);
    await expect(waiting).resolves.toBe(DEFAULT_IN_PROCESS_READER);
    const m2 = new InProcessMonitor();
    expect(isTransportError(await rejection(m2.waitForCard(undefined, 20)), 'TIMEOUT')).toBe(true);
    // close() releases a waiter that has no deadline.
    const forever = m2.waitForCard();
    await m2.close();
    expect(isTransportError(await rejection(forever), 'NO_SERVICE')).toBe(true);
  });
});

describe('InProcessMonitor: channel', () => {
  it('exchanges short and extended APDUs with the card', async () => {
    const m = new InProcessMonitor();
    m.insert(new EchoCard());
    const ch = await m.connect();
    expect(ch.readerName).toBe(DEFAULT_IN_PROCESS_READER);
    expect(ch.atr).toEqual(ECHO_ATR);
    expect(sw(await ch.transmit(SELECT))).toBe(0x9000);
    const challenge = await ch.transmit(GET_CHALLENGE);
    expect(challenge.length).toBe(10);
    const big = await ch.transmit(READ_4096);
    expect(big.length).toBe(4098);
    expect(big.subarray(0, 4096)).toEqual(patternBytes(4096));
    expect(sw(big)).toBe(0x9000);
  });

  it('fails with PROTOCOL when the answer exceeds maxResponseLength (like SCARD_E_INSUFFICIENT_BUFFER)', async () => {
    const m = new InProcessMonitor();
    m.insert(new EchoCard());
    const ch = await m.connect();
    const e = await rejection(ch.transmit(READ_4096, { maxResponseLength: 256 }));
    expect(isTransportError(e, 'PROTOCOL')).toBe(true);
    // The card stays usable.
    expect((await ch.transmit(READ_4096, { maxResponseLength: 4096 })).length).toBe(4098);
  });

  it('serialises concurrent transmits in call order', async () => {
    const m = new InProcessMonitor({ link: { perApduMs: 5, kbitPerSecond: 0 }, realTime: true });
    const card = new EchoCard();
    const seen: number[] = [];
    const original = card.transmit.bind(card);
    let inFlight = 0;
    let maxInFlight = 0;
    card.transmit = (c: Uint8Array) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(c[3]!);
      const r = original(c);
      inFlight--;
      return r;
    };
    m.insert(card);
    const ch = await m.connect();
    const answers = await Promise.all(
      [1, 2, 3, 4].map((n) => ch.transmit(Uint8Array.from([0x80, 0xb0, 0x00, n, n]))),
    );
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(answers.map((a) => a.length)).toEqual([3, 4, 5, 6]);
    expect(maxInFlight).toBe(1);
  });
});

describe('InProcessMonitor: link model', () => {
  it('computes turnaround + (command + response bytes) * 8 / kbit', () => {
    expect(modeledApduMs({ perApduMs: 3, kbitPerSecond: 106 }, 5, 10)).toBeCloseTo(3 + 120 / 106, 10);
    expect(modeledApduMs({ perApduMs: 0, kbitPerSecond: 848 }, 7, 65538)).toBeCloseTo((65545 * 8) / 848, 10);
    expect(modeledApduMs({ perApduMs: 2, kbitPerSecond: 0 }, 100, 100)).toBe(2);
  });

  it('accumulates modeled time, APDUs and bytes, and resets', async () => {
    const m = new InProcessMonitor({ link: { perApduMs: 4, kbitPerSecond: 212 } });
    m.insert(new EchoCard());
    const ch = await m.connect();
    await ch.transmit(GET_CHALLENGE); // 5 + 10 bytes
    await ch.transmit(READ_4096); // 7 + 4098 bytes
    const s = m.linkStats;
    expect(s.apdus).toBe(2);
    expect(s.bytes).toBe(15 + 4105);
    expect(s.modeledMs).toBeCloseTo(4 + (15 * 8) / 212 + 4 + (4105 * 8) / 212, 9);
    m.resetLinkStats();
    expect(m.linkStats).toEqual({ apdus: 0, bytes: 0, modeledMs: 0 });
  });

  it('counts without sleeping by default and really sleeps in realTime mode', async () => {
    const link = { perApduMs: 40, kbitPerSecond: 106 };
    const fast = new InProcessMonitor({ link });
    fast.insert(new EchoCard());
    const ch = await fast.connect();
    let t = performance.now();
    await ch.transmit(GET_CHALLENGE);
    expect(performance.now() - t).toBeLessThan(30);
    expect(fast.linkStats.modeledMs).toBeGreaterThan(40);

    const slow = new InProcessMonitor({ link, realTime: true });
    slow.insert(new EchoCard());
    const ch2 = await slow.connect();
    t = performance.now();
    await ch2.transmit(GET_CHALLENGE);
    expect(performance.now() - t).toBeGreaterThanOrEqual(38);
  });
});

describe('InProcessMonitor: removal', () => {
  it('remove() emits card-removed, powers the card off, and the channel then fails with CARD_REMOVED', async () => {
    const m = new InProcessMonitor();
    const events: ReaderEvent[] = [];
    m.on((e) => events.push(e));
    const card = new EchoCard();
    m.insert(card);
    const ch = await m.connect();
    m.remove();
    expect(card.powerOffs).toBe(1);
    expect(events.at(-1)).toEqual({ type: 'card-removed', reader: DEFAULT_IN_PROCESS_READER });
    expect(isTransportError(await rejection(ch.transmit(GET_CHALLENGE)), 'CARD_REMOVED')).toBe(true);
    // Re-insert: the old channel stays dead (its session ended), a new one works.
    m.insert(card);
    expect(isTransportError(await rejection(ch.transmit(GET_CHALLENGE)), 'CARD_REMOVED')).toBe(true);
    const ch2 = await m.connect();
    expect(sw(await ch2.transmit(GET_CHALLENGE))).toBe(0x9000);
  });

  it('honours VirtualCard.removed: N answers are delivered, then the card is gone', async () => {
    const m = new InProcessMonitor();
    const events: ReaderEvent[] = [];
    m.on((e) => events.push(e));
    m.insert(new EchoCard({ removeAfter: 3 }));
    const ch = await m.connect();
    for (let i = 0; i < 3; i++) expect(sw(await ch.transmit(GET_CHALLENGE))).toBe(0x9000);
    expect(events.map((e) => e.type)).toEqual(['card-inserted', 'card-removed']);
    expect(m.readers()[0]!.cardPresent).toBe(false);
    expect(isTransportError(await rejection(ch.transmit(GET_CHALLENGE)), 'CARD_REMOVED')).toBe(true);
  });

  it('a listener that throws does not break the transport', async () => {
    const m = new InProcessMonitor();
    m.on(() => {
      throw new Error('buggy listener');
    });
    const seen: string[] = [];
    m.on((e) => seen.push(e.type));
    m.insert(new EchoCard());
    expect(seen).toEqual(['card-inserted']);
    await expect(m.connect()).resolves.toBeDefined();
  });
});
