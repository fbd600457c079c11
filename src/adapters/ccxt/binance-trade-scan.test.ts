import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AggressorSide } from '../../model/data/trade-tick.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { binanceTradeReader } from './binance-trade-message.js';
import { binanceTradeScanner } from './binance-trade-scan.js';
import type { MarketSpec } from './normalize.js';

const SPEC: MarketSpec = {
  instrumentId: instrumentId('BTCUSDT', 'BINANCE'),
  symbol: 'BTC/USDT',
  priceDecimals: 2,
  sizeDecimals: 5,
};

/** The compact form the venue sends (test/fixtures/binance/trade.json without its spaces). */
const COMPACT =
  '{"e":"trade","E":1700000000123,"s":"BTCUSDT","t":5001,"p":"42000.15000000","q":"0.01250000","T":1700000000120,"m":true,"M":true}';

const scan = binanceTradeScanner(SPEC);
const read = binanceTradeReader(SPEC);

/** The general way's answer for a text: a tick, or undefined for anything else. */
function generalWay(text: string): unknown {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  const result = read(message, 5);
  return 'reason' in result ? undefined : result;
}

/** Values a field may take, valid and not. */
const value = fc.oneof(
  fc.constantFrom(
    '"trade"',
    '"BTCUSDT"',
    '"ETHUSDT"',
    '"42000.15000000"',
    '"0.01250000"',
    '"1.001"',
    '"1e5"',
    '"-1"',
    '""',
    '"a\\"b"',
    '"tr\\u0061de"',
    'true',
    'false',
    'null',
    '0',
    '007',
    '-5',
    '1.5',
    '1e3',
    '12345678901234567890',
    '{}',
    '[1]',
    ' 5',
    'truex',
  ),
  fc.nat().map(String),
  fc
    .tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 99_999_999 }))
    .map(([w, f]) => `"${w}.${String(f).padStart(8, '0')}"`),
);
const key = fc.constantFrom('e', 'E', 's', 't', 'p', 'q', 'T', 'm', 'M', 'x', 'ee', '');
const field = fc.tuple(key, value).map(([k, v]) => `"${k}":${v}`);

describe('Binance trade scanner', () => {
  it('reads the compact form exactly, as the general way does', () => {
    const tick = scan(COMPACT, 7);
    assert.ok(tick !== undefined);
    assert.deepEqual(tick, generalWay(COMPACT) && read(JSON.parse(COMPACT), 7));
    assert.equal(tick.price.toString(), '42000.15');
    assert.equal(tick.size.toString(), '0.01250');
    assert.equal(tick.tradeId, '5001');
    assert.equal(tick.aggressorSide, AggressorSide.SELLER);
    assert.equal(tick.tsEvent, 1700000000120_000);
    const buyer = scan(COMPACT.replace('"m":true', '"m":false'), 7);
    assert.equal(buyer?.aggressorSide, AggressorSide.BUYER);
  });

  it('leaves every other form to the general way', () => {
    for (const text of [
      '{ "e": "trade", "E": 1, "s": "BTCUSDT", "t": 5, "p": "1.00", "q": "1", "T": 1, "m": true }',
      COMPACT.replace('"t":5001', '"t":5001.0'),
      COMPACT.replace('"t":5001', '"t":-5001'),
      COMPACT.replace('"t":5001', '"t":"5001"'),
      COMPACT.replace('"p":"42000.15000000"', '"p":"42000.15100000"'),
      COMPACT.replace('"s":"BTCUSDT"', '"s":"ETHUSDT"'),
      COMPACT.replace('"e":"trade"', '"e":"aggTrade"'),
      COMPACT.replace('"m":true,', ''),
      COMPACT.replace('}', ',"p":"1.00"}'),
      COMPACT + ' ',
      COMPACT.slice(0, -1),
      '{}',
      '',
    ])
      assert.equal(scan(text, 1), undefined, text);
  });

  it('property: whenever it answers, the general way gives the same tick (valid trades, mutated)', () => {
    const validFields = COMPACT.slice(1, -1).split(',');
    const mutation = fc.tuple(fc.constantFrom('replace', 'insert', 'delete'), fc.nat(), field);
    const message = fc.array(mutation, { maxLength: 3 }).map((mutations) => {
      const fields = [...validFields];
      for (const [kind, at, replacement] of mutations) {
        const i = at % (fields.length + 1);
        if (kind === 'insert') fields.splice(i, 0, replacement);
        else if (kind === 'replace') fields.splice(i, 1, replacement);
        else fields.splice(i, 1);
      }
      return `{${fields.join(',')}}`;
    });
    let answered = 0;
    fc.assert(
      fc.property(message, (text) => {
        const scanned = scan(text, 5);
        if (scanned === undefined) return;
        answered++;
        assert.deepEqual(scanned, generalWay(text));
      }),
      { numRuns: 20_000 },
    );
    assert.ok(answered > 1000, `the scanner answered only ${answered} times`);
  });

  it('property: every valid trade in the compact form is read by the scanner, in any field order', () => {
    const trade = fc.record({
      t: fc.nat(),
      T: fc.nat({ max: 4_000_000_000_000 }),
      p: fc.tuple(fc.nat({ max: 999_999 }), fc.nat({ max: 99 })),
      q: fc.tuple(fc.nat({ max: 999 }), fc.nat({ max: 99_999 })),
      m: fc.boolean(),
    });
    fc.assert(
      fc.property(trade, fc.nat(), ({ t, T, p, q, m }, seed) => {
        const fields = [
          '"e":"trade"',
          `"E":${T + 3}`,
          '"s":"BTCUSDT"',
          `"t":${t}`,
          `"p":"${p[0]}.${String(p[1]).padStart(2, '0')}000000"`,
          `"q":"${q[0]}.${String(q[1]).padStart(5, '0')}000"`,
          `"T":${T}`,
          `"m":${m}`,
          '"M":true',
        ];
        // A deterministic rotation stands in for any order.
        const rotated = fields.slice(seed % fields.length).concat(fields.slice(0, seed % fields.length));
        const text = `{${rotated.join(',')}}`;
        const scanned = scan(text, 5);
        assert.ok(scanned !== undefined, text);
        assert.deepEqual(scanned, generalWay(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
