/**
 * `motcua serve [--port <p>] [--no-open] [--demo] [--data <dir>] [--counter] [--display] [--reader <substring>]`: the browser host.
 * Prints one stdout line "Motcua ready at http://127.0.0.1:<p>/…" (scripts and the e2e tests wait for it), then
 * opens Chromium as a kiosk (or an app window with --counter) unless --no-open. Runs until SIGINT/SIGTERM.
 *
 * The page gets in with a one-time launch link (src/host/launchAuth.ts). Chromium is given one on its command
 * line; with --no-open the ready line carries one (valid 2 minutes, first use), and each line "launch" on stdin
 * prints another as "Motcua launch at <url>" — for the person or the test harness that started the host.
 *
 * `--display` also opens the hall display in a second window (one PC with a TV as its second screen). A display
 * browser started on its own gets in with an administrator's display link instead (`motcua display-link`).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { parseArgs, str, UsageError } from './args';
import { createApp, defaultDataDir } from '../app/compose';
import { startBrowserHost } from '../host/server';
import { openChromium } from '../host/openBrowser';
import { LpPrintSink } from '../hostShared/lpSink';

const RENDERER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'dist');
/** The announcement clips built by `npm run build:announce` (a centre may replace them with recordings). */
const ANNOUNCE_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'announce');

export async function serveCommand(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, {
    port: { type: 'string' },
    'no-open': { type: 'boolean' },
    demo: { type: 'boolean' },
    data: { type: 'string' },
    counter: { type: 'boolean' },
    display: { type: 'boolean' },
    reader: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const portText = str(options, 'port') ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError('--port must be 0–65535');
  if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist is missing: run `npm run build:renderer` first');
  const counter = options.counter === true;
  const demo = options.demo === true;

  const app = await createApp({ dataDir: path.resolve(str(options, 'data') ?? defaultDataDir()), demo, mode: counter ? 'counter' : 'kiosk', host: 'browser', sink: new LpPrintSink(), readerFilter: str(options, 'reader') });
  const host = await startBrowserHost({ core: app.core, staticDir: RENDERER_DIST, port: Number(portText), query: counter ? 'mode=counter' : undefined, display: { store: app.store, announceDir: ANNOUNCE_DIST } });
  const keepRunning = keepHostAlive();
  const noOpen = options['no-open'] === true;
  const browser = noOpen ? null : openChromium(host.launchUrl(), !counter);
  // The display speaks without anyone touching it: Chromium's autoplay rule would otherwise hold the first call back.
  const displayWindow = noOpen || options.display !== true ? null : openChromium(host.launchUrl('view=display'), false, ['--autoplay-policy=no-user-gesture-required']);
  process.stdout.write(`Motcua ready at ${browser ? host.url : host.launchUrl()}\n`);
  if (!noOpen && !browser) process.stderr.write('motcua serve: Chromium not found; open the link above in a browser within 2 minutes (type "launch" for a new one)\n');
  const stdin = launchLinksOnStdin(() => process.stdout.write(`Motcua launch at ${host.launchUrl()}\n`));

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    browser?.once('exit', stop);
  });
  browser?.kill();
  displayWindow?.kill();
  stdin();
  await host.close();
  await app.close();
  keepRunning();
  return 0;
}

/** Each "launch" line on stdin prints a new one-time link; returns the function that stops listening. */
function launchLinksOnStdin(print: () => void): () => void {
  let buf = '';
  const onData = (d: Buffer): void => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim();
      buf = buf.slice(nl + 1);
      if (line === 'launch') print();
    }
    if (buf.length > 1024) buf = '';
  };
  process.stdin.on('data', onData);
  process.stdin.on('error', () => undefined);
  return () => {
    process.stdin.off('data', onData);
    process.stdin.pause();
  };
}

/**
 * A host that exits on one unexpected error lets any page that triggers it take the kiosk down: log the error's
 * kind (never its message, which may hold personal data) and keep serving.
 */
function keepHostAlive(): () => void {
  const onError = (e: unknown): void => {
    process.stderr.write(`motcua serve: unexpected error (${(e as Error)?.name ?? typeof e}); the host keeps running\n`);
  };
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  return () => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  };
}
