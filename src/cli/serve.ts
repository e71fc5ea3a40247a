/**
 * `motcua serve [--port <p>] [--no-open] [--demo] [--data <dir>] [--counter] [--reader <substring>]`: the browser host.
 * Prints exactly one stdout line "Motcua ready at http://127.0.0.1:<p>/…" (scripts and the e2e tests wait for it),
 * then opens Chromium as a kiosk (or an app window with --counter) unless --no-open. Runs until SIGINT/SIGTERM.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { parseArgs, str, UsageError } from './args';
import { createApp, defaultDataDir } from '../app/compose';
import { startBrowserHost } from '../host/server';
import { openChromium } from '../host/openBrowser';
import { LpPrintSink } from '../hostShared/lpSink';

export const RENDERER_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'renderer', 'dist');

export async function serveCommand(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, {
    port: { type: 'string' },
    'no-open': { type: 'boolean' },
    demo: { type: 'boolean' },
    data: { type: 'string' },
    counter: { type: 'boolean' },
    reader: { type: 'string' },
  });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const portText = str(options, 'port') ?? '0';
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) throw new UsageError('--port must be 0–65535');
  if (!existsSync(path.join(RENDERER_DIST, 'index.html'))) throw new Error('renderer/dist is missing: run `npm run build:renderer` first');
  const counter = options.counter === true;
  const demo = options.demo === true;

  const app = await createApp({ dataDir: path.resolve(str(options, 'data') ?? defaultDataDir()), demo, mode: counter ? 'counter' : 'kiosk', host: 'browser', sink: new LpPrintSink(), readerFilter: str(options, 'reader') });
  const host = await startBrowserHost({ core: app.core, staticDir: RENDERER_DIST, port: Number(portText), query: counter ? 'mode=counter' : undefined });
  process.stdout.write(`Motcua ready at ${host.url}\n`);
  const browser = options['no-open'] ? null : openChromium(host.url, !counter);
  if (!options['no-open'] && !browser) process.stderr.write('motcua serve: Chromium not found; open the URL above in a browser\n');

  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    browser?.once('exit', stop);
  });
  browser?.kill();
  await host.close();
  await app.close();
  return 0;
}
