// Runs the print worker from the TypeScript sources (tsx, vitest): registers tsx's loader inside the worker
// thread, then loads the entry. Bundled runs start dist/*/printWorker.js directly and never use this file.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
