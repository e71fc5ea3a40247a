/**
 * Entry of the print worker thread (see printWorker.ts for why printing runs off the main thread). Answers
 * { id, job } with { id, pdf } (the bytes transferred, not copied) or { id, error }.
 */
import { parentPort } from 'node:worker_threads';
import { renderJob, type PrintJob } from './jobs';

export interface WorkerRequest {
  id: number;
  job: PrintJob;
}
export type WorkerReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error('print worker: must run in a worker thread');
port.on('message', (req: WorkerRequest) => {
  void (async () => {
    try {
      const rendered = await renderJob(req.job);
      // A pooled Buffer shares its ArrayBuffer with others: transfer an exact copy instead.
      const pdf = rendered.byteOffset === 0 && rendered.byteLength === rendered.buffer.byteLength ? rendered : new Uint8Array(rendered);
      port.postMessage({ id: req.id, pdf } satisfies WorkerReply, [pdf.buffer as ArrayBuffer]);
    } catch (e) {
      port.postMessage({ id: req.id, error: e instanceof Error ? e.message : String(e) } satisfies WorkerReply);
    }
  })();
});
