import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InvariantError } from '../core/assert.js';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../model/instruments/instrument.js';
import { currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { cappedKelly, fixedFractional, fractionToQuantity, volatilityTarget } from './sizing.js';

const USD = currency('USD');
const USDT = currency('USDT');
const AAPL = simpleInstrument(instrumentId('AAPL', 'XNAS'), USD, 2, 0);
/** Tick 0.1, lot 0.001. */
const BTC: Instrument = {
  ...simpleInstrument(instrumentId('BTCUSDT', 'BINANCE'), USDT, 1, 3),
  lotSize: Quantity.parse('0.001'),
};
/** A future: 50 per point, lot 1. */
const ES: Instrument = { ...simpleInstrument(instrumentId('ES', 'XCME'), USD, 2, 0), multiplier: 50 };
/** Lots of 100 shares. */
const ROUND_LOT: Instrument = { ...AAPL, lotSize: Quantity.parse('100') };
const usd = (text: string) => Money.fromNumber(Number(text), USD);

describe('fixedFractional', () => {
  it('risks the fraction of equity between entry and stop, rounded down to the lot', () => {
    // 100 000 × 1 % = 1000 at risk, 2.50 per share → 400 shares.
    assert.equal(
      fixedFractional(usd('100000'), 0.01, Price.parse('50.00'), Price.parse('47.50'), AAPL).toString(),
      '400',
    );
    // 2.51 per share → 398.4… → 398.
    assert.equal(
      fixedFractional(usd('100000'), 0.01, Price.parse('50.00'), Price.parse('47.49'), AAPL).toString(),
      '398',
    );
    // Shorts: the stop above the entry.
    assert.equal(
      fixedFractional(usd('100000'), 0.01, Price.parse('50.00'), Price.parse('52.50'), AAPL).toString(),
      '400',
    );
    assert.equal(
      fixedFractional(usd('100000'), 0.01, Price.parse('50.00'), Price.parse('47.49'), ROUND_LOT).toString(),
      '300',
    );
    // Multiplier: 1000 / (4 points × 50) = 5 contracts.
    assert.equal(
      fixedFractional(usd('100000'), 0.01, Price.parse('5000.00'), Price.parse('4996.00'), ES).toString(),
      '5',
    );
    // Fractional lots: 10 000 USDT × 2 % = 200 over 1500.0 → 0.133 BTC.
    const equity = Money.fromNumber(10_000, USDT);
    assert.equal(
      fixedFractional(equity, 0.02, Price.parse('60000.0'), Price.parse('58500.0'), BTC).toString(),
      '0.133',
    );
  });

  it('never exceeds the budget, and one more lot would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 1e7 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 100 }),
        (equityRaw, fraction, entryRaw, distanceRaw, multiplier) => {
          const instrument = { ...BTC, quoteCurrency: USD, multiplier };
          const equity = Money.fromRaw(equityRaw, USD);
          const entry = Price.fromRaw(entryRaw + distanceRaw, 1);
          const stop = Price.fromRaw(entryRaw, 1);
          const qty = fixedFractional(equity, fraction, entry, stop, instrument);
          const budget = BigInt(Math.floor(equityRaw * fraction)); // cents
          // risk (cents) = qty/1000 × distance/10 × multiplier × 100 = qty × distance × multiplier / 100
          const risk = (q: bigint) => q * BigInt(distanceRaw) * BigInt(multiplier);
          assert.ok(risk(BigInt(qty.raw)) <= budget * 100n);
          assert.ok(risk(BigInt(qty.raw + 1)) > budget * 100n);
          assert.equal(qty.precision, 3);
        },
      ),
    );
  });

  it('refuses nonsense: a zero stop distance, a fraction outside [0, 1], another currency', () => {
    assert.throws(
      () => fixedFractional(usd('1000'), 0.01, Price.parse('10.00'), Price.parse('10.0'), AAPL),
      RangeError,
    );
    assert.throws(
      () => fixedFractional(usd('1000'), 2, Price.parse('10.00'), Price.parse('9.00'), AAPL),
      /riskFraction/,
    );
    assert.throws(
      () => fixedFractional(usd('1000'), 0.01, Price.parse('10.0'), Price.parse('9.0'), BTC),
      InvariantError,
    );
    assert.equal(fixedFractional(usd('-5'), 0.01, Price.parse('10.00'), Price.parse('9.00'), AAPL).raw, 0);
  });
});

describe('volatilityTarget', () => {
  it('sizes so that atrMultiple ATRs cost the risk fraction', () => {
    // 100 000 × 0.5 % = 500; ATR 1.25 × 2 = 2.50 per share → 200.
    assert.equal(volatilityTarget(usd('100000'), 0.005, 1.25, AAPL, { atrMultiple: 2 }).toString(), '200');
    // ATR 2.4999999 rounds UP to 2.500000: never more than 200.
    assert.equal(volatilityTarget(usd('100000'), 0.005, 2.4999999, AAPL).toString(), '200');
    assert.equal(volatilityTarget(usd('100000'), 0.005, 2.49, AAPL).toString(), '200');
    assert.equal(volatilityTarget(usd('100000'), 0.005, 2.48, AAPL).toString(), '201');
  });

  it('the notional cap applies when a price is given', () => {
    // Uncapped: 1000 / 0.10 = 10 000 shares = 500 000 at 50.00; capped at 1× equity: 2000 shares.
    assert.equal(volatilityTarget(usd('100000'), 0.01, 0.1, AAPL).toString(), '10000');
    const capped = volatilityTarget(usd('100000'), 0.01, 0.1, AAPL, {
      price: Price.parse('50.00'),
      maxNotionalFraction: 1,
    });
    assert.equal(capped.toString(), '2000');
  });
});

describe('cappedKelly and fractionToQuantity', () => {
  it('Kelly p − (1 − p)/b, clamped to [0, cap]', () => {
    assert.ok(Math.abs(cappedKelly(0.6, 2, 1) - 0.4) < 1e-12);
    assert.equal(cappedKelly(0.6, 2), 0.25);
    assert.equal(cappedKelly(0.3, 1, 1), 0);
    assert.ok(Math.abs(cappedKelly(0.55, 1, 0.5) - 0.1) < 1e-12);
    assert.throws(() => cappedKelly(1.2, 1), /winRate/);
    assert.throws(() => cappedKelly(0.5, 0), /payoffRatio/);
  });

  it('a fraction of equity becomes a quantity rounded down to the lot', () => {
    // 100 000 × 0.1 / 30.00 = 333.3 → 333.
    assert.equal(fractionToQuantity(usd('100000'), 0.1, Price.parse('30.00'), AAPL).toString(), '333');
    assert.equal(fractionToQuantity(usd('100000'), 0.1, Price.parse('30.00'), ROUND_LOT).toString(), '300');
    // 5000 USDT / 60 000.0 = 0.08333 → 0.083.
    assert.equal(
      fractionToQuantity(Money.fromNumber(10_000, USDT), 0.5, Price.parse('60000.0'), BTC).toString(),
      '0.083',
    );
    assert.throws(() => fractionToQuantity(usd('1000'), 25, Price.parse('1.00'), AAPL), /fraction/);
  });
});
