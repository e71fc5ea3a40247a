/**
 * VpcdBridge against a fake vpcd: a TCP server on an ephemeral 127.0.0.1 port that speaks the vpcd
 * framing (2-byte big-endian length + payload) the way the vsmartcard driver does.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { VpcdBridge, encodeVpcdFrame, capVpcdResponse, VPCD_MAX_RESPONSE_DATA } from '../../../src/sim/vpcd';
import { EchoCard, ECHO_ATR, patternBytes } from '../../helpers/echoCard';
import { decodeResponse } from '../../../src/card/apdu';

/** The "driver" end of one card connection: sends frames, collects answer frames in order. */
class FakeVpcd {
  private buf = Buffer.alloc(0);
  private frames: Uint8Array[] = [];
  private waiters: ((f: Uint8Array) => void)[] = [];
  closed: Promise<void>;

  constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      while (this.buf.length >= 2 && this.buf.length >= 2 + this.buf.readUInt16BE(0)) {
        const len = this.buf.readUInt16BE(0);
        const frame = new Uint8Array(this.buf.subarray(2, 2 + len));
        this.buf = this.buf.subarray(2 + len);
        const w = this.waiters.shift();
        if (w) w(frame);
        else this.frames.push(frame);
      }
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  send(payload: Uint8Array): void {
    this.socket.write(encodeVpcdFrame(payload));
  }

  next(): Promise<Uint8Array> {
    const f = this.frames.shift();
    if (f) return Promise.resolve(f);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async exchange(payload: Uint8Array): Promise<Uint8Array> {
    this.send(payload);
    return this.next();
  }
}

let server: Server | undefined;
let bridge: VpcdBridge | undefined;

async function setup(card = new EchoCard(), onRemoved?: (r: string) => void): Promise<{ vpcd: FakeVpcd; card: EchoCard }> {
  const connected = new Promise<Socket>((resolve) => {
    server = createServer((s) => resolve(s));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  const address = server!.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  bridge = new VpcdBridge(card, { host: '127.0.0.1', port: address.port, onRemoved });
  await bridge.insert();
  return { vpcd: new FakeVpcd(await connected), card };
}

afterEach(async () => {
  await bridge?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  bridge = undefined;
  server = undefined;
});

const sw = (r: Uint8Array): number => decodeResponse(r).sw;

describe('vpcd framing helpers', () => {
  it('encodes a 2-byte big-endian length before the payload', () => {
    expect(encodeVpcdFrame(Uint8Array.from([0x04]))).toEqual(Uint8Array.from([0x00, 0x01, 0x04]));
    const f = encodeVpcdFrame(new Uint8Array(0x1234));
    expect([f[0], f[1], f.length]).toEqual([0x12, 0x34, 0x1236]);
    expect(() => encodeVpcdFrame(new Uint8Array(65536))).toThrow(RangeError);
  });

  it('caps R-APDUs at 65 533 data bytes and flags the cut with 6282', () => {
    const ok = new Uint8Array(VPCD_MAX_RESPONSE_DATA + 2);
    expect(capVpcdResponse(ok)).toBe(ok);
    const long = new Uint8Array(70000 + 2).fill(7);
    const capped = capVpcdResponse(long);
    expect(capped.length).toBe(65535);
    expect(sw(capped)).toBe(0x6282);
    expect(capped[65532]).toBe(7);
  });
});

describe('VpcdBridge', () => {
  it('answers control 04 with the ATR and applies power on / reset / off without answering', async () => {
    const { vpcd, card } = await setup();
    vpcd.send(Uint8Array.from([0x01])); // power on
    vpcd.send(Uint8Array.from([0x02])); // reset
    vpcd.send(Uint8Array.from([0x00])); // power off
    // Had any control been answered, that frame would come first instead of the ATR.
    expect(await vpcd.exchange(Uint8Array.from([0x04]))).toEqual(ECHO_ATR);
    expect(card.resets).toBe(2);
    expect(card.powerOffs).toBe(1);
    expect(bridge!.inserted).toBe(true);
  });

  it('answers C-APDUs with R-APDUs, including extended-length in and out', async () => {
    const { vpcd } = await setup();
    const challenge = await vpcd.exchange(Uint8Array.from([0x00, 0x84, 0x00, 0x00, 0x08]));
    expect(challenge.length).toBe(10);
    expect(sw(challenge)).toBe(0x9000);
    const big = await vpcd.exchange(Uint8Array.from([0x80, 0xb0, 0x20, 0x00, 0x00, 0x00, 0x00]));
    expect(big.length).toBe(8194);
    expect(big.subarray(0, 8192)).toEqual(patternBytes(8192));
    const data = patternBytes(4096).map((b) => b ^ 0x5a);
    const echo = await vpcd.exchange(
      Uint8Array.from([0x80, 0xee, 0x00, 0x00, 0x00, 0x10, 0x00, ...data, 0x00, 0x00]),
    );
    expect(echo.subarray(0, 4096)).toEqual(data);
    expect(sw(echo)).toBe(0x9000);
  });

  it('answers more than 65 533 data bytes with a capped 6282 frame and keeps the stream in sync', async () => {
    const { vpcd } = await setup();
    // 80 B0 FFFF, Le absent → the echo card wants to return 65 535 bytes.
    const capped = await vpcd.exchange(Uint8Array.from([0x80, 0xb0, 0xff, 0xff]));
    expect(capped.length).toBe(65535);
    expect(sw(capped)).toBe(0x6282);
    expect(sw(await vpcd.exchange(Uint8Array.from([0x00, 0xa4, 0x04, 0x0c, 0x01, 0xa0])))).toBe(0x9000);
  });

  it('reassembles frames split across TCP segments and several frames in one segment', async () => {
    const { vpcd } = await setup();
    const frame = encodeVpcdFrame(Uint8Array.from([0x00, 0x84, 0x00, 0x00, 0x08]));
    for (const b of frame) {
      vpcd.socket.write(Uint8Array.from([b]));
      await new Promise((r) => setTimeout(r, 2));
    }
    expect((await vpcd.next()).length).toBe(10);
    vpcd.socket.write(Buffer.concat([encodeVpcdFrame(Uint8Array.from([0x04])), frame]));
    expect(await vpcd.next()).toEqual(ECHO_ATR);
    expect((await vpcd.next()).length).toBe(10);
  });

  it('remove() closes the socket (card removal) and reports it once', async () => {
    const removed: string[] = [];
    const { vpcd, card } = await setup(new EchoCard(), (r) => removed.push(r));
    await bridge!.remove();
    await vpcd.closed;
    expect(bridge!.inserted).toBe(false);
    expect(removed).toHaveLength(1);
    expect(card.powerOffs).toBe(1);
  });

  it('fault injection: delivers the Nth answer, then closes the link', async () => {
    const removed: string[] = [];
    const { vpcd } = await setup(new EchoCard({ removeAfter: 2 }), (r) => removed.push(r));
    const get = Uint8Array.from([0x00, 0x84, 0x00, 0x00, 0x08]);
    expect(sw(await vpcd.exchange(get))).toBe(0x9000);
    expect(sw(await vpcd.exchange(get))).toBe(0x9000);
    await vpcd.closed;
    expect(bridge!.inserted).toBe(false);
    expect(removed).toHaveLength(1);
  });

  it('does not reconnect by itself after vpcd drops the connection', async () => {
    const { vpcd } = await setup();
    vpcd.socket.destroy();
    await vpcd.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(bridge!.inserted).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(bridge!.inserted).toBe(false);
  });

  it('insert() rejects when nothing listens on the port', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const address = probe.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const b = new VpcdBridge(new EchoCard(), { port: address.port });
    await expect(b.insert()).rejects.toThrow(/cannot connect/);
    expect(b.inserted).toBe(false);
  });

  it('close() refuses later inserts', async () => {
    await setup();
    await bridge!.close();
    await expect(bridge!.insert()).rejects.toThrow(/closed/);
  });
});

describe('VpcdBridge connect timeout', () => {
  it('gives up instead of hanging when the connect gets no answer', async () => {
    // TEST-NET-1 (RFC 5737) never answers: either the SYN is lost (timeout) or the network is unreachable.
    const b = new VpcdBridge(new EchoCard(), { host: '192.0.2.1', port: 35963, connectTimeoutMs: 200 });
    const t0 = Date.now();
    await expect(b.insert()).rejects.toThrow(/vpcd: cannot connect/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
