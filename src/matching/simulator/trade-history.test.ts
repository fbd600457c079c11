import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TradeHistory } from './trade-history.js';

describe('TradeHistory', () => {
  test('answers the last price at or before a time', () => {
    const h = new TradeHistory(1_000_000);
    assert.equal(h.priceAt(5), undefined);
    h.record(10, 100);
    h.record(20, 101);
    h.record(20, 102);
    h.record(35, 99);
    assert.equal(h.priceAt(9), undefined);
    assert.equal(h.priceAt(10), 100);
    assert.equal(h.priceAt(19), 100);
    assert.equal(h.priceAt(20), 102, 'the last trade of a microsecond');
    assert.equal(h.priceAt(34), 102);
    assert.equal(h.priceAt(1_000), 99);
  });

  test('keeps only the window, plus the entry just before it', () => {
    const h = new TradeHistory(100);
    for (let t = 0; t < 10_000; t += 10) h.record(t, t);
    assert.ok(h.size <= 12, `kept ${h.size}`);
    assert.equal(h.priceAt(9_990 - 100), 9_890);
    assert.equal(h.priceAt(9_895), 9_890);
    assert.equal(h.priceAt(9_999), 9_990);
  });
});
