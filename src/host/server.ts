/**
 * Browser host: an HTTP server on 127.0.0.1 only, serving renderer/dist with a strict CSP, and the API over a
 * WebSocket at /api. A page gets in through a one-time launch link that sets an HttpOnly cookie (./launchAuth);
 * the WebSocket handshake needs that cookie, this host's Origin and Host, or it is refused with 401 before the
 * upgrade. No request, handshake or frame can throw past its handler: a bad one fails alone, the host stays up.
 */
import http from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import type { ApiCore } from '../api/core';
import { securityHeaders } from '../hostShared/csp';
import { loadStatic } from '../hostShared/staticFiles';
import { serveSocket } from './apiSocket';
import { LaunchAuth, LAUNCH_PATH } from './launchAuth';
import { MAX_MESSAGE_BYTES } from './messageLimits';
import { DISPLAY_POLICY, DISPLAY_SOCKET_PATH, displayCookieValid, handleDisplayRequest, watchDisplayCookie, type DisplayHostOptions } from './displayRoute';

export interface BrowserHostOptions {
  core: ApiCore;
  /** Folder with the built renderer (index.html). */
  staticDir: string;
  /** 0 = random free port. */
  port?: number;
  /** Fixed cookie secret for tests; random 32 bytes otherwise. */
  secret?: string;
  /** Extra query for the page, e.g. "mode=counter". */
  query?: string;
  /** English, log-safe lines (no personal data); stderr by default. */
  log?: (line: string) => void;
  /** The hall display: its token store, the announcement clips (./displayRoute). */
  display?: DisplayHostOptions;
}

export interface BrowserHost {
  port: number;
  origin: string;
  /** The page's address, without any credential. */
  url: string;
  /** A one-time link (2 minutes, first use) that lets one browser in: it sets the session cookie. */
  launchUrl(query?: string): string;
  close(): Promise<void>;
}

export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const auth = new LaunchAuth(o.secret);
  const log = o.log ?? ((line: string) => process.stderr.write(`motcua host: ${line}\n`));
  const root = path.resolve(o.staticDir);
  const display = o.display ?? {};
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  let port = 0;
  let origin = '';

  server.on('request', (req, res) => {
    const headers = securityHeaders(`ws://127.0.0.1:${port}`);
    try {
      if (!hostAllowed(req.headers.host, port)) return void res.writeHead(421, headers).end('misdirected request');
      if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      const url = safeUrl(req.url);
      if (!url) return void res.writeHead(400, headers).end();
      if (url.pathname === LAUNCH_PATH) {
        if (!auth.redeem(url.searchParams.get('t'))) return void res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('This launch link was already used or has expired. Start Motcua again.');
        url.searchParams.delete('t');
        const q = url.searchParams.toString();
        return void res.writeHead(303, { ...headers, 'Set-Cookie': auth.cookie(), Location: `/${q ? `?${q}` : ''}` }).end();
      }
      if (handleDisplayRequest(display, url, req, res, headers)) return;
      loadStatic(root, url.pathname).then(
        (f) => {
          if (!f) res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
          else res.writeHead(200, { ...headers, 'Content-Type': f.type, 'Content-Length': f.body.length }).end(req.method === 'HEAD' ? undefined : f.body);
        },
        () => res.writeHead(500, headers).end(),
      );
    } catch (e) {
      log(`request failed (${(e as Error)?.name ?? 'error'})`);
      if (!res.headersSent) res.writeHead(500, headers);
      res.end();
    }
  });

  server.on('upgrade', (req, socket: Duplex, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const url = safeUrl(req.url);
      const sameSite = hostAllowed(req.headers.host, port) && req.headers.origin === origin;
      const refuse = (): void => void socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      if (url?.pathname === DISPLAY_SOCKET_PATH) {
        // The hall display: its own cookie, or a page already let in; the display role in both cases.
        const byDisplayCookie = sameSite && displayCookieValid(display, req.headers.cookie);
        if (!sameSite || !(byDisplayCookie || auth.authorized(req.headers.cookie))) return refuse();
        return wss.handleUpgrade(req, socket, head, (ws) => {
          if (byDisplayCookie) watchDisplayCookie(display, ws, req.headers.cookie);
          serveSocket(ws, o.core, log, DISPLAY_POLICY);
        });
      }
      const ok = url?.pathname === '/api' && sameSite && auth.authorized(req.headers.cookie);
      if (!ok) return refuse();
      wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, o.core, log));
    } catch (e) {
      log(`websocket handshake failed (${(e as Error)?.name ?? 'error'})`);
      socket.destroy();
    }
  });
  // Malformed HTTP (bad request line, oversized headers): answer 400 and drop the connection, nothing else.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  wss.on('error', (e) => log(`websocket server error (${e.name})`));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  server.on('error', (e) => log(`server error (${e.name})`));
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  origin = `http://127.0.0.1:${port}`;
  const withQuery = (extra?: string): string => [o.query, extra].filter(Boolean).join('&');
  return {
    port,
    origin,
    url: `${origin}/${withQuery() ? `?${withQuery()}` : ''}`,
    launchUrl: (query) => `${origin}${LAUNCH_PATH}?t=${auth.mintToken()}${withQuery(query) ? `&${withQuery(query)}` : ''}`,
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

/** The request target as a URL, or null: "//", "///", "//[" and the like are not paths a browser of ours sends. */
function safeUrl(target: string | undefined): URL | null {
  if (!target || !target.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://127.0.0.1');
  } catch {
    return null;
  }
}
