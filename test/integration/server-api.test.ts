/**
 * The REST API against a real trading node (manual market data, the sandbox venue, a test clock)
 * and a real server on 127.0.0.1, through the typed client and raw fetch: every route's happy
 * path, the risk engine in the order path, auth, validation and the error shapes, and that no
 * rejected request changes state.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { SandboxExecutionClient } from '../../src/adapters/sandbox/sandbox-execution-client.js';
import { QuantflowApiError, QuantflowClient } from '../../src/client/rest-client.js';
import { TestClock } from '../../src/core/clock.js';
import { DataKind } from '../../src/data/feed/data-client.js';
import { TradingNode } from '../../src/live/trading-node.js';
import { BookUpdateAction } from '../../src/model/data/book-update.js';
import { QuoteTick } from '../../src/model/data/quote-tick.js';
import { TradeTick } from '../../src/model/data/trade-tick.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import type { TradeId } from '../../src/model/identifiers/order-ids.js';
import { simpleInstrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { parseRiskConfig } from '../../src/risk/risk-limits.js';
import { buildServer } from '../../src/server/app.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { bookUpdate } from '../support/book-updates.js';
import { ManualDataClient } from '../support/manual-data-client.js';

const USD = currency('USD');
const ID = instrumentId('BTCUSD', 'SIM');
const T0 = 1_800_000_000_000_000; // on a minute boundary
/** The node's risk limits: one per order, two with running totals (positions, open orders). */
const RISK = { node: { maxOrderQuantity: '10', maxPosition: '100', maxOpenOrders: 50 } };
const KEYS = { viewer: 'viewer-key-123', trader: 'trader-key-123', admin: 'admin-key-1234' };

/** A strategy that trades nothing, with a parameter to re-parameterize. */
class Idle extends Strategy<{ threshold: number }> {
  static override readonly paramsSchema = z.strictObject({ threshold: z.number().int().min(1).default(5) });
  bars = 0;
  override onBar(): void {
    this.bars++;
  }
}

/** An error answer as the tests read it. */
interface ErrorJson {
  error: {
    code: string;
    message: string;
    details: { issues: { in: string; path: string; message: string }[] };
  };
}

interface Fixture {
  node: TradingNode;
  clock: TestClock;
  app: FastifyInstance;
  url: string;
  market: (price: number, stepUs?: number) => void;
  book: (action: BookUpdateAction, bids: [string, string][], asks: [string, string][]) => void;
  client: (role?: keyof typeof KEYS) => QuantflowClient;
  raw: (
    method: string,
    path: string,
    init?: { body?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; json: ErrorJson; text: string; headers: Headers }>;
}

async function startFixture(): Promise<Fixture> {
  const clock = new TestClock(T0);
  const data = new ManualDataClient();
  const node = new TradingNode({
    environment: 'paper',
    clock,
    accountCurrency: USD,
    startingCash: Money.fromNumber(10_000, USD),
    instruments: [simpleInstrument(ID, USD, 2, 3)],
    data: { client: data, kinds: [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK] },
    execution: (kernel) => new SandboxExecutionClient({ venue: 'SIM', clock, instruments: kernel.cache }),
    bars: '1m',
    risk: parseRiskConfig(RISK),
    pumpIntervalMs: 3_600_000,
    tickIntervalMs: 3_600_000,
  });
  node.addStrategy(new Idle({ threshold: 5 }, 'idle'));
  await node.start();
  const app = await buildServer({
    node,
    auth: {
      keys: [
        { key: KEYS.viewer, role: 'viewer' },
        { key: KEYS.trader, role: 'trader' },
        { key: KEYS.admin, role: 'admin' },
      ],
    },
    rateLimit: { max: 100_000, timeWindowMs: 1_000 },
    version: '9.9.9-test',
    clock,
    riskConfig: parseRiskConfig(RISK),
    startingCash: Money.fromNumber(10_000, USD),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let n = 0;
  const market = (price: number, stepUs = 1_000_000): void => {
    clock.setTime(clock.timestampUs() + stepUs);
    const now = clock.timestampUs();
    const px = (p: number) => Price.fromNumber(p, 2);
    data.sink!.onQuote(
      new QuoteTick(
        ID,
        px(price - 0.01),
        px(price + 0.01),
        Quantity.fromRaw(50_000, 3),
        Quantity.fromRaw(50_000, 3),
        now,
        now,
      ),
    );
    data.sink!.onTrade(
      new TradeTick(ID, px(price), Quantity.fromRaw(1_000, 3), 'BUYER', `T${++n}` as TradeId, now, now),
    );
    node.pump();
  };
  let bookSeq = 0;
  const book: Fixture['book'] = (action, bids, asks) => {
    bookSeq++;
    data.sink!.onBookUpdate(
      bookUpdate(ID, action, bids, asks, bookSeq, clock.timestampUs(), { price: 2, size: 3 }),
    );
    node.pump();
  };
  const client = (role?: keyof typeof KEYS) =>
    new QuantflowClient({ baseUrl: url, ...(role === undefined ? {} : { apiKey: KEYS[role] }) });
  const raw: Fixture['raw'] = async (method, path, init = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: init.headers ?? {},
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    const text = await response.text();
    let json: ErrorJson;
    try {
      json = JSON.parse(text) as ErrorJson;
    } catch {
      json = { error: { code: '', message: text, details: { issues: [] } } };
    }
    return { status: response.status, json, text, headers: response.headers };
  };
  return { node, clock, app, url, market, book, client, raw };
}

/** Rejects with a QuantflowApiError of this status and code. */
async function rejects(promise: Promise<unknown>, status: number, code: string): Promise<QuantflowApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof QuantflowApiError, String(error));
    assert.equal(error.status, status, `${error.code}: ${error.message}`);
    assert.equal(error.code, code, error.message);
    return error;
  }
  assert.fail(`expected ${status} ${code}`);
}

describe('server REST API on a running node', () => {
  let f: Fixture;
  before(async () => {
    f = await startFixture();
    f.market(100);
  });
  after(async () => {
    await f.app.close();
    await f.node.stop();
  });

  /** Positions, orders, fills and risk state: what a rejected request must leave as it was. */
  const state = async () => {
    const c = f.client();
    return JSON.stringify([
      await c.positions(),
      await c.orders({ limit: 1000 }),
      await c.fills(),
      (await c.risk()).state,
    ]);
  };

  it('health: version and uptime from the injected clock', async () => {
    const before = await f.client().health();
    assert.equal(before.status, 'ok');
    assert.equal(before.version, '9.9.9-test');
    assert.equal(before.node, true);
    f.clock.setTime(f.clock.timestampUs() + 5_000_000);
    assert.equal((await f.client().health()).uptimeSeconds, before.uptimeSeconds + 5);
  });

  it('node, portfolio, account without a key; the operator strategy is not listed', async () => {
    const c = f.client();
    const node = await c.node();
    assert.equal(node.environment, 'paper');
    assert.equal(node.currency, 'USD');
    assert.deepEqual(node.risk, { state: 'ACTIVE', reason: '' });
    assert.deepEqual(
      node.strategies.map((s) => s.id),
      ['idle'],
    );
    assert.deepEqual(node.instruments, ['BTCUSD.SIM']);
    const portfolio = await c.portfolio();
    assert.equal(portfolio.equity, '10000.00');
    assert.deepEqual(portfolio.positions, []);
    assert.deepEqual(await c.account(), {
      currency: 'USD',
      cash: '10000.00',
      equity: '10000.00',
      startingCash: '10000.00',
    });
  });

  it('market snapshot and bars built from trades', async () => {
    const snap = await f.client().snapshot('BTCUSD.SIM');
    assert.equal(snap.lastQuote?.askPrice, '100.01');
    assert.equal(snap.lastTrade?.price, '100.00');
    // Trades in three later minutes close two bars.
    f.market(101, 60_000_000);
    f.market(102, 60_000_000);
    f.market(103, 60_000_000);
    const bars = await f.client().bars('BTCUSD.SIM', 2);
    assert.equal(bars.length, 2);
    assert.deepEqual(
      bars.map((b) => b.close),
      ['101.00', '102.00'],
    );
    assert.ok(bars[0].tsEvent < bars[1].tsEvent);
    assert.equal((await f.client().bars('BTCUSD.SIM')).length, 3);
    await rejects(f.client().snapshot('NOPE.SIM'), 404, 'NOT_FOUND');
  });

  it('a market order goes through the risk engine to the venue and fills exactly', async () => {
    const ack = await f
      .client('trader')
      .submitOrder({ instrumentId: 'BTCUSD.SIM', side: 'BUY', type: 'MARKET', quantity: '0.5' });
    assert.match(ack.clientOrderId, /^O-\d+$/);
    f.market(103);
    const positions = await f.client().positions();
    assert.deepEqual(
      positions.map((p) => [p.instrumentId, p.quantity]),
      [['BTCUSD.SIM', '0.500']],
    );
    const [fill] = await f.client().fills({ limit: 1 });
    assert.equal(fill.clientOrderId, ack.clientOrderId);
    assert.equal(fill.strategyId, 'operator');
    assert.equal(fill.quantity, '0.500');
    assert.match(fill.price, /^\d+\.\d{2}$/);
    const [order] = await f.client().orders({ limit: 1 });
    assert.equal(order.clientOrderId, ack.clientOrderId);
    assert.equal(order.status, 'FILLED');
    assert.equal(order.filled, '0.500');
  });

  it('the equity curve: one point a second of the node clock, drawdown from the running peak', async () => {
    const c = f.client();
    const start = f.clock.timestampUs();
    f.node.tick();
    f.market(103, 500_000);
    f.node.tick(); // half a second later: no new point
    f.market(93, 600_000); // 0.5 long, 10 lower: equity falls by about 5
    f.node.tick();
    const curve = await c.equity({ since: start });
    assert.equal(curve.currency, 'USD');
    assert.equal(curve.intervalUs, 1_000_000);
    assert.equal(curve.points.length, 2);
    const [first, last] = curve.points;
    assert.equal(first.timeUs, start);
    assert.ok(Number(last.equity) < Number(first.equity) - 4.9, `${first.equity} → ${last.equity}`);
    assert.ok(last.drawdown < 0 && last.drawdown > -0.001, String(last.drawdown));
    assert.match(last.equity, /^\d+\.\d{2}$/);
    assert.deepEqual((await c.equity({ limit: 1 })).points, [last]);
    for (const bad of ['limit=0', 'since=-1', 'since=abc', 'other=1'])
      assert.equal((await f.raw('GET', `/api/v1/portfolio/equity?${bad}`)).status, 400, bad);
  });

  it('a limit order rests, is listed as open and is canceled; canceling again is 409, unknown 404', async () => {
    const trader = f.client('trader');
    const ack = await trader.submitOrder({
      instrumentId: 'BTCUSD.SIM',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '1',
      price: '90.00',
    });
    assert.notEqual(ack.status, 'DENIED');
    const open = await f.client().orders({ status: 'open' });
    assert.deepEqual(
      open.map((o) => [o.clientOrderId, o.price, o.type]),
      [[ack.clientOrderId, '90.00', 'LIMIT']],
    );
    const canceled = await trader.cancelOrder(ack.clientOrderId);
    assert.equal(canceled.clientOrderId, ack.clientOrderId);
    f.market(103);
    assert.deepEqual(await f.client().orders({ status: 'open' }), []);
    const before = await state();
    const notOpen = await rejects(trader.cancelOrder(ack.clientOrderId), 409, 'ORDER_NOT_OPEN');
    assert.equal(notOpen.details?.status, 'CANCELED');
    await rejects(trader.cancelOrder('O-999999'), 404, 'ORDER_NOT_FOUND');
    assert.equal(await state(), before);
  });

  it('a risk denial is 422 ORDER_DENIED with the denial code; positions and open orders unchanged', async () => {
    const positions = JSON.stringify(await f.client().positions());
    const open = JSON.stringify(await f.client().orders({ status: 'open' }));
    const error = await rejects(
      f
        .client('trader')
        .submitOrder({ instrumentId: 'BTCUSD.SIM', side: 'BUY', type: 'MARKET', quantity: '20' }),
      422,
      'ORDER_DENIED',
    );
    assert.equal(error.details?.denialCode, 'RISK_MAX_ORDER_QTY');
    assert.match(error.message, /20/);
    f.market(103);
    assert.equal(JSON.stringify(await f.client().positions()), positions);
    assert.equal(JSON.stringify(await f.client().orders({ status: 'open' })), open);
    // The denial is on record: the order exists, DENIED.
    const [last] = await f.client().orders({ limit: 1 });
    assert.equal(last.status, 'DENIED');
  });

  it('an unknown instrument or a quantity finer than the lot is refused without an order', async () => {
    const before = await state();
    const unknown = await rejects(
      f
        .client('trader')
        .submitOrder({ instrumentId: 'ETHUSD.SIM', side: 'BUY', type: 'MARKET', quantity: '1' }),
      422,
      'ORDER_DENIED',
    );
    assert.equal(unknown.details?.denialCode, 'UNKNOWN_INSTRUMENT');
    const fine = await rejects(
      f
        .client('trader')
        .submitOrder({ instrumentId: 'BTCUSD.SIM', side: 'BUY', type: 'MARKET', quantity: '0.0001' }),
      400,
      'VALIDATION_FAILED',
    );
    assert.deepEqual(
      (fine.details?.issues as { path: string }[]).map((i) => i.path),
      ['quantity'],
    );
    const noPrice = await rejects(
      f
        .client('trader')
        .submitOrder({ instrumentId: 'BTCUSD.SIM', side: 'BUY', type: 'LIMIT', quantity: '1' }),
      400,
      'VALIDATION_FAILED',
    );
    assert.match(noPrice.message, /price/);
    assert.equal(await state(), before);
  });

  it('halt, then an order is denied with RISK_HALTED; resume lets orders through again', async () => {
    const admin = f.client('admin');
    const halted = await admin.halt('maintenance');
    assert.equal(halted.state, 'HALTED');
    assert.equal(halted.reason, 'maintenance');
    assert.equal((await f.client().node()).risk.state, 'HALTED');
    const positions = JSON.stringify(await f.client().positions());
    const error = await rejects(
      f
        .client('trader')
        .submitOrder({ instrumentId: 'BTCUSD.SIM', side: 'BUY', type: 'MARKET', quantity: '1' }),
      422,
      'ORDER_DENIED',
    );
    assert.equal(error.details?.denialCode, 'RISK_HALTED');
    f.market(103);
    assert.equal(JSON.stringify(await f.client().positions()), positions);
    assert.equal((await admin.resume('done')).state, 'ACTIVE');
    const ack = await f
      .client('trader')
      .submitOrder({ instrumentId: 'BTCUSD.SIM', side: 'SELL', type: 'MARKET', quantity: '0.1' });
    f.market(103);
    assert.equal((await f.client().orders({ limit: 1 }))[0].clientOrderId, ack.clientOrderId);
    assert.deepEqual(
      (await f.client().positions()).map((p) => p.quantity),
      ['0.400'],
    );
  });

  it('risk: limits from the configuration as exact strings, equity marks', async () => {
    f.node.tick();
    const risk = await f.client().risk();
    assert.equal(risk.state, 'ACTIVE');
    assert.deepEqual((risk.limits as { node: { maxOrderQuantity: unknown } }).node.maxOrderQuantity, {
      default: '10',
    });
    assert.match(risk.dayStartEquity ?? '', /^\d+\.\d{2}$/);
    assert.match(risk.peakEquity ?? '', /^\d+\.\d{2}$/);
    const position = (await f.client().positions())[0]?.quantity ?? '0.000';
    assert.deepEqual(
      risk.usage.map((u) => [u.limit, u.instrumentId ?? '', u.used, u.max]),
      [
        ['maxOpenOrders', '', String((await f.client().orders({ status: 'open' })).length), '50'],
        ['maxPosition', 'BTCUSD.SIM', position.replace('-', ''), '100.000'],
      ],
    );
  });

  it('strategies: list, stop, start, re-parameterize; bad parameters name the field', async () => {
    const trader = f.client('trader');
    const [idle] = await f.client().strategies();
    assert.deepEqual(
      {
        id: idle.id,
        state: idle.state,
        params: idle.params,
        instruments: idle.instruments,
        openOrders: idle.openOrders,
      },
      { id: 'idle', state: 'RUNNING', params: { threshold: 5 }, instruments: ['BTCUSD.SIM'], openOrders: 0 },
    );
    assert.equal((await trader.stopStrategy('idle')).state, 'STOPPED');
    assert.equal((await trader.startStrategy('idle')).state, 'RUNNING');
    const old = f.node.kernel.strategies.find((s) => s.id === 'idle');
    const updated = await trader.setParams('idle', { threshold: 7 });
    assert.equal(updated.state, 'RUNNING');
    assert.deepEqual(updated.params, { threshold: 7 });
    const replacement = f.node.kernel.strategies.find((s) => s.id === 'idle') as Idle;
    assert.notEqual(replacement, old);
    // The new instance is subscribed: it gets the next bar.
    f.market(104, 60_000_000);
    assert.equal(replacement.bars, 1);
    const bad = await rejects(trader.setParams('idle', { threshold: 'x' }), 400, 'VALIDATION_FAILED');
    assert.deepEqual(
      (bad.details?.issues as { path: string }[]).map((i) => i.path),
      ['params.threshold'],
    );
    const unknown = await rejects(trader.setParams('idle', { nope: 1 }), 400, 'VALIDATION_FAILED');
    assert.deepEqual(
      (unknown.details?.issues as { path: string }[]).map((i) => i.path),
      ['params.nope'],
    );
    assert.deepEqual((await f.client().strategies())[0].params, { threshold: 7 });
    await rejects(trader.startStrategy('ghost'), 404, 'STRATEGY_NOT_FOUND');
    await rejects(trader.stopStrategy('operator'), 404, 'STRATEGY_NOT_FOUND');
  });

  it('auth: 401 without or with an unknown key, 403 for too weak a role; state unchanged', async () => {
    const before = await state();
    const order = { instrumentId: 'BTCUSD.SIM', side: 'BUY', type: 'MARKET', quantity: '1' } as const;
    await rejects(f.client().submitOrder(order), 401, 'UNAUTHORIZED');
    await rejects(
      new QuantflowClient({ baseUrl: f.url, apiKey: 'wrong-key-000' }).submitOrder(order),
      401,
      'UNAUTHORIZED',
    );
    await rejects(
      new QuantflowClient({ baseUrl: f.url, apiKey: 'wrong-key-000' }).health(),
      401,
      'UNAUTHORIZED',
    );
    await rejects(f.client('viewer').submitOrder(order), 403, 'FORBIDDEN');
    await rejects(f.client('viewer').stopStrategy('idle'), 403, 'FORBIDDEN');
    await rejects(f.client('trader').halt('no'), 403, 'FORBIDDEN');
    await rejects(f.client('trader').killSwitch('no'), 403, 'FORBIDDEN');
    await rejects(f.client().resume(), 401, 'UNAUTHORIZED');
    // X-API-Key works like the bearer header.
    const viaHeader = await f.raw('GET', '/api/v1/risk', { headers: { 'x-api-key': KEYS.viewer } });
    assert.equal(viaHeader.status, 200);
    const noKey = await f.raw('POST', '/api/v1/strategies/idle/stop');
    assert.equal(noKey.status, 401);
    assert.equal(noKey.json.error.code, 'UNAUTHORIZED');
    assert.equal((await f.client().strategies())[0].state, 'RUNNING');
    assert.equal(await state(), before);
  });

  it('bad requests: malformed JSON, wrong types, unknown fields, oversized body, bad query, unknown route', async () => {
    const before = await state();
    const auth = { authorization: `Bearer ${KEYS.trader}`, 'content-type': 'application/json' };
    const post = (body: string) => f.raw('POST', '/api/v1/orders', { body, headers: auth });

    const malformed = await post('{"instrumentId": ');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.json.error.code, 'BAD_REQUEST');

    const wrongType = await post(
      JSON.stringify({ instrumentId: 'BTCUSD.SIM', side: 'BUY', type: 'MARKET', quantity: 1 }),
    );
    assert.equal(wrongType.status, 400);
    assert.equal(wrongType.json.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(
      wrongType.json.error.details.issues.map((i: { in: string; path: string }) => `${i.in}:${i.path}`),
      ['body:quantity'],
    );
    assert.match(wrongType.json.error.message, /quantity/);

    const badSide = await post(
      JSON.stringify({ instrumentId: 'BTCUSD.SIM', side: 'HOLD', type: 'MARKET', quantity: '1' }),
    );
    assert.equal(badSide.json.error.details.issues[0].path, 'side');

    const unknownField = await post(
      JSON.stringify({
        instrumentId: 'BTCUSD.SIM',
        side: 'BUY',
        type: 'MARKET',
        quantity: '1',
        leverage: 10,
      }),
    );
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.json.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(unknownField.json.error.details.issues, [
      { in: 'body', path: 'leverage', message: 'unknown field' },
    ]);

    const huge = await post(
      JSON.stringify({
        instrumentId: 'BTCUSD.SIM',
        side: 'BUY',
        type: 'MARKET',
        quantity: '1',
        pad: 'x'.repeat(70 * 1024),
      }),
    );
    assert.equal(huge.status, 413);
    assert.equal(huge.json.error.code, 'PAYLOAD_TOO_LARGE');

    const noBody = await f.raw('POST', '/api/v1/orders', {
      headers: { authorization: `Bearer ${KEYS.trader}` },
    });
    assert.equal(noBody.status, 400);
    assert.equal(noBody.json.error.code, 'VALIDATION_FAILED');

    const textBody = await f.raw('POST', '/api/v1/orders', {
      body: 'hello',
      headers: { authorization: `Bearer ${KEYS.trader}`, 'content-type': 'application/xml' },
    });
    assert.equal(textBody.status, 415);
    assert.equal(textBody.json.error.code, 'UNSUPPORTED_MEDIA_TYPE');

    for (const path of [
      '/api/v1/orders?limit=abc',
      '/api/v1/orders?status=closed',
      '/api/v1/fills?limit=0',
      '/api/v1/orders?colour=red',
    ]) {
      const bad = await f.raw('GET', path);
      assert.equal(bad.status, 400, path);
      assert.equal(bad.json.error.code, 'VALIDATION_FAILED', path);
      assert.equal(bad.json.error.details.issues[0].in, 'query', path);
    }
    const limitIssue = (await f.raw('GET', '/api/v1/orders?limit=abc')).json.error.details.issues[0];
    assert.equal(limitIssue.path, 'limit');

    const missing = await f.raw('GET', '/api/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.json.error), ['code', 'message']);
    assert.equal(missing.json.error.code, 'NOT_FOUND');
    assert.equal(
      (await f.raw('DELETE', '/api/v1/portfolio', { headers: { authorization: auth.authorization } })).status,
      404,
    );

    const badHalt = await f.raw('POST', '/api/v1/risk/halt', {
      body: JSON.stringify({ reason: 42 }),
      headers: { authorization: `Bearer ${KEYS.admin}`, 'content-type': 'application/json' },
    });
    assert.equal(badHalt.status, 400);
    assert.equal(badHalt.json.error.details.issues[0].path, 'reason');
    assert.equal(await state(), before);
  });

  it('the kill switch halts and closes the operator position', async () => {
    assert.notDeepEqual(await f.client().positions(), []);
    const risk = await f.client('admin').killSwitch('test');
    assert.equal(risk.state, 'HALTED');
    f.market(104);
    assert.deepEqual(await f.client().positions(), []);
  });

  it('the L2 book follows the feed: snapshot, then deltas; depth is validated', async () => {
    const c = f.client();
    const empty = await c.book('BTCUSD.SIM');
    assert.deepEqual([empty.sequence, empty.bids, empty.asks], [0, [], []]);
    f.book(
      BookUpdateAction.SNAPSHOT,
      [
        ['102.99', '1.5'],
        ['102.98', '2'],
        ['102.97', '3'],
      ],
      [
        ['103.01', '1'],
        ['103.02', '4'],
      ],
    );
    f.book(
      BookUpdateAction.DELTA,
      [
        ['102.99', '0'],
        ['102.96', '7'],
      ],
      [['103.00', '0.25']],
    );
    const book = await c.book('BTCUSD.SIM', 2);
    assert.equal(book.sequence, 2);
    assert.deepEqual(book.bids, [
      { price: '102.98', size: '2.000' },
      { price: '102.97', size: '3.000' },
    ]);
    assert.deepEqual(book.asks, [
      { price: '103.00', size: '0.250' },
      { price: '103.01', size: '1.000' },
    ]);
    assert.equal((await c.book('BTCUSD.SIM')).bids.length, 3);
    for (const bad of ['0', '501', 'x'])
      assert.equal((await f.raw('GET', `/api/v1/market/BTCUSD.SIM/book?depth=${bad}`)).status, 400, bad);
    await rejects(c.book('NOPE.SIM'), 404, 'NOT_FOUND');
  });
});
