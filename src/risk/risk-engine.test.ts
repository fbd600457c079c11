import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unwrap } from '../core/result.js';
import { parseClientOrderId } from '../model/identifiers/order-ids.js';
import { Order } from '../model/orders/order.js';
import { OrderStatus } from '../model/orders/order-status.js';
import { Price } from '../model/types/price.js';
import { orderDeniedByRisk } from './order-denied-by-risk.js';
import { RiskCode, type RiskDenial } from './risk-codes.js';
import { C, E, order, S1, S2, S3, setup, WEDNESDAY_15H, X, Y, Z } from './risk-test-fixture.js';

/** Asserts a denial with `code` whose reason contains every fragment. */
function denied(denial: RiskDenial | undefined, code: RiskCode, ...fragments: string[]): void {
  assert.ok(denial !== undefined, `expected ${code}, the order passed`);
  assert.equal(denial.code, code, denial.reason);
  for (const fragment of fragments)
    assert.ok(denial.reason.includes(fragment), `"${denial.reason}" lacks "${fragment}"`);
}

const resting = (strategyId = S1, side: 'BUY' | 'SELL' = 'BUY', leavesRaw = 1, instrumentId = X) => ({
  strategyId,
  instrumentId,
  side,
  leavesRaw,
});

describe('RiskEngine: max order quantity', () => {
  it('passes at the limit and fails one lot past it, naming both', () => {
    const { engine } = setup({ node: { maxOrderQuantity: '10' } });
    assert.equal(engine.check(S1, order('BUY', '10', '100.00')), undefined);
    assert.equal(engine.check(S1, order('SELL', '10')), undefined);
    denied(engine.check(S1, order('BUY', '11', '100.00')), RiskCode.MAX_ORDER_QTY, '11', '10', 'X.SIM');
  });

  it('per instrument with a default, at the instrument size precision', () => {
    const { engine } = setup({ node: { maxOrderQuantity: { 'C.SIM': '0.5', default: 3 } } });
    assert.equal(engine.check(S1, order('BUY', '0.500', '20000.0', C)), undefined);
    denied(engine.check(S1, order('BUY', '0.501', '20000.0', C)), RiskCode.MAX_ORDER_QTY, '0.501', '0.500');
    assert.equal(engine.check(S1, order('BUY', '3', '100.00', Y)), undefined);
    denied(engine.check(S1, order('BUY', '4', '100.00', Y)), RiskCode.MAX_ORDER_QTY, '4', '3');
  });

  it('a quantity finer than the lot is rounded up, never down', () => {
    const { engine } = setup({ node: { maxOrderQuantity: '10' } });
    // 10.4 on a lot of 1 counts as 11.
    denied(engine.check(S1, order('BUY', '10.4', '100.00')), RiskCode.MAX_ORDER_QTY, '11');
  });
});

describe('RiskEngine: max order notional', () => {
  it('passes at the limit and fails one cent past it', () => {
    const { engine } = setup({ node: { maxOrderNotional: '1000' } });
    assert.equal(engine.check(S1, order('BUY', '1', '1000.00')), undefined);
    denied(
      engine.check(S1, order('BUY', '1', '1000.01')),
      RiskCode.MAX_NOTIONAL,
      '1000.01 USD',
      '1000.00 USD',
    );
  });

  it('values a market order at the last price and a limit order at the higher of its price and the last', () => {
    const { engine, view } = setup({ node: { maxOrderNotional: '1000' } });
    assert.equal(engine.check(S1, order('BUY', '10')), undefined); // 10 × 100.00
    denied(engine.check(S1, order('BUY', '11')), RiskCode.MAX_NOTIONAL, '1100.00 USD');
    // A buy limit below the market is still valued at the market: 10 × 100.01.
    view.setLastPrice(X, Price.parse('100.01'));
    denied(engine.check(S1, order('BUY', '10', '90.00')), RiskCode.MAX_NOTIONAL, '1000.10 USD', 'at 100.01');
  });

  it('a market order with no last price is denied RISK_NO_PRICE when a money limit needs a price', () => {
    const { engine } = setup({ node: { maxOrderNotional: '1000' } });
    denied(engine.check(S1, order('BUY', '1', undefined, Z)), RiskCode.NO_PRICE, 'MARKET', 'Z.SIM');
    assert.equal(engine.check(S1, order('BUY', '1', '5.00', Z)), undefined); // a limit order carries its price
    const { engine: unpriced } = setup({ node: { maxOrderQuantity: '5' } });
    assert.equal(unpriced.check(S1, order('BUY', '1', undefined, Z)), undefined);
  });
});

describe('RiskEngine: max position', () => {
  it('passes up to the limit in either direction and fails one lot past it', () => {
    const { engine, view } = setup({ node: { maxPosition: '10' } });
    assert.equal(engine.check(S1, order('BUY', '10', '100.00')), undefined);
    denied(engine.check(S1, order('BUY', '11', '100.00')), RiskCode.MAX_POSITION, '11', 'maximum is 10');
    view.applyFill(S1, X, 'BUY', 10, Price.parse('100.00'));
    assert.equal(engine.check(S1, order('SELL', '20')), undefined); // to −10
    denied(engine.check(S1, order('SELL', '21')), RiskCode.MAX_POSITION, '-11');
  });

  it('counts resting orders on the side the order grows', () => {
    const { engine, view } = setup({ node: { maxPosition: '10' } });
    view.resting.push(resting(S1, 'BUY', 4), resting(S1, 'SELL', 50));
    assert.equal(engine.check(S1, order('BUY', '6', '100.00')), undefined);
    denied(engine.check(S1, order('BUY', '7', '100.00')), RiskCode.MAX_POSITION, 'resting 4', 'order 7');
  });

  it('a position already past the limit (set by hand) can be reduced but not grown', () => {
    const { engine, view } = setup({ node: { maxPosition: '10' } });
    view.applyFill(S1, X, 'BUY', 12, Price.parse('100.00'));
    assert.equal(engine.check(S1, order('SELL', '1')), undefined);
    denied(engine.check(S1, order('BUY', '1')), RiskCode.MAX_POSITION, '13');
  });

  it('node limit on node-wide positions, strategy limit on the strategy position', () => {
    const { engine, view } = setup({
      node: { maxPosition: '10' },
      strategies: { 'S-1': { maxPosition: '5' } },
    });
    assert.equal(engine.check(S1, order('BUY', '5')), undefined);
    denied(engine.check(S1, order('BUY', '6')), RiskCode.MAX_POSITION, 'strategy S-1');
    view.applyFill(S2, X, 'BUY', 8, Price.parse('100.00'));
    denied(engine.check(S1, order('BUY', '3')), RiskCode.MAX_POSITION, 'node', '11');
    assert.equal(engine.check(S1, order('BUY', '2')), undefined);
  });
});

describe('RiskEngine: concentration', () => {
  it('position value up to the percentage of equity passes, one lot more fails', () => {
    // Equity 1 000 000.00; 10 % = 100 000.00 = 1000 × 100.00.
    const { engine } = setup({ node: { maxConcentrationPct: '10' } });
    assert.equal(engine.check(S1, order('BUY', '1000')), undefined);
    denied(
      engine.check(S1, order('BUY', '1001')),
      RiskCode.CONCENTRATION,
      '100100.00 USD',
      '10%',
      '1000000.00 USD',
    );
  });

  it('reducing a concentrated position passes', () => {
    const { engine, view } = setup({ node: { maxConcentrationPct: '1' } });
    view.applyFill(S1, X, 'BUY', 5000, Price.parse('100.00'));
    assert.equal(engine.check(S1, order('SELL', '100')), undefined);
    denied(engine.check(S1, order('BUY', '1')), RiskCode.CONCENTRATION);
  });
});

describe('RiskEngine: max open orders', () => {
  it('node-wide and per instrument', () => {
    const { engine, view } = setup({ node: { maxOpenOrders: 3, maxOpenOrdersPerInstrument: 1 } });
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    view.resting.push(resting(S1, 'BUY', 1, X));
    denied(
      engine.check(S2, order('BUY', '1')),
      RiskCode.MAX_OPEN_ORDERS,
      '1 open orders in X.SIM',
      'maximum is 1',
    );
    assert.equal(engine.check(S2, order('BUY', '1', undefined, Y)), undefined);
    view.resting.push(resting(S2, 'BUY', 1, Y), resting(S2, 'BUY', 1, C));
    denied(
      engine.check(S1, order('BUY', '1', undefined, E)),
      RiskCode.MAX_OPEN_ORDERS,
      'node has 3 open orders',
      'maximum is 3',
    );
  });

  it('a strategy limit counts the strategy orders only', () => {
    const { engine, view } = setup({ strategies: { 'S-1': { maxOpenOrders: 1 } } });
    view.resting.push(resting(S2, 'BUY'), resting(S2, 'BUY'));
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    view.resting.push(resting(S1, 'BUY'));
    denied(engine.check(S1, order('BUY', '1')), RiskCode.MAX_OPEN_ORDERS, 'strategy S-1 has 1');
    assert.equal(engine.check(S2, order('BUY', '1')), undefined);
  });
});

describe('RiskEngine: gross and net exposure', () => {
  it('gross: up to the limit passes, one lot more fails, a flip counts the new side', () => {
    const { engine, view } = setup({ node: { maxGrossExposure: '5000' } });
    view.applyFill(S1, X, 'BUY', 30, Price.parse('100.00')); // 3000.00
    assert.equal(engine.check(S1, order('BUY', '20')), undefined);
    denied(engine.check(S1, order('BUY', '21')), RiskCode.GROSS_EXPOSURE, '5100.00 USD', '5000.00 USD');
    assert.equal(engine.check(S1, order('SELL', '80')), undefined); // −50 × 100
    denied(engine.check(S1, order('SELL', '81')), RiskCode.GROSS_EXPOSURE);
    // Another instrument adds to the gross.
    denied(engine.check(S1, order('SELL', '21', undefined, Y)), RiskCode.GROSS_EXPOSURE, '5100.00 USD');
  });

  it('net: longs and shorts offset', () => {
    const { engine, view } = setup({ node: { maxNetExposure: 5000 } });
    view.applyFill(S1, X, 'BUY', 30, Price.parse('100.00'));
    assert.equal(engine.check(S1, order('BUY', '20', undefined, Y)), undefined);
    denied(
      engine.check(S1, order('BUY', '21', undefined, Y)),
      RiskCode.NET_EXPOSURE,
      '5100.00 USD',
      '±5000.00 USD',
    );
    // A short in Y offsets the long in X: −80 × 100 + 3000 = −5000.
    assert.equal(engine.check(S1, order('SELL', '80', undefined, Y)), undefined);
    denied(engine.check(S1, order('SELL', '81', undefined, Y)), RiskCode.NET_EXPOSURE, '-5100.00 USD');
  });

  it('exposure past the limit after a price move: reducing passes', () => {
    const { engine, view } = setup({ node: { maxGrossExposure: '5000', maxNetExposure: '5000' } });
    view.applyFill(S1, X, 'BUY', 50, Price.parse('100.00'));
    view.setLastPrice(X, Price.parse('120.00'));
    assert.equal(engine.check(S1, order('SELL', '1')), undefined);
    denied(engine.check(S1, order('BUY', '1')), RiskCode.GROSS_EXPOSURE);
  });
});

describe('RiskEngine: price band', () => {
  it('a limit price within the band of the last price passes; one tick outside fails', () => {
    const { engine } = setup({ node: { priceBandBps: 100 } });
    assert.equal(engine.check(S1, order('BUY', '1', '101.00')), undefined);
    assert.equal(engine.check(S1, order('SELL', '1', '99.00')), undefined);
    denied(
      engine.check(S1, order('BUY', '1', '101.01')),
      RiskCode.PRICE_BAND,
      '101.01',
      '101.0 bps',
      'last price 100.00',
      '100 bps',
    );
    denied(engine.check(S1, order('SELL', '1', '98.99')), RiskCode.PRICE_BAND, '98.99');
  });

  it('a stop-limit limit is banded around its trigger; market and stop-market orders are not banded', () => {
    const { engine } = setup({ node: { priceBandBps: '100' } });
    const stopLimit = (limit: string) => ({
      ...order('BUY', '1', limit, X, 'STOP_LIMIT'),
      triggerPrice: Price.parse('110.00'),
    });
    assert.equal(engine.check(S1, stopLimit('111.10')), undefined);
    denied(engine.check(S1, stopLimit('111.11')), RiskCode.PRICE_BAND, 'trigger price 110.00');
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    assert.equal(
      engine.check(S1, {
        ...order('BUY', '1', undefined, X, 'STOP_MARKET'),
        triggerPrice: Price.parse('150.00'),
      }),
      undefined,
    );
  });

  it('a fractional band is exact, and no last price is a RISK_NO_PRICE denial', () => {
    const { engine } = setup({ node: { priceBandBps: { 'X.SIM': '0.5', 'Z.SIM': 100 } } });
    // 0.5 bps of 100.00 = 0.005: 100.00 passes, 100.01 (1 bps) fails.
    assert.equal(engine.check(S1, order('BUY', '1', '100.00')), undefined);
    denied(engine.check(S1, order('BUY', '1', '100.01')), RiskCode.PRICE_BAND, '0.5 bps');
    denied(engine.check(S1, order('BUY', '1', '1.00', Z)), RiskCode.NO_PRICE, 'price band');
  });
});

describe('RiskEngine: order rate', () => {
  it('a sliding window on the clock: the count passes, one more is denied until the oldest leaves', () => {
    const { engine, clock } = setup({ node: { maxOrderRate: { count: 3, windowMs: 1000 } } });
    const t0 = clock.timestampUs();
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    clock.setTime(t0 + 100_000);
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    clock.setTime(t0 + 200_000);
    assert.equal(engine.check(S2, order('BUY', '1')), undefined);
    clock.setTime(t0 + 999_999);
    denied(
      engine.check(S1, order('BUY', '1')),
      RiskCode.RATE_LIMIT,
      'node sent 3 orders in the last 1000 ms',
      'maximum is 3',
    );
    clock.setTime(t0 + 1_000_000);
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    denied(engine.check(S1, order('BUY', '1')), RiskCode.RATE_LIMIT);
    clock.setTime(t0 + 1_100_000);
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
  });

  it('denied orders do not use up the rate; a per-strategy rate counts the strategy only', () => {
    const { engine } = setup({
      node: { maxOrderQuantity: '5' },
      strategies: { 'S-1': { maxOrderRate: 2 } },
    });
    denied(engine.check(S1, order('BUY', '6')), RiskCode.MAX_ORDER_QTY);
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    denied(engine.check(S1, order('BUY', '1')), RiskCode.RATE_LIMIT, 'strategy S-1');
    assert.equal(engine.check(S2, order('BUY', '1')), undefined);
  });
});

describe('RiskEngine: trading hours', () => {
  const nasdaq = {
    venues: ['SIM'],
    utcOffsetMinutes: -300,
    sessions: [{ open: '09:30', close: '16:00' }],
    holidays: ['2024-01-15'],
  };

  it('inside the session passes; before the open, after the close, on a weekend and on a holiday fail', () => {
    const wed = WEDNESDAY_15H - 15 * 3_600_000_000; // Wednesday 00:00 UTC
    const { engine, clock } = setup({ node: { tradingHours: [nasdaq] } }, 100_000_000, wed);
    const at = (hours: number, minutes: number, days = 0) =>
      wed + days * 86_400_000_000 + (hours * 60 + minutes) * 60_000_000;
    clock.setTime(at(14, 29)); // 09:29 local
    denied(
      engine.check(S1, order('BUY', '1')),
      RiskCode.TRADING_HOURS,
      'MON,TUE,WED,THU,FRI 09:30-16:00',
      'WED 09:29 (UTC-05:00)',
    );
    clock.setTime(at(14, 30));
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    clock.setTime(at(20, 59, 0) + 59_999_999);
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
    clock.setTime(at(21, 0));
    denied(engine.check(S1, order('BUY', '1')), RiskCode.TRADING_HOURS, 'WED 16:00');
    clock.setTime(at(15, 0, 3)); // Saturday
    denied(engine.check(S1, order('BUY', '1')), RiskCode.TRADING_HOURS, 'SAT 10:00');
    clock.setTime(at(15, 0, 12)); // Monday 2024-01-15, a holiday
    denied(engine.check(S1, order('BUY', '1')), RiskCode.TRADING_HOURS, 'MON 10:00', 'holiday');
    clock.setTime(at(15, 0, 13));
    assert.equal(engine.check(S1, order('BUY', '1')), undefined);
  });

  it('a rule for other instruments does not apply; an instrument rule beats a venue rule', () => {
    const { engine, clock } = setup({
      node: {
        tradingHours: [
          { instruments: ['Q.OTHER'], sessions: [{ open: '00:00', close: '00:01' }] },
          nasdaq,
          { instruments: ['C.SIM'], sessions: [{ days: ['SAT', 'SUN'], open: '00:00', close: '24:00' }] },
        ],
      },
    });
    clock.setTime(WEDNESDAY_15H + 3 * 86_400_000_000); // Saturday 15:00 UTC
    denied(engine.check(S1, order('BUY', '1')), RiskCode.TRADING_HOURS);
    assert.equal(engine.check(S1, order('BUY', '1', undefined, C)), undefined);
  });
});

describe('RiskEngine: buying power', () => {
  it('the opening notional must fit the buying power; reducing needs none', () => {
    const { engine, view } = setup({ node: { checkBuyingPower: true } }, 100_000); // 1000.00
    assert.equal(engine.check(S1, order('BUY', '10', '100.00')), undefined);
    denied(
      engine.check(S1, order('BUY', '10', '100.01')),
      RiskCode.BUYING_POWER,
      '1000.10 USD',
      '1000.00 USD',
    );
    view.applyFill(S1, X, 'BUY', 10, Price.parse('100.00'));
    view.buyingPower = 0;
    assert.equal(engine.check(S1, order('SELL', '10')), undefined);
    // Selling 11 opens a short of 1: 100.00 needed.
    denied(engine.check(S1, order('SELL', '11')), RiskCode.BUYING_POWER, '100.00 USD', '0.00 USD');
  });
});

describe('RiskEngine: per-strategy limits', () => {
  it('a strategy override beats the node per-order limit, looser or tighter; defaults fill in', () => {
    const { engine } = setup({
      node: { maxOrderQuantity: '10', maxOrderNotional: '100000' },
      strategyDefaults: { maxOrderQuantity: '8' },
      strategies: { 'S-2': { maxOrderQuantity: '20' }, 'S-3': { maxOrderNotional: '500' } },
    });
    assert.equal(engine.check(S2, order('BUY', '20')), undefined);
    denied(engine.check(S2, order('BUY', '21')), RiskCode.MAX_ORDER_QTY, 'maximum 20');
    denied(engine.check(S1, order('BUY', '9')), RiskCode.MAX_ORDER_QTY, 'maximum 8');
    denied(engine.check(S3, order('BUY', '6')), RiskCode.MAX_NOTIONAL, '500.00 USD');
    assert.equal(engine.check(S3, order('BUY', '5')), undefined);
  });

  it('per-instrument override: the strategy entry for the instrument first, then its default', () => {
    const { engine } = setup({
      node: { maxOrderQuantity: { 'Y.SIM': '100', default: '1' } },
      strategies: { 'S-1': { maxOrderQuantity: { 'X.SIM': '50' } } },
    });
    assert.equal(engine.check(S1, order('BUY', '50')), undefined);
    assert.equal(engine.check(S1, order('BUY', '100', undefined, Y)), undefined);
    denied(engine.check(S1, order('BUY', '2', undefined, C)), RiskCode.MAX_ORDER_QTY, '2.000', '1.000');
  });
});

describe('RiskEngine: instruments the engine cannot measure', () => {
  it('an unknown instrument, and money limits on an instrument in another currency, are denied', () => {
    const { engine } = setup({ node: { maxOrderNotional: '1000' } });
    denied(
      engine.check(S1, order('BUY', '1', '1.00', 'NOPE.SIM' as typeof X)),
      RiskCode.UNKNOWN_INSTRUMENT,
      'NOPE.SIM',
    );
    denied(engine.check(S1, order('BUY', '1', '1.00', E)), RiskCode.CURRENCY_MISMATCH, 'EUR', 'USD');
    const { engine: plain } = setup({ node: { maxOrderQuantity: '5' } });
    assert.equal(plain.check(S1, order('BUY', '1', '1.00', E)), undefined);
  });

  it('with no limits at all, every order passes', () => {
    const { engine } = setup({});
    assert.equal(engine.check(S1, order('BUY', '1000000')), undefined);
    assert.equal(engine.check(S1, order('SELL', '1', '0.01', Y)), undefined);
  });
});

describe('orderDeniedByRisk', () => {
  it('a denial becomes the OrderDenied event that moves the order to DENIED', () => {
    const { engine } = setup({ node: { maxOrderQuantity: '1' } });
    const spec = order('BUY', '2', '100.00');
    const created = new Order(unwrap(parseClientOrderId('O-000001')), S1, spec, 4_000);
    const denial = engine.check(S1, spec)!;
    const event = orderDeniedByRisk(created, denial, 5_000);
    created.apply(event);
    assert.equal(created.status, OrderStatus.DENIED);
    assert.deepEqual(event, {
      type: 'OrderDenied',
      clientOrderId: 'O-000001',
      strategyId: S1,
      instrumentId: X,
      code: 'RISK_MAX_ORDER_QTY',
      reason: denial.reason,
      tsEvent: 5_000,
      tsInit: 5_000,
    });
  });
});
