/**
 * Live candlestick chart of the selected instrument: bars the node built (REST, then the bars
 * topic), a forming candle from live trades (quote mids while no trade has printed), volume,
 * indicator overlays (any price-scale indicator of the engine's library, e.g. `ema(20)`,
 * `bbands(20,2)`; remembered by the browser), and markers for our fills.
 */
import { CandleChart, type FillMark } from '../charts/candle-chart.js';
import { toast, type Dashboard } from '../dashboard.js';
import { h, panel } from '../dom.js';
import { fmtPrice } from '../format.js';
import { CandleBuilder } from '../lib/candle-builder.js';
import { listOf, num, parseBar, parseQuote, parseTrade } from '../lib/market-data.js';
import { normalizeOverlay, OVERLAY_PRESETS } from '../lib/overlays.js';
import type { MarketFeed } from '../market-feed.js';
import type { FillInfo } from '../../../src/client/index.js';

export function mountChartPanel(ctx: Dashboard, feed: MarketFeed): HTMLElement {
  const p = panel('chart', 'Chart');
  const instrument = h('input', {
    class: 'instrument-input',
    list: 'instrument-list',
    placeholder: 'instrument, e.g. BTCUSD.SIM',
    'aria-label': 'Instrument',
    'data-testid': 'instrument',
    value: ctx.selected ?? '',
    onchange: () => ctx.select(instrument.value),
  });
  const datalist = h('datalist', { id: 'instrument-list' });
  const overlayInput = h('input', {
    class: 'overlay-input',
    list: 'overlay-list',
    placeholder: '+ overlay, e.g. ema(20)',
    'aria-label': 'Add an indicator overlay',
    'data-testid': 'overlay-input',
    onchange: () => {
      addOverlay(overlayInput.value);
      overlayInput.value = '';
    },
  });
  const overlayList = h(
    'datalist',
    { id: 'overlay-list' },
    ...OVERLAY_PRESETS.map((spec) => h('option', { value: spec })),
  );
  const chips = h('div', { class: 'chips', 'data-testid': 'overlays' });
  const last = h('span', { class: 'last-price', 'data-testid': 'last-price', title: 'Last price' }, '-');
  p.actions.append(instrument, datalist, overlayInput, overlayList, last);
  const holder = h('div', { class: 'chart-candles' });
  const note = h('p', { class: 'muted small' }, 'Select or type an instrument.');
  p.body.append(chips, holder, note);

  const chart = new CandleChart(holder);
  let overlays = loadOverlays();
  const showOverlays = () => {
    chips.replaceChildren(
      ...overlays.map((spec) =>
        h(
          'span',
          { class: 'chip' },
          spec,
          h(
            'button',
            {
              class: 'chip-remove',
              title: `Remove ${spec}`,
              'aria-label': `Remove ${spec}`,
              onclick: () => {
                overlays = overlays.filter((o) => o !== spec);
                showOverlays();
              },
            },
            '×',
          ),
        ),
      ),
    );
    saveOverlays(overlays);
    chart.setOverlays(overlays);
  };
  const addOverlay = (text: string) => {
    if (text.trim() === '') return;
    try {
      const spec = normalizeOverlay(text);
      if (!overlays.includes(spec)) overlays = [...overlays, spec];
      showOverlays();
    } catch (e) {
      const message = (e as Error).message;
      ctx.log('warn', 'chart', message);
      toast(message, 'error');
    }
  };
  showOverlays();
  let builder = new CandleBuilder();
  let current: string | undefined;
  let lastPx = NaN;
  let tradeSeen = false;
  let fills: FillMark[] = [];

  ctx.onInstruments((ids) => datalist.replaceChildren(...ids.map((id) => h('option', { value: id }))));
  ctx.onSelect((id) => {
    instrument.value = id;
  });

  const showLast = (px: number) => {
    if (!Number.isFinite(px)) return;
    last.classList.remove('up', 'down');
    if (Number.isFinite(lastPx) && px !== lastPx) last.classList.add(px > lastPx ? 'up' : 'down');
    lastPx = px;
    last.textContent = fmtPrice(px);
  };

  const snap = (tsUs: number) => builder.bucketOf(tsUs);
  const markOf = (f: FillInfo): FillMark => ({
    time: snap(f.tsEvent),
    side: f.side,
    text: `${f.side} ${f.quantity}`,
  });

  const load = async (id: string) => {
    current = id;
    builder = new CandleBuilder();
    tradeSeen = false;
    lastPx = NaN;
    last.textContent = '-';
    chart.setData([]);
    note.textContent = `Loading ${id}…`;
    try {
      const [bars, snapshot, recentFills] = await Promise.all([
        ctx.api.bars(id, 1000),
        ctx.api.snapshot(id).catch(() => undefined),
        ctx.api.fills({ limit: 500 }).catch(() => [] as FillInfo[]),
      ]);
      if (current !== id) return;
      builder.load(listOf(bars, 'bars').flatMap((b) => parseBar(b) ?? []));
      chart.setData(builder.candles);
      fills = listOf(recentFills, 'fills')
        .map((f) => f as FillInfo)
        .filter((f) => f.instrumentId === id && Number.isFinite(num(f.tsEvent)))
        .map(markOf);
      chart.setFills(fills);
      const t = parseTrade(snapshot?.lastTrade, id);
      const q = parseQuote(snapshot?.lastQuote, id);
      const b = parseBar(snapshot?.lastBar);
      showLast(t?.price ?? (q ? (q.bid + q.ask) / 2 : (b?.close ?? NaN)));
      note.textContent =
        builder.candles.length > 0
          ? `${builder.candles.length} bars of ${builder.intervalSeconds}s · overlays from the engine's indicators · ▲▼ our fills`
          : 'No bars yet: the chart fills in from live trades.';
    } catch (e) {
      if (current === id) note.textContent = `Cannot load ${id}: ${(e as Error).message}`;
    }
  };

  const applyPrint = (price: number, size: number, tsUs: number) => {
    const c = builder.applyPrice(price, size, tsUs);
    if (c) chart.update(c, builder.candles);
  };

  feed.onInstrument((id) => {
    if (ctx.connected) void load(id);
    else {
      current = id;
      note.textContent = `Waiting for the server to load ${id}…`;
    }
  });
  feed.onTrade((t) => {
    tradeSeen = true;
    showLast(t.price);
    applyPrint(t.price, t.size, t.tsUs);
  });
  feed.onQuote((q) => {
    if (tradeSeen || !Number.isFinite(q.bid) || !Number.isFinite(q.ask)) return;
    const mid = (q.bid + q.ask) / 2;
    showLast(mid);
    applyPrint(mid, 0, q.tsUs);
  });
  feed.onBar((b) => {
    const c = builder.applyBar(b);
    if (c) chart.update(c, builder.candles);
  });
  ctx.stream.on('fills', (m) => {
    const f = m.data as FillInfo | undefined;
    if (!f || f.instrumentId !== current || !Number.isFinite(num(f.tsEvent))) return;
    fills = [...fills, markOf(f)];
    chart.setFills(fills);
  });
  ctx.onConnection((connected) => {
    if (connected && current) void load(current);
  });
  return p.section;
}

const OVERLAY_STORAGE = 'quantflow.overlays';

/** The overlays the browser remembers (valid ones only), else SMA 20. */
function loadOverlays(): string[] {
  try {
    const stored = JSON.parse(localStorage.getItem(OVERLAY_STORAGE) ?? 'null') as unknown;
    if (Array.isArray(stored))
      return stored.flatMap((s) => {
        try {
          return typeof s === 'string' ? [normalizeOverlay(s)] : [];
        } catch {
          return [];
        }
      });
  } catch {
    // storage disabled or a bad value: the default
  }
  return ['sma(20)'];
}

function saveOverlays(specs: readonly string[]): void {
  try {
    localStorage.setItem(OVERLAY_STORAGE, JSON.stringify(specs));
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
