/**
 * The browser host's hall-display parts: the display link (`/display?t=<token>` → an HttpOnly cookie, then the
 * page at `/display`), the display's own WebSocket (`/api/display`, limited to the display role of
 * src/hostShared/displayRole.ts), and the announcement clips under `/announce/<clip>.wav`.
 *
 * The display socket takes the display cookie (or the launch cookie of a page already let in: a person at the
 * kiosk PC may open the display in a second window) and is then held to the display role either way. A display
 * cookie is checked again every `recheckMs`: a TV whose link was replaced loses its socket within that time.
 */
import type http from 'node:http';
import type { WebSocket } from 'ws';
import { DISPLAY_EVENTS, displayMayCall } from '../hostShared/displayRole';
import { DISPLAY_PATH, displayCookie, displayTokenFromCookie, isCurrentDisplayToken, type SettingsPort } from '../hostShared/displayToken';
import { ANNOUNCE_PREFIX, loadAnnounceClip } from '../hostShared/announceClips';
import type { SocketPolicy } from './apiSocket';

export const DISPLAY_SOCKET_PATH = '/api/display';

export interface DisplayHostOptions {
  /** Where the display token's hash is kept (the app's store). Without it no display link is accepted. */
  store?: Pick<SettingsPort, 'getSetting'>;
  /** Folder with the announcement clips (dist/announce, or a centre's recordings under the same names). */
  announceDir?: string;
  /** How often an open display socket's cookie is checked again (default 30 s). */
  recheckMs?: number;
}

export const DISPLAY_POLICY: SocketPolicy = { mayCall: displayMayCall, events: DISPLAY_EVENTS };

type Headers = Record<string, string>;

/**
 * Answers the display link and the clips; returns false for any other request (the caller serves static files).
 * `/display` without a token falls through to the renderer's index.html, which connects with its cookie.
 */
export function handleDisplayRequest(o: DisplayHostOptions, url: URL, req: http.IncomingMessage, res: http.ServerResponse, headers: Headers): boolean {
  if (url.pathname === DISPLAY_PATH && url.searchParams.has('t')) {
    const token = url.searchParams.get('t');
    if (!o.store || !isCurrentDisplayToken(o.store, token)) {
      res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('This display link is not valid: it was replaced or mistyped. Ask the administrator for the current one (motcua display-link).');
      return true;
    }
    // Redirect to the bare path, so the token does not stay in the address bar or the page's history entry.
    res.writeHead(303, { ...headers, 'Set-Cookie': displayCookie(token!), Location: DISPLAY_PATH }).end();
    return true;
  }
  if (url.pathname.startsWith(ANNOUNCE_PREFIX)) {
    const notFound = (): void => void res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    const clip = o.announceDir ? loadAnnounceClip(o.announceDir, url.pathname) : Promise.resolve(null);
    clip.then(
      (body) => (body ? res.writeHead(200, { ...headers, 'Content-Type': 'audio/wav', 'Content-Length': body.length }).end(req.method === 'HEAD' ? undefined : body) : notFound()),
      notFound,
    );
    return true;
  }
  return false;
}

/** Whether a display socket's handshake carries a current display cookie. */
export function displayCookieValid(o: DisplayHostOptions, cookieHeader: string | undefined): boolean {
  return !!o.store && isCurrentDisplayToken(o.store, displayTokenFromCookie(cookieHeader));
}

/** Close a display socket once its cookie is no longer the current token (the link was replaced or revoked). */
export function watchDisplayCookie(o: DisplayHostOptions, ws: WebSocket, cookieHeader: string | undefined): void {
  const timer = setInterval(() => {
    if (!displayCookieValid(o, cookieHeader)) ws.close(4001, 'display link replaced');
  }, o.recheckMs ?? 30_000);
  timer.unref();
  ws.once('close', () => clearInterval(timer));
}
