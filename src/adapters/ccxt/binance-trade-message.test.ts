import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DataSink } from '../../data/feed/data-client.js';
import { AggressorSide, type TradeTick } from '../../model/data/trade-tick.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { binanceTradeReader, binanceTradeReceiver } from './binance-trade-message.js';
import type { MarketSpec } from './normalize.js';

const SPEC: MarketSpec = {
  instrumentId: instrumentId('BTCUSDT', 'BINANCE'),
  symbol: 'BTC/USDT',
  priceDecimals: 2,
  sizeDecimals: 5,
};

/** test/fixtures/binance/trade.json. */
const TRADE =
  '{ "e": "trade", "E": 1700000000123, "s": "BTCUSDT", "t": 5001, "p": "42000.15000000", "q": "0.01250000", "T": 1700000000120, "m": true, "M": true }';

function recordingSink(): DataSink & { trades: TradeTick[]; malformed: [string, string, string][] } {
  const trades: TradeTick[] = [];
  const malformed: [string, string, string][] = [];
  return {
    trades,
    malformed,
    onTrade: (t) => trades.push(t),
    onQuote: () => {},
    onBookUpdate: () => {},
    onBar: () => {},
    onStatus: () => {},
    onMalformed: (kind, sample, reason) => malformed.push([kind, sample, reason]),
  };
}

describe('raw Binance trade messages', () => {
  it('normalize exactly, as ccxt-shaped trades do', () => {
    const tick = binanceTradeReader(SPEC)(JSON.parse(TRADE), 7);
    assert.ok(!('kind' in tick));
    assert.equal(tick.instrumentId, 'BTCUSDT.BINANCE');
    assert.equal(tick.price.toString(), '42000.15');
    assert.equal(tick.size.toString(), '0.01250');
    assert.equal(tick.tradeId, '5001');
    assert.equal(tick.aggressorSide, AggressorSide.SELLER); // buyer was the maker
    assert.equal(tick.tsEvent, 1700000000120_000);
    assert.equal(tick.tsInit, 7);
    const buyer = binanceTradeReader(SPEC)({ ...JSON.parse(TRADE), m: false }, 7);
    assert.equal('aggressorSide' in buyer && buyer.aggressorSide, AggressorSide.BUYER);
  });

  it('report what is not a trade of this market, never throwing', () => {
    const read = binanceTradeReader(SPEC);
    assert.deepEqual(read({ ...JSON.parse(TRADE), s: 'ETHUSDT' }, 1), {
      kind: 'trade',
      reason: 'symbol ETHUSDT is not BTCUSDT',
    });
    const problem = (message: unknown): unknown => {
      const result = read(message, 1);
      return 'reason' in result ? result : undefined;
    };
    assert.deepEqual(problem({ ...JSON.parse(TRADE), p: '1e5' }), {
      kind: 'trade',
      reason: 'field p missing or invalid',
    });
    // Finer than the market's tick: no exact price, and (unlike ccxt's) no float to fall back on.
    assert.match(JSON.stringify(problem({ ...JSON.parse(TRADE), p: '1.001' })), /price 1.001/);
    assert.deepEqual(problem({ e: 'kline', s: 'BTCUSDT', k: {} }), {
      kind: 'kline',
      reason: 'field k.o missing or invalid',
    });
    assert.deepEqual(problem({ result: null, id: 1 }), { kind: 'unknown-event', reason: 'not a trade' });
  });

  it('deliver to a sink: trades to onTrade, bad text to onMalformed with a sample', () => {
    const sink = recordingSink();
    const receive = binanceTradeReceiver(SPEC, sink);
    assert.equal(receive(TRADE, 9), true);
    assert.equal(receive('{"e":"trade"', 9), false);
    assert.equal(receive('null', 9), false);
    assert.equal(sink.trades.length, 1);
    assert.equal(sink.trades[0].tsInit, 9);
    assert.deepEqual(
      sink.malformed.map(([kind, sample]) => [kind, sample]),
      [
        ['unparseable', '{"e":"trade"'],
        ['unparseable', 'null'],
      ],
    );
  });
});
