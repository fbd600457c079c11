/**
 * Backtest report page (`report.html?id=…`): equity and drawdown (lightweight-charts), metrics,
 * parameters, monthly returns heatmap and trade list from `GET /api/v1/backtests/:id`, with an
 * "Export HTML" button that downloads the same report as one self-contained file
 * ({@link renderReportHtml}). Without an id it lists the server's backtests.
 */
import './styles.css';
import { API_PATH, ApiKey, describeError, restClient } from './connection.js';
import { EquityChart } from './charts/equity-chart.js';
import { h, setChildren } from './dom.js';
import { listOf } from './lib/market-data.js';
import { renderReportHtml } from '../../src/backtest/report/render-report.js';
import {
  renderKeyValueTable,
  renderMonthlyHeatmap,
  renderTradesTable,
} from '../../src/backtest/report/report-sections.js';
import type { BacktestReportData } from '../../src/backtest/report/report-types.js';

const POLL_MS = 2000;
const api = restClient(new ApiKey());
const main = h('main', { class: 'report' });
const title = h('h1', {}, 'Backtests');
document
  .getElementById('app')
  ?.replaceChildren(
    h(
      'header',
      { class: 'topbar' },
      h('a', { href: './', class: 'brand' }, 'QuantFlow'),
      title,
      h('span', { class: 'spacer' }),
      h('a', { href: 'report.html', class: 'btn btn-small' }, 'All backtests'),
    ),
    main,
  );

const id = new URLSearchParams(location.search).get('id');
void (id ? showReport(id) : showList());

function notConnected(e: unknown): void {
  setChildren(
    main,
    h(
      'div',
      { class: 'banner', 'data-testid': 'not-connected', role: 'alert' },
      `Not connected: cannot load from ${location.origin}${API_PATH} (${describeError(e)}).`,
    ),
    h('button', { class: 'btn', onclick: () => location.reload() }, 'Retry'),
  );
}

async function showList(): Promise<void> {
  let list: Record<string, unknown>[];
  try {
    list = listOf(await api.backtests(), 'backtests') as Record<string, unknown>[];
  } catch (e) {
    notConnected(e);
    return;
  }
  if (list.length === 0) {
    setChildren(
      main,
      h('p', { class: 'empty' }, 'No backtests on this server yet (submit one with POST /api/v1/backtests).'),
    );
    return;
  }
  setChildren(
    main,
    h(
      'section',
      { class: 'panel' },
      h(
        'table',
        { class: 'data', 'data-testid': 'backtest-list' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'Id'), h('th', {}, 'Strategy'), h('th', {}, 'Status'), h('th', {}, '')),
        ),
        h(
          'tbody',
          {},
          ...list.map((b) => {
            const bid = String(b.id);
            return h(
              'tr',
              {},
              h('td', { class: 'mono' }, h('a', { href: `report.html?id=${encodeURIComponent(bid)}` }, bid)),
              // The server lists jobs with the request they ran (`request.strategy`).
              h(
                'td',
                {},
                String((b.request as { strategy?: unknown } | undefined)?.strategy ?? b.strategy ?? '-'),
              ),
              h('td', {}, String(b.status ?? '-')),
              h('td', {}, h('a', { href: api.backtestReportUrl(bid), class: 'btn btn-small' }, 'HTML')),
            );
          }),
        ),
      ),
    ),
  );
}

/** The report data inside a backtest response: under `report`, or the response itself. */
function reportOf(body: Record<string, unknown>, fallbackTitle: string): BacktestReportData | undefined {
  const r = (
    typeof body.report === 'object' && body.report !== null ? body.report : body
  ) as Partial<BacktestReportData>;
  if (!Array.isArray(r.equity) && !r.metrics) return undefined;
  return {
    title: r.title ?? fallbackTitle,
    parameters: r.parameters ?? (body.params as Record<string, string | number>) ?? {},
    metrics: r.metrics ?? {},
    equity: r.equity ?? [],
    drawdown: r.drawdown ?? [],
    monthlyReturns: r.monthlyReturns ?? [],
    trades: r.trades ?? [],
  };
}

async function showReport(bid: string): Promise<void> {
  let body: Record<string, unknown>;
  try {
    body = { ...(await api.backtest(bid)) }; // a plain record: reportOf looks for fields by name
  } catch (e) {
    notConnected(e);
    return;
  }
  const status = String(body.status ?? 'unknown');
  title.textContent = `Backtest ${bid}`;
  if (/queued|running|pending/i.test(status)) {
    setChildren(
      main,
      h('p', { class: 'muted', 'data-testid': 'backtest-status' }, `Status: ${status}… (refreshing)`),
    );
    setTimeout(() => void showReport(bid), POLL_MS);
    return;
  }
  const data = reportOf(body, `Backtest ${bid}`);
  if (!data) {
    const err = body.error as { message?: string } | string | undefined;
    setChildren(
      main,
      h(
        'p',
        { 'data-testid': 'backtest-status' },
        `Status: ${status}${err ? ` — ${typeof err === 'string' ? err : (err.message ?? '')}` : ''}`,
      ),
      h('a', { href: api.backtestReportUrl(bid), class: 'btn' }, 'Open the server-rendered report'),
    );
    return;
  }
  title.textContent = data.title;
  document.title = `${data.title} · QuantFlow`;
  const exportBtn = h(
    'button',
    {
      class: 'btn btn-primary',
      'data-action': 'export-html',
      onclick: () => download(`backtest-${bid}.html`, renderReportHtml(data)),
    },
    'Export HTML',
  );
  const chartHolder = h('div', { class: 'chart-equity chart-report' });
  // The section builders escape every value, so their HTML is safe to insert.
  const section = (name: string, html: string) => {
    const s = h('section', { class: 'panel' }, h('header', {}, h('h2', {}, name)));
    const body = h('div', { class: 'panel-body' });
    body.innerHTML = html;
    s.append(body);
    return s;
  };
  setChildren(
    main,
    h(
      'div',
      { class: 'report-actions' },
      h('span', { class: 'badge' }, status),
      exportBtn,
      h('a', { href: api.backtestReportUrl(bid), class: 'btn' }, 'Server HTML'),
    ),
    h('section', { class: 'panel' }, h('header', {}, h('h2', {}, 'Equity & drawdown')), chartHolder),
    h(
      'div',
      { class: 'report-cols' },
      section('Metrics', renderKeyValueTable(data.metrics, 'metrics', 'No metrics.')),
      section('Parameters', renderKeyValueTable(data.parameters, 'parameters', 'No parameters.')),
    ),
    section('Monthly returns', renderMonthlyHeatmap(data.monthlyReturns)),
    section(`Trades (${data.trades.length})`, renderTradesTable(data.trades)),
  );
  const dd = new Map(data.drawdown.map(([t, v]) => [t, -Math.abs(v)]));
  let peak = -Infinity;
  new EquityChart(chartHolder).setData(
    data.equity.map(([t, v]) => {
      peak = Math.max(peak, v);
      return { time: Math.floor(t / 1e6), equity: v, drawdown: dd.get(t) ?? (peak > 0 ? v / peak - 1 : 0) };
    }),
  );
}

function download(name: string, html: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
