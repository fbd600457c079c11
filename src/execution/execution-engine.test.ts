import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvariantError } from '../core/assert.js';
import { TestClock } from '../core/clock.js';
import { unwrap } from '../core/result.js';
import { Cache } from '../common/cache.js';
import type { OrderEvent, OrderFilled } from '../model/events/order-events.js';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import { parseStrategyId, parseTradeId, parseVenueOrderId } from '../model/identifiers/order-ids.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import type { Order, OrderSpec } from '../model/orders/order.js';
import { OrderStatus } from '../model/orders/order-status.js';
import { currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { DenialCode } from './denial-codes.js';
import type { ExecutionClient } from './execution-client.js';
import { ExecutionEngine } from './execution-engine.js';

const USD = currency('USD');
const X = instrumentId('X', 'SIM');
const STRATEGY = unwrap(parseStrategyId('S-1'));
const OTHER_STRATEGY = unwrap(parseStrategyId('S-2'));

/** A venue stand-in: records what it is sent and reports events when the test says so. */
class RecordingClient implements ExecutionClient {
  readonly submitted: Order[] = [];
  readonly canceled: Order[] = [];
  report: (event: OrderEvent) => void = () => {
    throw new Error('not connected');
  };
  connects = 0;

  constructor(readonly venue: string) {}

  connect(report: (event: OrderEvent) => void): void {
    this.connects++;
    this.report = report;
  }
  submitOrder(order: Order): void {
    this.submitted.push(order);
  }
  cancelOrder(order: Order): void {
    this.canceled.push(order);
  }
}

function setup() {
  const clock = new TestClock(1_000);
  const cache = new Cache();
  // Tick 0.01, lot 1 (size precision 0).
  cache.addInstrument(simpleInstrument(X, USD, 2, 0));
  // An instrument on a venue nobody connected.
  cache.addInstrument(simpleInstrument(instrumentId('Z', 'OTHER'), USD, 2, 0));
  const engine = new ExecutionEngine(clock, cache);
  const client = new RecordingClient('SIM');
  engine.registerClient(client);
  const events: OrderEvent[] = [];
  const fills: OrderFilled[] = [];
  engine.events.subscribe((e) => events.push(e));
  engine.fills.subscribe((f) => fills.push(f));
  return { clock, cache, engine, client, events, fills };
}

const limitBuy = (overrides: Partial<OrderSpec> = {}): OrderSpec => ({
  instrumentId: X,
  side: 'BUY',
  type: 'LIMIT',
  quantity: Quantity.parse('10'),
  price: Price.parse('100.00'),
  ...overrides,
});

const baseOf = (order: Order, ts: number) => ({
  clientOrderId: order.clientOrderId,
  strategyId: order.strategyId,
  instrumentId: order.instrumentId,
  tsEvent: ts,
  tsInit: ts,
});

function fillOf(order: Order, qty: string, px: string, trade: string, ts: number): OrderFilled {
  return {
    type: 'OrderFilled',
    ...baseOf(order, ts),
    venueOrderId: unwrap(parseVenueOrderId('V-1')),
    tradeId: unwrap(parseTradeId(trade)),
    side: order.side,
    lastQty: Quantity.parse(qty),
    lastPx: Price.parse(px),
    commission: Money.fromRaw(10, USD),
    liquiditySide: 'MAKER',
  };
}

describe('ExecutionEngine: denials', () => {
  const cases: { name: string; spec: OrderSpec; code: DenialCode }[] = [
    // 1.5 at 1 dp = 15 tenths, lot 1 = 10 tenths: 15 % 10 ≠ 0.
    {
      name: 'off-lot quantity',
      spec: limitBuy({ quantity: Quantity.parse('1.5') }),
      code: DenialCode.INVALID_QUANTITY,
    },
    {
      name: 'zero quantity',
      spec: limitBuy({ quantity: Quantity.parse('0') }),
      code: DenialCode.INVALID_QUANTITY,
    },
    // 100.005 at 3 dp = 100005 thousandths; tick 0.01 = 10 thousandths: 100005 % 10 = 5.
    {
      name: 'off-tick limit price',
      spec: limitBuy({ price: Price.parse('100.005') }),
      code: DenialCode.PRICE_OFF_TICK,
    },
    {
      name: 'off-tick trigger price',
      spec: limitBuy({ type: 'STOP_MARKET', price: undefined, triggerPrice: Price.parse('99.999') }),
      code: DenialCode.PRICE_OFF_TICK,
    },
    {
      name: 'LIMIT without a limit price',
      spec: limitBuy({ price: undefined }),
      code: DenialCode.MISSING_PRICE,
    },
    {
      name: 'STOP_MARKET without a trigger',
      spec: limitBuy({ type: 'STOP_MARKET', price: undefined }),
      code: DenialCode.MISSING_PRICE,
    },
    {
      name: 'STOP_LIMIT with a trigger but no limit',
      spec: limitBuy({ type: 'STOP_LIMIT', price: undefined, triggerPrice: Price.parse('101.00') }),
      code: DenialCode.MISSING_PRICE,
    },
    {
      name: 'unknown instrument',
      spec: limitBuy({ instrumentId: instrumentId('Y', 'SIM') }),
      code: DenialCode.UNKNOWN_INSTRUMENT,
    },
    {
      name: 'no client for the venue',
      spec: limitBuy({ instrumentId: instrumentId('Z', 'OTHER') }),
      code: DenialCode.NO_EXECUTION_CLIENT,
    },
  ];

  for (const { name, spec, code } of cases) {
    test(`${name} → ${code}`, () => {
      const { clock, cache, engine, client, events, fills } = setup();
      const order = engine.createOrder(STRATEGY, spec);
      clock.setTime(5_000);
      engine.submit(order);
      assert.equal(order.status, OrderStatus.DENIED);
      assert.equal(order.isTerminal, true);
      assert.deepEqual(client.submitted, []);
      assert.deepEqual(cache.openOrders(), []);
      assert.deepEqual(fills, []);
      assert.equal(events.length, 1);
      const event = events[0];
      assert.equal(event.type, 'OrderDenied');
      if (event.type !== 'OrderDenied') return;
      assert.equal(event.code, code);
      assert.ok(event.reason.length > 0);
      assert.equal(event.clientOrderId, order.clientOrderId);
      assert.equal(event.tsEvent, 5_000);
    });
  }

  test('prices on the tick at a finer precision, and MARKET orders without prices, are not denied', () => {
    const { engine, client, events } = setup();
    // 100.010 at 3 dp = 100010 thousandths: a multiple of 10.
    const onTick = engine.createOrder(STRATEGY, limitBuy({ price: Price.parse('100.010') }));
    engine.submit(onTick);
    const market = engine.createOrder(
      STRATEGY,
      limitBuy({ type: 'MARKET', price: undefined, quantity: Quantity.parse('2.0') }),
    );
    engine.submit(market);
    assert.deepEqual(
      events.map((e) => e.type),
      ['OrderSubmitted', 'OrderSubmitted'],
    );
    assert.deepEqual(client.submitted, [onTick, market]);
  });
});

describe('ExecutionEngine: order life cycle', () => {
  test('createOrder: sequential ids, creation time from the clock, stored in the cache', () => {
    const { clock, cache, engine, client } = setup();
    assert.equal(client.connects, 1);
    const a = engine.createOrder(STRATEGY, limitBuy());
    clock.setTime(2_000);
    const b = engine.createOrder(STRATEGY, limitBuy());
    assert.equal(a.clientOrderId, 'O-000001');
    assert.equal(b.clientOrderId, 'O-000002');
    assert.equal(a.tsInit, 1_000);
    assert.equal(b.tsInit, 2_000);
    assert.equal(cache.order(a.clientOrderId), a);
    assert.deepEqual(cache.orders(), [a, b]);
    assert.equal(a.status, OrderStatus.INITIALIZED);
    assert.deepEqual(cache.openOrders(), []); // not open until submitted
  });

  test('submit → accepted → partial fill → fill: status, open orders, events and fills in order', () => {
    const { clock, cache, engine, client, events, fills } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    clock.setTime(2_000);
    engine.submit(order);
    assert.equal(order.status, OrderStatus.SUBMITTED);
    assert.deepEqual(client.submitted, [order]);
    assert.deepEqual(cache.openOrders(), [order]);
    assert.equal(events[0].type, 'OrderSubmitted');
    assert.equal(events[0].tsEvent, 2_000);

    // Subscribers see the event after it was applied to the order.
    const seen: string[] = [];
    engine.events.subscribe((e) => seen.push(`${e.type}:${cache.order(e.clientOrderId)!.status}`));

    client.report({
      type: 'OrderAccepted',
      ...baseOf(order, 3_000),
      venueOrderId: unwrap(parseVenueOrderId('V-1')),
    });
    assert.equal(order.status, OrderStatus.ACCEPTED);
    assert.equal(order.venueOrderId, 'V-1');
    assert.deepEqual(cache.openOrders(), [order]);

    const first = fillOf(order, '4', '100.00', 'T-1', 4_000);
    client.report(first);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.deepEqual(cache.openOrders(), [order]);

    const second = fillOf(order, '6', '99.50', 'T-2', 5_000);
    client.report(second);
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(order.filledQty.raw, 10);
    // (4 × 100 + 6 × 99.5) / 10 = (400 + 597) / 10 = 99.7
    assert.ok(Math.abs(order.avgPx - 99.7) < 1e-12);
    assert.deepEqual(cache.openOrders(), []);

    assert.deepEqual(
      events.map((e) => e.type),
      ['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderFilled'],
    );
    assert.equal(events[2], first);
    assert.equal(events[3], second);
    assert.deepEqual(fills, [first, second]);
    assert.deepEqual(seen, ['OrderAccepted:ACCEPTED', 'OrderFilled:PARTIALLY_FILLED', 'OrderFilled:FILLED']);
  });

  test('cancel goes to the client only while the order is open', () => {
    const { cache, engine, client } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.cancel(order); // INITIALIZED: not open, ignored
    assert.deepEqual(client.canceled, []);
    engine.submit(order);
    engine.cancel(order);
    assert.deepEqual(client.canceled, [order]);
    client.report({ type: 'OrderCanceled', ...baseOf(order, 2_000) });
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.deepEqual(cache.openOrders(), []);
    engine.cancel(order); // terminal: ignored
    assert.equal(client.canceled.length, 1);
  });

  test('an illegal report throws and is not published', () => {
    const { engine, client, events, fills } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.submit(order);
    client.report({ type: 'OrderCanceled', ...baseOf(order, 2_000) });
    const before = events.length;
    assert.throws(() => client.report(fillOf(order, '1', '100.00', 'T-1', 3_000)), InvariantError);
    assert.equal(events.length, before);
    assert.deepEqual(fills, []);
    assert.equal(order.status, OrderStatus.CANCELED);
  });

  test('a report for an unknown order throws', () => {
    const { engine, client } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    const stray = { ...baseOf(order, 1), clientOrderId: 'O-999999' as typeof order.clientOrderId };
    assert.throws(() => client.report({ type: 'OrderSubmitted', ...stray }));
  });

  test('openOrders filters by strategy and instrument', () => {
    const { cache, engine } = setup();
    const a = engine.createOrder(STRATEGY, limitBuy());
    const b = engine.createOrder(OTHER_STRATEGY, limitBuy());
    engine.submit(a);
    engine.submit(b);
    assert.deepEqual(cache.openOrders({ strategyId: STRATEGY }), [a]);
    assert.deepEqual(cache.openOrders({ strategyId: OTHER_STRATEGY }), [b]);
    assert.deepEqual(cache.openOrders({ instrumentId: X }), [a, b]);
    assert.deepEqual(cache.openOrders({ instrumentId: instrumentId('Y', 'SIM') }), []);
  });
});
