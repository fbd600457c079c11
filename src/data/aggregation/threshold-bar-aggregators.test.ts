import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../core/input-error.js';
import type { Bar } from '../../model/data/bar.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { BarAggregator, BarAggregatorOptions } from './bar-aggregator.js';
import { createBarAggregator } from './create-bar-aggregator.js';
import { TickBarAggregator, ValueBarAggregator, VolumeBarAggregator } from './threshold-bar-aggregators.js';

const ID = instrumentId('AAPL', 'XNAS');
const T0 = 1_704_110_400_000_000;

const trade = (price: string, size: string, ts: number): TradeTick =>
  new TradeTick(ID, Price.parse(price), Quantity.parse(size), AggressorSide.SELLER, 't' as TradeId, ts, ts + 1);

const show = (b: Bar): string => `${b.tsEvent - T0} O${b.open} H${b.high} L${b.low} C${b.close} V${b.volume}`;

function setup(spec: string, options?: BarAggregatorOptions): { agg: BarAggregator; bars: Bar[] } {
  const bars: Bar[] = [];
  return { agg: createBarAggregator(ID, spec, (bar) => bars.push(bar), options), bars };
}

test('tick bars: one bar per N trades, timestamps of the trade that completed it', () => {
  const { agg, bars } = setup('3t');
  assert.ok(agg instanceof TickBarAggregator);
  const prices = ['10.0', '10.5', '9.5', '11.0', '11.0', '12.5', '12.0'];
  prices.forEach((p, i) => agg.handleTrade(trade(p, String(i + 1), T0 + i)));
  assert.deepEqual(bars.map(show), ['2 O10.0 H10.5 L9.5 C9.5 V6', '5 O11.0 H12.5 L11.0 C12.5 V15']);
  assert.equal(bars[1].tsInit, T0 + 6);
  assert.equal(show(agg.partial()!), '6 O12.0 H12.0 L12.0 C12.0 V7');
  agg.advanceTime(T0 + 1e12); // time does not close tick bars
  assert.equal(bars.length, 2);
});

test('volume bars: a trade crossing the threshold is split; the remainder starts the next bar', () => {
  const { agg, bars } = setup('volume:10');
  assert.ok(agg instanceof VolumeBarAggregator);
  agg.handleTrade(trade('1.00', '4', T0 + 1));
  agg.handleTrade(trade('1.10', '4', T0 + 2));
  agg.handleTrade(trade('0.90', '5', T0 + 3)); // 2 fill bar 1, 3 start bar 2
  agg.handleTrade(trade('1.20', '20', T0 + 4)); // 7 fill bar 2, 10 make bar 3, 3 start bar 4
  agg.handleTrade(trade('1.30', '7', T0 + 5)); // exactly fills bar 4: no empty bar 5
  assert.deepEqual(bars.map(show), [
    '3 O1.00 H1.10 L0.90 C0.90 V10',
    '4 O0.90 H1.20 L0.90 C1.20 V10',
    '4 O1.20 H1.20 L1.20 C1.20 V10',
    '5 O1.20 H1.30 L1.20 C1.30 V10',
  ]);
  assert.equal(agg.partial(), undefined);
  agg.handleTrade(trade('1.40', '0', T0 + 6)); // a zero-size print moves the price only
  assert.equal(show(agg.partial()!), '6 O1.40 H1.40 L1.40 C1.40 V0');
});

test('volume bars with fractional sizes: exact in raw units; threshold finer than the sizes is an InputError', () => {
  const { agg, bars } = setup('volume:0.5');
  for (let i = 0; i < 10; i++) agg.handleTrade(trade('100', '0.10', T0 + i)); // 0.1 is inexact as a float
  agg.handleTrade(trade('100', '0.35', T0 + 10));
  assert.equal(String(agg.partial()!.volume), '0.35');
  agg.handleTrade(trade('100', '0.2', T0 + 11)); // 1 decimal widens exactly to 2
  assert.deepEqual(
    bars.map((b) => String(b.volume)),
    ['0.50', '0.50', '0.50'],
  );
  assert.equal(String(agg.partial()!.volume), '0.05');
  assert.throws(() => agg.handleTrade(trade('100', '0.001', T0 + 12)), /3 decimals, more than the bars' 2/);

  const coarse = setup('volume:0.5');
  assert.throws(
    () => coarse.agg.handleTrade(trade('100', '3', T0)),
    (e: unknown) =>
      e instanceof InputError && /bar spec "volume:0.5": the threshold has more decimals than the instrument's sizes \(0\)/.test(e.message),
  );
});

test('value (dollar) bars: notional = price × size exactly; the smallest part of a trade that reaches the threshold closes the bar', () => {
  const { agg, bars } = setup('value:100');
  assert.ok(agg instanceof ValueBarAggregator);
  agg.handleTrade(trade('10.00', '3', T0 + 1)); // 30
  assert.equal(agg.thresholdRaw, 10_000); // 100 at 2 + 0 decimals
  assert.equal(agg.partialValueRaw, 3_000);
  agg.handleTrade(trade('20.00', '5', T0 + 2)); // needs 70: 4 × 20 = 80 closes bar 1 (110), 1 left (20)
  agg.handleTrade(trade('25.00', '100', T0 + 3)); // needs 80: 4 more; then 24 bars of 4 × 25 = 100
  assert.equal(bars.length, 26);
  assert.deepEqual(bars.slice(0, 3).map(show), [
    '2 O10.00 H20.00 L10.00 C20.00 V7',
    '3 O20.00 H25.00 L20.00 C25.00 V5',
    '3 O25.00 H25.00 L25.00 C25.00 V4',
  ]);
  assert.ok(bars.slice(2).every((b) => b.volumeRaw === 4));
  assert.equal(agg.partial(), undefined);
  assert.equal(agg.partialValueRaw, 0);
  // A trade many thresholds large, with a notional beyond 2^53 raw units: still exact.
  const big = setup('value:50000000000');
  big.agg.handleTrade(trade('65000.12', '2000000000', T0));
  const threshold = 5_000_000_000_000n; // at 2 decimals
  const take = (threshold + 6_500_011n) / 6_500_012n; // ceil: the smallest size reaching it
  assert.equal(big.bars.length, Number(2_000_000_000n / take));
  assert.ok(big.bars.every((b) => BigInt(b.volumeRaw) === take));
  assert.equal(BigInt(big.agg.partial()!.volumeRaw), 2_000_000_000n % take);
});

test('quote-driven threshold bars; zero quote volume is rejected for volume and value bars', () => {
  const { agg, bars } = setup('volume:3', { quotePrice: 'ask' });
  const quote = (ask: string, askSize: string, ts: number): QuoteTick =>
    new QuoteTick(ID, Price.parse('1.00'), Price.parse(ask), Quantity.parse('9'), Quantity.parse(askSize), ts, ts);
  agg.handleQuote(quote('1.05', '2', T0 + 1));
  agg.handleQuote(quote('1.04', '2', T0 + 2));
  assert.deepEqual(bars.map(show), ['2 O1.05 H1.05 L1.04 C1.04 V3']);
  assert.equal(show(agg.partial()!), '2 O1.04 H1.04 L1.04 C1.04 V1');
  for (const spec of ['volume:3', 'value:3']) {
    assert.throws(() => setup(spec, { quoteVolume: 'zero' }), /would never close a bar/);
  }
  assert.doesNotThrow(() => setup('5t', { quoteVolume: 'zero' }));
});
