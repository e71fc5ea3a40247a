/**
 * Browser host (issue #5 §3): an HTTP server on 127.0.0.1 only, serving renderer/dist with a strict CSP, and the
 * API over a WebSocket at /api. Every launch gets a random secret; the page URL carries it in the fragment (never
 * sent in HTTP requests or logged by proxies), the renderer presents it as `?s=` in the WebSocket handshake.
 * Wrong/missing secret or a foreign Origin → 401 before the upgrade. Loopback alone is not enough: any local
 * process or web page could otherwise drive the card reader (DNS rebinding, cross-site WebSocket hijacking).
 */
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ApiCore } from '../api/core';
import { EVENT_NAMES, requestEnvelopeSchema, type ApiErrorShape, type EventEnvelope, type ResponseEnvelope } from '../api/contract';
import { toApiError } from '../api/errorMapping';
import { securityHeaders } from '../hostShared/csp';
import { loadStatic } from '../hostShared/staticFiles';

export interface BrowserHostOptions {
  core: ApiCore;
  /** Folder with the built renderer (index.html). */
  staticDir: string;
  /** 0 = random free port. */
  port?: number;
  /** Fixed secret for tests; random 32 bytes otherwise. */
  secret?: string;
  /** Extra query for the page URL, e.g. "mode=counter". */
  query?: string;
}

export interface BrowserHost {
  port: number;
  secret: string;
  origin: string;
  /** Page URL with the secret in the fragment. */
  url: string;
  close(): Promise<void>;
}

const MAX_MESSAGE = 24 * 1024 * 1024; // trust.import carries a master list (≤ 20 MB base64)

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const secret = o.secret ?? randomBytes(32).toString('base64url');
  const root = path.resolve(o.staticDir);
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
  let origin = '';

  server.on('request', (req, res) => {
    const headers = securityHeaders(`ws://${req.headers.host ?? '127.0.0.1'}`);
    if (!hostAllowed(req.headers.host, port)) {
      res.writeHead(421, headers).end('misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    loadStatic(root, req.url ?? '/').then(
      (f) => {
        if (!f) res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
        else res.writeHead(200, { ...headers, 'Content-Type': f.type, 'Content-Length': f.body.length }).end(req.method === 'HEAD' ? undefined : f.body);
      },
      () => res.writeHead(500, headers).end(),
    );
  });

  server.on('upgrade', (req, socket: Duplex, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ok = url.pathname === '/api' && hostAllowed(req.headers.host, port) && req.headers.origin === origin && secretMatches(url.searchParams.get('s'), secret);
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, o.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  origin = `http://127.0.0.1:${port}`;
  const q = o.query ? `?${o.query}` : '';
  return {
    port,
    secret,
    origin,
    url: `${origin}/${q}#s=${secret}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hostAllowed(host: string | undefined, port: number): boolean {
  // DNS rebinding: a foreign name resolving to 127.0.0.1 would carry its own Host header.
  return host === `127.0.0.1:${port}`;
}

function secretMatches(given: string | null, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One WebSocket = one renderer: requests in, responses and events out. */
function serveSocket(ws: WebSocket, core: ApiCore): void {
  const send = (msg: ResponseEnvelope | EventEnvelope): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };
  const unsubs = EVENT_NAMES.map((event) => core.on(event, (data) => send({ event, data })));
  ws.on('close', () => unsubs.forEach((u) => u()));
  ws.on('message', (raw, isBinary) => {
    if (isBinary) return ws.close(1003, 'text only');
    let env: { id: number; method: string; input: unknown; token?: string };
    try {
      const parsed = requestEnvelopeSchema.safeParse(JSON.parse(raw.toString()));
      if (!parsed.success) throw new Error('bad envelope');
      env = parsed.data;
    } catch {
      const error: ApiErrorShape = { code: 'INVALID_INPUT', messageKey: 'error.INVALID_INPUT', detail: 'malformed request envelope' };
      return send({ id: -1, ok: false, error });
    }
    core.handle(env.method, env.input, env.token).then(
      (result) => send({ id: env.id, ok: true, result }),
      (e) => send({ id: env.id, ok: false, error: toApiError(e).toJSON() }),
    );
  });
}
