/**
 * A self-contained HTML report of a backtest: the summary, the metrics and the equity curve as an
 * inline SVG. No scripts, no external resources: it opens anywhere, offline.
 */
import { formatMetricsTable } from '../../portfolio/metrics/format-metrics.js';
import type { PerformanceMetrics } from '../../portfolio/metrics/performance-metrics.js';
import type { RunSummary } from '../../backtest/run-outputs.js';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** At most this many points are drawn (the curve is sampled evenly). */
const MAX_POINTS = 1_000;

function equitySvg(equity: ArrayLike<number>): string {
  const n = equity.length;
  if (n < 2) return '<p>Not enough points for an equity curve.</p>';
  const step = Math.max(1, Math.ceil(n / MAX_POINTS));
  const values: number[] = [];
  for (let i = 0; i < n; i += step) values.push(equity[i]);
  if ((n - 1) % step !== 0) values.push(equity[n - 1]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const w = 800;
  const h = 240;
  const points = values
    .map((v, i) => `${((i / (values.length - 1)) * w).toFixed(1)},${(h - ((v - min) / span) * h).toFixed(1)}`)
    .join(' ');
  return `<svg viewBox="0 0 ${w} ${h}" width="100%" height="${h}" role="img" aria-label="equity curve"><polyline fill="none" stroke="#2563eb" stroke-width="1.5" points="${points}"/></svg>`;
}

/** The report's HTML. `equity`: the curve in account currency units. */
export function backtestReportHtml(input: {
  readonly title: string;
  readonly summary: RunSummary;
  readonly metrics: PerformanceMetrics;
  readonly equity: ArrayLike<number>;
}): string {
  const rows = (pairs: ReadonlyArray<readonly [string, string]>): string =>
    pairs.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const s = input.summary;
  const summary: [string, string][] = [
    ['Starting cash', `${s.startingCash} ${s.currency}`],
    ['Final equity', `${s.finalEquity} ${s.currency}`],
    ['Realized PnL', s.realizedPnl],
    ['Unrealized PnL', s.unrealizedPnl],
    ['Fees', s.fees],
    ['Fills', String(s.fills)],
    ['Bars', String(s.bars)],
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(input.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;margin-bottom:1.5rem}th,td{padding:.2rem .8rem;border-bottom:1px solid #ddd;text-align:left}td{font-variant-numeric:tabular-nums}</style>
</head><body>
<h1>${escapeHtml(input.title)}</h1>
<h2>Equity</h2>
${equitySvg(input.equity)}
<h2>Summary</h2><table>${rows(summary)}</table>
<h2>Metrics</h2><table>${rows(formatMetricsTable(input.metrics))}</table>
</body></html>
`;
}
