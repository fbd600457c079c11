/**
 * Order book of the selected instrument. The API streams quotes (best bid/offer) and trades but
 * no L2 depth, so the ladder and depth chart show the top of book, and say so; the trade tape
 * below lists the latest prints.
 */
import { drawDepth } from '../charts/depth-chart.js';
import type { Dashboard } from '../dashboard.js';
import { h, panel, setChildren } from '../dom.js';
import { fmtNum, fmtPrice, timeOfUs } from '../format.js';
import type { QuoteView, TradeView } from '../lib/market-data.js';
import type { MarketFeed } from '../market-feed.js';

const TAPE_ROWS = 14;

export function mountBookPanel(_ctx: Dashboard, feed: MarketFeed): HTMLElement {
  const p = panel('book', 'Order book');
  const ladder = h('table', { class: 'ladder', 'data-testid': 'ladder' });
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.classList.add('depth');
  const note = h(
    'p',
    { class: 'muted small' },
    'Top of book only: the server publishes best bid/offer (quotes) and trades, no L2 depth topic.',
  );
  const tape = h('table', { class: 'data tape' });
  p.body.append(ladder, svg, note, h('h3', {}, 'Trades'), tape);

  let trades: TradeView[] = [];
  const renderQuote = (q: QuoteView | undefined) => {
    const spread = q && Number.isFinite(q.ask - q.bid) ? q.ask - q.bid : NaN;
    const mid = q ? (q.ask + q.bid) / 2 : NaN;
    setChildren(
      ladder,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { class: 'num' }, 'Bid size'),
          h('th', { class: 'num' }, 'Price'),
          h('th', { class: 'num' }, 'Ask size'),
        ),
      ),
      h(
        'tbody',
        {},
        h(
          'tr',
          { class: 'ask' },
          h('td'),
          h('td', { class: 'num' }, q ? fmtPrice(q.ask) : '-'),
          h('td', { class: 'num' }, q ? fmtNum(q.askSize) : '-'),
        ),
        h(
          'tr',
          { class: 'spread' },
          h(
            'td',
            { colspan: 3 },
            q
              ? `spread ${fmtPrice(spread)} (${((spread / mid) * 1e4).toFixed(1)} bp) · mid ${fmtPrice(mid)}`
              : 'no quote yet',
          ),
        ),
        h(
          'tr',
          { class: 'bid' },
          h('td', { class: 'num' }, q ? fmtNum(q.bidSize) : '-'),
          h('td', { class: 'num' }, q ? fmtPrice(q.bid) : '-'),
          h('td'),
        ),
      ),
    );
    drawDepth(
      svg,
      q ? [{ price: q.bid, size: q.bidSize }] : [],
      q ? [{ price: q.ask, size: q.askSize }] : [],
    );
  };
  const renderTape = () =>
    setChildren(
      tape,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'Time'),
          h('th', { class: 'num' }, 'Price'),
          h('th', { class: 'num' }, 'Size'),
        ),
      ),
      h(
        'tbody',
        {},
        ...trades.map((t) =>
          h(
            'tr',
            { class: /sell/i.test(t.side) ? 'neg' : /buy/i.test(t.side) ? 'pos' : '' },
            h('td', {}, timeOfUs(t.tsUs)),
            h('td', { class: 'num' }, fmtPrice(t.price)),
            h('td', { class: 'num' }, fmtNum(t.size)),
          ),
        ),
      ),
    );

  // Quotes can arrive hundreds of times a second: draw at most once per animation frame.
  let pending: QuoteView | undefined;
  let scheduled = false;
  feed.onQuote((q) => {
    pending = q;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      renderQuote(pending);
    });
  });
  feed.onTrade((t) => {
    trades = [t, ...trades].slice(0, TAPE_ROWS);
    renderTape();
  });
  feed.onInstrument(() => {
    trades = [];
    renderQuote(undefined);
    renderTape();
  });
  renderQuote(undefined);
  renderTape();
  return p.section;
}
