/**
 * Hang watchdog for the fuzz CLI. A parser stuck in a synchronous loop blocks the event loop, so neither the time
 * limit nor SIGTERM can stop it from inside; a worker thread watches a heartbeat in shared memory instead. When no
 * input has finished for `hangSeconds`, it saves the input in flight as artifacts/fuzz/hang-<target>.bin, prints
 * the last progress line, and kills the process (exit by SIGKILL, so CI sees a failure rather than a stuck job).
 */
import { Worker } from 'node:worker_threads';

const MAX_KEPT = 1 << 20;
const NAME_BYTES = 64;

/** Runs inside the worker: plain JS (no TypeScript loader in the thread); fs.writeSync because the worker's own
 * process.stderr is relayed through the main thread, which is the one stuck. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const meta = new Int32Array(workerData.shared, 0, 4);
const name = new Uint8Array(workerData.shared, 16, ${NAME_BYTES});
const bytes = new Uint8Array(workerData.shared, 16 + ${NAME_BYTES});
let last = '';
parentPort.on('message', (m) => { last = m; });
let seen = Atomics.load(meta, 0);
let since = Date.now();
setInterval(() => {
  const now = Atomics.load(meta, 0);
  if (now !== seen || Atomics.load(meta, 3) === 0) { seen = now; since = Date.now(); return; }
  if (Date.now() - since < workerData.hangMs) return;
  const target = Buffer.from(name).toString('latin1').replace(/\\0+$/, '');
  const length = Atomics.load(meta, 1);
  fs.mkdirSync(workerData.dir, { recursive: true });
  const file = path.join(workerData.dir, 'hang-' + target + '.bin');
  fs.writeFileSync(file, bytes.subarray(0, Math.min(length, bytes.length)));
  fs.writeSync(2, 'fuzz: HANG — ' + target + ' has run one input for ' + Math.round((Date.now() - since) / 1000) + ' s (' + length + ' bytes, saved to ' + file + ')\\n');
  if (last) fs.writeSync(2, 'fuzz: last counts before the hang: ' + last + '\\n');
  process.kill(process.pid, 'SIGKILL');
}, 1000).unref();
`;

export interface Watchdog {
  beforeInput(target: string, input: Uint8Array): void;
  progress(line: string): void;
  stop(): Promise<void>;
}

export function startWatchdog(dir: string, hangSeconds: number): Watchdog {
  const shared = new SharedArrayBuffer(16 + NAME_BYTES + MAX_KEPT);
  const meta = new Int32Array(shared, 0, 4);
  const name = new Uint8Array(shared, 16, NAME_BYTES);
  const bytes = new Uint8Array(shared, 16 + NAME_BYTES);
  const encoder = new TextEncoder();
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, dir, hangMs: hangSeconds * 1000 } });
  Atomics.store(meta, 3, 1);
  return {
    beforeInput(target, input) {
      name.fill(0);
      encoder.encodeInto(target.slice(0, NAME_BYTES), name);
      bytes.set(input.length > MAX_KEPT ? input.subarray(0, MAX_KEPT) : input);
      Atomics.store(meta, 1, input.length);
      Atomics.add(meta, 0, 1);
    },
    progress(line) {
      worker.postMessage(line);
    },
    async stop() {
      Atomics.store(meta, 3, 0);
      await worker.terminate();
    },
  };
}
