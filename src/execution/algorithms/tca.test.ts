import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { TradeTick } from '../../model/data/trade-tick.js';
import { Bar } from '../../model/data/bar.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { algoHarness, X } from './algo-harness.js';
import { roundBps, TcaTracker } from './tca.js';

const px = (s: string) => Price.parse(s);
const q = (s: string) => Quantity.parse(s);
const quote = (bid: string, ask: string) => new QuoteTick(X, px(bid), px(ask), q('1'), q('1'), 0, 0);
const trade = (price: string, size: string) =>
  new TradeTick(X, px(price), q(size), 'NONE', 'T' as TradeId, 0, 0);

describe('TCA', () => {
  it('buy: arrival mid, average price, shortfall, participation, fill rate, slippage vs interval VWAP', () => {
    const t = new TcaTracker('BUY', 10, 2, 0);
    t.setArrival(quote('99.98', '100.02'), undefined, undefined);
    t.addFill(px('100.02'), q('4'));
    t.addFill(px('100.05'), q('6'));
    t.addMarketTrade(trade('100.00', '40'));
    t.addMarketTrade(trade('100.10', '60'));
    t.children = 2;
    const r = t.report();
    assert.equal(r.arrivalPrice, 100);
    assert.equal(r.arrivalSource, 'MID');
    // (4 × 100.02 + 6 × 100.05) / 10 = 1000.38 / 10 = 100.038
    assert.equal(r.avgFillPrice, 100.038);
    // (100.038 − 100) / 100 × 10 000 = 3.8 bps, a cost.
    assert.equal(r.implementationShortfallBps, 3.8);
    assert.equal(r.fillRate, 1);
    assert.equal(r.filledQty.toString(), '10');
    assert.equal(r.marketVolume.toString(), '100');
    assert.equal(r.marketVolumeSource, 'TRADES');
    assert.equal(r.participation, 0.1);
    // VWAP = (40 × 100 + 60 × 100.10) / 100 = 100.06; (100.038 − 100.06) / 100.06 × 10 000 = −2.1987… → −2.2
    assert.equal(r.intervalVwap, 100.06);
    assert.equal(r.slippageVsVwapBps, -2.2);
    assert.equal(r.children, 2);
  });

  it('sell: selling below arrival is a cost; the mid of an odd spread is a half tick', () => {
    const t = new TcaTracker('SELL', 4, 2, 0);
    t.setArrival(quote('100.00', '100.01'), trade('50.00', '1'), undefined);
    t.addFill(px('99.95'), q('1'));
    const r = t.report();
    assert.equal(r.arrivalPrice, 100.005);
    // (99.95 − 100.005) / 100.005 × 10 000 = −5.4997… ; a sell: +5.50 bps of cost.
    assert.equal(r.implementationShortfallBps, 5.5);
    assert.equal(r.fillRate, 0.25);
    assert.equal(r.participation, undefined);
    assert.equal(r.marketVolumeSource, 'NONE');
  });

  it('arrival falls back to the last trade, then the bar close; bars give volume and typical-price VWAP', () => {
    const byTrade = new TcaTracker('BUY', 1, 2, 0);
    byTrade.setArrival(undefined, trade('101.50', '1'), undefined);
    assert.equal(byTrade.report().arrivalPrice, 101.5);
    assert.equal(byTrade.report().arrivalSource, 'LAST_TRADE');
    const bar = (h: string, l: string, c: string, v: string) =>
      Bar.of(X, px(c), px(h), px(l), px(c), q(v), 0, 0);
    const byBar = new TcaTracker('BUY', 10, 2, 0);
    byBar.setArrival(undefined, undefined, bar('102.00', '98.00', '100.00', '1'));
    assert.equal(byBar.report().arrivalSource, 'BAR_CLOSE');
    byBar.addMarketBar(bar('101.00', '99.00', '100.00', '30')); // typical 100
    byBar.addMarketBar(bar('102.00', '100.00', '101.00', '10')); // typical 101
    byBar.addFill(px('100.50'), q('5'));
    const r = byBar.report();
    assert.equal(r.marketVolumeSource, 'BARS');
    assert.equal(r.marketVolume.toString(), '40');
    // (30 × 100 + 10 × 101) / 40 = 100.25
    assert.equal(r.intervalVwap, 100.25);
    // (100.5 − 100.25) / 100.25 × 10 000 = 24.937…
    assert.equal(r.slippageVsVwapBps, 24.94);
    assert.equal(r.implementationShortfallBps, 50);
    assert.equal(r.participation, 0.125);
  });

  it('without arrival or fills, the price measures are undefined', () => {
    const r = new TcaTracker('BUY', 10, 2, 0).report();
    assert.equal(r.arrivalPrice, undefined);
    assert.equal(r.avgFillPrice, undefined);
    assert.equal(r.implementationShortfallBps, undefined);
    assert.equal(r.fillRate, 0);
  });

  it('roundBps rounds to 0.01 and never gives -0', () => {
    assert.equal(roundBps(3.14159), 3.14);
    assert.equal(roundBps(-2.19871), -2.2);
    assert.ok(Object.is(roundBps(-0.001), 0));
  });

  it('end to end: the AlgoEnded event carries the TCA of a TWAP against hand-computed numbers', () => {
    const h = algoHarness();
    h.quote('99.98', '100.02'); // arrival mid 100.00
    const parent = h.start({
      algo: 'TWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 10,
      durationUs: 120_000_000,
      slices: 2,
    });
    // Slice 1: 5 at the ask 100.02.
    h.trade('100.00', '40');
    h.quote('100.04', '100.06');
    h.trade('100.10', '60');
    h.at(60_000_000); // slice 2: 5 at 100.06
    const ended = h.ofType('AlgoEnded');
    assert.equal(ended.length, 1);
    const tca = ended[0].tca;
    assert.equal(parent.status, 'COMPLETED');
    // avg (5 × 100.02 + 5 × 100.06) / 10 = 100.04 → 4 bps over arrival.
    assert.equal(tca.avgFillPrice, 100.04);
    assert.equal(tca.implementationShortfallBps, 4);
    assert.equal(tca.participation, 0.1);
    assert.equal(tca.children, 2);
    // VWAP 100.06: (100.04 − 100.06) / 100.06 × 10 000 = −1.9988… → −2
    assert.equal(tca.slippageVsVwapBps, -2);
  });
});
