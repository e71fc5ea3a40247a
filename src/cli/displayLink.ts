/**
 * `motcua display-link [--db <file>] [--port <p>] [--revoke] [--json]`: the administrator's way to let a hall
 * display in (src/hostShared/displayToken.ts). Each run makes a NEW token and prints the link once; the previous
 * link and every display cookie made from it stop working (within 30 s for a display already showing). The store
 * keeps only the token's hash, so a lost link is replaced, never recovered. `--revoke` removes the token.
 *
 * The host listens on 127.0.0.1 only, so the display's browser runs on the same PC as the host: the TV as a second
 * screen of a counter or kiosk PC, or a small PC by the TV running its own host on the centre's shared queue. The
 * link is for a browser started on its own (an autostart entry, a bookmark); `serve --display` and Electron's
 * `--display` open a display window without it. The link carries a secret and is printed on purpose — unlike the
 * launch secret, this one is meant to be handed to a device; open it once, then close the terminal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, str, UsageError } from './args';
import { defaultDataDir } from '../app/compose';
import { loadOrCreateKeyFile, KEY_FILE_NAME } from '../store/keyFile';
import { openStore } from '../store/sqliteStore';
import { searchKeysFromCatalogue } from '../forms/searchKeys';
import { DISPLAY_PATH, revokeDisplayToken, rotateDisplayToken } from '../hostShared/displayToken';

export async function displayLinkCommand(argv: string[]): Promise<number> {
  const { options, positionals } = parseArgs(argv, { db: { type: 'string' }, port: { type: 'string' }, revoke: { type: 'boolean' }, json: { type: 'boolean' }, actor: { type: 'string' } });
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const portText = str(options, 'port');
  if (portText !== undefined && (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)) throw new UsageError('--port must be 1–65535 (the port `motcua serve --port` uses)');
  const file = path.resolve(str(options, 'db') ?? path.join(defaultDataDir(), 'motcua.db'));
  // Never create a store here: a typo in --db would otherwise make a new, empty one with its own key.
  if (!fs.existsSync(file)) throw new UsageError(`no store at ${file}: give the app's store with --db (start Motcua once to create it)`);
  const actor = str(options, 'actor') ?? 'cli';
  const key = loadOrCreateKeyFile(path.join(path.dirname(file), KEY_FILE_NAME));
  const store = openStore({ path: file, key, backupDir: path.join(path.dirname(file), 'backups'), searchKeys: searchKeysFromCatalogue() });
  try {
    if (options.revoke === true) {
      revokeDisplayToken(store, actor);
      process.stdout.write(options.json ? `${JSON.stringify({ revoked: true })}\n` : 'display link revoked: no display gets in until a new link is made\n');
      return 0;
    }
    const token = rotateDisplayToken(store, actor);
    const pathAndQuery = `${DISPLAY_PATH}?t=${token}`;
    const url = portText ? `http://127.0.0.1:${portText}${pathAndQuery}` : null;
    if (options.json) process.stdout.write(`${JSON.stringify({ url, path: pathAndQuery })}\n`);
    else {
      process.stdout.write(`${url ?? pathAndQuery}\n`);
      process.stderr.write(
        `${url ? '' : "Add the host's address in front (http://127.0.0.1:<port>, the port of `motcua serve --port`). "}` +
          "Open it once in the display's browser on this PC; any earlier display link no longer works.\n",
      );
    }
    return 0;
  } finally {
    store.close();
  }
}
