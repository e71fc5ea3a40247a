/**
 * The real browser host for attack tests: `motcua serve --no-open --demo` in a child process (the built-in
 * simulated card, a real encrypted store), plus raw-socket and WebSocket helpers to talk to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';

const ROOT = path.resolve(__dirname, '../..');

export interface RealHost {
  proc: ChildProcess;
  origin: string;
  port: number;
  /** Everything the host wrote to stdout and stderr. */
  output(): string;
  /** A fresh one-time launch link (asked for on the host's stdin). */
  launchLink(): Promise<string>;
  /** Redeem a launch link; returns the cookie. */
  cookie(): Promise<string>;
  alive(): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startRealHost(args: string[] = ['--demo']): Promise<RealHost> {
  const data = mkdtempSync(path.join(os.tmpdir(), 'motcua-attack-'));
  const proc = spawn(process.execPath, [path.join(ROOT, 'bin', 'motcua.mjs'), 'serve', '--no-open', '--port', '0', '--data', data, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host not ready: ${out}`)), 90_000);
    const poll = setInterval(() => {
      const m = /^Motcua ready at (\S+)$/m.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1]!);
      }
    }, 20);
    proc.once('exit', (c) => reject(new Error(`host exited ${c}: ${out}`)));
  });
  const origin = new URL(first).origin;
  let unused: string | null = first;
  const launchLink = async (): Promise<string> => {
    if (unused) return [unused, (unused = null)][0]!;
    const seen = out.length;
    proc.stdin!.write('launch\n');
    for (;;) {
      const m = /^Motcua launch at (\S+)$/m.exec(out.slice(seen));
      if (m) return m[1]!;
      if (proc.exitCode !== null) throw new Error('host exited');
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    proc,
    origin,
    port: Number(new URL(origin).port),
    output: () => out,
    launchLink,
    cookie: async () => {
      const res = await fetch(await launchLink(), { redirect: 'manual' });
      return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    },
    alive: async () => proc.exitCode === null && (await fetch(`${origin}/`).then((r) => r.status === 200, () => false)),
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Send raw bytes, collect what comes back until the server closes or `ms` passes. */
export function raw(port: number, bytes: string | Buffer, ms = 2000): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(bytes));
    let buf = '';
    const done = (): void => {
      s.destroy();
      resolve(buf);
    };
    s.on('data', (d) => (buf += d.toString('latin1')));
    s.on('close', done);
    s.on('error', done);
    setTimeout(done, ms).unref();
  });
}

export interface ApiSocket {
  ws: WebSocket;
  call(method: string, input: unknown, token?: string): Promise<{ ok: boolean; result?: unknown; error?: { code: string; detail?: string } }>;
  /** Every message the socket received (responses and events), in order. */
  received: { id?: number; event?: string; data?: unknown; ok?: boolean; error?: { code: string } }[];
  closed: Promise<number>;
}

export async function apiSocket(host: RealHost, cookie?: string): Promise<ApiSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api`, { origin: host.origin, headers: { Cookie: cookie ?? (await host.cookie()) } });
  const received: ApiSocket['received'] = [];
  const waiters = new Map<number, (m: never) => void>();
  let next = 1;
  ws.on('message', (m) => {
    const msg = JSON.parse(m.toString());
    received.push(msg);
    if (typeof msg.id === 'number') waiters.get(msg.id)?.(msg as never);
  });
  ws.on('error', () => undefined);
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_q, r) => reject(new Error(`handshake ${r.statusCode}`)));
  });
  return {
    ws,
    received,
    closed,
    call: (method, input, token) =>
      new Promise((resolve) => {
        const id = next++;
        waiters.set(id, resolve as never);
        ws.send(JSON.stringify({ id, method, input, ...(token ? { token } : {}) }));
      }),
  };
}

/** A masked client frame (RFC 6455 §5.2) with the given first byte and payload. */
export function frame(first: number, payload: Buffer, masked = true): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const len = payload.length;
  const head = len < 126 ? Buffer.from([first, (masked ? 0x80 : 0) | len]) : Buffer.from([first, (masked ? 0x80 : 0) | 126, len >> 8, len & 0xff]);
  const body = masked ? Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!)) : payload;
  return Buffer.concat([head, masked ? mask : Buffer.alloc(0), body]);
}

export function upgradeRequest(host: RealHost, target: string, cookie = ''): string {
  return [
    `GET ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${host.port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version: 13',
    `Origin: ${host.origin}`,
    ...(cookie ? [`Cookie: ${cookie}`] : []),
    '',
    '',
  ].join('\r\n');
}
