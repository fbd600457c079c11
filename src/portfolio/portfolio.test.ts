import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../core/assert.js';
import { unwrap } from '../core/result.js';
import { Cache } from '../common/cache.js';
import { Bar } from '../model/data/bar.js';
import type { OrderFilled } from '../model/events/order-events.js';
import { instrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import {
  parseClientOrderId,
  parseStrategyId,
  parseTradeId,
  parseVenueOrderId,
} from '../model/identifiers/order-ids.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import type { OrderSide } from '../model/orders/order-enums.js';
import { currency, type Currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import type { RoundTrip } from './round-trip.js';
import { Portfolio } from './portfolio.js';

const USD = currency('USD');
const X = instrumentId('X', 'SIM');
const Y = instrumentId('Y', 'SIM');

function setup(): { cache: Cache; portfolio: Portfolio } {
  const cache = new Cache();
  cache.addInstrument(simpleInstrument(X, USD, 2, 0));
  cache.addInstrument(simpleInstrument(Y, USD, 2, 0));
  // Starting cash 10,000.00 USD = 1,000,000 cents.
  const portfolio = new Portfolio(cache, USD, Money.fromRaw(1_000_000, USD));
  return { cache, portfolio };
}

let trade = 0;
function fill(
  side: OrderSide,
  qty: string,
  px: string,
  fee: string,
  tsEvent: number,
  id: InstrumentId = X,
  feeCurrency: Currency = USD,
): OrderFilled {
  trade++;
  return {
    type: 'OrderFilled',
    clientOrderId: unwrap(parseClientOrderId(`O-${trade}`)),
    strategyId: unwrap(parseStrategyId('S-1')),
    instrumentId: id,
    tsEvent,
    tsInit: tsEvent,
    venueOrderId: unwrap(parseVenueOrderId(`V-${trade}`)),
    tradeId: unwrap(parseTradeId(`T-${trade}`)),
    side,
    lastQty: Quantity.parse(qty),
    lastPx: Price.parse(px),
    commission: Money.fromRaw(Price.parse(fee, 2).raw, feeCurrency),
    liquiditySide: 'TAKER',
  };
}

function bar(id: InstrumentId, close: string, ts: number): Bar {
  const c = Price.parse(close);
  return Bar.of(id, c, c, c, c, Quantity.parse('1'), ts, ts);
}

describe('Portfolio', () => {
  test('long round trip: cash, equity marked to the last close, realized PnL and the round trip', () => {
    const { cache, portfolio } = setup();
    assert.equal(portfolio.cashRaw, 1_000_000);
    assert.equal(portfolio.equityRaw(), 1_000_000);
    assert.equal(portfolio.isExposed, false);

    // Buy 10 @ 100.00, fee 1.00: cash = 1,000,000 − 100,000 − 100 = 899,900.
    portfolio.applyFill(fill('BUY', '10', '100.00', '1.00', 1));
    assert.equal(portfolio.cashRaw, 899_900);
    assert.equal(portfolio.cash.toString(), '8999.00 USD');
    assert.equal(portfolio.isExposed, true);
    assert.equal(portfolio.position(X).qtyRaw, 10);
    // No bar yet: carried at cost → equity = 899,900 + 100,000 = 999,900.
    assert.equal(portfolio.equityRaw(), 999_900);
    assert.equal(portfolio.unrealizedRaw(), 0);

    // Close 105.00: market value 10 × 105.00 = 105,000 → equity 1,004,900; unrealized 5,000.
    cache.updateBar(bar(X, '105.00', 2));
    assert.equal(portfolio.marketValueRaw(portfolio.position(X)), 105_000);
    assert.equal(portfolio.equityRaw(), 1_004_900);
    assert.equal(portfolio.equity().toString(), '10049.00 USD');
    assert.equal(portfolio.unrealizedRaw(), 5_000);

    // Sell 10 @ 110.00, fee 1.10: cash = 899,900 + 110,000 − 110 = 1,009,790.
    const trips: RoundTrip[] = [];
    portfolio.onRoundTrip = (t) => trips.push(t);
    portfolio.applyFill(fill('SELL', '10', '110.00', '1.10', 3));
    assert.equal(portfolio.cashRaw, 1_009_790);
    assert.equal(portfolio.isExposed, false);
    // Flat: equity is cash, whatever the last close.
    assert.equal(portfolio.equityRaw(), 1_009_790);
    assert.equal(portfolio.realizedRaw(), 10_000); // 110,000 − 100,000
    assert.equal(portfolio.feesRaw, 210);
    assert.equal(portfolio.tradedNotionalRaw, 210_000);

    // Round trip: PnL net of fees = 10,000 − (100 + 110) = 9,790 = the cash gained.
    assert.deepEqual(portfolio.roundTrips, [
      {
        instrumentId: X,
        side: 'LONG',
        entryTimeUs: 1,
        exitTimeUs: 3,
        quantityRaw: 10,
        entryNotionalRaw: 100_000,
        exitNotionalRaw: 110_000,
        pnlRaw: 9_790,
        feesRaw: 210,
      },
    ]);
    assert.equal(trips.length, 1);
    assert.equal(trips[0], portfolio.roundTrips[0]);
  });

  test('short: selling adds cash, marking subtracts the value owed, buying back spends it', () => {
    const { cache, portfolio } = setup();
    // Sell 5 @ 200.00, fee 0.50: cash = 1,000,000 + 100,000 − 50 = 1,099,950.
    portfolio.applyFill(fill('SELL', '5', '200.00', '0.50', 1));
    assert.equal(portfolio.cashRaw, 1_099_950);
    assert.equal(portfolio.position(X).qtyRaw, -5);
    assert.equal(portfolio.position(X).costRaw, -100_000);
    // Close 190.00: market value −5 × 190.00 = −95,000 → equity 1,004,950; unrealized +5,000.
    cache.updateBar(bar(X, '190.00', 2));
    assert.equal(portfolio.marketValueRaw(portfolio.position(X)), -95_000);
    assert.equal(portfolio.equityRaw(), 1_004_950);
    assert.equal(portfolio.unrealizedRaw(), 5_000);
    // Close 210.00: −105,000 → equity 994,950.
    cache.updateBar(bar(X, '210.00', 3));
    assert.equal(portfolio.equityRaw(), 994_950);
    // Buy back 5 @ 190.00, fee 0.50: cash = 1,099,950 − 95,000 − 50 = 1,004,900.
    portfolio.applyFill(fill('BUY', '5', '190.00', '0.50', 4));
    assert.equal(portfolio.cashRaw, 1_004_900);
    assert.equal(portfolio.realizedRaw(), 5_000);
    const [trip] = portfolio.roundTrips;
    assert.equal(trip.side, 'SHORT');
    assert.equal(trip.entryNotionalRaw, 100_000);
    assert.equal(trip.exitNotionalRaw, 95_000);
    assert.equal(trip.pnlRaw, 4_900); // 5,000 − 100 fees = cash gained 4,900
    assert.equal(trip.feesRaw, 100);
  });

  test('a flip closes one round trip and opens the next', () => {
    const { portfolio } = setup();
    // Buy 10 @ 100.00, fee 1.00 (t=1): cash 899,900.
    portfolio.applyFill(fill('BUY', '10', '100.00', '1.00', 1));
    // Sell 15 @ 110.00, fee 1.50 (t=2): cash 899,900 + 165,000 − 150 = 1,064,750.
    // Closing 10/15: notional 110,000, fee 100, realized 10,000. Opening 5: notional 55,000, fee 50.
    portfolio.applyFill(fill('SELL', '15', '110.00', '1.50', 2));
    assert.equal(portfolio.cashRaw, 1_064_750);
    assert.equal(portfolio.position(X).qtyRaw, -5);
    assert.equal(portfolio.roundTrips.length, 1);
    assert.deepEqual(portfolio.roundTrips[0], {
      instrumentId: X,
      side: 'LONG',
      entryTimeUs: 1,
      exitTimeUs: 2,
      quantityRaw: 10,
      entryNotionalRaw: 100_000,
      exitNotionalRaw: 110_000,
      pnlRaw: 9_800, // 10,000 − (100 opening fee + 100 closing share)
      feesRaw: 200,
    });
    // Buy 5 @ 100.00, fee 0.50 (t=3): cash 1,064,750 − 50,000 − 50 = 1,014,700; realized 55,000 − 50,000.
    portfolio.applyFill(fill('BUY', '5', '100.00', '0.50', 3));
    assert.equal(portfolio.cashRaw, 1_014_700);
    assert.deepEqual(portfolio.roundTrips[1], {
      instrumentId: X,
      side: 'SHORT',
      entryTimeUs: 2,
      exitTimeUs: 3,
      quantityRaw: 5,
      entryNotionalRaw: 55_000,
      exitNotionalRaw: 50_000,
      pnlRaw: 4_900, // 5,000 − (50 + 50)
      feesRaw: 100,
    });
    // The two trips' PnL add up to the change in cash: 9,800 + 4,900 = 14,700.
    assert.equal(
      portfolio.roundTrips[0].pnlRaw + portfolio.roundTrips[1].pnlRaw,
      portfolio.cashRaw - 1_000_000,
    );
    assert.equal(portfolio.realizedRaw(), 15_000);
    assert.equal(portfolio.feesRaw, 300);
  });

  test('one round trip spans partial closes and adds until flat', () => {
    const { portfolio } = setup();
    portfolio.applyFill(fill('BUY', '10', '100.00', '0.00', 1));
    portfolio.applyFill(fill('SELL', '5', '110.00', '0.00', 2)); // realized 5 × 10.00 = 5,000
    portfolio.applyFill(fill('BUY', '5', '120.00', '0.00', 3)); // 10 lots, cost 50,000 + 60,000
    assert.equal(portfolio.roundTrips.length, 0);
    // Sell 10 @ 115.00 = 115,000 vs cost 110,000 → realized 5,000.
    portfolio.applyFill(fill('SELL', '10', '115.00', '0.00', 4));
    assert.equal(portfolio.roundTrips.length, 1);
    const [trip] = portfolio.roundTrips;
    assert.equal(trip.quantityRaw, 15); // all quantity opened
    assert.equal(trip.entryNotionalRaw, 160_000); // 100,000 + 60,000
    assert.equal(trip.exitNotionalRaw, 170_000); // 55,000 + 115,000
    assert.equal(trip.pnlRaw, 10_000);
    assert.equal(trip.entryTimeUs, 1);
    assert.equal(trip.exitTimeUs, 4);
  });

  test('equity sums positions across instruments, each at its own last close', () => {
    const { cache, portfolio } = setup();
    portfolio.applyFill(fill('BUY', '10', '100.00', '0.00', 1, X)); // cash −100,000
    portfolio.applyFill(fill('SELL', '4', '50.00', '0.00', 1, Y)); // cash +20,000
    assert.equal(portfolio.cashRaw, 920_000);
    cache.updateBar(bar(X, '101.00', 2)); // +101,000
    cache.updateBar(bar(Y, '55.00', 2)); // −22,000
    assert.equal(portfolio.equityRaw(), 920_000 + 101_000 - 22_000);
    assert.equal(portfolio.unrealizedRaw(), 1_000 - 2_000);
    assert.equal(portfolio.positions().length, 2);
  });

  test('currency mismatches throw', () => {
    const cache = new Cache();
    cache.addInstrument(simpleInstrument(X, USD, 2, 0));
    assert.throws(() => new Portfolio(cache, USD, Money.fromRaw(1, currency('EUR'))), InvariantError);
    const portfolio = new Portfolio(cache, USD, Money.fromRaw(1, USD));
    assert.throws(
      () => portfolio.applyFill(fill('BUY', '1', '1.00', '0.01', 1, X, currency('EUR'))),
      InvariantError,
    );
    assert.equal(portfolio.cashRaw, 1);
  });
});
