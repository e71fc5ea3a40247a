/** `motcua device join`: link this device's store to a centre with a one-time code. */
import path from 'node:path';
import { EXIT, parseArgs, str, UsageError } from './args';
import { parseServerAddress, isTlsFailure, isUnreachable } from '../centre/connection';
import { EnrolmentError, joinCentre, readCaFile } from '../centre/device/enrol';
import { loadDeviceNames } from '../centre/device/names';
import { defaultDataDir } from '../services/paths';
import { loadOrCreateKeyFile, KEY_FILE_NAME } from '../store/keyFile';
import { openStore } from '../store/sqliteStore';
import { searchKeysFromCatalogue } from '../forms/searchKeys';

const USAGE = 'usage: motcua device join --server <host:port/dbname> --code <code> [--ca <PEM file>] --db <file> [--json]';

export async function deviceCommand(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'join') throw new UsageError(USAGE);
  const { options } = parseArgs(rest, { server: { type: 'string' }, code: { type: 'string' }, ca: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } });
  const serverText = str(options, 'server');
  const code = str(options, 'code');
  if (!serverText || !code) throw new UsageError(USAGE);
  let server;
  try {
    server = parseServerAddress(serverText);
  } catch (e) {
    throw new UsageError(`${(e as Error).message}. ${USAGE}`);
  }
  const storeFile = path.resolve(str(options, 'db') ?? path.join(defaultDataDir(), 'motcua.db'));
  const ca = str(options, 'ca');
  try {
    const link = await joinCentre({ server, code, storeFile, caPem: ca ? readCaFile(ca) : undefined });
    // From now on the store records every change in its outbox; what it already holds is queued once.
    const store = openStore({ path: storeFile, key: loadOrCreateKeyFile(path.join(path.dirname(storeFile), KEY_FILE_NAME)), backupDir: path.join(path.dirname(storeFile), 'backups'), searchKeys: searchKeysFromCatalogue() });
    try {
      store.linkCentre({ deviceId: link.deviceId, centreId: link.centreId });
    } finally {
      store.close();
    }
    const name = loadDeviceNames(storeFile).find((d) => d.id === link.deviceId)?.name;
    const text = `joined centre ${link.centreId} as ${link.kind} device ${link.deviceId}${name ? ` ("${name}")` : ''}`;
    process.stdout.write(options.json ? JSON.stringify({ deviceId: link.deviceId, centreId: link.centreId }) + '\n' : text + '\n');
    return EXIT.OK;
  } catch (e) {
    if (e instanceof EnrolmentError) {
      process.stderr.write(`motcua device join: ${e.message}\n`);
      return EXIT.ACCESS;
    }
    if (isTlsFailure(e)) {
      process.stderr.write(`motcua device join: the server's TLS certificate could not be verified (${(e as Error).message}); a plain-text or unverified connection is refused\n`);
      return EXIT.ACCESS;
    }
    if (isUnreachable(e)) {
      process.stderr.write(`motcua device join: the server cannot be reached: ${(e as Error).message}\n`);
      return EXIT.TRANSPORT;
    }
    throw e;
  }
}
