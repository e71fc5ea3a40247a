/**
 * Test helper: present a simulated CCCD to the real pcscd through vpcd, from the test process itself, and run
 * the `motcua` CLI as a child process the way acceptance scripts do.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SimulatedCccd } from '../../src/sim/applet/cccdApplet';
import type { SimFaults } from '../../src/sim/applet/faults';
import type { SimProfile } from '../../src/sim/profile/types';
import { VpcdBridge } from '../../src/sim/vpcd';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const READER_0 = 'Virtual PCD 00 00';

export function ensurePcscd(): void {
  if (!fs.existsSync('/run/pcscd/pcscd.comm')) {
    throw new Error('pcscd is not running: start it with `bash scripts/pcscd.sh start` (npm test does)');
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Present a card on 'Virtual PCD 00 00'; returns the bridge (remove() = pull the card). */
export async function presentCard(profile: SimProfile, faults?: SimFaults, port = 35963): Promise<{ bridge: VpcdBridge; card: SimulatedCccd }> {
  const card = new SimulatedCccd(profile, { faults });
  const bridge = new VpcdBridge(card, { port });
  await bridge.insert();
  return { bridge, card };
}

/** pcscd polls vpcd about every 400 ms: wait ≥ 1 s after a removal before the next card (shared/README.md). */
export async function pullCard(bridge: VpcdBridge): Promise<void> {
  await bridge.close();
  await sleep(1100);
}

export function writeTemp(name: string, bytes: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-test-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runCli(args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'motcua.mjs'), ...args], {
      cwd: REPO,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`motcua ${args[0]} did not finish within ${opts.timeoutMs ?? 60_000} ms; stderr: ${stderr}`));
    }, opts.timeoutMs ?? 60_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
    child.stdin.end(opts.input ?? '');
  });
}
