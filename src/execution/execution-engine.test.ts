import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../core/clock.js';
import { unwrap } from '../core/result.js';
import { Cache } from '../common/cache.js';
import { Logger, LogLevel } from '../common/logger.js';
import type { OrderEvent, OrderFilled } from '../model/events/order-events.js';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import { parseStrategyId, parseTradeId, parseVenueOrderId } from '../model/identifiers/order-ids.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import type { Order, OrderSpec } from '../model/orders/order.js';
import type { OrderChanges } from '../model/orders/order-changes.js';
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
  readonly modified: [Order, OrderChanges][] = [];
  onCancel: (order: Order) => void = () => {};
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
    this.onCancel(order);
    this.canceled.push(order);
  }
  modifyOrder(order: Order, changes: OrderChanges): void {
    this.modified.push([order, changes]);
  }
}

/** A venue without modify support. */
class NoModifyClient implements ExecutionClient {
  constructor(readonly venue: string) {}
  connect(): void {}
  submitOrder(): void {}
  cancelOrder(): void {}
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

  test('cancel: OrderPendingCancel, then the client; ignored while the order is not working', () => {
    const { cache, engine, client, events } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.cancel(order); // INITIALIZED: not open, ignored
    assert.deepEqual(client.canceled, []);
    engine.submit(order);
    // The client sees the order already pending cancel.
    client.onCancel = (o) => assert.equal(o.status, OrderStatus.PENDING_CANCEL);
    engine.cancel(order);
    assert.deepEqual(client.canceled, [order]);
    assert.equal(order.status, OrderStatus.PENDING_CANCEL);
    assert.deepEqual(cache.openOrders(), [order]);
    client.report({ type: 'OrderCanceled', ...baseOf(order, 2_000) });
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.deepEqual(cache.openOrders(), []);
    engine.cancel(order); // terminal: ignored
    assert.equal(client.canceled.length, 1);
    assert.deepEqual(
      events.map((e) => e.type),
      ['OrderSubmitted', 'OrderPendingCancel', 'OrderCanceled'],
    );
  });

  test('cancel refused by the venue (already filled): the fill stands, the strategy hears both', () => {
    const { engine, client, events } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.submit(order);
    client.report({
      type: 'OrderAccepted',
      ...baseOf(order, 2),
      venueOrderId: unwrap(parseVenueOrderId('V-1')),
    });
    engine.cancel(order);
    client.report(fillOf(order, '10', '100.00', 'T-1', 3));
    client.report({
      type: 'OrderCancelRejected',
      ...baseOf(order, 4),
      code: 'UNKNOWN_ORDER',
      reason: 'done',
    });
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(engine.anomalies.terminalReports, 0);
    assert.deepEqual(
      events.map((e) => e.type),
      ['OrderSubmitted', 'OrderAccepted', 'OrderPendingCancel', 'OrderFilled', 'OrderCancelRejected'],
    );
  });

  test('an impossible report is ignored, counted and not published; nothing throws', () => {
    const { engine, client, events, fills } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.submit(order);
    client.report({ type: 'OrderCanceled', ...baseOf(order, 2_000) });
    const before = events.length;
    // Accepted after cancel: terminal.
    client.report({
      type: 'OrderAccepted',
      ...baseOf(order, 3_000),
      venueOrderId: unwrap(parseVenueOrderId('V-1')),
    });
    // A venue may not send events only we create.
    client.report({ type: 'OrderSubmitted', ...baseOf(order, 3_000) });
    assert.equal(events.length, before);
    assert.deepEqual(fills, []);
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.equal(engine.anomalies.terminalReports, 1);
    assert.equal(engine.anomalies.invalidReports, 1);
  });

  test('a report for an unknown order is counted and kept for reconciliation, not thrown', () => {
    const { engine, client, events } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    const stray: OrderEvent = {
      ...fillOf(order, '1', '100.00', 'T-1', 1),
      clientOrderId: 'O-999999' as typeof order.clientOrderId,
    };
    const anomalies: string[] = [];
    engine.anomalyEvents.subscribe((a) => anomalies.push(`${a.kind}:${a.event.clientOrderId}`));
    assert.doesNotThrow(() => client.report(stray));
    assert.equal(engine.anomalies.unknownOrderReports, 1);
    assert.deepEqual(engine.unmatchedReports, [stray]);
    assert.deepEqual(anomalies, ['unknownOrderReports:O-999999']);
    assert.deepEqual(events, []);
    assert.deepEqual(engine.takeUnmatchedReports(), [stray]);
    assert.deepEqual(engine.unmatchedReports, []);
  });

  test('duplicate fills are dropped by trade id; overfills are dropped, logged and kept', () => {
    const lines: string[] = [];
    const clock = new TestClock(1_000);
    const cache = new Cache();
    cache.addInstrument(simpleInstrument(X, USD, 2, 0));
    const engine = new ExecutionEngine(
      clock,
      cache,
      new Logger(clock, 'exec', LogLevel.WARN, (l) => lines.push(l)),
    );
    const client = new RecordingClient('SIM');
    engine.registerClient(client);
    const fills: OrderFilled[] = [];
    engine.fills.subscribe((f) => fills.push(f));
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.submit(order);
    const t1 = fillOf(order, '4', '100.00', 'T-1', 2);
    client.report(t1);
    client.report(t1);
    client.report({ ...t1 }); // a copy: same trade id
    const over = fillOf(order, '7', '100.00', 'T-2', 3);
    client.report(over);
    assert.equal(order.filledQty.raw, 4);
    assert.deepEqual(fills, [t1]);
    assert.equal(engine.anomalies.duplicateFills, 2);
    assert.equal(engine.anomalies.overfills, 1);
    assert.equal(engine.anomalies.implicitAccepts, 1); // the first fill came before any accept
    assert.deepEqual(engine.unmatchedReports, [over]);
    assert.equal(lines.length, 1);
    assert.match(lines[0], /overfill of O-000001: 7 @ 100\.00 \(trade T-2\)/);
  });

  test('a fill after the cancel was confirmed still reaches the fills topic (the venue filled first)', () => {
    const { engine, client, fills } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.submit(order);
    engine.cancel(order);
    client.report({ type: 'OrderCanceled', ...baseOf(order, 2) });
    const late = fillOf(order, '3', '100.00', 'T-1', 1);
    client.report(late);
    assert.deepEqual(fills, [late]);
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.equal(order.filledQty.raw, 3);
    assert.equal(engine.anomalies.lateFills, 1);
  });

  test('reconcileFills applies only fills not seen yet', () => {
    const { engine, client, fills } = setup();
    const order = engine.createOrder(STRATEGY, limitBuy());
    engine.submit(order);
    client.report(fillOf(order, '4', '100.00', 'T-1', 2));
    const report = (trade: string, qty: string) => {
      const f = fillOf(order, qty, '100.00', trade, 3);
      return {
        clientOrderId: f.clientOrderId,
        venueOrderId: f.venueOrderId,
        tradeId: f.tradeId,
        instrumentId: f.instrumentId,
        side: f.side,
        lastQty: f.lastQty,
        lastPx: f.lastPx,
        commission: f.commission,
        liquiditySide: f.liquiditySide,
        tsEvent: f.tsEvent,
      };
    };
    assert.equal(engine.reconcileFills([report('T-1', '4'), report('T-2', '6')]), 1);
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(fills.length, 2);
    assert.equal(fills[1].strategyId, STRATEGY);
    assert.equal(engine.reconcileFills([report('T-1', '4'), report('T-2', '6')]), 0);
    assert.equal(engine.findOrderByVenueId(unwrap(parseVenueOrderId('V-1'))), order);
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

describe('ExecutionEngine: modify', () => {
  function working() {
    const env = setup();
    const order = env.engine.createOrder(STRATEGY, limitBuy());
    env.engine.submit(order);
    env.client.report({
      type: 'OrderAccepted',
      ...baseOf(order, 2),
      venueOrderId: unwrap(parseVenueOrderId('V-1')),
    });
    return { ...env, order };
  }

  test('modify → OrderPendingUpdate → client → OrderUpdated: the order takes the new values', () => {
    const { engine, client, events, order } = working();
    const changes = { quantity: Quantity.parse('12'), price: Price.parse('100.50') };
    engine.modify(order, changes);
    assert.equal(order.status, OrderStatus.PENDING_UPDATE);
    assert.deepEqual(client.modified, [[order, changes]]);
    client.report({ type: 'OrderUpdated', ...baseOf(order, 3), ...changes });
    assert.equal(order.status, OrderStatus.ACCEPTED);
    assert.equal(order.quantity.toString(), '12');
    assert.equal(order.spec.price?.toString(), '100.50');
    assert.deepEqual(
      events.map((e) => e.type),
      ['OrderSubmitted', 'OrderAccepted', 'OrderPendingUpdate', 'OrderUpdated'],
    );
  });

  test('the venue refuses: OrderModifyRejected, back to ACCEPTED and unchanged', () => {
    const { engine, client, order } = working();
    engine.modify(order, { price: Price.parse('99.00') });
    client.report({ type: 'OrderModifyRejected', ...baseOf(order, 3), code: 'NOT_MODIFIABLE', reason: 'x' });
    assert.equal(order.status, OrderStatus.ACCEPTED);
    assert.equal(order.spec.price?.toString(), '100.00');
  });

  const refusals: { name: string; run: (e: ReturnType<typeof working>) => void; code: DenialCode }[] = [
    {
      name: 'off-tick price',
      run: ({ engine, order }) => engine.modify(order, { price: Price.parse('100.005') }),
      code: DenialCode.PRICE_OFF_TICK,
    },
    {
      name: 'quantity not above what filled',
      run: ({ engine, client, order }) => {
        client.report(fillOf(order, '4', '100.00', 'T-1', 3));
        engine.modify(order, { quantity: Quantity.parse('4') });
      },
      code: DenialCode.INVALID_QUANTITY,
    },
    {
      name: 'a trigger price on a LIMIT order',
      run: ({ engine, order }) => engine.modify(order, { triggerPrice: Price.parse('99.00') }),
      code: DenialCode.INVALID_MODIFY,
    },
    {
      name: 'nothing that differs',
      run: ({ engine, order }) => engine.modify(order, { price: Price.parse('100.0') }),
      code: DenialCode.NOTHING_TO_MODIFY,
    },
    {
      name: 'a cancel in flight',
      run: ({ engine, order }) => {
        engine.cancel(order);
        engine.modify(order, { price: Price.parse('99.00') });
      },
      code: DenialCode.CANCEL_PENDING,
    },
    {
      name: 'a finished order',
      run: ({ engine, client, order }) => {
        client.report(fillOf(order, '10', '100.00', 'T-1', 3));
        engine.modify(order, { price: Price.parse('99.00') });
      },
      code: DenialCode.ORDER_NOT_OPEN,
    },
  ];
  for (const { name, run, code } of refusals) {
    test(`refused by the engine without asking the venue: ${name} → ${code}`, () => {
      const env = working();
      const statusBefore = () => env.order.status;
      run(env);
      const last = env.events.at(-1)!;
      assert.equal(last.type, 'OrderModifyRejected');
      assert.equal(last.type === 'OrderModifyRejected' && last.code, code);
      assert.deepEqual(env.client.modified, []);
      assert.notEqual(statusBefore(), OrderStatus.PENDING_UPDATE);
    });
  }

  test('a venue without modify support: MODIFY_NOT_SUPPORTED', () => {
    const clock = new TestClock(1);
    const cache = new Cache();
    const id = instrumentId('Y', 'NOMOD');
    cache.addInstrument(simpleInstrument(id, USD, 2, 0));
    const engine = new ExecutionEngine(clock, cache);
    engine.registerClient(new NoModifyClient('NOMOD'));
    const events: OrderEvent[] = [];
    engine.events.subscribe((e) => events.push(e));
    const order = engine.createOrder(STRATEGY, limitBuy({ instrumentId: id }));
    engine.submit(order);
    engine.modify(order, { price: Price.parse('99.00') });
    const last = events.at(-1)!;
    assert.equal(last.type === 'OrderModifyRejected' && last.code, DenialCode.MODIFY_NOT_SUPPORTED);
    assert.equal(order.status, OrderStatus.SUBMITTED);
  });
});

describe('ExecutionEngine: pre-trade check', () => {
  test('a denial becomes OrderDenied with its code and reason; the order never reaches the venue', () => {
    const { engine, client, events } = setup();
    const seen: string[] = [];
    engine.setPreTradeCheck((order) => {
      seen.push(order.clientOrderId);
      return order.quantity.raw > 5 ? { code: 'MAX_ORDER_SIZE', reason: 'more than 5' } : undefined;
    });
    const big = engine.createOrder(STRATEGY, limitBuy());
    const small = engine.createOrder(STRATEGY, limitBuy({ quantity: Quantity.parse('5') }));
    assert.doesNotThrow(() => engine.submit(big));
    engine.submit(small);
    assert.equal(big.status, OrderStatus.DENIED);
    assert.equal(small.status, OrderStatus.SUBMITTED);
    assert.deepEqual(client.submitted, [small]);
    const denied = events[0];
    assert.equal(denied.type, 'OrderDenied');
    assert.equal(
      denied.type === 'OrderDenied' && `${denied.code}/${denied.reason}`,
      'MAX_ORDER_SIZE/more than 5',
    );
    assert.deepEqual(seen, [big.clientOrderId, small.clientOrderId]);
    // Invalid orders are denied before the check sees them; removing the check lets big ones through.
    engine.setPreTradeCheck(undefined);
    const again = engine.createOrder(STRATEGY, limitBuy());
    engine.submit(again);
    assert.equal(again.status, OrderStatus.SUBMITTED);
  });
});
