/**
 * `npm run fuzz -- --seconds N [--seed S] [--inputs N] [--target a,b]`: mutation-fuzz every card-fed parser and
 * print per-target counts. Stops at the time or input limit, or on SIGINT/SIGTERM, and prints the counts either
 * way. Exit code 1 when any untyped error was found (reproducers under artifacts/fuzz/); a parser stuck on one
 * input for 30 s is saved as artifacts/fuzz/hang-<target>.bin and the process is killed (watchdog.ts).
 */
import path from 'node:path';
import { runFuzz } from './engine';
import { formatReport, totals } from './report';
import { loadSeeds, REPO_ROOT } from './seeds';
import { TARGETS } from './targets';
import { startWatchdog } from './watchdog';

/** No real input takes more than a few seconds even on a loaded machine; a parser this slow is stuck. */
const HANG_SECONDS = 30;

function parseArgs(argv: string[]): { seconds: number | undefined; seed: number; inputs: number | undefined; targets: string[] | undefined } {
  const out = { seconds: undefined as number | undefined, seed: (Date.now() ^ (process.pid << 16)) >>> 0, inputs: undefined as number | undefined, targets: undefined as string[] | undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = argv[i + 1];
    const num = () => {
      const n = Number(value);
      if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`fuzz: ${a} needs a non-negative number`);
      i++;
      return n;
    };
    if (a === '--seconds') out.seconds = num();
    else if (a === '--seed') out.seed = num() >>> 0;
    else if (a === '--inputs') out.inputs = num();
    else if (a === '--target') {
      out.targets = (value ?? '').split(',').filter(Boolean);
      i++;
    } else throw new Error(`fuzz: unknown argument ${a} (use --seconds N, --seed S, --inputs N, --target a,b)`);
  }
  if (out.seconds === undefined && out.inputs === undefined) out.seconds = 60;
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const targets = args.targets ? TARGETS.filter((t) => args.targets!.includes(t.name)) : TARGETS;
  if (targets.length === 0) throw new Error(`fuzz: no such target (known: ${TARGETS.map((t) => t.name).join(', ')})`);
  let stop = false;
  const onSignal = (sig: string) => {
    console.log(`fuzz: ${sig} received, finishing the current input`);
    stop = true;
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  const artifactsDir = path.join(REPO_ROOT, 'artifacts', 'fuzz');
  const watchdog = startWatchdog(artifactsDir, HANG_SECONDS);
  console.log(`fuzz: seed ${args.seed}, ${args.seconds !== undefined ? `${args.seconds} s` : `${args.inputs} inputs`}, ${targets.length} targets`);
  const report = await runFuzz({
    seed: args.seed, seeds: loadSeeds(), targets, seconds: args.seconds, maxInputs: args.inputs,
    artifactsDir,
    shouldStop: () => stop,
    beforeInput: (target, input) => watchdog.beforeInput(target, input),
    onProgress: (stats, ms) => {
      const t = totals(stats);
      const line = `${(ms / 1000).toFixed(0)} s, ${t.inputs} inputs, ${t.typed} typed, ${t.accepted} accepted, ${t.untyped} untyped`;
      console.log(`fuzz: ${line}`);
      watchdog.progress(line);
    },
  });
  await watchdog.stop();
  console.log(formatReport(report));
  return totals(report.stats).untyped > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(2);
  },
);
