/**
 * Child process for tests/store/keyFileAtomic.test.ts — a first start of the browser host or the CLI:
 *   node --import tsx tests/helpers/keyChild.ts <data dir>
 * Loads (or creates) `<data dir>/store.key`, opens `<data dir>/motcua.db` with it, and prints the key's
 * SHA-256 (never the key). "loading key" goes to stderr first, so the parent knows the child got that far.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileKeyProvider } from '../../src/store/keyFile';
import { openStore } from '../../src/store/sqliteStore';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: keyChild.ts <data dir>');
  process.stderr.write('loading key\n');
  const key = await fileKeyProvider(dataDir).getKey();
  openStore({ path: path.join(dataDir, 'motcua.db'), key: new Uint8Array(key) }).close();
  process.stdout.write(`key ${createHash('sha256').update(key).digest('hex')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
