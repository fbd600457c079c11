/**
 * The ccxt execution client against a local Binance (test/support/binance-trading-server.ts):
 * real sockets on 127.0.0.1, ccxt 4.5.84 signing real REST requests and subscribing to the user
 * data stream over the WebSocket API, Binance's wire format from the fixtures, and a real
 * ExecutionEngine + Portfolio receiving the reports.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { CcxtExecutionClient, type CcxtExecutionOptions } from '../../src/adapters/ccxt/execution-client.js';
import { CcxtExecutionCode } from '../../src/adapters/ccxt/execution-codes.js';
import { Cache } from '../../src/common/cache.js';
import { TestClock } from '../../src/core/clock.js';
import { unwrap } from '../../src/core/result.js';
import { ExecutionEngine } from '../../src/execution/execution-engine.js';
import type { OrderEvent, OrderFilled } from '../../src/model/events/order-events.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { parseStrategyId } from '../../src/model/identifiers/order-ids.js';
import type { Instrument } from '../../src/model/instruments/instrument.js';
import type { Order, OrderSpec } from '../../src/model/orders/order.js';
import { OrderStatus } from '../../src/model/orders/order-status.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { Portfolio } from '../../src/portfolio/portfolio.js';
import { until } from '../support/binance-server.js';
import { binanceError, BinanceTradingServer, tradingFixture } from '../support/binance-trading-server.js';

const BTC = instrumentId('BTCUSDT', 'BINANCE');
const USDT = currency('USDT');
const STRATEGY = unwrap(parseStrategyId('S-1'));
const INSTRUMENT: Instrument = {
  id: BTC,
  tickSize: Price.parse('0.01'),
  lotSize: Quantity.parse('0.00001'),
  quoteCurrency: USDT,
  multiplier: 1,
};
/** Venue ms → µs. */
const us = (ms: number): number => ms * 1000;

/** A server, a client on it and a kernel's execution side (engine, cache, portfolio) receiving its reports. */
interface Env {
  readonly server: BinanceTradingServer;
  readonly client: CcxtExecutionClient;
  readonly engine: ExecutionEngine;
  readonly portfolio: Portfolio;
  readonly clock: TestClock;
  /** Every event the engine applied, in order. */
  readonly events: OrderEvent[];
  order(spec: Partial<OrderSpec>): Order;
  close(): Promise<void>;
}

async function startEnv(options: Partial<CcxtExecutionOptions> = {}): Promise<Env> {
  const server = await BinanceTradingServer.start();
  const clock = new TestClock(1_800_000_000_000_000);
  const cache = new Cache();
  cache.addInstrument(INSTRUMENT);
  const engine = new ExecutionEngine(clock, cache);
  const portfolio = new Portfolio(cache, USDT, Money.fromRaw(100_000_00000000, USDT));
  engine.fills.subscribe((fill) => portfolio.applyFill(fill));
  const events: OrderEvent[] = [];
  engine.events.subscribe((e) => events.push(e));
  const client = new CcxtExecutionClient(
    {
      exchangeId: 'binance',
      apiKey: 'local-key',
      secret: 'local-secret',
      restUrl: server.restUrl,
      wsApiUrl: server.wsApiUrl,
    },
    {
      clock,
      reconnect: { initialDelayUs: 20_000, maxDelayUs: 100_000 },
      requestTimeoutMs: 2_000,
      reconcileDelayMs: 50,
      settleMs: 300,
      ...options,
    },
  );
  await client.start();
  engine.registerClient(client);
  return {
    server,
    client,
    engine,
    portfolio,
    clock,
    events,
    order: (spec) => {
      const order = engine.createOrder(STRATEGY, {
        instrumentId: BTC,
        side: 'BUY',
        type: 'LIMIT',
        quantity: Quantity.parse('0.003'),
        price: Price.parse('42000.10'),
        timeInForce: 'GTC',
        ...spec,
      });
      engine.submit(order);
      return order;
    },
    close: async () => {
      await client.stop();
      await server.close();
    },
  };
}

const ofType = <T extends OrderEvent['type']>(
  events: OrderEvent[],
  type: T,
): Extract<OrderEvent, { type: T }>[] =>
  events.filter((e): e is Extract<OrderEvent, { type: T }> => e.type === type);

/** The engine's order event of a fill, as plain strings for exact comparison. */
const fillView = (f: OrderFilled): Record<string, string | number> => ({
  venueOrderId: f.venueOrderId,
  tradeId: f.tradeId,
  side: f.side,
  lastQty: f.lastQty.toString(),
  lastPx: f.lastPx.toString(),
  commission: f.commission.toString(),
  liquiditySide: f.liquiditySide,
  tsEvent: f.tsEvent,
});

describe('CcxtExecutionClient on a local Binance', { timeout: 60_000 }, () => {
  let env: Env | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('submits a limit order and maps NEW → PARTIALLY_FILLED → FILLED exactly', async () => {
    env = await startEnv();
    const { server, client, events, portfolio } = env;
    assert.equal(server.subscriptions, 1);
    const order = env.order({});
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    const placed = server.log.find((r) => r.method === 'POST' && r.path === '/api/v3/order')!.params;
    assert.equal(placed.get('newClientOrderId'), order.clientOrderId);
    assert.equal(placed.get('symbol'), 'BTCUSDT');
    assert.equal(placed.get('side'), 'BUY');
    assert.equal(placed.get('type'), 'LIMIT');
    assert.equal(placed.get('timeInForce'), 'GTC');
    assert.equal(placed.get('quantity'), '0.003');
    assert.equal(placed.get('price'), '42000.1');
    assert.equal(placed.get('newOrderRespType'), 'RESULT');
    assert.ok(placed.has('signature') && placed.has('timestamp'));
    const venueOrder = server.orders.get(order.clientOrderId)!;
    assert.equal(order.venueOrderId, String(venueOrder.orderId));
    assert.equal(ofType(events, 'OrderAccepted')[0].tsEvent, us(venueOrder.time));

    const t1 = server.fill(order.clientOrderId, '0.001', '42000.10', { commission: '0.04200010' });
    await until(() => order.status === OrderStatus.PARTIALLY_FILLED, 'partially filled');
    const t2 = server.fill(order.clientOrderId, '0.002', '42000.05', {
      commission: '0.08400010',
      maker: false,
    });
    await until(() => order.status === OrderStatus.FILLED, 'filled');

    assert.deepEqual(
      events.map((e) => e.type),
      ['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderFilled'],
    );
    assert.deepEqual(ofType(events, 'OrderFilled').map(fillView), [
      {
        venueOrderId: String(venueOrder.orderId),
        tradeId: String(t1.id),
        side: 'BUY',
        lastQty: '0.00100',
        lastPx: '42000.10',
        commission: '0.04200010 USDT',
        liquiditySide: 'MAKER',
        tsEvent: us(t1.time),
      },
      {
        venueOrderId: String(venueOrder.orderId),
        tradeId: String(t2.id),
        side: 'BUY',
        lastQty: '0.00200',
        lastPx: '42000.05',
        commission: '0.08400010 USDT',
        liquiditySide: 'TAKER',
        tsEvent: us(t2.time),
      },
    ]);
    assert.equal(order.filledQty.toString(), '0.003'); // at the order's precision
    // 100 000 − (42.0001 + 84.0001) − (0.0420001 + 0.0840001) USDT, exact.
    assert.equal(portfolio.cash.toString(), '99873.87379980 USDT');
    assert.equal(portfolio.position(BTC).qtyRaw, 300);
    assert.equal(client.stats.malformedReports, 0);
    assert.equal(client.stats.uncertainRequests, 0);
    // All ccxt needed: markets on start, then one signed request per order (fills came on the stream).
    assert.deepEqual([...server.requests.keys()].sort(), ['GET /api/v3/exchangeInfo', 'POST /api/v3/order']);
    assert.deepEqual(server.unknownWsRequests, []);
  });

  it('fills a market order at once as a taker', async () => {
    env = await startEnv();
    const { server, events } = env;
    server.marketFill = { commission: '0.08402000' };
    const order = env.order({
      type: 'MARKET',
      price: undefined,
      timeInForce: 'IOC',
      quantity: Quantity.parse('0.002'),
    });
    await until(() => order.status === OrderStatus.FILLED, 'filled');
    const placed = server.log.find((r) => r.method === 'POST' && r.path === '/api/v3/order')!.params;
    assert.equal(placed.get('type'), 'MARKET');
    assert.equal(placed.get('quantity'), '0.002');
    assert.equal(placed.has('price'), false);
    assert.equal(placed.has('timeInForce'), false);
    const [fill] = ofType(events, 'OrderFilled');
    assert.equal(fill.lastPx.toString(), '42010.00');
    assert.equal(fill.lastQty.toString(), '0.00200');
    assert.equal(fill.commission.toString(), '0.08402000 USDT');
    assert.equal(fill.liquiditySide, 'TAKER');
    assert.equal(env.portfolio.cash.toString(), '99915.89598000 USDT'); // 100 000 − 84.02 − 0.08402
  });

  it('cancels an order: one OrderCanceled although REST and the stream both say so', async () => {
    env = await startEnv();
    const { server, client, engine, events } = env;
    const order = env.order({});
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    engine.cancel(order);
    assert.equal(order.status, OrderStatus.PENDING_CANCEL);
    await until(() => order.status === OrderStatus.CANCELED, 'canceled');
    const request = server.log.find((r) => r.method === 'DELETE')!.params;
    assert.equal(request.get('origClientOrderId'), order.clientOrderId);
    assert.equal(request.get('symbol'), 'BTCUSDT');
    await until(
      () => server.events.length === 2 && client.stats.streamReports === 2,
      'cancel report on the stream',
    );
    // Not repeated: accepted (stream and submit reply; the cancel reply implies it again), canceled.
    await until(() => client.stats.suppressedReports === 3, 'repeats suppressed');
    assert.deepEqual(
      events.map((e) => e.type),
      ['OrderSubmitted', 'OrderAccepted', 'OrderPendingCancel', 'OrderCanceled'],
    );
    assert.equal(
      ofType(events, 'OrderCanceled')[0].tsEvent,
      us(server.orders.get(order.clientOrderId)!.updateTime),
    );
    assert.equal(engine.anomalies.terminalReports, 0);
  });

  it('answers a cancel the venue refuses with OrderCancelRejected and the venue code', async () => {
    env = await startEnv();
    const { server, engine, events } = env;
    const order = env.order({});
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    server.muted = true; // the fill happens, its report lags
    server.fill(order.clientOrderId, '0.003', '42000.10');
    engine.cancel(order);
    await until(() => ofType(events, 'OrderCancelRejected').length === 1, 'cancel rejected');
    const [refusal] = ofType(events, 'OrderCancelRejected');
    assert.equal(refusal.code, '-2011');
    assert.equal(refusal.reason, 'Unknown order sent.');
    assert.equal(order.status, OrderStatus.ACCEPTED);
    server.muted = false;
    server.repeatLastEvent(); // the lagging report arrives
    await until(() => order.status === OrderStatus.FILLED, 'filled');
  });

  it('reports venue rejections with the Binance code and message; refuses what Binance spot lacks', async () => {
    env = await startEnv();
    const { server, client, events } = env;
    server.rejectNextOrder(binanceError('insufficientBalance'));
    const poor = env.order({});
    await until(() => poor.status === OrderStatus.REJECTED, 'rejected -2010');
    server.rejectNextOrder(binanceError('filterFailure'));
    const tiny = env.order({ quantity: Quantity.parse('0.00001') });
    await until(() => tiny.status === OrderStatus.REJECTED, 'rejected -1013');
    const day = env.order({ timeInForce: 'DAY' });
    assert.equal(day.status, OrderStatus.REJECTED); // refused before sending
    const rejections = ofType(events, 'OrderRejected').map((e) => [e.clientOrderId, e.code, e.reason]);
    assert.deepEqual(rejections, [
      [poor.clientOrderId, '-2010', 'Account has insufficient balance for requested action.'],
      [tiny.clientOrderId, '-1013', 'Filter failure: NOTIONAL'],
      [day.clientOrderId, CcxtExecutionCode.UNSUPPORTED_TIME_IN_FORCE, 'Binance spot has no DAY orders'],
    ]);
    assert.equal(server.requests.get('POST /api/v3/order'), 2);
    assert.equal(server.requests.get('GET /api/v3/order'), undefined); // refusals are not reconciled
    assert.equal(client.stats.uncertainRequests, 0);
  });

  it('sends stop-limit orders as STOP_LOSS_LIMIT; a stop-market the market does not list is refused by ccxt', async () => {
    env = await startEnv();
    const { server, events } = env;
    const stopLimit = env.order({
      side: 'SELL',
      type: 'STOP_LIMIT',
      price: Price.parse('41000.00'),
      triggerPrice: Price.parse('41100.00'),
    });
    await until(() => stopLimit.status === OrderStatus.ACCEPTED, 'accepted');
    const placed = server.log.find((r) => r.method === 'POST')!.params;
    assert.equal(placed.get('type'), 'STOP_LOSS_LIMIT');
    assert.equal(placed.get('stopPrice'), '41100');
    assert.equal(placed.get('price'), '41000');
    // exchange-info.json lists no STOP_LOSS for BTCUSDT: ccxt refuses before sending.
    const stopMarket = env.order({
      type: 'STOP_MARKET',
      price: undefined,
      triggerPrice: Price.parse('41100.00'),
    });
    await until(() => stopMarket.status === OrderStatus.REJECTED, 'rejected');
    assert.equal(ofType(events, 'OrderRejected')[0].code, CcxtExecutionCode.INVALID_ORDER);
    assert.equal(server.requests.get('POST /api/v3/order'), 1);
  });

  it('does not count a repeated executionReport twice (engine drops the trade id; portfolio exact)', async () => {
    env = await startEnv();
    const { server, engine, portfolio, events } = env;
    const order = env.order({});
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    server.fill(order.clientOrderId, '0.001', '42000.10', { commission: '0.04200010' });
    await until(() => order.status === OrderStatus.PARTIALLY_FILLED, 'partially filled');
    server.repeatLastEvent();
    server.repeatLastEvent();
    await until(() => engine.anomalies.duplicateFills === 2, 'repeats dropped');
    assert.equal(ofType(events, 'OrderFilled').length, 1);
    assert.equal(order.filledQty.toString(), '0.001');
    assert.equal(portfolio.position(BTC).qtyRaw, 100);
    assert.equal(portfolio.cash.toString(), '99957.95789990 USDT'); // 100 000 − 42.0001 − 0.0420001
  });

  it('recovers what the stream missed after a drop: fills from myTrades, ends of orders read back', async () => {
    env = await startEnv();
    const { server, client, engine, events } = env;
    const working = env.order({});
    const expiring = env.order({
      side: 'SELL',
      price: Price.parse('43000.00'),
      quantity: Quantity.parse('0.002'),
    });
    await until(
      () => working.status === OrderStatus.ACCEPTED && expiring.status === OrderStatus.ACCEPTED,
      'both accepted',
    );
    server.dropStreams(true);
    await until(() => client.stats.streamDrops === 1, 'drop noticed');
    const missed = server.fill(working.clientOrderId, '0.001', '42000.10', { commission: '0.04200010' });
    server.expire(expiring.clientOrderId);
    assert.equal(server.streamSubscribers, 0); // both reports were lost
    server.resumeStreams();
    await until(
      () => working.status === OrderStatus.PARTIALLY_FILLED && expiring.status === OrderStatus.EXPIRED,
      'recovered',
    );
    assert.equal(client.stats.resubscribes, 1);
    assert.equal(client.stats.recoveredFills, 1);
    assert.ok((server.requests.get('GET /api/v3/myTrades') ?? 0) >= 1);
    assert.ok((server.requests.get('GET /api/v3/openOrders') ?? 0) >= 1);
    const [fill] = ofType(events, 'OrderFilled');
    assert.deepEqual(fillView(fill), {
      venueOrderId: String(missed.orderId),
      tradeId: String(missed.id),
      side: 'BUY',
      lastQty: '0.00100',
      lastPx: '42000.10',
      commission: '0.04200010 USDT',
      liquiditySide: 'MAKER',
      tsEvent: us(missed.time),
    });
    assert.equal(
      ofType(events, 'OrderExpired')[0].tsEvent,
      us(server.orders.get(expiring.clientOrderId)!.updateTime),
    );

    // The port's reconciliation calls agree with what the engine now holds.
    const fills = await client.fillsSince(0);
    assert.deepEqual(
      fills.map((f) => [
        f.clientOrderId,
        f.tradeId,
        f.lastQty.toString(),
        f.lastPx.toString(),
        f.commission.toString(),
      ]),
      [[working.clientOrderId, String(missed.id), '0.00100', '42000.10', '0.04200010 USDT']],
    );
    assert.equal(engine.reconcileFills(fills), 0); // nothing new
    const open = await client.openOrders();
    assert.deepEqual(
      open.map((o) => [
        o.clientOrderId,
        o.venueOrderId,
        o.status,
        o.quantity.toString(),
        o.filledQty.toString(),
        o.price?.toString(),
      ]),
      [[working.clientOrderId, working.venueOrderId, 'PARTIALLY_FILLED', '0.00300', '0.00100', '42000.10']],
    );
    // And the stream works again.
    server.fill(working.clientOrderId, '0.002', '42000.10');
    await until(() => working.status === OrderStatus.FILLED, 'filled over the new stream');
  });

  it('reconciles a submit that timed out by client order id (accepted + the fill it had)', async () => {
    env = await startEnv({ requestTimeoutMs: 300 });
    const { server, client, events } = env;
    server.muted = true; // no stream report either: only asking the venue tells
    server.stallNextOrder();
    const order = env.order({});
    await until(() => server.orders.has(order.clientOrderId), 'placed at the venue');
    const fill = server.fill(order.clientOrderId, '0.001', '42000.10', { commission: '0.04200010' });
    await until(() => order.status === OrderStatus.PARTIALLY_FILLED, 'reconciled', 8_000);
    assert.equal(ofType(events, 'OrderRejected').length, 0);
    assert.equal(order.venueOrderId, String(server.orders.get(order.clientOrderId)!.orderId));
    assert.deepEqual(
      ofType(events, 'OrderFilled').map((f) => [
        f.tradeId,
        f.lastQty.toString(),
        f.lastPx.toString(),
        f.tsEvent,
      ]),
      [[String(fill.id), '0.00100', '42000.10', us(fill.time)]],
    );
    const query = server.log.find((r) => r.method === 'GET' && r.path === '/api/v3/order')!.params;
    assert.equal(query.get('origClientOrderId'), order.clientOrderId);
    assert.equal(client.stats.uncertainRequests, 1);
    assert.equal(client.stats.reconciledOrders, 1);
    server.muted = false;
    server.fill(order.clientOrderId, '0.002', '42000.10');
    await until(() => order.status === OrderStatus.FILLED, 'filled');
  });

  it('rejects a submit lost on the network only once the venue says it has no such order', async () => {
    env = await startEnv({ submitWindowMs: 0 });
    const { server, client, events } = env;
    server.loseNextOrder();
    const order = env.order({});
    await until(() => order.status === OrderStatus.REJECTED, 'rejected', 8_000);
    const [rejected] = ofType(events, 'OrderRejected');
    assert.equal(rejected.code, CcxtExecutionCode.SUBMIT_NOT_RECEIVED);
    assert.match(rejected.reason, /venue has no order O-\d+/);
    assert.equal(server.orders.size, 0);
    assert.equal(server.log.filter((r) => r.path === '/api/v3/order' && r.method === 'GET').length, 1);
    assert.equal(client.stats.uncertainRequests, 1);
  });

  it('counts and skips malformed stream messages; good reports still flow', async () => {
    env = await startEnv();
    const { server, client, engine, events } = env;
    const order = env.order({});
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    const trade = tradingFixture<{ event: Record<string, unknown> }>('execution-report-trade.json').event;
    server.pushRaw('{"subscriptionId":0,"event":{"e":"executionReport",'); // cut off
    const noPrice: Record<string, unknown> = {
      ...trade,
      c: order.clientOrderId,
      i: Number(order.venueOrderId),
    };
    delete noPrice.L;
    server.push(noPrice);
    server.push({ ...trade, c: order.clientOrderId, i: Number(order.venueOrderId), L: '42000.105' }); // off the tick
    server.fill(order.clientOrderId, '0.001', '42000.10');
    await until(() => order.status === OrderStatus.PARTIALLY_FILLED, 'good fill');
    assert.equal(client.stats.malformedReports, 3);
    assert.equal(ofType(events, 'OrderFilled').length, 1);
    assert.equal(engine.anomalies.invalidReports, 0);
    assert.equal(client.stats.internalErrors, 0);
  });
});
