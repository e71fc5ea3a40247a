/**
 * CI pass of the parser fuzzer: a fixed seed, 20,000 mutated inputs shared by every card-fed parser. It asserts
 * that nothing but the project's typed parse errors escapes (no TypeError, RangeError, stack overflow, plain
 * Error) and prints the per-target counts and timings (no timing assertions: speed is reported, not tested).
 * `npm run fuzz -- --seconds N` runs the same engine for longer with a random or given seed.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFuzz } from '../../fuzz/engine';
import { formatReport, totals } from '../../fuzz/report';
import { loadSeeds, type SeedSet } from '../../fuzz/seeds';
import { TARGETS, type FuzzTarget } from '../../fuzz/targets';
import { decodeOne } from '../../src/card/asn1/tlv';

const CI_SEED = 20_260_101;
const CI_INPUTS = 20_000;

describe('parser fuzzing', () => {
  let seeds: SeedSet;
  let artifacts: string;
  beforeAll(() => {
    seeds = loadSeeds();
    artifacts = mkdtempSync(path.join(tmpdir(), 'motcua-fuzz-'));
  });
  afterAll(() => rmSync(artifacts, { recursive: true, force: true }));

  it('has real seeds for every target', () => {
    for (const t of TARGETS) expect(seeds[t.name]?.length, t.name).toBeGreaterThan(0);
  });

  it(`${CI_INPUTS} mutated inputs across all targets: only typed rejections, no untyped errors or stack overflows`, async () => {
    const report = await runFuzz({ seed: CI_SEED, seeds, targets: TARGETS, maxInputs: CI_INPUTS, artifactsDir: artifacts });
    console.log(formatReport(report));
    const t = totals(report.stats);
    expect(t.inputs).toBe(CI_INPUTS);
    expect(report.stats.map((s) => s.name).sort()).toEqual(TARGETS.map((x) => x.name).sort());
    for (const s of report.stats) {
      expect(s.inputs, s.name).toBeGreaterThan(0);
      expect(s.typed + s.accepted + s.untyped, s.name).toBe(s.inputs);
    }
    // The mutations must reach past the outer checks: most targets accept some inputs and reject others.
    expect(report.stats.filter((s) => s.accepted > 0 && s.typed > 0).length).toBeGreaterThanOrEqual(12);
    expect([...report.stats.flatMap((s) => [...s.failures.keys()])]).toEqual([]);
    expect(t.untyped).toBe(0);
    expect(t.stackOverflows).toBe(0);
  }, 600_000);

  it('reports an untyped error and a stack overflow with a reproducer file (the engine itself is checked)', async () => {
    const buggy: FuzzTarget[] = [
      { name: 'dg1', weight: 1, run: (b) => (b.length % 2 === 0 ? decodeOne(b) : (null as unknown as { x: number }).x) },
      { name: 'dg13', weight: 1, run: () => { const f = (n: number): number => f(n + 1) + 1; return f(0); } },
    ];
    const report = await runFuzz({ seed: 7, seeds, targets: buggy, maxInputs: 200, artifactsDir: artifacts });
    const [dg1, dg13] = report.stats;
    expect(dg1!.untyped).toBeGreaterThan(0);
    expect([...dg1!.failures.keys()].some((k) => k.startsWith('TypeError'))).toBe(true);
    expect(dg13!.stackOverflows).toBe(dg13!.inputs);
    const files = readdirSync(artifacts).filter((f) => f.endsWith('.bin'));
    expect(files.some((f) => f.startsWith('dg1-'))).toBe(true);
    const note = readFileSync(path.join(artifacts, files.find((f) => f.startsWith('dg13-'))!.replace(/\.bin$/, '.txt')), 'utf8');
    expect(note).toMatch(/RangeError: Maximum call stack size exceeded/);
  });
});
