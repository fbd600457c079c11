/**
 * The HTML sections of a backtest report, as strings: shared by the self-contained file
 * ({@link renderReportHtml}) and the dashboard's report page, so both show the same tables.
 * Every value from the data is escaped.
 */
import { escapeHtml, formatPercent, formatTsUs, formatValue } from './html-format.js';
import type { MonthlyReturn, ReportTrade } from './report-types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A two-column key/value table; `empty` is shown when there are no entries. */
export function renderKeyValueTable(
  entries: Readonly<Record<string, string | number>>,
  className: string,
  empty: string,
): string {
  const rows = Object.entries(entries);
  if (rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const body = rows
    .map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(formatValue(v))}</td></tr>`)
    .join('');
  return `<table class="kv ${escapeHtml(className)}"><tbody>${body}</tbody></table>`;
}

/** A signed number given as number or decimal string: `1` above zero, `-1` below, `0` otherwise. */
function signOf(value: string | number): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? Math.sign(n) : 0;
}

/**
 * Years × months grid of returns, with the compounded year total. Cell colour: green for gains,
 * red for losses, stronger for larger moves (scaled to the largest month).
 */
export function renderMonthlyHeatmap(months: readonly MonthlyReturn[]): string {
  const valid = months.filter((m) => Number.isFinite(m.return) && m.month >= 1 && m.month <= 12);
  if (valid.length === 0) return `<p class="empty">No monthly returns.</p>`;
  const byYear = new Map<number, Map<number, number>>();
  for (const m of valid) {
    const row = byYear.get(m.year) ?? new Map<number, number>();
    row.set(m.month, m.return);
    byYear.set(m.year, row);
  }
  const maxAbs = Math.max(...valid.map((m) => Math.abs(m.return))) || 1;
  const cell = (r: number | undefined): string => {
    if (r === undefined) return '<td class="hm-none"></td>';
    const alpha = (0.15 + 0.75 * Math.min(1, Math.abs(r) / maxAbs)).toFixed(2);
    const rgb = r >= 0 ? '38,166,154' : '239,83,80';
    return `<td style="background:rgba(${rgb},${alpha})">${formatPercent(r, 1)}</td>`;
  };
  const head = `<tr><th>Year</th>${MONTHS.map((m) => `<th>${m}</th>`).join('')}<th>Year</th></tr>`;
  const body = [...byYear.keys()]
    .sort((a, b) => a - b)
    .map((year) => {
      const row = byYear.get(year) as Map<number, number>;
      let growth = 1;
      for (const r of row.values()) growth *= 1 + r;
      const cells = MONTHS.map((_, i) => cell(row.get(i + 1))).join('');
      return `<tr><th scope="row">${escapeHtml(year)}</th>${cells}<td class="hm-total">${formatPercent(growth - 1, 1)}</td></tr>`;
    })
    .join('');
  return `<table class="heatmap"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/** The list of round trips, PnL coloured by sign. */
export function renderTradesTable(trades: readonly ReportTrade[]): string {
  if (trades.length === 0) return `<p class="empty">No trades.</p>`;
  const head =
    '<tr><th>#</th><th>Entry</th><th>Exit</th><th>Instrument</th><th>Side</th>' +
    '<th class="num">Qty</th><th class="num">Entry px</th><th class="num">Exit px</th><th class="num">PnL</th></tr>';
  const body = trades
    .map((t, i) => {
      const cls = ['neg', '', 'pos'][signOf(t.pnl) + 1];
      return (
        `<tr><td>${i + 1}</td><td>${formatTsUs(t.entryTs)}</td><td>${formatTsUs(t.exitTs)}</td>` +
        `<td>${escapeHtml(t.instrument)}</td><td>${escapeHtml(t.side)}</td>` +
        `<td class="num">${escapeHtml(formatValue(t.qty))}</td><td class="num">${escapeHtml(formatValue(t.entryPx))}</td>` +
        `<td class="num">${escapeHtml(formatValue(t.exitPx))}</td>` +
        `<td class="num ${cls}">${escapeHtml(formatValue(t.pnl))}</td></tr>`
      );
    })
    .join('');
  return `<table class="trades"><thead>${head}</thead><tbody>${body}</tbody></table>`;
}
