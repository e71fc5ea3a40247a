/**
 * PDF rendering on a worker thread that lives only while there is printing to do.
 *
 * Why not in the host's main thread: pdfkit with fontkit, the DejaVu fonts and the QR encoder take ~12 MB of RSS that a
 * kiosk would keep for the whole day after its first print, and laying out and subsetting a declaration blocks the
 * event loop for 100–300 ms on an old PC — the same loop that carries card-reader events and read progress. The
 * worker starts on the first job (~0.1–0.3 s, while the printer warms up anyway), renders on its own thread, and
 * is terminated after `idleMs` without work, which hands its whole heap back to the operating system.
 *
 * Entry: next to the bundle (dist/cli/printWorker.js, dist/main/printWorker.js — Electron ≥ 18 loads worker
 * scripts from app.asar, electron/electron#33216); from the TypeScript sources through tsx (workerBoot.mjs).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PrintJob } from './jobs';
import type { WorkerReply, WorkerRequest } from './worker';

export interface PrintWorkerOptions {
  /** Terminate the worker after this long without a job (default 10 s: a declaration and its slip, printed one after the other, share one). */
  idleMs?: number;
  /** A job that takes longer is abandoned and the worker restarted (default 60 s). */
  jobTimeoutMs?: number;
}

export class PrintWorkerError extends Error {
  override name = 'PrintWorkerError';
}

interface Pending {
  resolve(pdf: Uint8Array): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  /** The worker the job was sent to: a late 'exit' of an earlier worker must not fail jobs of the next one. */
  worker: Worker;
}

function workerStart(): { file: URL; workerData?: { entry: string } } {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    const bundled = new URL('./printWorker.js', here);
    if (existsSync(fileURLToPath(bundled))) return { file: bundled };
  }
  return { file: new URL('./workerBoot.mjs', here), workerData: { entry: new URL('./worker.ts', here).href } };
}

export class PrintWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private started = 0;
  private readonly idleMs: number;
  private readonly jobTimeoutMs: number;

  constructor(o: PrintWorkerOptions = {}) {
    this.idleMs = o.idleMs ?? 10_000;
    this.jobTimeoutMs = o.jobTimeoutMs ?? 60_000;
  }

  /** Whether a worker thread is alive now, and how many were started so far (tests, diagnostics). */
  stats(): { running: boolean; started: number } {
    return { running: this.worker !== null, started: this.started };
  }

  render(job: PrintJob): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new PrintWorkerError('print worker: closed'));
    const worker = this.ensureWorker();
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const id = this.nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A stuck layout must not hold the printer queue: drop this worker; the next job gets a fresh one.
        this.fail(worker, new PrintWorkerError(`print worker: job timed out after ${this.jobTimeoutMs} ms`));
      }, this.jobTimeoutMs);
      this.pending.set(id, { resolve, reject, timer, worker });
      worker.postMessage({ id, job } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const w = this.worker;
    if (w) this.fail(w, new PrintWorkerError('print worker: closed'));
    await w?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const start = workerStart();
    const w = new Worker(start.file, start.workerData ? { workerData: start.workerData } : {});
    this.worker = w;
    this.started++;
    // A pending job's timeout timer keeps the process alive; an idle worker must not (a CLI export exits at once).
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      const p = this.pending.get(reply.id);
      if (!p) return;
      this.pending.delete(reply.id);
      clearTimeout(p.timer);
      if ('pdf' in reply) p.resolve(reply.pdf);
      else p.reject(new PrintWorkerError(reply.error));
      if (this.pending.size === 0 && this.worker === w) this.scheduleIdleExit(w);
    });
    w.on('error', (e) => this.fail(w, new PrintWorkerError(`print worker failed: ${e.message}`)));
    w.on('exit', (code) => this.fail(w, new PrintWorkerError(`print worker exited with code ${code}`)));
    return w;
  }

  private scheduleIdleExit(w: Worker): void {
    this.idleTimer = setTimeout(() => {
      if (this.worker !== w || this.pending.size) return;
      this.worker = null;
      void w.terminate();
    }, this.idleMs);
    // An idle print worker must never keep the process alive.
    this.idleTimer.unref();
  }

  /** Rejects every job of this worker and forgets it (error, unexpected exit, timeout, close). */
  private fail(w: Worker, e: Error): void {
    if (this.worker === w) this.worker = null;
    for (const [id, p] of this.pending) {
      if (p.worker !== w) continue;
      clearTimeout(p.timer);
      p.reject(e);
      this.pending.delete(id);
    }
    void w.terminate();
  }
}
