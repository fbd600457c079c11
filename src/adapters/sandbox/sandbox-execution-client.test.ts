import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TestClock } from '../../core/clock.js';
import { unwrap } from '../../core/result.js';
import { Cache } from '../../common/cache.js';
import { ExecutionEngine } from '../../execution/execution-engine.js';
import { BookUpdate, BookUpdateAction } from '../../model/data/book-update.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { TradeTick, type AggressorSide } from '../../model/data/trade-tick.js';
import type { OrderEvent, OrderFilled } from '../../model/events/order-events.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { parseClientOrderId, parseStrategyId, type TradeId } from '../../model/identifiers/order-ids.js';
import { simpleInstrument } from '../../model/instruments/instrument.js';
import { Order, type OrderSpec } from '../../model/orders/order.js';
import { OrderStatus } from '../../model/orders/order-status.js';
import { currency } from '../../model/types/currency.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { SandboxConfig } from './sandbox-config.js';
import { SandboxExecutionClient } from './sandbox-execution-client.js';

const USD = currency('USD');
const X = instrumentId('BTC', 'SIM');
const STRATEGY = unwrap(parseStrategyId('S-1'));
/** 2024-01-01T00:00:00Z, µs. */
const T0 = 1_704_067_200_000_000;
const DAY = 86_400_000_000;

/**
 * Engine + sandbox, as a paper node wires them; X has a 0.01 tick and whole lots, USD in cents.
 * (The portfolio sits above adapters; test/integration/sandbox-faults.test.ts books fills in one.)
 */
function setup(config: Partial<SandboxConfig> = {}) {
  const clock = new TestClock(T0);
  const cache = new Cache();
  cache.addInstrument(simpleInstrument(X, USD, 2, 0));
  const engine = new ExecutionEngine(clock, cache);
  const sandbox = new SandboxExecutionClient({ venue: 'SIM', clock, instruments: cache, ...config });
  engine.registerClient(sandbox);
  /** Position (lots, signed) and fees (cents) from the fills topic. */
  const book = { position: 0, fees: 0, cash: 0 };
  engine.fills.subscribe((f) => {
    const sign = f.side === 'BUY' ? 1 : -1;
    book.position += sign * f.lastQty.raw;
    book.fees += f.commission.raw;
    book.cash -= sign * f.lastQty.raw * f.lastPx.raw + f.commission.raw;
  });
  const events: OrderEvent[] = [];
  engine.events.subscribe((e) => events.push(e));
  let tradeSeq = 0;
  const ts = () => clock.timestampUs();
  const quote = (bid: string, bidSize: string, ask: string, askSize: string) =>
    sandbox.onQuote(
      new QuoteTick(
        X,
        Price.parse(bid),
        Price.parse(ask),
        Quantity.parse(bidSize),
        Quantity.parse(askSize),
        ts(),
        ts(),
      ),
    );
  const trade = (px: string, size: string, aggressor: AggressorSide) =>
    sandbox.onTrade(
      new TradeTick(
        X,
        Price.parse(px),
        Quantity.parse(size),
        aggressor,
        `M-${++tradeSeq}` as TradeId,
        ts(),
        ts(),
      ),
    );
  const submit = (spec: Partial<OrderSpec>): Order => {
    const order = engine.createOrder(STRATEGY, {
      instrumentId: X,
      side: 'BUY',
      type: 'LIMIT',
      quantity: Quantity.parse('1'),
      ...spec,
    });
    engine.submit(order);
    return order;
  };
  const take = () => events.splice(0);
  const types = (list: OrderEvent[]) => list.map((e) => e.type);
  const fills = (list: OrderEvent[]) =>
    list
      .filter((e): e is OrderFilled => e.type === 'OrderFilled')
      .map((f) => `${f.side} ${f.lastQty}@${f.lastPx} ${f.liquiditySide} fee=${f.commission.raw}`);
  return { clock, cache, engine, sandbox, book, events, quote, trade, submit, take, types, fills };
}

const px = (text: string) => Price.parse(text);
const qty = (text: string) => Quantity.parse(text);

describe('SandboxExecutionClient: market orders', () => {
  test('fill at the touch as taker, with the taker fee rounded per fill', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ type: 'MARKET', quantity: qty('2') });
    const events = env.take();
    assert.deepEqual(env.types(events), ['OrderSubmitted', 'OrderAccepted', 'OrderFilled']);
    // 2 × 100.10 = 200.20 USD = 20020 cents; 5 bps = 10.01 → 10 cents.
    assert.deepEqual(env.fills(events), ['BUY 2@100.10 TAKER fee=10']);
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(order.venueOrderId, 'SBX-1');
    const fill = events[2] as OrderFilled;
    assert.equal(fill.tradeId, 'SBX-T1');
    assert.equal(fill.commission.currency.code, 'USD');
    assert.equal(fill.tsEvent, T0);
    assert.deepEqual(env.book, { position: 2, fees: 10, cash: -20_020 - 10 });
  });

  test('more than the touch shows: a partial fill, the rest canceled (no liquidity)', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ type: 'MARKET', side: 'SELL', quantity: qty('8') });
    const events = env.take();
    assert.deepEqual(env.types(events), ['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderCanceled']);
    // 5 × 100.00 = 50000 cents × 5 bps = 25.
    assert.deepEqual(env.fills(events), ['SELL 5@100.00 TAKER fee=25']);
    assert.equal(order.status, OrderStatus.CANCELED);
    assert.equal(order.filledQty.toString(), '5');
    assert.equal(env.book.position, -5);
  });

  test('what was taken stays taken until the level changes: a second order gets the rest', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    env.submit({ type: 'MARKET', quantity: qty('2') });
    const second = env.submit({ type: 'MARKET', quantity: qty('2') });
    assert.equal(second.filledQty.toString(), '1');
    assert.equal(second.status, OrderStatus.CANCELED);
  });

  test('no liquidity at all: accepted, then canceled', () => {
    const env = setup();
    const order = env.submit({ type: 'MARKET', quantity: qty('2') });
    assert.deepEqual(env.types(env.take()), ['OrderSubmitted', 'OrderAccepted', 'OrderCanceled']);
    assert.equal(order.filledQty.raw, 0);
  });
});

describe('SandboxExecutionClient: limit orders', () => {
  test('rests behind the queue; trades at its price fill it by what traded beyond the queue, then a trade through fills the rest', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ price: px('100.00'), quantity: qty('4') });
    assert.deepEqual(env.types(env.take()), ['OrderSubmitted', 'OrderAccepted']);
    env.quote('100.00', '5', '100.10', '2'); // quotes above it do nothing
    env.trade('100.10', '1', 'BUYER'); // a buyer on the other side: nothing
    assert.deepEqual(env.take(), []);
    env.trade('100.00', '6', 'SELLER'); // 5 ahead of us, 1 for us
    // 100.00 × 1 = 10000 cents × 2 bps (maker) = 2.
    assert.deepEqual(env.fills(env.take()), ['BUY 1@100.00 MAKER fee=2']);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    env.trade('99.99', '1', 'SELLER'); // through our price: everyone at 100.00 filled
    assert.deepEqual(env.fills(env.take()), ['BUY 3@100.00 MAKER fee=6']);
    assert.equal(order.status, OrderStatus.FILLED);
    assert.equal(env.book.position, 4);
    assert.equal(env.book.fees, 8);
  });

  test('a quote that crosses a resting order fills it as maker at its price, from the quote size', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ side: 'SELL', price: px('100.20'), quantity: qty('3') });
    env.take();
    env.quote('100.20', '2', '100.30', '4');
    assert.deepEqual(env.fills(env.take()), ['SELL 2@100.20 MAKER fee=4']);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.equal(order.leavesQty.toString(), '1');
  });

  test('a limit that crosses on arrival takes the touch as taker, the rest rests', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ price: px('100.20'), quantity: qty('5') });
    assert.deepEqual(env.fills(env.take()), ['BUY 3@100.10 TAKER fee=15']);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.deepEqual(
      env.sandbox
        .openOrderReports()
        .map((r) => `${r.clientOrderId} ${r.status} ${r.filledQty}/${r.quantity}`),
      [`${order.clientOrderId} PARTIALLY_FILLED 3/5`],
    );
  });

  test('IOC takes what it can and cancels the rest; FOK that cannot fill in full does nothing', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const ioc = env.submit({ price: px('100.10'), quantity: qty('4'), timeInForce: 'IOC' });
    assert.deepEqual(env.types(env.take()), [
      'OrderSubmitted',
      'OrderAccepted',
      'OrderFilled',
      'OrderCanceled',
    ]);
    assert.equal(ioc.filledQty.toString(), '3');
    env.quote('100.00', '5', '100.10', '3');
    const fok = env.submit({ side: 'SELL', price: px('100.00'), quantity: qty('6'), timeInForce: 'FOK' });
    assert.deepEqual(env.types(env.take()), ['OrderSubmitted', 'OrderAccepted', 'OrderCanceled']);
    assert.equal(fok.filledQty.raw, 0);
  });

  test('DAY expires at the next UTC midnight, GTD at its time (on advanceTime)', () => {
    const env = setup();
    env.clock.setTime(T0 + 3_600_000_000);
    const day = env.submit({ price: px('90.00'), timeInForce: 'DAY' });
    const gtd = env.submit({ price: px('91.00'), timeInForce: 'GTD', expireTimeUs: T0 + 2 * DAY + 5 });
    env.take();
    env.sandbox.advanceTime(T0 + DAY - 1);
    assert.deepEqual(env.take(), []);
    env.sandbox.advanceTime(T0 + DAY);
    const expired = env.take();
    assert.deepEqual(env.types(expired), ['OrderExpired']);
    assert.equal(expired[0].clientOrderId, day.clientOrderId);
    assert.equal(day.status, OrderStatus.EXPIRED);
    env.sandbox.advanceTime(T0 + 2 * DAY + 5);
    assert.equal(gtd.status, OrderStatus.EXPIRED);
  });
});

describe('SandboxExecutionClient: cancel and modify', () => {
  test('cancel: OrderPendingCancel then OrderCanceled; a cancel of a done order is refused, not thrown', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ price: px('99.00') });
    env.take();
    env.engine.cancel(order);
    assert.deepEqual(env.types(env.take()), ['OrderPendingCancel', 'OrderCanceled']);
    assert.equal(order.status, OrderStatus.CANCELED);
    // A cancel that reaches the venue after the order finished (here: sent directly).
    env.sandbox.cancelOrder(order);
    const refused = env.take();
    assert.deepEqual(env.types(refused), ['OrderCancelRejected']);
    assert.equal(refused[0].type === 'OrderCancelRejected' && refused[0].code, 'UNKNOWN_ORDER');
    assert.equal(env.engine.anomalies.terminalReports, 0);
  });

  test('modify price across the spread: OrderUpdated, then it takes liquidity', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ price: px('99.00'), quantity: qty('2') });
    env.take();
    env.engine.modify(order, { price: px('100.10') });
    const events = env.take();
    assert.deepEqual(env.types(events), ['OrderPendingUpdate', 'OrderUpdated', 'OrderFilled']);
    assert.deepEqual(env.fills(events), ['BUY 2@100.10 TAKER fee=10']);
    assert.equal(order.spec.price?.toString(), '100.10');
    assert.equal(order.status, OrderStatus.FILLED);
  });

  test('modify quantity down keeps the queue place; the venue refuses a trigger price on a live limit', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ price: px('100.00'), quantity: qty('4') });
    env.take();
    env.engine.modify(order, { quantity: qty('2') });
    assert.deepEqual(env.types(env.take()), ['OrderPendingUpdate', 'OrderUpdated']);
    assert.equal(order.quantity.toString(), '2');
    env.trade('100.00', '7', 'SELLER'); // 5 ahead, 2 for us
    assert.deepEqual(env.fills(env.take()), ['BUY 2@100.00 MAKER fee=4']);
    assert.equal(order.status, OrderStatus.FILLED);
    // Sent directly (the engine would refuse it itself): a limit has no trigger.
    env.sandbox.modifyOrder(order, { triggerPrice: px('99.00') });
    assert.deepEqual(env.types(env.take()), ['OrderModifyRejected']);
  });
});

describe('SandboxExecutionClient: stop orders', () => {
  test('stop-market buy: held until the ask reaches the trigger, then a market order at the touch', () => {
    const env = setup();
    env.quote('100.30', '5', '100.40', '10');
    const order = env.submit({ type: 'STOP_MARKET', triggerPrice: px('100.50'), quantity: qty('2') });
    assert.deepEqual(env.types(env.take()), ['OrderSubmitted', 'OrderAccepted']);
    env.trade('100.40', '1', 'BUYER');
    assert.deepEqual(env.take(), []);
    env.quote('100.40', '5', '100.50', '10');
    const events = env.take();
    assert.deepEqual(env.types(events), ['OrderTriggered', 'OrderFilled']);
    // 2 × 100.50 = 20100 cents × 5 bps = 10.05 → 10.
    assert.deepEqual(env.fills(events), ['BUY 2@100.50 TAKER fee=10']);
    assert.equal(order.status, OrderStatus.FILLED);
  });

  test('on a trades-only feed a stop triggers on the last trade (and a market order finds no book)', () => {
    const env = setup();
    const order = env.submit({
      type: 'STOP_MARKET',
      side: 'SELL',
      triggerPrice: px('99.90'),
      quantity: qty('1'),
    });
    env.take();
    env.trade('100.00', '1', 'SELLER');
    assert.deepEqual(env.take(), []);
    env.trade('99.90', '1', 'SELLER');
    assert.deepEqual(env.types(env.take()), ['OrderTriggered', 'OrderCanceled']);
    assert.equal(order.status, OrderStatus.CANCELED);
  });

  test('stop-limit sell: triggered by the bid falling to the trigger, then a limit that takes the bid', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({
      type: 'STOP_LIMIT',
      side: 'SELL',
      triggerPrice: px('99.50'),
      price: px('99.40'),
      quantity: qty('3'),
    });
    env.take();
    env.quote('99.60', '5', '99.70', '3');
    assert.deepEqual(env.take(), []);
    env.quote('99.50', '2', '99.60', '3');
    const events = env.take();
    assert.deepEqual(env.types(events), ['OrderTriggered', 'OrderFilled']);
    assert.deepEqual(env.fills(events), ['SELL 2@99.50 TAKER fee=10']);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED); // 1 rests at 99.40
  });

  test('a held stop is modified and canceled here; a trigger already reached triggers at once', () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ type: 'STOP_MARKET', triggerPrice: px('101.00'), quantity: qty('2') });
    env.take();
    env.engine.modify(order, { triggerPrice: px('102.00'), quantity: qty('3') });
    assert.deepEqual(env.types(env.take()), ['OrderPendingUpdate', 'OrderUpdated']);
    assert.equal(order.spec.triggerPrice?.toString(), '102.00');
    env.engine.cancel(order);
    assert.deepEqual(env.types(env.take()), ['OrderPendingCancel', 'OrderCanceled']);
    const now = env.submit({ type: 'STOP_MARKET', triggerPrice: px('100.05'), quantity: qty('1') });
    assert.deepEqual(env.types(env.take()), [
      'OrderSubmitted',
      'OrderAccepted',
      'OrderTriggered',
      'OrderFilled',
    ]);
    assert.equal(now.status, OrderStatus.FILLED);
  });
});

describe('SandboxExecutionClient: rejections are reports, never throws', () => {
  /** The sandbox alone, with orders built by hand (the engine would deny most of these itself). */
  function bare() {
    const clock = new TestClock(T0);
    const cache = new Cache();
    cache.addInstrument(simpleInstrument(X, USD, 2, 0));
    const sandbox = new SandboxExecutionClient({ venue: 'SIM', clock, instruments: cache });
    const events: OrderEvent[] = [];
    sandbox.connect((e) => events.push(e));
    let n = 0;
    const send = (spec: Partial<OrderSpec>) => {
      const order = new Order(
        unwrap(parseClientOrderId(`C-${++n}`)),
        STRATEGY,
        {
          instrumentId: X,
          side: 'BUY',
          type: 'LIMIT',
          quantity: qty('1'),
          price: px('100.00'),
          ...spec,
        },
        T0,
      );
      assert.doesNotThrow(() => sandbox.submitOrder(order));
      const last = events.at(-1)!;
      return last.type === 'OrderRejected' ? last.code : last.type;
    };
    return { send };
  }

  const cases: [string, Partial<OrderSpec>, string][] = [
    ['unknown instrument', { instrumentId: instrumentId('ETH', 'SIM') }, 'UNKNOWN_INSTRUMENT'],
    ['price off tick', { price: px('100.005') }, 'PRICE_OFF_TICK'],
    [
      'trigger off tick',
      { type: 'STOP_MARKET', price: undefined, triggerPrice: px('99.001') },
      'PRICE_OFF_TICK',
    ],
    ['quantity off lot', { quantity: qty('1.5') }, 'QUANTITY_OFF_LOT'],
    ['zero quantity', { quantity: qty('0') }, 'QUANTITY_OFF_LOT'],
    ['limit without a price', { price: undefined }, 'INVALID_ORDER'],
    ['GTD without an expiry', { timeInForce: 'GTD' }, 'INVALID_ORDER'],
    ['GTD in the past', { timeInForce: 'GTD', expireTimeUs: T0 }, 'EXPIRE_TIME_IN_PAST'],
    ['reduce-only while flat', { reduceOnly: true }, 'REDUCE_ONLY_WOULD_INCREASE'],
    ['a valid order', {}, 'OrderAccepted'],
  ];
  for (const [name, spec, code] of cases) {
    test(`${name} → ${code}`, () => {
      assert.equal(bare().send(spec), code);
    });
  }
});

describe('SandboxExecutionClient: latency, L2 data, determinism', () => {
  test('with latency, reports arrive when time has passed (advanceTime); fills use the book at arrival', () => {
    const env = setup({ latency: { submit: 1_000, report: 500 } });
    env.quote('100.00', '5', '100.10', '3');
    const order = env.submit({ type: 'MARKET', quantity: qty('1') });
    assert.deepEqual(env.types(env.take()), ['OrderSubmitted']);
    env.sandbox.advanceTime(T0 + 1_499);
    assert.deepEqual(env.take(), []);
    env.sandbox.advanceTime(T0 + 1_500);
    const events = env.take();
    assert.deepEqual(env.types(events), ['OrderAccepted', 'OrderFilled']);
    assert.equal(events[1].tsEvent, T0 + 1_000); // executed at the venue on arrival
    assert.equal(events[1].tsInit, T0 + 1_500); // reported after the report latency
    assert.equal(order.status, OrderStatus.FILLED);
  });

  test('L2 updates drive the levels (quotes are then ignored); a snapshot replaces the book', () => {
    const env = setup();
    const level = (p: string, s: string) => ({ price: px(p), size: qty(s) });
    const ts = env.clock.timestampUs();
    env.sandbox.onBookUpdate(
      new BookUpdate(
        X,
        BookUpdateAction.SNAPSHOT,
        [level('100.00', '4'), level('99.90', '6')],
        [level('100.20', '2'), level('100.30', '5')],
        1,
        1,
        ts,
        ts,
      ),
    );
    env.quote('50.00', '100', '50.10', '100'); // ignored: the book is fed from L2
    const order = env.submit({ type: 'MARKET', quantity: qty('4') });
    assert.deepEqual(env.fills(env.take()), ['BUY 2@100.20 TAKER fee=10', 'BUY 2@100.30 TAKER fee=10']);
    assert.equal(order.status, OrderStatus.FILLED);
    // A new snapshot without 100.30: those asks are gone.
    env.sandbox.onBookUpdate(
      new BookUpdate(
        X,
        BookUpdateAction.SNAPSHOT,
        [level('100.00', '4')],
        [level('100.40', '1')],
        2,
        2,
        ts,
        ts,
      ),
    );
    const sell = env.submit({ type: 'MARKET', side: 'SELL', quantity: qty('9') });
    assert.deepEqual(env.fills(env.take()), ['SELL 4@100.00 TAKER fee=20']);
    assert.equal(sell.filledQty.toString(), '4');
  });

  test('the same calls at the same clock times give the same reports, bit for bit', () => {
    const run = () => {
      const env = setup({
        latency: { submit: { base: 100, jitter: 900 }, report: { base: 50, jitter: 200 } },
        seed: 7,
      });
      const out: string[] = [];
      env.engine.events.subscribe((e) => out.push(JSON.stringify(e)));
      let price = 10_000;
      for (let i = 0; i < 200; i++) {
        env.clock.setTime(T0 + i * 1_000);
        price += ((i * 7919) % 5) - 2;
        const bid = (price / 100).toFixed(2);
        const ask = ((price + 5) / 100).toFixed(2);
        env.quote(bid, String(1 + (i % 4)), ask, String(1 + ((i * 3) % 5)));
        if (i % 3 === 0) env.trade(bid, String(1 + (i % 3)), 'SELLER');
        if (i % 10 === 0) env.submit({ price: px(bid), quantity: qty('2') });
        if (i % 17 === 0) env.submit({ type: 'MARKET', side: 'SELL', quantity: qty('1') });
        if (i % 25 === 5) for (const o of env.cache.openOrders()) env.engine.cancel(o);
      }
      env.sandbox.advanceTime(T0 + 1_000_000);
      return out;
    };
    const a = run();
    const b = run();
    assert.ok(a.length > 50);
    assert.ok(a.some((line) => line.includes('"OrderFilled"')));
    assert.deepEqual(a, b);
  });

  test('reconciliation views: open orders and fills since a time', async () => {
    const env = setup();
    env.quote('100.00', '5', '100.10', '3');
    const resting = env.submit({ price: px('99.00'), quantity: qty('2') });
    env.clock.setTime(T0 + 10);
    env.submit({ type: 'MARKET', quantity: qty('1') });
    const open = await env.sandbox.openOrders();
    assert.deepEqual(
      open.map((o) => `${o.clientOrderId} ${o.venueOrderId} ${o.status} ${o.price} ${o.quantity}`),
      [`${resting.clientOrderId} SBX-1 ACCEPTED 99.00 2`],
    );
    assert.deepEqual(
      (await env.sandbox.fillsSince(T0 + 10)).map((f) => `${f.tradeId} ${f.lastQty}@${f.lastPx}`),
      ['SBX-T1 1@100.10'],
    );
    assert.deepEqual(await env.sandbox.fillsSince(T0 + 11), []);
  });
});
