import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { OrderFilled } from '../../model/events/order-events.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../../model/identifiers/order-ids.js';
import { currency } from '../../model/types/currency.js';
import { formatFixed } from '../../model/types/fixed-point.js';
import {
  commissionOf,
  eventOfReport,
  fillOfTrade,
  reportOfOrderRow,
  type BinanceOrderRow,
  type BinanceTradeRow,
  type ExecutionMarket,
} from './execution-mapping.js';
import { readExecutionReport, type BinanceExecutionReport } from './execution-report.js';

const FIXTURES = new URL('../../../../test/fixtures/binance/trading/', import.meta.url);
const fixture = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
const event = (name: string): Record<string, unknown> =>
  fixture<{ event: Record<string, unknown> }>(name).event;
const NEW = event('execution-report.json');
const TRADE = event('execution-report-trade.json');

const MARKET: ExecutionMarket = {
  instrumentId: instrumentId('BTCUSDT', 'BINANCE'),
  symbol: 'BTC/USDT',
  marketId: 'BTCUSDT',
  priceDecimals: 2,
  sizeDecimals: 5,
  quote: currency('USDT'),
};
const STRATEGY = 'S-1' as StrategyId;

function read(fields: Record<string, unknown>): BinanceExecutionReport {
  const report = readExecutionReport(fields);
  if (typeof report === 'string') throw new Error(report);
  return report;
}
const map = (fields: Record<string, unknown>) => eventOfReport(read(fields), MARKET, STRATEGY, 7);

describe('Binance execution mapping', () => {
  it('maps a TRADE report to an exact OrderFilled', () => {
    const fill = map(TRADE) as OrderFilled;
    assert.equal(fill.type, 'OrderFilled');
    assert.deepEqual(
      {
        clientOrderId: fill.clientOrderId,
        strategyId: fill.strategyId,
        instrumentId: fill.instrumentId,
        venueOrderId: fill.venueOrderId,
        tradeId: fill.tradeId,
        side: fill.side,
        lastQty: fill.lastQty.toString(),
        lastPx: fill.lastPx.toString(),
        commission: fill.commission.toString(),
        liquiditySide: fill.liquiditySide,
        tsEvent: fill.tsEvent,
        tsInit: fill.tsInit,
      },
      {
        clientOrderId: 'O-000001',
        strategyId: 'S-1',
        instrumentId: 'BTCUSDT.BINANCE',
        venueOrderId: '1001',
        tradeId: '9001',
        side: 'BUY',
        lastQty: '0.00100',
        lastPx: '42000.10',
        commission: '0.04200010 USDT',
        liquiditySide: 'MAKER',
        tsEvent: 1700000000204_000,
        tsInit: 7,
      },
    );
    assert.equal(fill.lastQty.precision, 5);
    assert.equal(fill.lastPx.precision, 2);
  });

  it('keeps a commission paid in BNB in BNB, and a fill without N in the quote currency', () => {
    const bnb = map({ ...TRADE, n: '0.00001234', N: 'BNB', m: false }) as OrderFilled;
    assert.equal(bnb.commission.toString(), '0.00001234 BNB');
    assert.equal(bnb.liquiditySide, 'TAKER');
    assert.equal(bnb.commission.currency.precision, 8); // currency('BNB') alone would say 2
    const base = map({ ...TRADE, n: '0.00000100', N: 'BTC' }) as OrderFilled;
    assert.equal(base.commission.toString(), '0.00000100 BTC');
    const none = map({ ...TRADE, n: '0', N: null }) as OrderFilled;
    assert.equal(none.commission.toString(), '0.00000000 USDT');
  });

  it('refuses values with significant digits past the market precision (never rounds)', () => {
    assert.equal(map({ ...TRADE, L: '42000.105' }), 'price "42000.105" at 2 decimals: too-precise');
    assert.equal(map({ ...TRADE, l: '0.000001' }), 'quantity "0.000001" at 5 decimals: too-precise');
    assert.equal(commissionOf('1e-8', 'USDT'), 'commission "1e-8" USDT: not-a-number');
    // A commission has a smallest unit: more digits than it are rounded to it.
    assert.equal(String(commissionOf('0.0042', 'TRY', currency('TRY'))), '0.00 TRY');
    assert.equal(String(commissionOf('0.0050', 'TRY', currency('TRY'))), '0.01 TRY');
    assert.equal(String(commissionOf('0.00000150', 'BTC')), '0.00000150 BTC');
  });

  it('maps each execution type', () => {
    const type = (fields: Record<string, unknown>) => {
      const e = map({ ...NEW, ...fields });
      return typeof e === 'object' ? e.type : e;
    };
    assert.equal(type({}), 'OrderAccepted');
    assert.equal(type({ x: 'CANCELED', X: 'CANCELED', c: 'x1', C: 'O-000001' }), 'OrderCanceled');
    assert.equal(type({ x: 'EXPIRED', X: 'EXPIRED' }), 'OrderExpired');
    assert.equal(type({ x: 'TRADE_PREVENTION', X: 'EXPIRED' }), 'OrderExpired');
    assert.equal(type({ x: 'TRADE_PREVENTION', X: 'NEW' }), undefined);
    assert.equal(type({ x: 'REPLACED' }), undefined);
    assert.equal(type({ x: 'SOMETHING' }), 'unknown execution type SOMETHING');
    const rejected = map({ ...NEW, x: 'REJECTED', X: 'REJECTED', r: 'INSUFFICIENT_BALANCES' });
    assert.ok(typeof rejected === 'object' && rejected.type === 'OrderRejected');
    assert.equal(rejected.code, 'INSUFFICIENT_BALANCES');
    const amended = map({ ...NEW, x: 'AMENDMENT', q: '0.00200000' });
    assert.ok(typeof amended === 'object' && amended.type === 'OrderUpdated');
    assert.equal(amended.quantity.toString(), '0.00200');
    const canceled = map({ ...NEW, x: 'CANCELED', X: 'CANCELED', c: 'x1', C: 'O-000001' });
    assert.ok(typeof canceled === 'object');
    assert.equal(canceled.clientOrderId, 'O-000001');
    assert.equal(canceled.tsEvent, 1700000000100_000);
    assert.match(String(map({ ...NEW, c: 'bad id!' })), /client order id "bad id!"/);
  });

  it('maps a myTrades row and an order row', () => {
    const fill = fillOfTrade(fixture<BinanceTradeRow>('my-trade.json'), MARKET, 'O-000001' as ClientOrderId);
    assert.ok(typeof fill !== 'string');
    assert.deepEqual(
      [fill.tradeId, fill.venueOrderId, fill.side, fill.lastQty.toString(), fill.lastPx.toString()],
      ['9001', '1001', 'BUY', '0.00100', '42000.10'],
    );
    assert.deepEqual(
      [fill.commission.toString(), fill.liquiditySide, fill.tsEvent],
      ['0.04200010 USDT', 'MAKER', 1700000000204_000],
    );
    const order = reportOfOrderRow(fixture<BinanceOrderRow>('query-order.json'), MARKET);
    assert.ok(typeof order !== 'string');
    assert.deepEqual(
      [order.clientOrderId, order.venueOrderId, order.type, order.timeInForce, order.status],
      ['O-000001', '1001', 'LIMIT', 'GTC', 'PARTIALLY_FILLED'],
    );
    assert.deepEqual(
      [
        order.quantity.toString(),
        order.filledQty.toString(),
        order.price?.toString(),
        order.triggerPrice,
        order.tsLast,
      ],
      ['0.00300', '0.00100', '42000.10', undefined, 1700000000204_000],
    );
    const stop = reportOfOrderRow(
      {
        ...fixture<BinanceOrderRow>('query-order.json'),
        type: 'STOP_LOSS_LIMIT',
        stopPrice: '41100.00000000',
        status: 'NEW',
      },
      MARKET,
    );
    assert.ok(typeof stop !== 'string');
    assert.deepEqual(
      [stop.type, stop.triggerPrice?.toString(), stop.status],
      ['STOP_LIMIT', '41100.00', 'ACCEPTED'],
    );
  });

  it('reads any 8-decimal price and quantity on the market grid exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000_00 }),
        fc.integer({ min: 1, max: 1_000_000_00000 }),
        (priceRaw, qtyRaw) => {
          // Binance pads to 8 decimals: the digits past the market's are zeros.
          const L = formatFixed(priceRaw * 1_000_000, 8);
          const l = formatFixed(qtyRaw * 1_000, 8);
          const fill = map({ ...TRADE, L, l }) as OrderFilled;
          return fill.lastPx.raw === priceRaw && fill.lastQty.raw === qtyRaw;
        },
      ),
    );
  });
});
