/**
 * `motcua start`: the Electron host when its binary is present and executable, otherwise the browser host.
 * Says which on stderr so stdout keeps serve's single "ready" line. A fresh machine without a reader opens the
 * demonstration mode (src/cli/firstRunDemo.ts).
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { serveCommand } from './serve';
import { defaultDataDir } from '../services/paths';
import { firstRunDemo } from './firstRunDemo';

/** Path of a runnable Electron binary, or null (electron ≥ 45 fetches it lazily; offline it is absent). */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const { readFileSync } = require('node:fs') as typeof import('node:fs');
    const bin = path.join(pkgDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    accessSync(bin, constants.X_OK);
    return bin;
  } catch {
    return null;
  }
}

/** The `--data` folder named on the command line, else the default one. */
function dataDirOf(argv: string[]): string {
  const i = argv.findIndex((a) => a === '--data' || a.startsWith('--data='));
  const arg = argv[i];
  if (arg === undefined) return defaultDataDir();
  return path.resolve(arg.includes('=') ? arg.slice('--data='.length) : (argv[i + 1] ?? ''));
}

export async function startCommand(argv: string[]): Promise<number> {
  if (!argv.includes('--demo')) {
    const decision = await firstRunDemo(dataDirOf(argv));
    if (decision.demo) {
      process.stderr.write(`motcua start: ${decision.reason}\n`);
      argv = [...argv, '--demo'];
    }
  }
  const bin = electronBinary();
  if (!bin) {
    process.stderr.write('motcua start: Electron binary not available; using the browser host (Chromium)\n');
    return serveCommand(argv);
  }
  process.stderr.write('motcua start: running the Electron host\n');
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const child = spawn(bin, [path.join(root, 'dist', 'main', 'main.js'), ...argv], { stdio: 'inherit' });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}
