import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTimestampUs, US } from '../../core/clock.js';
import type { Bar } from '../../model/data/bar.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { parseBarSpec } from './bar-spec.js';
import { TimeBarAggregator, type TimeBarOptions } from './time-bar-aggregator.js';

const ID = instrumentId('BTCUSDT', 'BINANCE');
/** 2024-01-01T12:00:00Z. */
const NOON = 1_704_110_400 * US.SECOND;

const trade = (price: string, size: string, ts: number, tsInit = ts): TradeTick =>
  new TradeTick(ID, Price.parse(price), Quantity.parse(size), AggressorSide.BUYER, 't' as TradeId, ts, tsInit);

const show = (b: Bar): string =>
  `${formatTimestampUs(b.tsEvent)} O${b.open} H${b.high} L${b.low} C${b.close} V${b.volume}`;

function setup(spec: string, options: TimeBarOptions = {}): { agg: TimeBarAggregator; bars: Bar[] } {
  const bars: Bar[] = [];
  const agg = new TimeBarAggregator(ID, parseBarSpec(spec), (bar) => bars.push(bar), options);
  return { agg, bars };
}

test('1m bars from trades: OHLCV exact, tsEvent = close time, the boundary trade opens the next bar', () => {
  const { agg, bars } = setup('1m');
  agg.handleTrade(trade('100.00', '1.5', NOON + 5 * US.SECOND));
  agg.handleTrade(trade('101.50', '0.5', NOON + 30 * US.SECOND));
  agg.handleTrade(trade('99.75', '2.0', NOON + US.MINUTE - 1));
  assert.equal(bars.length, 0);
  agg.handleTrade(trade('100.25', '1.0', NOON + US.MINUTE, NOON + US.MINUTE + 7));
  assert.deepEqual(bars.map(show), ['2024-01-01T12:01:00.000Z O100.00 H101.50 L99.75 C99.75 V4.0']);
  assert.equal(bars[0].tsInit, NOON + US.MINUTE + 7, 'tsInit: when the closing trade was seen');
  assert.equal(bars[0].volumeRaw, 40);
  assert.equal(bars[0].sizePrecision, 1);

  agg.advanceTime(NOON + 2 * US.MINUTE - 1);
  assert.equal(bars.length, 1, 'not yet due');
  agg.advanceTime(NOON + 2 * US.MINUTE);
  assert.deepEqual(bars.map(show).slice(1), ['2024-01-01T12:02:00.000Z O100.25 H100.25 L100.25 C100.25 V1.0']);
  assert.equal(bars[1].tsInit, NOON + 2 * US.MINUTE);
});

test('alignment: bars start on multiples of the step since the epoch, across day boundaries', () => {
  const midnight = NOON + 12 * US.HOUR; // 2024-01-02T00:00:00Z
  const cases: [string, number, string][] = [
    ['1s', midnight - 1, '2024-01-02T00:00:00.000Z'],
    ['15m', midnight - 10 * US.MINUTE, '2024-01-02T00:00:00.000Z'],
    ['4h', midnight - 3 * US.HOUR, '2024-01-02T00:00:00.000Z'],
    ['4h', midnight, '2024-01-02T04:00:00.000Z'],
    ['1d', NOON, '2024-01-02T00:00:00.000Z'],
    ['1d', midnight + 23 * US.HOUR, '2024-01-03T00:00:00.000Z'],
    ['5s', NOON + 7 * US.SECOND, '2024-01-01T12:00:10.000Z'],
  ];
  for (const [spec, ts, end] of cases) {
    const { agg, bars } = setup(spec);
    agg.handleTrade(trade('1', '1', ts));
    assert.equal(formatTimestampUs(agg.nextCloseUs!), end, `${spec} at ${formatTimestampUs(ts)}`);
    agg.advanceTime(ts + US.DAY);
    assert.equal(bars.length, 1);
    assert.equal(formatTimestampUs(bars[0].tsEvent), end);
  }
  // The last trade of a day and the first of the next go to different daily bars.
  const { agg, bars } = setup('4h');
  agg.handleTrade(trade('10', '1', midnight - 1));
  agg.handleTrade(trade('11', '2', midnight));
  agg.advanceTime(midnight + 4 * US.HOUR);
  assert.deepEqual(bars.map(show), [
    '2024-01-02T00:00:00.000Z O10 H10 L10 C10 V1',
    '2024-01-02T04:00:00.000Z O11 H11 L11 C11 V2',
  ]);
});

test('bars close on time without trades; empty intervals skipped by default', () => {
  const { agg, bars } = setup('1m');
  agg.advanceTime(NOON + 10); // before any trade: sets the clock, emits nothing
  assert.equal(agg.nextCloseUs, NOON + US.MINUTE);
  agg.handleTrade(trade('5.0', '1', NOON + 20 * US.SECOND));
  agg.advanceTime(NOON + 5 * US.MINUTE + 3);
  assert.deepEqual(bars.map(show), ['2024-01-01T12:01:00.000Z O5.0 H5.0 L5.0 C5.0 V1']);
  assert.equal(bars[0].tsInit, NOON + 5 * US.MINUTE + 3);
  assert.equal(agg.nextCloseUs, NOON + 6 * US.MINUTE);
  agg.advanceTime(NOON + 9 * US.MINUTE);
  assert.equal(bars.length, 1, 'no trade, no bar');
  agg.handleTrade(trade('6.0', '2', NOON + 9 * US.MINUTE + 1));
  agg.advanceTime(NOON + 2 * US.MINUTE); // a clock stepping back closes nothing
  agg.advanceTime(NOON + 10 * US.MINUTE);
  assert.deepEqual(bars.map(show).slice(1), ['2024-01-01T12:10:00.000Z O6.0 H6.0 L6.0 C6.0 V2']);
});

test("emptyBars 'carry': a flat zero-volume bar at the previous close for each empty interval", () => {
  const { agg, bars } = setup('1m', { emptyBars: 'carry' });
  agg.advanceTime(NOON + 3 * US.MINUTE);
  assert.equal(bars.length, 0, 'nothing to carry before the first trade');
  agg.handleTrade(trade('5.0', '1', NOON + 3 * US.MINUTE));
  agg.handleTrade(trade('5.5', '1', NOON + 3 * US.MINUTE + 1));
  agg.advanceTime(NOON + 6 * US.MINUTE); // closes 12:04, carries 12:05 and 12:06
  agg.handleTrade(trade('4.0', '3', NOON + 8 * US.MINUTE + 5)); // carries 12:07, 12:08 (by the trade)
  agg.advanceTime(NOON + 9 * US.MINUTE);
  assert.deepEqual(bars.map(show), [
    '2024-01-01T12:04:00.000Z O5.0 H5.5 L5.0 C5.5 V2',
    '2024-01-01T12:05:00.000Z O5.5 H5.5 L5.5 C5.5 V0',
    '2024-01-01T12:06:00.000Z O5.5 H5.5 L5.5 C5.5 V0',
    '2024-01-01T12:07:00.000Z O5.5 H5.5 L5.5 C5.5 V0',
    '2024-01-01T12:08:00.000Z O5.5 H5.5 L5.5 C5.5 V0',
    '2024-01-01T12:09:00.000Z O4.0 H4.0 L4.0 C4.0 V3',
  ]);
  assert.equal(bars[4].tsInit, NOON + 8 * US.MINUTE + 5, 'carried by the trade');
});

test("late trades are counted, then dropped (default) or folded into the current bar", () => {
  for (const lateTicks of ['drop', 'fold'] as const) {
    const { agg, bars } = setup('1m', { lateTicks });
    agg.handleTrade(trade('10', '1', NOON + 10));
    agg.advanceTime(NOON + US.MINUTE);
    agg.handleTrade(trade('11', '1', NOON + US.MINUTE + 1));
    agg.handleTrade(trade('99', '5', NOON + 30 * US.SECOND)); // its bar closed already
    agg.handleTrade(trade('12', '1', NOON + US.MINUTE + 20)); // in order again
    assert.equal(agg.lateCount, 1, lateTicks);
    agg.advanceTime(NOON + 2 * US.MINUTE);
    assert.equal(bars[0].closeRaw, 10, 'a closed bar never changes');
    assert.equal(
      show(bars[1]),
      lateTicks === 'drop'
        ? '2024-01-01T12:02:00.000Z O11 H12 L11 C12 V2'
        : '2024-01-01T12:02:00.000Z O11 H99 L11 C12 V7',
    );
  }
});

test('partial() shows the forming bar without closing it', () => {
  const { agg, bars } = setup('1m');
  assert.equal(agg.partial(), undefined);
  agg.handleTrade(trade('3.00', '1', NOON + 1, NOON + 2));
  agg.handleTrade(trade('2.50', '4', NOON + 3, NOON + 4));
  const p = agg.partial()!;
  assert.equal(show(p), '2024-01-01T12:01:00.000Z O3.00 H3.00 L2.50 C2.50 V5');
  assert.equal(p.tsInit, NOON + 4);
  agg.handleTrade(trade('3.25', '1', NOON + 5));
  assert.equal(bars.length, 0);
  assert.equal(show(agg.partial()!), '2024-01-01T12:01:00.000Z O3.00 H3.25 L2.50 C3.25 V6');
  agg.advanceTime(NOON + US.MINUTE);
  assert.equal(show(bars[0]), '2024-01-01T12:01:00.000Z O3.00 H3.25 L2.50 C3.25 V6');
  assert.equal(agg.partial(), undefined);
});

test('quote-driven bars: mid (exact, one more decimal), bid or ask; volume from sizes or zero', () => {
  const quote = (bid: string, ask: string, bidSize: string, askSize: string, ts: number): QuoteTick =>
    new QuoteTick(ID, Price.parse(bid), Price.parse(ask), Quantity.parse(bidSize), Quantity.parse(askSize), ts, ts);
  const feed = (options: TimeBarOptions): string[] => {
    const { agg, bars } = setup('1m', options);
    agg.handleQuote(quote('100.00', '100.01', '1.5', '2.5', NOON + 1));
    agg.handleQuote(quote('100.02', '100.05', '1.0', '0.2', NOON + 2));
    agg.handleQuote(quote('99.98', '100.00', '0.1', '0.1', NOON + 3));
    agg.advanceTime(NOON + US.MINUTE);
    return bars.map(show);
  };
  assert.deepEqual(feed({}), ['2024-01-01T12:01:00.000Z O100.005 H100.035 L99.990 C99.990 V2.70']);
  assert.deepEqual(feed({ quotePrice: 'bid' }), ['2024-01-01T12:01:00.000Z O100.00 H100.02 L99.98 C99.98 V2.6']);
  assert.deepEqual(feed({ quotePrice: 'ask', quoteVolume: 'zero' }), [
    '2024-01-01T12:01:00.000Z O100.01 H100.05 L100.00 C100.00 V0.0',
  ]);
  assert.deepEqual(feed({ quoteVolume: 'zero' }), ['2024-01-01T12:01:00.000Z O100.005 H100.035 L99.990 C99.990 V0.0']);
});

test('precisions: fixed by options or the first tick; coarser ticks widen exactly, finer ones throw', () => {
  const { agg, bars } = setup('1m', { pricePrecision: 2 });
  agg.handleTrade(trade('100', '1', NOON));
  agg.handleTrade(trade('100.5', '1', NOON + 1));
  assert.throws(() => agg.handleTrade(trade('100.125', '1', NOON + 2)), /3 decimals, more than the bars' 2/);
  agg.advanceTime(NOON + US.MINUTE);
  assert.deepEqual(bars.map(show), ['2024-01-01T12:01:00.000Z O100.00 H100.50 L100.00 C100.50 V2']);
  assert.throws(
    () => agg.handleTrade(new TradeTick(instrumentId('ETH', 'X'), Price.parse('1'), Quantity.parse('1'), 'NONE', 't' as TradeId, NOON, NOON)),
    /fed a tick of ETH.X/,
  );
  assert.throws(
    () => agg.handleQuote(new QuoteTick(ID, Price.parse('1'), Price.parse('2'), Quantity.parse('1'), Quantity.parse('1'), NOON, NOON)),
    /fed trades, then quotes/,
  );
  const raw = setup('1m', { pricePrecision: 2, sizePrecision: 3 });
  raw.agg.handleRaw(12345, 1500, NOON, NOON);
  assert.equal(show(raw.agg.partial()!), '2024-01-01T12:01:00.000Z O123.45 H123.45 L123.45 C123.45 V1.500');
  assert.throws(() => setup('1m').agg.handleRaw(1, 1, NOON, NOON), /needs the pricePrecision and sizePrecision/);
});
