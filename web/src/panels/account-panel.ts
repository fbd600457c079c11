/**
 * Equity and PnL: equity, cash, PnL today (against the risk engine's day-start equity) and total
 * (against the starting cash), realized/unrealized/fees, and the equity curve with its drawdown.
 * The curve is the node's own history (`GET /portfolio/equity`, one point a second of the node's
 * clock, the newest hour at first and then only what is new), extended between polls by the
 * `pnl` topic.
 */
import { EquityChart, type EquityPoint } from '../charts/equity-chart.js';
import type { Dashboard } from '../dashboard.js';
import { h, panel } from '../dom.js';
import { amount, signClass } from '../format.js';
import { subtractDecimal } from '../lib/decimal.js';
import { num } from '../lib/market-data.js';
import { drawdown } from '../lib/series-math.js';

/** Points drawn: the newest hour at one a second. */
const MAX_POINTS = 3_600;

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
    h('p', { class: 'muted small' }, 'Equity of the last hour, one point a second of the node clock.'),
  );
  const chart = new EquityChart(holder);

  /** [time in s, equity], oldest first. */
  let points: [number, number][] = [];
  /** Time of the newest point taken from the server, µs (the next poll asks for what follows). */
  let serverUntilUs = -1;
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
    const dd = drawdown(points.map(([, v]) => v));
    const data: EquityPoint[] = points.map(([t, v], i) => ({ time: t, equity: v, drawdown: dd[i]! }));
    chart.setData(data);
  };
  /** Adds a point (seconds, equity); a point in the same second replaces the last one. */
  const addPoint = (t: number, eq: number) => {
    if (!Number.isFinite(eq) || !Number.isFinite(t)) return;
    const last = points[points.length - 1];
    if (last && t < last[0]) return;
    if (last && last[0] === t) last[1] = eq;
    else points.push([t, eq]);
    if (points.length > MAX_POINTS) points = points.slice(-MAX_POINTS);
  };
  const sample = (figures: PnlFigures, timeUs?: number) => {
    latest = { ...latest, ...figures };
    if (figures.currency) currency = figures.currency;
    render();
    if (timeUs !== undefined) {
      addPoint(Math.floor(timeUs / 1e6), num(figures.equity));
      drawChart();
    }
  };
  const loadCurve = async () => {
    const curve = await ctx.api.equity(
      serverUntilUs < 0 ? { limit: MAX_POINTS } : { since: serverUntilUs + 1 },
    );
    for (const p of curve.points) addPoint(Math.floor(p.timeUs / 1e6), num(p.equity));
    const newest = curve.points[curve.points.length - 1];
    if (newest) serverUntilUs = newest.timeUs;
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
    await loadCurve();
  });
  ctx.stream.on('pnl', (m) => {
    const d = m.data as PnlFigures & { portfolio?: PnlFigures; timeUs?: number };
    sample(d?.portfolio ?? d ?? {}, typeof d?.timeUs === 'number' ? d.timeUs : m.ts);
  });
  drawChart();
  return p.section;
}
