/**
 * The ccxt data client's tickers (quotes), candles (bars) and a crossed book against a local
 * Binance (test/support/binance-server.ts): Binance's `<sym>@ticker` and `<sym>@kline_1m` wire
 * format, real sockets on 127.0.0.1, the FeedPipeline as the sink.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DataKind } from '../../src/data/feed/data-client.js';
import type { FeedEvent } from '../../src/data/feed/feed-event.js';
import type { Bar } from '../../src/model/data/bar.js';
import type { BookUpdate } from '../../src/model/data/book-update.js';
import type { QuoteTick } from '../../src/model/data/quote-tick.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import {
  binanceFixture,
  binanceKline,
  binanceTicker,
  startBinanceFeed,
  until,
  type BinanceFeed,
} from '../support/binance-server.js';

const BTC = instrumentId('BTCUSDT', 'BINANCE');
const ETH = instrumentId('ETHUSDT', 'BINANCE');
const MINUTE_MS = 60_000;
/** The kline fixture's candle open time. */
const T0 = 1700000040000;

const quotes = (events: FeedEvent[]): QuoteTick[] =>
  events.filter((e) => e.type === 'quote').map((e) => e.data as QuoteTick);
const bars = (events: FeedEvent[]): Bar[] => events.filter((e) => e.type === 'bar').map((e) => e.data as Bar);
const books = (events: FeedEvent[]): BookUpdate[] =>
  events.filter((e) => e.type === 'book').map((e) => e.data as BookUpdate);
const quoteText = (q: QuoteTick): string =>
  `${q.bidSize.toString()}@${q.bidPrice.toString()} / ${q.askSize.toString()}@${q.askPrice.toString()}`;
const barText = (b: Bar): string =>
  `${b.tsEvent} o${b.open.toString()} h${b.high.toString()} l${b.low.toString()} c${b.close.toString()} v${b.volume.toString()}`;
const levels = (l: BookUpdate['bids']): string[] =>
  l.map((x) => `${x.price.toString()}:${x.size.toString()}`);

/**
 * Sends a ticker on the same socket and waits for its quote: everything sent before it has been
 * handled by then (one socket, messages in order), so an event that has not arrived is not coming.
 */
async function barrier(env: BinanceFeed, bid: string): Promise<void> {
  env.server.send('btcusdt@ticker', binanceTicker({ b: bid }));
  await until(() => quotes(env.events).some((q) => q.bidPrice.toString() === bid), `the quote at ${bid}`);
}

describe('CcxtDataClient quotes from the 24hr ticker stream', { timeout: 30_000 }, () => {
  let env: BinanceFeed;
  before(async () => {
    env = await startBinanceFeed();
    await env.client.subscribe({ instrumentId: BTC, kind: DataKind.QUOTES });
    await env.server.waitForSubscription('btcusdt@ticker');
  });
  after(async () => {
    await env.close();
  });

  it('delivers each ticker as a QuoteTick with the exact best bid/ask, sizes and event time', async () => {
    const { server, events } = env;
    server.send('btcusdt@ticker', binanceTicker());
    server.send(
      'btcusdt@ticker',
      binanceTicker({
        E: 1700000001500,
        b: '42000.11000000',
        B: '0.00001000',
        a: '42000.12000000',
        A: '12.34567000',
      }),
    );
    await until(() => quotes(events).length >= 2, 'two quotes');
    const [a, b] = quotes(events);
    assert.equal(a.instrumentId, BTC);
    assert.equal(quoteText(a), '1.50000@42000.10 / 0.80000@42000.20');
    assert.equal(a.tsEvent, 1700000000500_000); // E, the event time (not C, the window's close)
    assert.equal(quoteText(b), '0.00001@42000.11 / 12.34567@42000.12');
    assert.equal(b.tsEvent, 1700000001500_000);
  });

  it('holds back a crossed quote and counts it in health', async () => {
    const { server, pipeline, events } = env;
    const before = quotes(events).length;
    server.send('btcusdt@ticker', binanceTicker({ b: '42000.30000000', a: '42000.20000000' }));
    server.send('btcusdt@ticker', binanceTicker({ b: '42000.20000000', a: '42000.20000000' })); // locked: allowed
    await barrier(env, '42000.01');
    assert.equal(pipeline.health().invalid['crossed-book'], 1);
    assert.deepEqual(
      quotes(events)
        .slice(before)
        .map((q) => `${q.bidPrice.toString()}/${q.askPrice.toString()}`),
      ['42000.20/42000.20', '42000.01/42000.20'],
    );
  });

  it('counts malformed tickers, skips them, and keeps quoting', async () => {
    const { server, pipeline, events } = env;
    const malformed = pipeline.health().malformed;
    const before = quotes(events).length;
    server.send('btcusdt@ticker', binanceTicker({ b: undefined }));
    server.send('btcusdt@ticker', binanceTicker({ B: '1.5x' }));
    server.send('btcusdt@ticker', binanceTicker({ a: 42000.2 })); // a number, not Binance's string
    server.send('btcusdt@ticker', binanceTicker({ E: 'soon' }));
    server.send('btcusdt@ticker', '{"e":"24hrTicker","s":"BTCUSDT","b":');
    await barrier(env, '42000.02');
    assert.equal(pipeline.health().malformed - malformed, 5);
    assert.deepEqual(
      quotes(events)
        .slice(before)
        .map((q) => q.bidPrice.toString()),
      ['42000.02'],
    );
    const kinds = pipeline.malformedLog.byKind();
    assert.equal(kinds.get('24hrTicker')?.count, 4);
  });
});

describe('CcxtDataClient bars from the kline stream', { timeout: 30_000 }, () => {
  let env: BinanceFeed;
  before(async () => {
    env = await startBinanceFeed();
    // The barrier's quotes share the bars' socket.
    await env.client.subscribe({ instrumentId: BTC, kind: DataKind.QUOTES });
    await env.client.subscribe({ instrumentId: BTC, kind: DataKind.BARS, interval: '1m' });
    await env.server.waitForSubscription('btcusdt@kline_1m');
    await env.server.waitForSubscription('btcusdt@ticker');
  });
  after(async () => {
    await env.close();
  });

  it('delivers a bar only when Binance marks the candle closed (k.x), with its final exact values', async () => {
    const { server, events } = env;
    server.send('btcusdt@kline_1m', binanceKline());
    server.send(
      'btcusdt@kline_1m',
      binanceKline({ c: '42011.00000000', h: '42013.00000000', v: '13.00000000' }),
    );
    await barrier(env, '42000.03');
    assert.equal(bars(events).length, 0, 'no bar while the candle is open');
    server.send(
      'btcusdt@kline_1m',
      binanceKline({
        c: '42005.25000000',
        h: '42013.00000000',
        l: '41990.00000000',
        v: '14.50001000',
        x: true,
      }),
    );
    // Delivered on the closing update itself, not when the next candle starts.
    await until(() => bars(events).length === 1, 'the closed bar');
    const [bar] = bars(events);
    assert.equal(bar.instrumentId, BTC);
    assert.equal(barText(bar), `${T0 * 1000} o42000.00 h42013.00 l41990.00 c42005.25 v14.50001`);
    server.send(
      'btcusdt@kline_1m',
      binanceKline({ t: T0 + MINUTE_MS, o: '42005.25000000', c: '42006.00000000' }),
    );
    await barrier(env, '42000.04');
    assert.equal(bars(events).length, 1, 'the next candle is still open');
  });

  it('delivers no bar twice when the venue repeats a closed candle, also after a reconnect', async () => {
    const { server, client, pipeline, events } = env;
    const closed = (t: number, c: string): Record<string, unknown> =>
      binanceKline({ t, o: '42005.25000000', h: '42020.00000000', l: '42000.00000000', c, x: true });
    server.send('btcusdt@kline_1m', closed(T0 + MINUTE_MS, '42010.00000000'));
    server.send('btcusdt@kline_1m', closed(T0 + MINUTE_MS, '42010.00000000'));
    await until(() => bars(events).length === 2, 'the second bar');
    const subscribes = server.subscribeLog.filter((s) => s === 'btcusdt@kline_1m').length;
    server.dropConnections();
    await until(
      () => server.subscribeLog.filter((s) => s === 'btcusdt@kline_1m').length > subscribes,
      'the kline resubscription',
    );
    await server.waitForSubscription('btcusdt@ticker');
    // After the reconnect: the last closed candle again, an older one, then the next one.
    server.send('btcusdt@kline_1m', closed(T0 + MINUTE_MS, '42010.00000000'));
    server.send('btcusdt@kline_1m', binanceKline({ x: true }));
    server.send('btcusdt@kline_1m', closed(T0 + 2 * MINUTE_MS, '42015.00000000'));
    await until(() => bars(events).length >= 3, 'the third bar');
    await barrier(env, '42000.05');
    assert.deepEqual(
      bars(events).map((b) => `${b.tsEvent / 1000} ${b.close.toString()}`),
      [`${T0} 42005.25`, `${T0 + MINUTE_MS} 42010.00`, `${T0 + 2 * MINUTE_MS} 42015.00`],
    );
    assert.equal(client.stats.repeatedBars, 3); // the repeat before the drop, the resend, the older one
    await until(() => pipeline.status === 'CONNECTED', 'CONNECTED again');
    assert.equal(pipeline.health().reconnects, 1);
  });

  it('counts malformed klines, skips them, and keeps delivering bars', async () => {
    const { server, pipeline, events } = env;
    const malformed = pipeline.health().malformed;
    const t = T0 + 3 * MINUTE_MS;
    const good = {
      t,
      o: '42015.00000000',
      h: '42016.00000000',
      l: '42014.00000000',
      c: '42015.50000000',
      x: true,
    };
    server.send('btcusdt@kline_1m', binanceKline({ ...good, o: 'abc' }));
    server.send('btcusdt@kline_1m', binanceKline({ ...good, x: 'yes' }));
    server.send('btcusdt@kline_1m', binanceKline({ ...good, t: String(t) }));
    server.send('btcusdt@kline_1m', binanceKline({ ...good, h: '42013.00000000' })); // high below low
    server.send('btcusdt@kline_1m', { ...binanceKline(good), k: undefined });
    server.send('btcusdt@kline_1m', '{"e":"kline","k":{');
    server.send('btcusdt@kline_1m', binanceKline(good));
    await until(() => bars(events).length >= 4, 'the fourth bar');
    await barrier(env, '42000.06');
    assert.equal(pipeline.health().malformed - malformed, 6);
    assert.equal(barText(bars(events)[3]), `${t * 1000} o42015.00 h42016.00 l42014.00 c42015.50 v12.34500`);
    assert.equal(bars(events).length, 4);
  });
});

describe('CcxtDataClient with a crossed book from the venue', { timeout: 30_000 }, () => {
  let env: BinanceFeed;
  before(async () => {
    env = await startBinanceFeed();
  });
  after(async () => {
    await env.close();
  });

  it('holds back a crossed book snapshot, counts it, and delivers the book once it uncrosses', async () => {
    const { server, client, pipeline, events } = env;
    server.depth.set('ETHUSDT', {
      lastUpdateId: 500,
      bids: [['2000.00000000', '1.00000000']],
      asks: [['2000.50000000', '2.00000000']],
    });
    const diff = (u: number, b: string[][], a: string[][]): Record<string, unknown> => ({
      ...binanceFixture<Record<string, unknown>>('depth-update.json'),
      s: 'ETHUSDT',
      U: u,
      u,
      b,
      a,
    });
    await client.subscribe({ instrumentId: ETH, kind: DataKind.BOOK, depth: 5 });
    await server.waitForSubscription('ethusdt@depth@100ms');
    server.send('ethusdt@depth@100ms', diff(501, [['2000.60', '0.5']], [])); // bid above the best ask
    // ccxt's book is one object updated in place: a diff sent before the crossed book was read
    // would uncross it first, so the fix waits for the flag.
    await until(() => pipeline.health().invalid['crossed-book'] === 1, 'the crossed book flagged');
    server.send(
      'ethusdt@depth@100ms',
      diff(
        502,
        [],
        [
          ['2000.50', '0'],
          ['2001.00', '3'],
        ],
      ),
    );
    await until(() => books(events).some((u) => u.sequence === 502), 'book at 502');
    assert.equal(pipeline.health().invalid['crossed-book'], 1);
    assert.ok(!books(events).some((u) => u.sequence === 501));
    const book = books(events).find((u) => u.sequence === 502)!;
    assert.equal(book.instrumentId, ETH);
    assert.deepEqual(levels(book.bids), ['2000.60:0.5000', '2000.00:1.0000']);
    assert.deepEqual(levels(book.asks), ['2001.00:3.0000']);
  });
});
