import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { checkBinanceMessage } from './binance-wire.js';
import { ccxtConfigFromEnv } from './config.js';
import { toBar, toBookSnapshot, toTradeTick, type MarketSpec } from './normalize.js';
import { CCXT_TICK_SIZE, decimalsFromPrecision } from './precision.js';

const SPEC: MarketSpec = {
  instrumentId: instrumentId('BTCUSDT', 'BINANCE'),
  symbol: 'BTC/USDT',
  priceDecimals: 2,
  sizeDecimals: 5,
};

describe('ccxt adapter pieces', () => {
  it('reads keys and URL overrides from QUANTFLOW_<EXCHANGE>_* variables', () => {
    const config = ccxtConfigFromEnv('binance', {
      QUANTFLOW_BINANCE_API_KEY: 'k',
      QUANTFLOW_BINANCE_SECRET: ' s ',
      QUANTFLOW_BINANCE_WS_URL: '',
    });
    assert.deepEqual(config, {
      exchangeId: 'binance',
      apiKey: 'k',
      secret: 's',
      restUrl: undefined,
      wsUrl: undefined,
    });
  });

  it('turns ccxt precisions into decimals', () => {
    assert.equal(decimalsFromPrecision(0.01, CCXT_TICK_SIZE), 2);
    assert.equal(decimalsFromPrecision(1e-8, CCXT_TICK_SIZE), 8);
    assert.equal(decimalsFromPrecision(1, CCXT_TICK_SIZE), 0);
    assert.equal(decimalsFromPrecision(3, 2), 3);
    assert.equal(decimalsFromPrecision(undefined, CCXT_TICK_SIZE), 8);
  });

  it('normalizes trades exactly from the raw strings, and books/candles from floats', () => {
    const info = { p: '42000.15000000', q: '0.01250000' };
    const tick = toTradeTick(
      SPEC,
      { id: '7', timestamp: 1700000000120, price: 42000.15, amount: 0.0125, side: 'buy', info },
      5,
    );
    assert.ok(typeof tick !== 'string');
    assert.equal(tick.price.toString(), '42000.15');
    assert.equal(tick.size.toString(), '0.01250');
    assert.equal(tick.tsEvent, 1700000000120_000);
    assert.equal(tick.tsInit, 5);
    assert.match(String(toTradeTick(SPEC, { id: '8', price: NaN, amount: 1 }, 5)), /not a number/);
    const book = toBookSnapshot(SPEC, { bids: [[0.1 + 0.2, 1]], asks: [[1.1, 0.3]], nonce: 9 }, 5, 1);
    assert.ok(typeof book !== 'string');
    assert.equal(book.bids[0].price.toString(), '0.30');
    assert.equal(book.sequence, 9);
    const bar = toBar(SPEC, [1700000040000, 1, 2, 0.5, 1.5, 10], 1);
    assert.ok(typeof bar !== 'string');
    assert.equal(bar.tsEvent, 1700000040000_000);
    assert.match(String(toBar(SPEC, [1, 2], 1)), /invalid/);
  });

  it('flags malformed Binance stream messages and passes the rest to ccxt', () => {
    assert.equal(checkBinanceMessage('{oops')?.kind, 'unparseable');
    assert.equal(
      checkBinanceMessage({ e: 'trade', s: 'X', t: 1, p: 'abc', q: '1', T: 1 })?.reason,
      'field p missing or invalid',
    );
    assert.equal(
      checkBinanceMessage({ e: 'depthUpdate', s: 'X', U: 5, u: 4, b: [], a: [] })?.kind,
      'depthUpdate',
    );
    assert.equal(checkBinanceMessage({ u: 1, s: 'X', b: '1', B: 'x', a: '2', A: '1' })?.kind, 'bookTicker');
    assert.equal(checkBinanceMessage({ e: 'trade', s: 'X', t: 1, p: '1.5', q: '1', T: 1 }), undefined);
    assert.equal(checkBinanceMessage({ result: null, id: 1 }), undefined);
  });
});
