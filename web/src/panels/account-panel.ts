/**
 * Equity and PnL: equity, cash, PnL today (against the risk engine's day-start equity) and total
 * (against the starting cash), realized/unrealized/fees, and the equity curve with its drawdown.
 * The API has no equity history, so the curve is sampled from the `pnl` topic (pushed once a
 * second) and REST polls while the page is open, and kept in sessionStorage across reloads.
 */
import { EquityChart, type EquityPoint } from '../charts/equity-chart.js';
import type { Dashboard } from '../dashboard.js';
import { h, panel } from '../dom.js';
import { amount, signClass } from '../format.js';
import { subtractDecimal } from '../lib/decimal.js';
import { num } from '../lib/market-data.js';

const STORAGE = 'quantflow.equity';
const MAX_POINTS = 5000;

interface PnlFigures {
  equity?: string;
  cash?: string;
  realizedPnl?: string;
  unrealizedPnl?: string;
  fees?: string;
  currency?: string;
}

export function mountAccountPanel(ctx: Dashboard): HTMLElement {
  const p = panel('account', 'Equity & PnL');
  const fields = ['Equity', 'Cash', 'PnL today', 'PnL total', 'Realized', 'Unrealized', 'Fees'] as const;
  const cells = new Map<string, HTMLElement>();
  const stats = h(
    'dl',
    { class: 'stats' },
    ...fields.map((f) => {
      const dd = h('dd', { 'data-testid': `stat-${f.toLowerCase().replace(/\s+/g, '-')}` }, '-');
      cells.set(f, dd);
      return h('div', {}, h('dt', {}, f), dd);
    }),
  );
  const holder = h('div', { class: 'chart-equity' });
  p.body.append(
    stats,
    holder,
    h('p', { class: 'muted small' }, 'Equity since this page was opened (sampled every second).'),
  );
  const chart = new EquityChart(holder);

  let points: [number, number][] = loadPoints();
  let startingCash: string | undefined;
  let dayStart: string | undefined;
  let currency = '';
  let latest: PnlFigures = {};

  const set = (f: (typeof fields)[number], v: string | undefined, signed = false) => {
    const el = cells.get(f) as HTMLElement;
    el.textContent = v === undefined ? '-' : `${amount(v)}${currency ? ' ' + currency : ''}`;
    el.className = signed ? signClass(v) : '';
  };
  const render = () => {
    set('Equity', latest.equity);
    set('Cash', latest.cash);
    set('Realized', latest.realizedPnl, true);
    set('Unrealized', latest.unrealizedPnl, true);
    set('Fees', latest.fees);
    set('PnL today', latest.equity && dayStart ? subtractDecimal(latest.equity, dayStart) : undefined, true);
    set(
      'PnL total',
      latest.equity && startingCash ? subtractDecimal(latest.equity, startingCash) : undefined,
      true,
    );
  };
  const drawChart = () => {
    let peak = -Infinity;
    const data: EquityPoint[] = points.map(([t, v]) => {
      peak = Math.max(peak, v);
      return { time: t, equity: v, drawdown: peak > 0 ? v / peak - 1 : 0 };
    });
    chart.setData(data);
  };
  const sample = (figures: PnlFigures) => {
    latest = { ...latest, ...figures };
    if (figures.currency) currency = figures.currency;
    render();
    const eq = num(figures.equity);
    if (!Number.isFinite(eq)) return;
    const t = Math.floor(Date.now() / 1000);
    const last = points[points.length - 1];
    if (last && last[0] === t) last[1] = eq;
    else points.push([t, eq]);
    if (points.length > MAX_POINTS) points = points.slice(-MAX_POINTS);
    savePoints(points);
    drawChart();
  };

  ctx.addRefresher(async () => {
    const [portfolio, account, risk] = await Promise.all([
      ctx.api.portfolio(),
      ctx.api.account().catch(() => undefined),
      ctx.api.risk().catch(() => undefined),
    ]);
    startingCash = account?.startingCash ?? startingCash;
    dayStart = risk?.dayStartEquity ?? dayStart;
    sample(portfolio);
  });
  ctx.stream.on('pnl', (m) => {
    const d = m.data as PnlFigures & { portfolio?: PnlFigures };
    sample(d?.portfolio ?? d ?? {});
  });
  drawChart();
  return p.section;
}

function loadPoints(): [number, number][] {
  try {
    const v = JSON.parse(sessionStorage.getItem(STORAGE) ?? '[]') as unknown;
    return Array.isArray(v)
      ? (v.filter((p) => Array.isArray(p) && p.length === 2) as [number, number][])
      : [];
  } catch {
    return [];
  }
}

function savePoints(points: [number, number][]): void {
  try {
    sessionStorage.setItem(STORAGE, JSON.stringify(points));
  } catch {
    // storage full or disabled: the curve lasts for this page only
  }
}
