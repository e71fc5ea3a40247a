/**
 * The report's charts in plain SVG (no chart library: two kinds of horizontal bars do not pay for a dependency).
 * Each chart is an image with a text alternative that lists every bar's numbers, so a screen reader gets the same.
 */

export interface DistRow {
  key: string;
  label: string;
  count: number;
  p50: number | null;
  p90: number | null;
  max: number | null;
}

/** 312 s → "5:12" (minutes:seconds). */
export function minSec(s: number | null): string {
  if (s === null) return '–';
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

// Drawn for the counter's main column at 1366 px (about 1070 px wide): the labels then show at about 16 px.
const W = 900;
const LABEL = 300;
const VALUE = 190;
const ROW = 30;
const BAR = W - LABEL - VALUE - 16;

/** A bar per group: dark to the median, light to p90, a tick at the longest; the numbers beside it. */
export function DistChart(props: { title: string; rows: DistRow[]; describe: (r: DistRow) => string; testId?: string }) {
  const rows = props.rows.filter((r) => r.count > 0);
  // Four grid steps of a round length (15 s … 1 h), so the axis reads 0:00, 5:00, 10:00 … rather than odd seconds.
  const longest = Math.max(1, ...rows.map((r) => r.max ?? 0));
  const step = [15, 30, 60, 120, 300, 600, 900, 1800, 3600].find((x) => 4 * x >= longest) ?? Math.ceil(longest / 4 / 3600) * 3600;
  const scale = 4 * step;
  const x = (s: number | null): number => LABEL + (BAR * (s ?? 0)) / scale;
  const h = Math.max(1, rows.length) * ROW + 26;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * scale));
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>
        <strong>{props.title}</strong>
      </figcaption>
      <svg className="dist-chart" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={`${props.title}. ${rows.map(props.describe).join('. ')}`}>
        {ticks.map((s) => (
          <g key={s} aria-hidden="true">
            <line x1={x(s)} x2={x(s)} y1={4} y2={h - 22} stroke="#c4c9d0" />
            <text x={x(s)} y={h - 6} textAnchor="middle">
              {minSec(s)}
            </text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = 6 + i * ROW;
          return (
            <g key={r.key} data-row={r.key} aria-hidden="true">
              <text x={LABEL - 8} y={y + 17} textAnchor="end">
                {r.label}
              </text>
              <rect x={LABEL} y={y + 3} width={x(r.p50) - LABEL} height={ROW - 10} fill="#0b4f9c" />
              <rect x={x(r.p50)} y={y + 3} width={x(r.p90) - x(r.p50)} height={ROW - 10} fill="#8fb4df" />
              <line x1={x(r.max)} x2={x(r.max)} y1={y} y2={y + ROW - 4} stroke="#1a1a1a" strokeWidth={3} />
              <text x={W - VALUE} y={y + 17}>
                {`${minSec(r.p50)} / ${minSec(r.p90)} / ${minSec(r.max)} (${r.count})`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

export interface BarRow {
  key: string;
  label: string;
  value: number;
}

/** One bar per row, the count at its end. */
export function BarChart(props: { title: string; rows: BarRow[]; testId?: string }) {
  const top = Math.max(1, ...props.rows.map((r) => r.value));
  const h = Math.max(1, props.rows.length) * ROW + 8;
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption>
        <strong>{props.title}</strong>
      </figcaption>
      <svg className="dist-chart" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={`${props.title}. ${props.rows.map((r) => `${r.label}: ${r.value}`).join('. ')}`}>
        {props.rows.map((r, i) => {
          const y = 4 + i * ROW;
          const w = ((BAR + VALUE - 60) * r.value) / top;
          return (
            <g key={r.key} data-row={r.key} aria-hidden="true">
              <text x={LABEL - 8} y={y + 17} textAnchor="end">
                {r.label}
              </text>
              <rect x={LABEL} y={y + 3} width={w} height={ROW - 10} fill="#0b4f9c" />
              <text x={LABEL + w + 6} y={y + 17}>
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
