import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Bar } from '../../model/data/bar.js';
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { createBarAggregator } from '../aggregation/create-bar-aggregator.js';
import { barsFromTrades } from './trade-bars.js';
import { tradeColumnsOf } from './trade-columns.js';

const ID = 'X.SIM' as InstrumentId;
const MINUTE = 60_000_000;
const fields = (b: Bar): number[] => [b.tsEvent, b.tsInit, b.openRaw, b.highRaw, b.lowRaw, b.closeRaw, b.pricePrecision, b.volumeRaw, b.sizePrecision];

/** Trades over 3½ minutes with prices and sizes at mixed decimals. */
const trades = ['10.5', '10.25', '10.125', '9.9', '10', '10.75', '11.001'].map(
  (price, i) =>
    new TradeTick(ID, Price.parse(price), Quantity.parse(i % 2 === 0 ? '2' : '0.5'), AggressorSide.NONE, String(i) as TradeId, i * 30_000_000 + 1, i * 30_000_000 + 2),
);

describe('barsFromTrades', () => {
  test('gives the bars the aggregator gives for the same trades widened to one precision', () => {
    const widened = trades.map(
      (t) => new TradeTick(ID, Price.fromRaw(t.price.rawAt(3), 3), Quantity.fromRaw(t.size.rawAt(1), 1), t.aggressorSide, t.tradeId, t.tsEvent, t.tsInit),
    );
    const expected: Bar[] = [];
    const aggregator = createBarAggregator(ID, '1m', (b) => expected.push(b));
    widened.forEach((t) => aggregator.handleTrade(t));
    const bars = barsFromTrades(tradeColumnsOf(ID, trades), '1m');
    assert.equal(bars.length, 3); // the 4th minute is still forming: left out
    assert.deepEqual(bars.map(fields), expected.map(fields));
    assert.deepEqual(fields(bars[0]).slice(2, 9), [10_500, 10_500, 10_250, 10_250, 3, 25, 1]);
  });

  test('a finite end closes the last time bar; no trades give no bars', () => {
    const bars = barsFromTrades(tradeColumnsOf(ID, trades), '1m', 4 * MINUTE);
    assert.equal(bars.length, 4);
    assert.equal(bars[3].tsEvent, 4 * MINUTE);
    assert.equal(bars[3].closeRaw, 11_001);
    assert.deepEqual(barsFromTrades(tradeColumnsOf(ID, []), '1m', 4 * MINUTE), []);
    assert.deepEqual(barsFromTrades(tradeColumnsOf(ID, trades), '3t').length, 2);
  });
});
