/**
 * The Alpaca execution client against a local server speaking Alpaca's Trading API v2 (real HTTP
 * and WebSocket on 127.0.0.1, ephemeral ports), with a real ExecutionEngine and Portfolio: what
 * the engine ends up believing (order states, position, cash) is what is checked.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { AlpacaExecutionClient } from '../../src/adapters/alpaca/alpaca-execution-client.js';
import { alpacaExecutionConfig } from '../../src/adapters/alpaca/alpaca-execution-config.js';
import { AlpacaExecCode } from '../../src/adapters/alpaca/alpaca-execution-wire.js';
import { TestClock } from '../../src/core/clock.js';
import { SeededRandom } from '../../src/core/random.js';
import { Cache } from '../../src/common/cache.js';
import { FeedStatus } from '../../src/data/feed/data-client.js';
import { ReconnectPolicy } from '../../src/data/feed/reconnect-policy.js';
import { ExecutionEngine } from '../../src/execution/execution-engine.js';
import type { OrderEvent, OrderFilled } from '../../src/model/events/order-events.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { parseStrategyId } from '../../src/model/identifiers/order-ids.js';
import { unwrap } from '../../src/core/result.js';
import type { Order, OrderSpec } from '../../src/model/orders/order.js';
import { OrderStatus } from '../../src/model/orders/order-status.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { Portfolio } from '../../src/portfolio/portfolio.js';
import { AlpacaTradingServer, type RestReply, tradingFixture } from '../support/alpaca-trading-server.js';

const USD = currency('USD');
const AAPL = instrumentId('AAPL', 'ALPACA');
const STRATEGY = unwrap(parseStrategyId('alpaca-test'));
// 2024-03-04T15:00:00Z: the kernel clock and the venue's first timestamps.
const NOW = Date.UTC(2024, 2, 4, 15) * 1000;
const START_CASH = 1_000_000;

interface Rig {
  server: AlpacaTradingServer;
  engine: ExecutionEngine;
  cache: Cache;
  portfolio: Portfolio;
  client: AlpacaExecutionClient;
  events: OrderEvent[];
  statuses: FeedStatus[];
}

let rig: Rig;

async function setup(): Promise<Rig> {
  const server = await AlpacaTradingServer.start(NOW);
  const clock = new TestClock(NOW);
  const cache = new Cache();
  // Orders on a cent grid; fills may be sub-penny (price improvement), so 4 decimals are kept.
  cache.addInstrument({
    id: AAPL,
    tickSize: Price.fromRaw(100, 4),
    lotSize: Quantity.fromRaw(1, 0),
    quoteCurrency: USD,
    multiplier: 1,
  });
  const engine = new ExecutionEngine(clock, cache);
  const portfolio = new Portfolio(cache, USD, Money.fromNumber(START_CASH, USD));
  engine.fills.subscribe((f) => portfolio.applyFill(f));
  const events: OrderEvent[] = [];
  engine.events.subscribe((e) => events.push(e));
  const statuses: FeedStatus[] = [];
  const client = new AlpacaExecutionClient({
    config: alpacaExecutionConfig({ keyId: 'test-key', secretKey: 'test-secret', tradingUrl: server.url }),
    clock,
    instruments: cache,
    requestTimeoutMs: 300,
    // Fast, seeded backoff: a reconnect takes milliseconds, the same ones every run.
    reconnect: new ReconnectPolicy(new SeededRandom(7), { initialDelayUs: 20_000, maxDelayUs: 100_000 }),
    handshakeTimeoutMs: 2_000,
    lookupAttempts: 3,
    lookupDelayMs: 20,
    fillPageSize: 2, // three fills make two pages
    onStatus: (s) => statuses.push(s),
  });
  engine.registerClient(client);
  await client.ready();
  return { server, engine, cache, portfolio, client, events, statuses };
}

function limitBuy(qty: number, price: string, extra: Partial<OrderSpec> = {}): Order {
  const order = rig.engine.createOrder(STRATEGY, {
    instrumentId: AAPL,
    side: 'BUY',
    type: 'LIMIT',
    quantity: Quantity.fromRaw(qty, 0),
    price: Price.parse(price, 4),
    timeInForce: 'DAY',
    ...extra,
  });
  rig.engine.submit(order);
  return order;
}

async function until(predicate: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
  for (let waited = 0; !predicate(); waited += 5) {
    if (waited > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const typesOf = (order: Order): string[] =>
  rig.events.filter((e) => e.clientOrderId === order.clientOrderId).map((e) => e.type);
const fillsOf = (order: Order): OrderFilled[] =>
  rig.events.filter(
    (e): e is OrderFilled => e.type === 'OrderFilled' && e.clientOrderId === order.clientOrderId,
  );
const cashAfter = (spentCents: number): number => START_CASH * 100 - spentCents;

beforeEach(async () => {
  rig = await setup();
});

afterEach(async () => {
  await rig.client.close();
  await rig.server.close();
  assert.equal(rig.client.stats.internalErrors, 0, 'no failure inside the client');
});

describe('AlpacaExecutionClient', () => {
  test('submit → new → partial_fill → fill: exact request, exact fills, position and cash', async () => {
    const order = limitBuy(100, '187.25');
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    const post = rig.server.requests.find((r) => r.method === 'POST')!;
    assert.deepEqual(post.body, {
      symbol: 'AAPL',
      qty: '100',
      side: 'buy',
      type: 'limit',
      time_in_force: 'day',
      limit_price: '187.2500',
      client_order_id: order.clientOrderId,
    });
    const venueId = rig.server.order(order.clientOrderId).id;
    assert.equal(order.venueOrderId, venueId);

    const partial = rig.server.fill(venueId, '40', '187.2');
    await until(() => order.status === OrderStatus.PARTIALLY_FILLED, 'partially filled');
    rig.server.fill(venueId, '60', '187.1375');
    await until(() => order.status === OrderStatus.FILLED, 'filled');

    assert.deepEqual(typesOf(order), ['OrderSubmitted', 'OrderAccepted', 'OrderFilled', 'OrderFilled']);
    const [first, second] = fillsOf(order);
    assert.equal(first.tradeId, (partial.data as { execution_id: string }).execution_id);
    assert.equal(first.venueOrderId, venueId);
    assert.equal(first.side, 'BUY');
    assert.deepEqual([first.lastQty.raw, first.lastPx.raw, first.lastPx.precision], [40, 1_872_000, 4]);
    assert.deepEqual([second.lastQty.raw, second.lastPx.raw], [60, 1_871_375]);
    assert.equal(first.commission.raw, 0);
    assert.equal(first.commission.currency.code, 'USD');
    assert.equal(first.liquiditySide, 'TAKER');
    assert.equal(first.tsEvent, NOW + 3_000, 'the venue time of the execution');
    // 40 × 187.20 + 60 × 187.1375 = 7488.00 + 11228.25 = 18716.25
    assert.equal(rig.portfolio.position(AAPL).qtyRaw, 100);
    assert.equal(rig.portfolio.cashRaw, cashAfter(1_871_625));
    assert.equal(
      rig.engine.anomalies.duplicateReports,
      0,
      'the stream `new` after the POST answer is not passed on',
    );
  });

  test('cancel: DELETE, pending_cancel, canceled; a refused cancel leaves the order working', async () => {
    const order = limitBuy(10, '180.00');
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    rig.server.script.cancel.push(tradingFixture<RestReply>('error-422-not-cancelable.json'));
    rig.engine.cancel(order);
    await until(() => typesOf(order).includes('OrderCancelRejected'), 'cancel rejected');
    const refused = rig.events.find((e) => e.type === 'OrderCancelRejected')!;
    assert.equal(refused.type === 'OrderCancelRejected' && refused.code, 'ALPACA_42210000');
    assert.match(refused.type === 'OrderCancelRejected' ? refused.reason : '', /not cancelable/);
    assert.equal(order.status, OrderStatus.ACCEPTED);

    rig.engine.cancel(order);
    await until(() => order.status === OrderStatus.CANCELED, 'canceled');
    const deletes = rig.server.requests.filter((r) => r.method === 'DELETE');
    assert.deepEqual(
      deletes.map((r) => r.url),
      [`/v2/orders/${order.venueOrderId}`, `/v2/orders/${order.venueOrderId}`],
    );
    assert.deepEqual(typesOf(order).slice(-2), ['OrderPendingCancel', 'OrderCanceled']);
    assert.equal(rig.client.stats.ignoredUpdates >= 1, true, 'pending_cancel changes nothing');
  });

  test('replace: PATCH with what is left, replaced → OrderUpdated with the new id, fills of the new order count', async () => {
    const order = limitBuy(100, '187.25');
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    const oldId = order.venueOrderId!;
    rig.server.fill(oldId, '40', '187.25');
    await until(() => order.status === OrderStatus.PARTIALLY_FILLED, 'partial');

    rig.engine.modify(order, { quantity: Quantity.fromRaw(150, 0), price: Price.parse('187.30', 4) });
    await until(() => typesOf(order).includes('OrderUpdated'), 'updated');
    const patch = rig.server.requests.find((r) => r.method === 'PATCH')!;
    assert.equal(patch.url, `/v2/orders/${oldId}`);
    assert.deepEqual(patch.body, {
      client_order_id: `${order.clientOrderId}~r1`,
      qty: '110',
      limit_price: '187.3000',
    });
    const newId = rig.server.order(`${order.clientOrderId}~r1`).id;
    const updated = rig.events.find((e) => e.type === 'OrderUpdated')!;
    assert.ok(updated.type === 'OrderUpdated');
    assert.equal(updated.venueOrderId, newId);
    assert.equal(updated.quantity.raw, 150);
    assert.equal(updated.price?.toString(), '187.3000');
    assert.equal(order.venueOrderId, newId);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED);
    assert.equal(order.quantity.raw, 150);

    rig.server.fill(newId, '110', '187.30');
    await until(() => order.status === OrderStatus.FILLED, 'filled');
    assert.equal(rig.portfolio.position(AAPL).qtyRaw, 150);
    // 40 × 187.25 + 110 × 187.30 = 7490 + 20603 = 28093
    assert.equal(rig.portfolio.cashRaw, cashAfter(2_809_300));

    const open = await rig.client.openOrders();
    assert.deepEqual(open, [], 'nothing left open at the venue');
  });

  test('a refused replace (HTTP 422) is OrderModifyRejected with Alpaca’s code; the order is as it was', async () => {
    const order = limitBuy(10, '180.00');
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    rig.server.script.replace.push({
      status: 422,
      body: { code: 42210000, message: 'order is not replaceable' },
    });
    rig.engine.modify(order, { price: Price.parse('181.00', 4) });
    await until(() => typesOf(order).includes('OrderModifyRejected'), 'modify rejected');
    const refused = rig.events.find((e) => e.type === 'OrderModifyRejected')!;
    assert.equal(refused.type === 'OrderModifyRejected' && refused.code, 'ALPACA_42210000');
    assert.equal(order.status, OrderStatus.ACCEPTED);
    assert.equal(order.spec.price?.toString(), '180.0000');

    const [report] = await rig.client.openOrders();
    assert.equal(report.clientOrderId, order.clientOrderId);
    assert.equal(report.venueOrderId, order.venueOrderId);
    assert.deepEqual(
      [report.quantity.raw, report.filledQty.raw, report.status],
      [10, 0, OrderStatus.ACCEPTED],
    );
    assert.equal(report.price?.toString(), '180.0000');
  });

  test('HTTP 403 and 422 on submit: OrderRejected with Alpaca’s code and message; GTD refused unsent', async () => {
    rig.server.script.submit.push(
      tradingFixture<RestReply>('error-403.json'),
      tradingFixture<RestReply>('error-422.json'),
    );
    const gtd = limitBuy(1, '187.25', { timeInForce: 'GTD', expireTimeUs: NOW + 60_000_000 });
    const poor = limitBuy(1000, '187.25');
    await until(() => poor.status === OrderStatus.REJECTED, 'rejected (403)');
    const invalid = limitBuy(1, '187.25');
    await until(() => invalid.status === OrderStatus.REJECTED, 'rejected (422)');
    const reasons = rig.events
      .filter((e) => e.type === 'OrderRejected')
      .map((e) => e.type === 'OrderRejected' && [e.clientOrderId, e.code, e.reason]);
    assert.deepEqual(reasons, [
      [gtd.clientOrderId, AlpacaExecCode.UNSUPPORTED_ORDER, 'Alpaca has no GTD time in force'],
      [poor.clientOrderId, 'ALPACA_40310000', 'insufficient buying power (HTTP 403)'],
      [invalid.clientOrderId, 'ALPACA_42210000', 'qty must be > 0 (HTTP 422)'],
    ]);
    assert.equal(gtd.status, OrderStatus.REJECTED);
    assert.equal(rig.server.requests.filter((r) => r.method === 'POST').length, 2, 'GTD never sent');
    assert.equal(rig.client.stats.lostRequests, 0, 'a 4xx is an answer, not a lost request');
  });

  test('a repeated fill message is not counted twice: engine drops it, position and cash exact', async () => {
    const order = limitBuy(100, '187.25');
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    rig.server.fill(order.venueOrderId!, '30', '187.25', { repeat: 2 });
    rig.server.fill(order.venueOrderId!, '70', '187.2499', { repeat: 1 });
    await until(
      () => order.status === OrderStatus.FILLED && rig.engine.anomalies.duplicateFills === 3,
      'filled, repeats seen',
    );
    assert.equal(fillsOf(order).length, 2);
    assert.equal(rig.portfolio.position(AAPL).qtyRaw, 100);
    // 30 × 187.25 + 70 × 187.2499 = 5617.50 + 13107.493 = 18724.993 → 18724.99 (cash in cents)
    assert.equal(rig.portfolio.cashRaw, cashAfter(1_872_499));
  });

  test('stream drops mid-order: fills and a cancel missed while down are recovered after the reconnect', async () => {
    rig.server.activityIdsDiffer = true; // the recovered fill must be recognised by order and cum qty
    const order = limitBuy(100, '187.25');
    const other = limitBuy(5, '150.00');
    await until(
      () => order.status === OrderStatus.ACCEPTED && other.status === OrderStatus.ACCEPTED,
      'accepted',
    );
    rig.server.fill(order.venueOrderId!, '25', '187.25');
    await until(() => order.status === OrderStatus.PARTIALLY_FILLED, 'live partial fill');

    rig.server.acceptSockets = false;
    rig.server.dropAll();
    await until(
      () => rig.client.streamStatus === FeedStatus.RECONNECTING && rig.server.listeners === 0,
      'stream down',
    );
    rig.server.fill(order.venueOrderId!, '35', '187.24');
    rig.server.fill(order.venueOrderId!, '40', '187.23');
    rig.server.cancel(other.venueOrderId!);
    assert.equal(order.status, OrderStatus.PARTIALLY_FILLED, 'nothing heard while down');
    await until(() => rig.server.connections >= 3, 'a refused reconnect attempt');
    rig.server.acceptSockets = true;

    await until(
      () => order.status === OrderStatus.FILLED && other.status === OrderStatus.CANCELED,
      'recovered',
      5_000,
    );
    assert.ok(rig.client.stats.reconnects >= 1);
    const pages = rig.server.requests.filter((r) => r.url.startsWith('/v2/account/activities/FILL'));
    assert.ok(
      pages.some((r) => r.url.includes('page_token=')),
      'the second page follows the first',
    );
    assert.ok(
      rig.server.requests.some((r) =>
        r.url.startsWith('/v2/account/activities/FILL?after=2024-03-04T14%3A58%3A59.999999Z&direction=asc'),
      ),
    );
    assert.deepEqual(
      fillsOf(order).map((f) => [f.lastQty.raw, f.lastPx.toString()]),
      [
        [25, '187.2500'],
        [35, '187.2400'],
        [40, '187.2300'],
      ],
    );
    assert.ok(rig.engine.anomalies.duplicateFills >= 1, 'the fill heard live came again from the activities');
    assert.equal(rig.portfolio.position(AAPL).qtyRaw, 100);
    // 25 × 187.25 + 35 × 187.24 + 40 × 187.23 = 4681.25 + 6553.40 + 7489.20 = 18723.85
    assert.equal(rig.portfolio.cashRaw, cashAfter(1_872_385));
    assert.ok(rig.statuses.includes(FeedStatus.RECONNECTING));
    assert.equal(rig.client.streamStatus, FeedStatus.CONNECTED);
  });

  test('submit timeout: looked up by client order id, reported as Alpaca has it', async () => {
    rig.server.autoNew = false; // no stream update: only the look-up can tell
    rig.server.script.submit.push('process-then-hang', 'hang');
    const arrived = limitBuy(10, '187.25');
    await until(() => arrived.status === OrderStatus.ACCEPTED, 'found by the look-up');
    const lost = limitBuy(10, '187.25');
    await until(() => lost.status === OrderStatus.REJECTED, 'never arrived');
    assert.equal(arrived.venueOrderId, rig.server.order(arrived.clientOrderId).id);
    const lookups = rig.server.requests.filter((r) => r.url.startsWith('/v2/orders:by_client_order_id'));
    assert.ok(lookups.some((r) => r.url.endsWith(`client_order_id=${arrived.clientOrderId}`)));
    assert.equal(lookups.filter((r) => r.url.endsWith(`client_order_id=${lost.clientOrderId}`)).length, 3);
    const rejected = rig.events.find((e) => e.type === 'OrderRejected')!;
    assert.equal(rejected.type === 'OrderRejected' && rejected.code, AlpacaExecCode.NOT_RECEIVED);
    assert.equal(rig.client.stats.lostRequests, 2);
    assert.deepEqual(typesOf(arrived), ['OrderSubmitted', 'OrderAccepted']);
  });

  test('bad stream messages are counted and skipped; the stream goes on', async () => {
    const order = limitBuy(10, '187.25');
    await until(() => order.status === OrderStatus.ACCEPTED, 'accepted');
    const bad = tradingFixture<Record<string, unknown>>('bad-messages.json');
    const fill = tradingFixture<Record<string, { data: Record<string, unknown> }>>('trade-updates.json').fill;
    const floatPrice = { stream: 'trade_updates', data: { ...fill.data, price: 187.14 } };
    const tooPrecise = { stream: 'trade_updates', data: { ...fill.data, price: '187.14001' } };
    rig.server.sendRaw(bad.not_json as string);
    rig.server.sendRaw(JSON.stringify(bad.no_order));
    rig.server.sendRaw(JSON.stringify(bad.unknown_stream));
    rig.server.sendRaw(JSON.stringify(floatPrice));
    rig.server.sendRaw(JSON.stringify(tooPrecise));
    rig.server.fill(order.venueOrderId!, '10', '187.25');
    await until(() => order.status === OrderStatus.FILLED, 'filled after the garbage');
    assert.equal(rig.client.stats.malformed, 5);
    assert.equal(fillsOf(order).length, 1);
    assert.equal(rig.portfolio.position(AAPL).qtyRaw, 10);
  });
});
