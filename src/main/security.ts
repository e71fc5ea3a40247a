/**
 * Electron hardening (Electron security checklist, https://www.electronjs.org/docs/latest/tutorial/security):
 * isolated + sandboxed renderer without Node, one strict CSP on every response of the app:// scheme, no
 * navigation, no new windows, no webviews, every permission request denied.
 */
import type * as Electron from 'electron';
import { contentSecurityPolicy } from '../hostShared/csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://motcua`;

export function secureWebPreferences(preload: string, devTools: boolean): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools,
    // PDF preview of the declaration uses Chromium's viewer in a blob: frame.
    plugins: true,
  };
}

/** Only the app's own pages may be shown; anything else (links, drag-and-drop, redirects) is refused. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

type SessionLike = Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'> & {
  setDevicePermissionHandler?: Electron.Session['setDevicePermissionHandler'];
};

export function hardenSession(session: SessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
  // Belt and braces: app:// responses carry the CSP themselves; this covers any other response.
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy()] } });
  });
}

type ContentsLike = Pick<Electron.WebContents, 'on' | 'setWindowOpenHandler'>;

/** Chromium's built-in PDF viewer (the declaration preview and the print window render PDFs with it). */
const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

/** The app's own pages, its blob: PDF previews, and the PDF viewer inside them: the only things a frame may show. */
function isAppFrameUrl(url: string): boolean {
  return isAppUrl(url) || url.startsWith(`blob:${APP_ORIGIN}/`) || url.startsWith(PDF_VIEWER_ORIGIN) || url === 'about:blank';
}

/**
 * Every way a page could leave what it is allowed to show is refused: top-level navigation and redirects, any
 * frame's navigation (will-frame-navigate covers subframes, which will-navigate does not), new windows, webviews.
 */
function guard(contents: ContentsLike, allowTop: (url: string) => boolean, allowFrame: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!allowTop(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowTop(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!(event.isMainFrame ? allowTop(event.url) : allowFrame(event.url))) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenWebContents(contents: ContentsLike): void {
  guard(contents, isAppUrl, isAppFrameUrl);
}

/**
 * The hall-display window shows the display page only: its rights come from which window it is (src/main/ipc.ts),
 * and it has no reason to go anywhere else, not even to the app's other pages.
 */
export function hardenDisplayContents(contents: ContentsLike, displayUrl: string): void {
  guard(contents, (url) => url === displayUrl, (url) => url === 'about:blank');
}

/** The hidden print window shows one PDF file (and the viewer's own frames) and navigates nowhere else. */
export function hardenPrintContents(contents: ContentsLike, pdfUrl: string): void {
  guard(contents, (url) => url === pdfUrl, (url) => url === pdfUrl || url.startsWith(PDF_VIEWER_ORIGIN) || url === 'about:blank');
}
