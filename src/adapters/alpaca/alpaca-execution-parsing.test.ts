import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { unwrap } from '../../core/result.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { parseStrategyId } from '../../model/identifiers/order-ids.js';
import { Order } from '../../model/orders/order.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import {
  ALPACA_LIVE_URL,
  ALPACA_PAPER_URL,
  alpacaExecutionConfig,
  alpacaExecutionConfigFromEnv,
} from './alpaca-execution-config.js';
import {
  AlpacaExecParseError,
  type AlpacaFillActivity,
  type AlpacaOrder,
  type AlpacaTradeUpdate,
  parseAlpacaOrder,
  parseFillActivity,
  parseTradeUpdate,
  type PrecisionSource,
} from './alpaca-execution-parsing.js';
import {
  baseClientId,
  replaceBody,
  replacementClientId,
  submitBody,
  venueRefusal,
} from './alpaca-execution-wire.js';

const FIXTURES = new URL('../../../../test/fixtures/alpaca/trading/', import.meta.url);
const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
const AAPL_4: PrecisionSource = (symbol) => (symbol === 'AAPL' ? { price: 4, size: 0 } : undefined);
const updates = fixture<Record<string, { data: unknown }>>('trade-updates.json');

function ok<T>(value: T | AlpacaExecParseError): T {
  if (value instanceof AlpacaExecParseError) assert.fail(value.reason);
  return value;
}

describe('Alpaca trading messages', () => {
  test('an order object: exact quantities and prices at the instrument precision, times in µs', () => {
    const o: AlpacaOrder = ok(parseAlpacaOrder(fixture('order.json'), AAPL_4));
    assert.equal(o.venueOrderId, '61e69015-8549-4bfd-b9c3-01e75843f47d');
    assert.equal(o.clientOrderId, 'O-000001');
    assert.deepEqual([o.side, o.type, o.timeInForce, o.status], ['BUY', 'LIMIT', 'DAY', 'accepted']);
    assert.deepEqual(
      [o.quantity.raw, o.filledQty.raw, o.limitPrice?.raw, o.limitPrice?.precision],
      [100, 0, 1_872_500, 4],
    );
    assert.equal(o.stopPrice, undefined);
    assert.equal(o.tsLast, Date.UTC(2024, 2, 4, 15) * 1000 + 12_345);
  });

  test('an unknown symbol keeps the strings’ own decimals', () => {
    const o = ok(parseAlpacaOrder(fixture('order.json'), () => undefined));
    assert.deepEqual([o.limitPrice?.raw, o.limitPrice?.precision], [18_725, 2]);
  });

  test('fills carry the execution: id, price and quantity of this execution, not the average', () => {
    const partial: AlpacaTradeUpdate = ok(parseTradeUpdate(updates.partial_fill.data, AAPL_4));
    assert.equal(partial.event, 'partial_fill');
    assert.equal(partial.executionId, '0c7c8c5c-4f1a-4d3e-9a6b-2f3e4d5c6b7a');
    assert.deepEqual(
      [partial.qty?.raw, partial.price?.raw, partial.order.filledQty.raw],
      [40, 1_872_000, 40],
    );
    const fill = ok(parseTradeUpdate(updates.fill.data, AAPL_4));
    assert.deepEqual([fill.qty?.raw, fill.price?.raw, fill.order.filledQty.raw], [60, 1_871_400, 100]);
    assert.equal(fill.tsEvent, Date.UTC(2024, 2, 4, 15, 0, 2) * 1000 + 250_000);
  });

  test('replaced names the replacing order; non-fill events need no execution', () => {
    const replaced = ok(parseTradeUpdate(updates.replaced.data, AAPL_4));
    assert.equal(replaced.order.replacedBy, 'b4f2c6a1-0c8e-4e33-9d1f-7c0a2b9e5d10');
    assert.equal(replaced.executionId, undefined);
    assert.equal(ok(parseTradeUpdate(updates.canceled.data, AAPL_4)).order.status, 'canceled');
  });

  test('bad values are errors, never rounded or guessed', () => {
    const fill = updates.fill.data as Record<string, unknown>;
    const cases: [unknown, RegExp][] = [
      [{ ...fill, price: '187.14001' }, /price: .*too-precise/],
      [{ ...fill, price: 187.14 }, /price: expected a string/],
      [{ ...fill, qty: '0' }, /qty: zero/],
      [{ ...fill, execution_id: undefined }, /execution_id/],
      [{ ...fill, order: { ...(fill.order as object), side: 'short' } }, /side: unknown/],
      [{ ...fill, order: { ...(fill.order as object), type: 'trailing_stop' } }, /type: unsupported/],
      [{ ...fill, timestamp: 'yesterday' }, /timestamp: not an RFC-3339 time/],
      [{ event: 'fill' }, /order: expected an object/],
    ];
    for (const [data, reason] of cases) {
      const parsed = parseTradeUpdate(data, AAPL_4);
      assert.ok(parsed instanceof AlpacaExecParseError, `rejects ${JSON.stringify(data).slice(0, 60)}`);
      assert.match(parsed.reason, reason);
    }
  });

  test('FILL activities: the execution part of the id is the trade id', () => {
    const [first, second] = fixture<unknown[]>('activities-fill.json').map((a) =>
      ok(parseFillActivity(a, AAPL_4)),
    );
    const a: AlpacaFillActivity = first;
    assert.equal(
      a.tradeId,
      '0c7c8c5c-4f1a-4d3e-9a6b-2f3e4d5c6b7a',
      'the same id as the stream’s execution_id',
    );
    assert.equal(a.activityId, '20240304100001500::0c7c8c5c-4f1a-4d3e-9a6b-2f3e4d5c6b7a');
    assert.deepEqual([a.lastQty.raw, a.lastPx.raw, a.cumQty.raw, a.side], [40, 1_872_000, 40, 'BUY']);
    assert.equal(second.cumQty.raw, 100);
    assert.equal(a.tsEvent, Date.UTC(2024, 2, 4, 15, 0, 1, 500) * 1000);
  });
});

describe('Alpaca trading requests', () => {
  const order = (spec: Partial<ConstructorParameters<typeof Order>[2]> = {}): Order =>
    new Order(
      'O-000007' as never,
      unwrap(parseStrategyId('s')),
      {
        instrumentId: instrumentId('AAPL', 'ALPACA'),
        side: 'SELL',
        type: 'STOP_LIMIT',
        quantity: Quantity.parse('2.5', 1),
        price: Price.parse('99.5', 2),
        triggerPrice: Price.parse('100', 2),
        ...spec,
      },
      0,
    );

  test('submit body: exact decimal strings, Alpaca’s enums, our client order id; gtc by default', () => {
    assert.deepEqual(submitBody(order(), 'AAPL'), {
      body: {
        symbol: 'AAPL',
        qty: '2.5',
        side: 'sell',
        type: 'stop_limit',
        time_in_force: 'gtc',
        client_order_id: 'O-000007',
        limit_price: '99.50',
        stop_price: '100.00',
      },
    });
    assert.deepEqual(submitBody(order({ timeInForce: 'GTD' }), 'AAPL'), {
      refusal: 'Alpaca has no GTD time in force',
    });
    assert.ok('refusal' in submitBody(order({ reduceOnly: true }), 'AAPL'));
  });

  test('replace body: the replacing order works what is left', () => {
    assert.deepEqual(
      replaceBody(
        { quantity: Quantity.parse('10', 0), price: Price.parse('1.25', 2) },
        Quantity.parse('3', 0),
        'X~r1',
      ),
      { client_order_id: 'X~r1', qty: '7', limit_price: '1.25' },
    );
    assert.equal(replacementClientId('O-000001' as never, 2), 'O-000001~r2');
    assert.equal(baseClientId('O-000001~r2'), 'O-000001');
    assert.equal(baseClientId('O-000001'), 'O-000001');
  });

  test('error answers keep Alpaca’s code and message', () => {
    assert.deepEqual(venueRefusal(403, { code: 40310000, message: 'insufficient buying power' }), {
      code: 'ALPACA_40310000',
      reason: 'insufficient buying power (HTTP 403)',
    });
    assert.deepEqual(venueRefusal(404, undefined), { code: 'HTTP_404', reason: 'HTTP 404 (HTTP 404)' });
  });

  test('config: paper unless asked; live and local URLs; stream URL follows the base', () => {
    const paper = alpacaExecutionConfig({ keyId: 'k', secretKey: 's' });
    assert.deepEqual(
      [paper.paper, paper.tradingUrl, paper.streamUrl],
      [true, ALPACA_PAPER_URL, 'wss://paper-api.alpaca.markets/stream'],
    );
    const live = alpacaExecutionConfig({ keyId: 'k', secretKey: 's', paper: false });
    assert.deepEqual([live.tradingUrl, live.streamUrl], [ALPACA_LIVE_URL, 'wss://api.alpaca.markets/stream']);
    const local = alpacaExecutionConfig({ keyId: 'k', secretKey: 's', tradingUrl: 'http://127.0.0.1:9/' });
    assert.equal(local.streamUrl, 'ws://127.0.0.1:9/stream');
    assert.throws(() => alpacaExecutionConfig({ keyId: 'k' }), /APCA_API_KEY_ID/);
    const env = { APCA_API_KEY_ID: 'k', APCA_API_SECRET_KEY: 's', APCA_PAPER: 'false' };
    assert.equal(alpacaExecutionConfigFromEnv(env).tradingUrl, ALPACA_LIVE_URL);
    assert.equal(alpacaExecutionConfigFromEnv({ ...env, APCA_API_BASE_URL: ALPACA_PAPER_URL }).paper, true);
    assert.throws(() => alpacaExecutionConfigFromEnv({ ...env, APCA_PAPER: 'yes' }), /APCA_PAPER/);
  });
});
