/**
 * The hall display's API connection: Electron's preload bridge in the display window (main decides its rights by
 * window), otherwise the browser host's display socket /api/display, which lets in the display cookie of an
 * administrator's display link (or the launch cookie of a page already let in) and holds either to the display role.
 */
import type { PreloadBridge } from '../../../src/api/contract';
import { bridgeClient, wsClient, type WsClient } from '../api/client';

export function displayClient(w: Window & { motcua?: PreloadBridge }): WsClient {
  if (w.motcua) {
    const c = bridgeClient(w.motcua);
    // IPC has no connection to lose.
    return {
      ...c,
      onConnection: (l) => {
        l(true);
        return () => undefined;
      },
    };
  }
  return wsClient(`ws://${w.location.host}/api/display`);
}

/** The display is chosen by its path (/display, the display link's page) or, after a launch link, by ?view=display. */
export function isDisplayView(location: Pick<Location, 'pathname' | 'search'>): boolean {
  return location.pathname === '/display' || new URLSearchParams(location.search).get('view') === 'display';
}
