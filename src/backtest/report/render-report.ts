/**
 * The self-contained backtest report: one HTML file with its CSS and SVG charts inlined, no
 * scripts and no external requests. Pure string building (no DOM), so the backtest command
 * can call it from Node to write `report.html`, and the dashboard can offer the same file as a
 * download.
 */
import { escapeHtml, formatPercent, formatNumber } from './html-format.js';
import { renderKeyValueTable, renderMonthlyHeatmap, renderTradesTable } from './report-sections.js';
import type { BacktestReportData } from './report-types.js';
import { renderSvgChart } from './svg-chart.js';

export type { BacktestReportData, MonthlyReturn, ReportTrade } from './report-types.js';

/** The report's stylesheet (dark theme, matching the dashboard); also used by the report page. */
export const REPORT_CSS = `
:root{color-scheme:dark}
body{margin:0;padding:16px;background:#0f1115;color:#d1d4dc;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:20px;margin:0 0 12px}h2{font-size:15px;margin:0 0 8px;color:#9aa4b2;text-transform:uppercase;letter-spacing:.04em}
section{background:#161a21;border:1px solid #262b35;border-radius:6px;padding:12px;margin-bottom:12px;overflow-x:auto}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:12px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:4px 8px;border-bottom:1px solid #262b35;text-align:left;white-space:nowrap}
th{color:#9aa4b2;font-weight:500}.num{text-align:right}
.pos{color:#26a69a}.neg{color:#ef5350}.empty{color:#6b7280;margin:4px 0}
.heatmap td{text-align:center;color:#fff;min-width:48px}.heatmap .hm-none{background:#1b1f27}
.heatmap .hm-total{font-weight:600;background:#1f2430}
svg.chart{width:100%;height:auto;display:block}
svg .grid{stroke:#262b35;stroke-width:1}svg text{fill:#9aa4b2;font-size:11px}
svg .ylab{text-anchor:end;dominant-baseline:middle}svg .ctitle{fill:#d1d4dc;font-size:12px}
`;

/** Formats equity values: whole currency units above 1,000, two decimals below. */
function formatMoneyAxis(v: number): string {
  return formatNumber(v, Math.abs(v) >= 1000 ? 0 : 2);
}

/** The whole report as an HTML document. The same data gives the same string. */
export function renderReportHtml(data: BacktestReportData): string {
  const title = escapeHtml(data.title);
  const drawdown = data.drawdown.map(([t, v]) => [t, -Math.abs(v)] as const);
  const equityChart = renderSvgChart(data.equity, {
    title: 'Equity',
    stroke: '#2962ff',
    fill: 'rgba(41,98,255,0.15)',
    formatY: formatMoneyAxis,
  });
  const drawdownChart = renderSvgChart(drawdown, {
    title: 'Drawdown',
    stroke: '#ef5350',
    fill: 'rgba(239,83,80,0.25)',
    formatY: (v) => formatPercent(v, 1),
    baseline: 0,
    height: 160,
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<h1>${title}</h1>
<section class="charts">${equityChart}${drawdownChart}</section>
<div class="cols">
<section><h2>Metrics</h2>${renderKeyValueTable(data.metrics, 'metrics', 'No metrics.')}</section>
<section><h2>Parameters</h2>${renderKeyValueTable(data.parameters, 'parameters', 'No parameters.')}</section>
</div>
<section><h2>Monthly returns</h2>${renderMonthlyHeatmap(data.monthlyReturns)}</section>
<section><h2>Trades (${data.trades.length})</h2>${renderTradesTable(data.trades)}</section>
</body>
</html>
`;
}
