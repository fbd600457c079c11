/**
 * Order book of the selected instrument: a price ladder of the best levels on each side (asks
 * above, bids below, with the spread between) and a depth chart of cumulative size, from the
 * `book:` stream topic. A feed that sends no depth still gives the best bid and offer (quotes),
 * and the panel says it shows only those. The trade tape below lists the latest prints.
 */
import { drawDepth } from '../charts/depth-chart.js';
import type { Dashboard } from '../dashboard.js';
import { h, panel, setChildren } from '../dom.js';
import { fmtNum, fmtPrice, timeOfUs } from '../format.js';
import type { BookLevelView, BookView, QuoteView, TradeView } from '../lib/market-data.js';
import type { MarketFeed } from '../market-feed.js';

const TAPE_ROWS = 14;
/** Levels a side in the ladder. */
const LADDER_LEVELS = 10;

/** A book made of the best bid and offer alone. */
function bookOfQuote(q: QuoteView): BookView {
  const level = (price: number, size: number): BookLevelView[] =>
    Number.isFinite(price) ? [{ price, size, priceText: fmtPrice(price), sizeText: fmtNum(size) }] : [];
  return {
    instrumentId: q.instrumentId,
    sequence: 0,
    bids: level(q.bid, q.bidSize),
    asks: level(q.ask, q.askSize),
    tsUs: q.tsUs,
  };
}

export function mountBookPanel(_ctx: Dashboard, feed: MarketFeed): HTMLElement {
  const p = panel('book', 'Order book');
  const ladder = h('table', { class: 'ladder', 'data-testid': 'ladder' });
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.classList.add('depth');
  svg.setAttribute('data-testid', 'depth-chart');
  const note = h('p', { class: 'muted small', 'data-testid': 'book-source' }, 'No market data yet.');
  const tape = h('table', { class: 'data tape' });
  p.body.append(ladder, svg, note, h('h3', {}, 'Trades'), tape);

  let trades: TradeView[] = [];
  /** The last book of the selected instrument from the `book:` topic; quotes are used until one arrives. */
  let book: BookView | undefined;
  let quote: QuoteView | undefined;

  const render = () => {
    const shown = book ?? (quote ? bookOfQuote(quote) : undefined);
    const bids = shown?.bids.slice(0, LADDER_LEVELS) ?? [];
    const asks = shown?.asks.slice(0, LADDER_LEVELS) ?? [];
    const cumulative = (levels: readonly BookLevelView[]) => {
      let total = 0;
      return levels.map((l) => (total += l.size));
    };
    const bidTotals = cumulative(bids);
    const askTotals = cumulative(asks);
    const maxTotal = Math.max(bidTotals.at(-1) ?? 0, askTotals.at(-1) ?? 0) || 1;
    const row = (side: 'bid' | 'ask', l: BookLevelView, total: number) =>
      h(
        'tr',
        { class: side, style: `--fill:${((total / maxTotal) * 100).toFixed(1)}%` },
        h('td', { class: 'num' }, l.priceText),
        h('td', { class: 'num' }, l.sizeText),
        h('td', { class: 'num muted' }, fmtNum(total)),
      );
    const bestBid = bids[0]?.price ?? NaN;
    const bestAsk = asks[0]?.price ?? NaN;
    const spread = bestAsk - bestBid;
    const mid = (bestAsk + bestBid) / 2;
    setChildren(
      ladder,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { class: 'num' }, 'Price'),
          h('th', { class: 'num' }, 'Size'),
          h('th', { class: 'num' }, 'Total'),
        ),
      ),
      h(
        'tbody',
        {},
        // Asks above the spread, the best one nearest to it.
        ...asks.map((l, i) => row('ask', l, askTotals[i] as number)).reverse(),
        h(
          'tr',
          { class: 'spread' },
          h(
            'td',
            { colspan: 3 },
            Number.isFinite(spread)
              ? `spread ${fmtPrice(spread)} (${((spread / mid) * 1e4).toFixed(1)} bp) · mid ${fmtPrice(mid)}`
              : 'no quote yet',
          ),
        ),
        ...bids.map((l, i) => row('bid', l, bidTotals[i] as number)),
      ),
    );
    drawDepth(svg, shown?.bids ?? [], shown?.asks ?? []);
    note.textContent = book
      ? `L2 depth: ${book.bids.length} bid and ${book.asks.length} ask levels shown · sequence ${book.sequence}`
      : quote
        ? 'Top of book only: the feed sends no depth for this instrument.'
        : 'No market data yet.';
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

  // Books and quotes can arrive hundreds of times a second: draw at most once per animation frame.
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      render();
    });
  };
  feed.onQuote((q) => {
    quote = q;
    if (!book) schedule();
  });
  feed.onBook((b) => {
    book = b;
    schedule();
  });
  feed.onTrade((t) => {
    trades = [t, ...trades].slice(0, TAPE_ROWS);
    renderTape();
  });
  feed.onInstrument(() => {
    trades = [];
    book = undefined;
    quote = undefined;
    render();
    renderTape();
  });
  render();
  renderTape();
  return p.section;
}
