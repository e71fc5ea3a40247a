/** The fuzz report as a plain-text table (per target and total) plus the distinct untyped failures. */
import { BUDGET_MS, p99, type FuzzReport, type TargetStats } from './engine';

const COLUMNS = ['target', 'inputs', 'typed', 'accepted', 'untyped', 'stack', `>${BUDGET_MS}ms`, 'max ms', 'p99 ms'];

function row(s: TargetStats): string[] {
  return [
    s.name, String(s.inputs), String(s.typed), String(s.accepted), String(s.untyped), String(s.stackOverflows),
    String(s.overBudget), s.maxMs.toFixed(2), p99(s).toFixed(2),
  ];
}

export function totals(stats: TargetStats[]): Omit<TargetStats, 'histogram' | 'failures' | 'name' | 'slowest'> {
  const sum = (f: (s: TargetStats) => number) => stats.reduce((n, s) => n + f(s), 0);
  return {
    inputs: sum((s) => s.inputs), typed: sum((s) => s.typed), accepted: sum((s) => s.accepted), untyped: sum((s) => s.untyped),
    stackOverflows: sum((s) => s.stackOverflows), overBudget: sum((s) => s.overBudget), maxMs: Math.max(0, ...stats.map((s) => s.maxMs)),
  };
}

export function formatReport(r: FuzzReport): string {
  const t = totals(r.stats);
  const rows = [COLUMNS, ...r.stats.map(row), ['TOTAL', String(t.inputs), String(t.typed), String(t.accepted), String(t.untyped), String(t.stackOverflows), String(t.overBudget), t.maxMs.toFixed(2), '']];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((x) => x[c]!.length)));
  const lines = rows.map((x) => x.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  '));
  const seconds = r.elapsedMs / 1000;
  lines.push(`seed ${r.seed}, ${seconds.toFixed(1)} s, ${Math.round(t.inputs / Math.max(seconds, 0.001))} inputs/s`);
  for (const s of r.stats) {
    for (const [sig, file] of s.failures) lines.push(`UNTYPED ${s.name}: ${sig}${file ? ` (reproducer: ${file})` : ''}`);
  }
  return lines.join('\n');
}
