/**
 * The device child as one esbuild bundle: it starts in a fraction of the time `node --import tsx` needs, which
 * matters when the soak restarts killed devices on a loaded two-core machine.
 */
import { build } from 'esbuild';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export async function bundleDeviceChild(): Promise<string> {
  const outfile = path.join(ROOT, 'node_modules', '.cache', 'motcua-centre', `deviceChild.${process.pid}.cjs`);
  await build({
    entryPoints: [path.join(__dirname, 'deviceChild.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    external: ['better-sqlite3-multiple-ciphers', 'pg-native'],
    logLevel: 'error',
  });
  return outfile;
}
