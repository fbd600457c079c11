import assert from 'node:assert/strict';
import { test } from 'node:test';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { AlpacaParseError, exactRaw, parseBar, parseQuote, parseTrade } from './alpaca-parsing.js';

const AAPL = instrumentId('AAPL', 'ALPACA');
const P = { price: 4, size: 0 };

test('JSON numbers become exact raw integers at the precision; finer values are rejected, not rounded', () => {
  assert.equal(exactRaw(126.55, 4, 'p'), 1_265_500);
  assert.equal(exactRaw(0.1 + 0.2, 4, 'p') instanceof AlpacaParseError, true); // 0.30000000000000004
  assert.equal(exactRaw(1e-7, 8, 'p') instanceof AlpacaParseError, true); // exponent form
  assert.equal(exactRaw('1.5', 4, 'p') instanceof AlpacaParseError, true);
  assert.equal(exactRaw(Number.NaN, 4, 'p') instanceof AlpacaParseError, true);
});

test('a trade keeps its id, exact price and size; a bad id is rejected', () => {
  const msg = { T: 't', i: 96921, S: 'AAPL', x: 'D', p: 126.55, s: 1, t: '2021-02-22T15:51:44.208Z', z: 'C' };
  const trade = parseTrade(msg, AAPL, P, 5);
  assert.ok(!(trade instanceof AlpacaParseError));
  assert.equal(trade.tradeId, '96921');
  assert.equal(trade.price.toString(), '126.5500');
  assert.equal(trade.tsInit, 5);
  assert.ok(parseTrade({ ...msg, i: 2 ** 60 }, AAPL, P, 5) instanceof AlpacaParseError);
  assert.ok(parseTrade({ ...msg, s: -1 }, AAPL, P, 5) instanceof AlpacaParseError);
});

test('quotes and bars', () => {
  const q = parseQuote(
    { T: 'q', S: 'AAPL', bp: 87.66, bs: 1, ap: 87.68, as: 4, t: '2021-02-22T15:51:45.335689322Z' },
    AAPL,
    P,
    1,
  );
  assert.ok(!(q instanceof AlpacaParseError));
  assert.equal(q.askPrice.raw, 876_800);
  const bar = { o: 2, h: 3, l: 1, c: 2.5, v: 10, t: '2021-02-22T19:15:00Z' };
  const b = parseBar(bar, AAPL, P, undefined);
  assert.ok(!(b instanceof AlpacaParseError));
  assert.equal(b.tsInit, b.tsEvent);
  assert.match((parseBar({ ...bar, l: 4 }, AAPL, P, 1) as AlpacaParseError).reason, /inconsistent OHLC/);
});
