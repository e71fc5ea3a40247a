/**
 * PcscMonitor logic against a fake `smartcard` binding (no pcscd): event mapping, explicit receive
 * buffers, empty responses, timeouts, serialisation and recovery after service loss.
 * The same behaviour through the real pcscd is covered by tests/pcsc/transport.test.ts.
 */
import { describe, it, expect, afterEach } from 'vitest';
import type { CardInterface, ContextInterface, MonitorEvent, ReaderMonitorInterface, TransmitOptions } from 'smartcard';
import { PcscMonitor, type PcscBinding } from '../../../src/card/transport/pcscMonitor';
import { isTransportError, type ReaderEvent } from '../../../src/card/transport/types';
import { rejection } from '../../helpers/rejection';

const PRESENT = 0x20;
const ATR = Buffer.from([0x3b, 0x80, 0x80, 0x01, 0x01]);

type Transmit = (cmd: Buffer, opts?: TransmitOptions) => Promise<Buffer>;

/** A scriptable stand-in for the native addon. */
class FakeWorld {
  contextsCreated = 0;
  failContexts = 0;
  contextAttempts: number[] = [];
  monitors: FakeMonitor[] = [];
  transmitImpl: Transmit = async () => Buffer.from([0x90, 0x00]);
  statusState = PRESENT;
  statusThrows: Error | undefined;
  recvLengths: (number | undefined)[] = [];
  disconnects = 0;

  binding(): PcscBinding {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const world = this;
    class Context {
      readonly isValid = true;
      constructor() {
        world.contextAttempts.push(Date.now());
        if (world.failContexts > 0) {
          world.failContexts--;
          throw new Error('PC/SC service not running');
        }
        world.contextsCreated++;
      }
      listReaders() {
        return ['Fake Reader 0', 'Fake Reader 1'].map((name) => ({
          name,
          state: PRESENT,
          atr: ATR,
          connect: async () => world.card(),
        }));
      }
      async waitForChange() {
        return null;
      }
      cancel() {}
      close() {}
    }
    class Monitor {
      readonly isRunning = true;
      callback: ((e: MonitorEvent) => void) | undefined;
      constructor() {
        world.monitors.push(this as unknown as FakeMonitor);
      }
      start(cb: (e: MonitorEvent) => void) {
        this.callback = cb;
      }
      stop() {
        throw new Error('stop on a dead service');
      }
    }
    return {
      Context: Context as unknown as new () => ContextInterface,
      ReaderMonitor: Monitor as unknown as new () => ReaderMonitorInterface,
      SCARD_SHARE_SHARED: 2,
      SCARD_PROTOCOL_T0: 1,
      SCARD_PROTOCOL_T1: 2,
      SCARD_STATE_PRESENT: PRESENT,
      SCARD_LEAVE_CARD: 0,
    };
  }

  card(): CardInterface {
    return {
      protocol: 2,
      connected: true,
      atr: ATR,
      transmit: (cmd: Buffer | number[], opts?: TransmitOptions) => {
        this.recvLengths.push(opts?.maxRecvLength);
        return this.transmitImpl(Buffer.from(cmd), opts);
      },
      control: async () => Buffer.alloc(0),
      getStatus: () => {
        if (this.statusThrows) throw this.statusThrows;
        return { state: this.statusState, protocol: 2, atr: ATR };
      },
      disconnect: () => {
        this.disconnects++;
      },
      reconnect: async () => 2,
    };
  }

  /** Native event on the newest monitor. */
  fire(e: Partial<MonitorEvent> & { type: MonitorEvent['type']; reader: string }): void {
    const m = this.monitors.at(-1)!;
    m.callback!({ state: 0, atr: null, ...e });
  }
}

interface FakeMonitor {
  callback: ((e: MonitorEvent) => void) | undefined;
}

const open: PcscMonitor[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((m) => m.close()));
});

function until(pred: () => boolean, ms = 2000): Promise<void> {
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (pred()) resolve();
      else if (Date.now() - t0 > ms) reject(new Error('condition not reached'));
      else setTimeout(tick, 2);
    };
    tick();
  });
}

async function started(world: FakeWorld, opts: ConstructorParameters<typeof PcscMonitor>[0] = {}) {
  const m = new PcscMonitor({ loadBinding: () => world.binding(), ...opts });
  open.push(m);
  const events: ReaderEvent[] = [];
  m.on((e) => events.push(e));
  await until(() => world.monitors.length > 0 && world.monitors.at(-1)!.callback !== undefined);
  return { m, events };
}

async function withCard(world: FakeWorld, opts?: ConstructorParameters<typeof PcscMonitor>[0]) {
  const r = await started(world, opts);
  world.fire({ type: 'reader-attached', reader: 'Fake Reader 0', state: PRESENT, atr: ATR });
  world.fire({ type: 'reader-attached', reader: 'Fake Reader 1', state: 0 });
  const ch = await r.m.connect('Reader 0');
  return { ...r, ch };
}

describe('PcscMonitor (fake binding)', () => {
  it('a binding that cannot load (no libpcsclite) surfaces as service-down and NO_SERVICE', async () => {
    const m = new PcscMonitor({
      loadBinding: () => {
        throw new Error('libpcsclite.so.1: cannot open shared object file');
      },
    });
    open.push(m);
    const events: ReaderEvent[] = [];
    m.on((e) => events.push(e));
    await expect(m.ready()).resolves.toBe(false);
    expect(events[0]!.type).toBe('service-down');
    const e = await rejection(m.connect());
    expect(isTransportError(e, 'NO_SERVICE')).toBe(true);
    expect(m.serviceAvailable).toBe(false);
  });

  it('maps native events to reader/card events and tracks presence', async () => {
    const world = new FakeWorld();
    const { m, events } = await started(world);
    await expect(m.ready()).resolves.toBe(true);
    world.fire({ type: 'reader-attached', reader: 'Fake Reader 0', state: PRESENT, atr: ATR });
    world.fire({ type: 'reader-attached', reader: 'Fake Reader 1', state: 0 });
    expect(events).toEqual([
      { type: 'service-up' },
      { type: 'reader-added', reader: 'Fake Reader 0' },
      { type: 'card-inserted', reader: 'Fake Reader 0', atr: new Uint8Array(ATR) },
      { type: 'reader-added', reader: 'Fake Reader 1' },
    ]);
    expect(m.readers()).toEqual([
      { name: 'Fake Reader 0', cardPresent: true },
      { name: 'Fake Reader 1', cardPresent: false },
    ]);
    world.fire({ type: 'card-removed', reader: 'Fake Reader 0' });
    world.fire({ type: 'reader-detached', reader: 'Fake Reader 1' });
    expect(events.slice(4)).toEqual([
      { type: 'card-removed', reader: 'Fake Reader 0' },
      { type: 'reader-removed', reader: 'Fake Reader 1' },
    ]);
    expect(isTransportError(await rejection(m.connect('Reader 0')), 'NO_CARD')).toBe(true);
    expect(isTransportError(await rejection(m.connect('Reader 9')), 'NO_READER')).toBe(true);
  });

  it('always passes an explicit receive buffer: 65538 by default, maxResponseLength + 2 on request', async () => {
    const world = new FakeWorld();
    const { ch } = await withCard(world);
    await ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]));
    await ch.transmit(Uint8Array.from([0, 0xb0, 0, 0, 0]), { maxResponseLength: 256 });
    await ch.transmit(Uint8Array.from([0, 0xb0, 0, 0, 0]), { maxResponseLength: 10_000_000 });
    expect(world.recvLengths).toEqual([65538, 258, 262144]);
  });

  it('classifies binding rejections (Transaction failed → CARD_REMOVED, Insufficient buffer → PROTOCOL)', async () => {
    const world = new FakeWorld();
    const { ch } = await withCard(world);
    world.transmitImpl = async () => {
      throw new Error('Insufficient buffer');
    };
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0xb0, 0, 0, 0]))), 'PROTOCOL')).toBe(true);
    world.transmitImpl = async () => {
      throw new Error('Transaction failed');
    };
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0xb0, 0, 0, 0]))), 'CARD_REMOVED')).toBe(true);
  });

  it('treats an empty response as an error: CARD_REMOVED when the card is gone, PROTOCOL otherwise', async () => {
    const world = new FakeWorld();
    const { ch } = await withCard(world);
    world.transmitImpl = async () => Buffer.alloc(0);
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))), 'PROTOCOL')).toBe(true);
    world.statusThrows = new Error('Card was removed');
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))), 'CARD_REMOVED')).toBe(true);
    world.statusThrows = undefined;
    world.statusState = 0;
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))), 'CARD_REMOVED')).toBe(true);
  });

  it('applies a timeout to a transmit that never answers', async () => {
    const world = new FakeWorld();
    const { ch } = await withCard(world, { transmitTimeoutMs: 50 });
    world.transmitImpl = () => new Promise<Buffer>(() => undefined);
    const t0 = Date.now();
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))), 'TIMEOUT')).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1000);
    // A per-call deadline overrides the default.
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]), { timeoutMs: 20 })), 'TIMEOUT')).toBe(true);
  });

  it('close() does not release the handle under a stuck exchange; it does so when the exchange ends', async () => {
    const world = new FakeWorld();
    const { ch } = await withCard(world, { transmitTimeoutMs: 30 });
    let finish: (b: Buffer) => void = () => undefined;
    world.transmitImpl = () => new Promise<Buffer>((resolve) => (finish = resolve));
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))), 'TIMEOUT')).toBe(true);
    await ch.close();
    expect(world.disconnects).toBe(0);
    finish(Buffer.from([0x90, 0x00]));
    await until(() => world.disconnects === 1);
  });

  it('serialises concurrent transmits (one native call at a time, in call order)', async () => {
    const world = new FakeWorld();
    const { ch } = await withCard(world);
    let inFlight = 0;
    let maxInFlight = 0;
    const order: number[] = [];
    world.transmitImpl = async (cmd) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      order.push(cmd[3]!);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return Buffer.from([cmd[3]!, 0x90, 0x00]);
    };
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => ch.transmit(Uint8Array.from([0, 0xb0, 0, n, 1]))));
    expect(maxInFlight).toBe(1);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(answers.map((a) => a[0])).toEqual([1, 2, 3, 4, 5]);
  });

  it('a removal event kills open channels with CARD_REMOVED; close() releases the handle', async () => {
    const world = new FakeWorld();
    const { m, ch } = await withCard(world);
    world.fire({ type: 'card-removed', reader: 'Fake Reader 0' });
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))), 'CARD_REMOVED')).toBe(true);
    world.fire({ type: 'card-inserted', reader: 'Fake Reader 0', state: PRESENT, atr: ATR });
    const ch2 = await m.connect('Reader 0');
    expect((await ch2.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))).length).toBe(2);
    await ch2.close();
    expect(world.disconnects).toBe(1);
  });

  it('recovers from service loss: service-down, readers cleared, backoff retries, service-up, readers again', async () => {
    const world = new FakeWorld();
    const { m, ch, events } = await withCard(world, { backoffInitialMs: 20, backoffMaxMs: 80 });
    events.length = 0;
    world.failContexts = 3; // the service stays away for three attempts
    const attemptsBefore = world.contextAttempts.length;
    world.fire({ type: 'error', reader: 'Communication error' });
    await until(() => events.some((e) => e.type === 'service-up'));
    expect(events.slice(0, 4)).toEqual([
      { type: 'service-down', reason: 'Communication error' },
      { type: 'card-removed', reader: 'Fake Reader 0' },
      { type: 'reader-removed', reader: 'Fake Reader 0' },
      { type: 'reader-removed', reader: 'Fake Reader 1' },
    ]);
    expect(events.filter((e) => e.type === 'service-down')).toHaveLength(1);
    // Four attempts (three failing) with growing gaps: 20, 40, 80 ms.
    const attempts = world.contextAttempts.slice(attemptsBefore);
    expect(attempts).toHaveLength(4);
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(gaps[0]!).toBeGreaterThanOrEqual(15);
    expect(gaps[2]!).toBeGreaterThanOrEqual(60);
    expect(m.serviceAvailable).toBe(true);
    // The old session is over; the new monitor re-reports readers and cards.
    expect(isTransportError(await rejection(ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))), 'CARD_REMOVED')).toBe(true);
    world.fire({ type: 'reader-attached', reader: 'Fake Reader 0', state: PRESENT, atr: ATR });
    expect(events.at(-1)).toEqual({ type: 'card-inserted', reader: 'Fake Reader 0', atr: new Uint8Array(ATR) });
    const ch2 = await m.connect('Reader 0');
    expect((await ch2.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))).length).toBe(2);
  });

  it('ignores events from a disposed native monitor and survives throwing listeners', async () => {
    const world = new FakeWorld();
    const { m, events } = await withCard(world, { backoffInitialMs: 5 });
    m.on(() => {
      throw new Error('buggy listener');
    });
    const stale = world.monitors.at(-1)!;
    world.fire({ type: 'error', reader: 'PC/SC service not running' });
    await until(() => world.monitors.length === 2 && world.monitors[1]!.callback !== undefined);
    const count = events.length;
    stale.callback!({ type: 'card-removed', reader: 'Fake Reader 0', state: 0, atr: null });
    expect(events.length).toBe(count);
  });

  it('waitForCard resolves on card-inserted and rejects with TIMEOUT', async () => {
    const world = new FakeWorld();
    const { m } = await started(world);
    world.fire({ type: 'reader-attached', reader: 'Fake Reader 1', state: 0 });
    const waiting = m.waitForCard('Reader 1', 1000);
    world.fire({ type: 'card-inserted', reader: 'Fake Reader 1', state: PRESENT, atr: ATR });
    await expect(waiting).resolves.toBe('Fake Reader 1');
    expect(isTransportError(await rejection(m.waitForCard('Reader 7', 20)), 'TIMEOUT')).toBe(true);
    const forever = m.waitForCard('Reader 7');
    await m.close();
    expect(isTransportError(await rejection(forever), 'NO_SERVICE')).toBe(true);
  });
});

describe('Windows: SCARD_E_NO_SERVICE when the last reader is unplugged', () => {
  // WinSCard stops SCardSvr when the last reader goes; every context is then invalid and calls fail with
  // 0x8010001D until a reader is plugged in again and the service restarts.
  const NO_SERVICE = 'SCardListReaders: The Smart Card Resource Manager is not running. (0x8010001D)';

  it('the monitor drops its context on the error and builds a new one when the service returns', async () => {
    const world = new FakeWorld();
    const { m, events } = await withCard(world, { backoffInitialMs: 10, backoffMaxMs: 40 });
    world.fire({ type: 'reader-detached', reader: 'Fake Reader 0' });
    world.fire({ type: 'reader-detached', reader: 'Fake Reader 1' });
    const created = world.contextsCreated;
    world.failContexts = 2; // no reader, no service: the first new contexts fail
    events.length = 0;
    world.fire({ type: 'error', reader: 'SCardGetStatusChange: The Smart Card Resource Manager is not running. (0x8010001D)' });
    await until(() => events.some((e) => e.type === 'service-up'));
    expect(events[0]).toEqual({ type: 'service-down', reason: 'SCardGetStatusChange: The Smart Card Resource Manager is not running. (0x8010001D)' });
    expect(world.contextsCreated).toBe(created + 1);
    world.fire({ type: 'reader-attached', reader: 'Fake Reader 0', state: PRESENT, atr: ATR });
    const ch = await m.connect('Reader 0');
    expect((await ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))).length).toBe(2);
  });

  it('a connect that meets the stopped service fails as NO_SERVICE and the context is re-created', async () => {
    const world = new FakeWorld();
    // Contexts whose own calls fail once the service stops, before the native monitor reports anything.
    const realBinding = world.binding.bind(world);
    let listFails = false;
    world.binding = () => {
      const b = realBinding();
      const Base = b.Context as unknown as new () => { listReaders(): unknown[] };
      class StoppableContext extends Base {
        override listReaders(): unknown[] {
          if (listFails) throw new Error(NO_SERVICE);
          return super.listReaders();
        }
      }
      return { ...b, Context: StoppableContext as unknown as PcscBinding['Context'] };
    };
    const { m, events } = await withCard(world, { backoffInitialMs: 10, backoffMaxMs: 40 });
    const created = world.contextsCreated;
    listFails = true;
    world.failContexts = 1;
    events.length = 0;
    const err = await rejection(m.connect('Reader 0'));
    expect(isTransportError(err, 'NO_SERVICE')).toBe(true);
    expect(events[0]).toMatchObject({ type: 'service-down' });
    listFails = false;
    await until(() => events.some((e) => e.type === 'service-up'));
    expect(world.contextsCreated).toBe(created + 1);
    world.fire({ type: 'reader-attached', reader: 'Fake Reader 0', state: PRESENT, atr: ATR });
    const ch = await m.connect('Reader 0');
    expect((await ch.transmit(Uint8Array.from([0, 0x84, 0, 0, 8]))).length).toBe(2);
  });
});
