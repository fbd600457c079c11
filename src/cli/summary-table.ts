import Table from 'cli-table3';
import type { PerformanceMetrics } from '../portfolio/metrics/performance-metrics.js';
import { formatMetricsTable } from '../portfolio/metrics/format-metrics.js';
import type { RunSummary } from '../backtest/run-outputs.js';

/** The results table printed after a backtest. */
export function formatSummaryTable(title: string, summary: RunSummary, metrics: PerformanceMetrics): string {
  const color = process.stdout.isTTY === true;
  const table = new Table({
    head: [title, ''],
    colAligns: ['left', 'right'],
    // Compact: no rule between rows; no colour codes when the output is a file or a pipe.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: color ? { head: ['cyan'] } : { head: [], border: [] },
  });
  const money = (v: string): string => `${v} ${summary.currency}`;
  table.push(
    ['Bars', String(summary.bars)],
    ['Starting cash', money(summary.startingCash)],
    ['Final equity', money(summary.finalEquity)],
    ['Realized PnL (before fees)', money(summary.realizedPnl)],
    ['Unrealized PnL', money(summary.unrealizedPnl)],
    ['Fees', money(summary.fees)],
    ['Fills', String(summary.fills)],
  );
  for (const [label, value] of formatMetricsTable(metrics)) table.push([label, value]);
  return table.toString();
}
