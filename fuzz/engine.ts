/**
 * The fuzz loop: share inputs between targets by weight (smooth weighted round robin, so a short fixed-count
 * pass still reaches every target), mutate a seed with a seeded PRNG, run the parser, and classify the outcome:
 * accepted, typed rejection, or untyped error (saved as a reproducer file). Per-input time goes into a 10 µs
 * histogram, so p99 and max cost nothing to keep during a multi-hour run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../src/sim/profile/face';
import { int, mutate } from './mutate';
import { describeInput, isStackOverflow, isTypedRejection, type FuzzTarget } from './targets';
import type { SeedSet } from './seeds';

/** The per-input budget the parsers are held to; inputs above it are counted, not failed (no timing asserts). */
export const BUDGET_MS = 100;
const BUCKET_MS = 0.01;
const BUCKETS = 100_000; // 10 µs × 100 000 = 1 s; slower inputs land in the last bucket (max is kept exactly)
const POOL_EXTRA = 64;
const POOL_MAX_INPUT = 64 * 1024;
const MAX_REPRODUCERS_PER_TARGET = 20;

export interface TargetStats {
  name: string;
  inputs: number;
  typed: number;
  accepted: number;
  untyped: number;
  stackOverflows: number;
  overBudget: number;
  maxMs: number;
  histogram: Uint32Array;
  /** The slowest input over the budget (saved as slow-<target>.bin at the end of the run). */
  slowest: { ms: number; input: Uint8Array; steps: string[] } | undefined;
  /** Distinct untyped error signatures (name: message) with one reproducer file each. */
  failures: Map<string, string | null>;
}

export interface FuzzOptions {
  seed: number;
  seeds: SeedSet;
  targets: FuzzTarget[];
  maxInputs?: number;
  seconds?: number;
  /** Where reproducers go (artifacts/fuzz); null keeps them in memory only. */
  artifactsDir: string | null;
  shouldStop?: () => boolean;
  onProgress?: (stats: TargetStats[], elapsedMs: number) => void;
  /** Called with every input just before it runs (the CLI's hang watchdog keeps a copy). */
  beforeInput?: (target: string, input: Uint8Array) => void;
}

export interface FuzzReport {
  seed: number;
  elapsedMs: number;
  stats: TargetStats[];
}

export function p99(s: TargetStats): number {
  const limit = Math.ceil(s.inputs * 0.99);
  let seen = 0;
  for (let i = 0; i < s.histogram.length; i++) {
    seen += s.histogram[i]!;
    if (seen >= limit) return i === BUCKETS - 1 ? s.maxMs : Math.min(s.maxMs, (i + 1) * BUCKET_MS);
  }
  return s.maxMs;
}

function saveReproducer(dir: string, target: string, input: Uint8Array, error: unknown, steps: string[]): string {
  mkdirSync(dir, { recursive: true });
  const id = createHash('sha256').update(input).digest('hex').slice(0, 16);
  const base = path.join(dir, `${target}-${id}`);
  writeFileSync(`${base}.bin`, input);
  const e = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  writeFileSync(`${base}.txt`, `target: ${target}\ninput: ${describeInput(input)}\nmutations: ${steps.join(', ')}\n\n${e.slice(0, 4000)}\n`);
  return `${base}.bin`;
}

function signature(e: unknown): string {
  if (!(e instanceof Error)) return `non-Error throw: ${String(e).slice(0, 80)}`;
  return `${e.name}: ${e.message.replace(/\d+/g, 'N').slice(0, 120)}`;
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const rng = mulberry32(opts.seed);
  const targets = opts.targets.filter((t) => (opts.seeds[t.name]?.length ?? 0) > 0);
  const pools = targets.map((t) => [...opts.seeds[t.name]!]);
  const stats: TargetStats[] = targets.map((t) => ({
    name: t.name, inputs: 0, typed: 0, accepted: 0, untyped: 0, stackOverflows: 0, overBudget: 0, maxMs: 0,
    histogram: new Uint32Array(BUCKETS), failures: new Map(), slowest: undefined,
  }));
  const credit = targets.map(() => 0);
  const totalWeight = targets.reduce((s, t) => s + t.weight, 0);
  const start = performance.now();
  const deadline = opts.seconds === undefined ? Infinity : start + opts.seconds * 1000;
  let total = 0;
  let lastYield = start;
  let lastProgress = start;

  while (total < (opts.maxInputs ?? Infinity)) {
    // Smooth weighted round robin: every target earns its weight; the richest runs and pays the total.
    let k = 0;
    for (let i = 0; i < targets.length; i++) {
      credit[i]! += targets[i]!.weight;
      if (credit[i]! > credit[k]!) k = i;
    }
    credit[k]! -= totalWeight;
    const target = targets[k]!;
    const pool = pools[k]!;
    const s = stats[k]!;
    const { input, steps } = mutate(rng, pool[int(rng, pool.length)]!, pool);

    opts.beforeInput?.(target.name, input);
    const t0 = performance.now();
    let outcome: 'accepted' | 'typed' | 'untyped' = 'accepted';
    let error: unknown;
    try {
      const r = target.run(input);
      if (r instanceof Promise) await r;
    } catch (e) {
      error = e;
      outcome = isTypedRejection(e) ? 'typed' : 'untyped';
    }
    const ms = performance.now() - t0;

    s.inputs++;
    total++;
    s.histogram[Math.min(BUCKETS - 1, Math.floor(ms / BUCKET_MS))]!++;
    if (ms > s.maxMs) s.maxMs = ms;
    if (ms > BUDGET_MS) {
      s.overBudget++;
      if (!s.slowest || ms > s.slowest.ms) s.slowest = { ms, input, steps };
    }
    if (outcome === 'accepted') {
      s.accepted++;
      // Accepted mutants become seeds too (a small ring per target), so later mutations start from odd but valid input.
      if (input.length <= POOL_MAX_INPUT && rng() < 0.05) {
        const base = opts.seeds[target.name]!.length;
        if (pool.length < base + POOL_EXTRA) pool.push(input);
        else pool[base + int(rng, POOL_EXTRA)] = input;
      }
    } else if (outcome === 'typed') {
      s.typed++;
    } else {
      s.untyped++;
      if (isStackOverflow(error)) s.stackOverflows++;
      const sig = signature(error);
      if (!s.failures.has(sig) && s.failures.size < MAX_REPRODUCERS_PER_TARGET) {
        s.failures.set(sig, opts.artifactsDir ? saveReproducer(opts.artifactsDir, target.name, input, error, steps) : null);
      }
    }

    const now = performance.now();
    if (now >= deadline || opts.shouldStop?.()) break;
    if (now - lastYield > 50) {
      // Let signal handlers and timers run (SIGINT/SIGTERM set shouldStop).
      await new Promise((r) => setImmediate(r));
      lastYield = performance.now();
    }
    if (opts.onProgress && now - lastProgress > 10_000) {
      opts.onProgress(stats, now - start);
      lastProgress = now;
    }
  }
  if (opts.artifactsDir) {
    for (const s of stats) {
      if (!s.slowest) continue;
      mkdirSync(opts.artifactsDir, { recursive: true });
      const base = path.join(opts.artifactsDir, `slow-${s.name}`);
      writeFileSync(`${base}.bin`, s.slowest.input);
      writeFileSync(`${base}.txt`, `target: ${s.name}\n${s.slowest.ms.toFixed(1)} ms\ninput: ${describeInput(s.slowest.input)}\nmutations: ${s.slowest.steps.join(', ')}\n`);
    }
  }
  return { seed: opts.seed, elapsedMs: performance.now() - start, stats };
}
