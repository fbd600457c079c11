import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { readExecutionReport } from './execution-report.js';

const FIXTURES = new URL('../../../../test/fixtures/binance/trading/', import.meta.url);
const event = (name: string): Record<string, unknown> =>
  (JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as { event: Record<string, unknown> }).event;
const NEW = event('execution-report.json');
const TRADE = event('execution-report-trade.json');

describe('readExecutionReport', () => {
  it('reads the fields of a NEW and a TRADE report as Binance sent them', () => {
    const created = readExecutionReport(NEW);
    assert.ok(typeof created !== 'string');
    assert.equal(created.clientOrderId, 'O-000001');
    assert.equal(created.executionType, 'NEW');
    assert.equal(created.orderId, 1001);
    assert.equal(created.commissionAsset, null);
    assert.equal(created.tradeId, -1);
    const trade = readExecutionReport(TRADE);
    assert.ok(typeof trade !== 'string');
    assert.deepEqual(
      [
        trade.lastQty,
        trade.lastPrice,
        trade.cumQty,
        trade.commission,
        trade.commissionAsset,
        trade.tradeId,
        trade.isMaker,
      ],
      ['0.00100000', '42000.10000000', '0.00100000', '0.04200010', 'USDT', 9001, true],
    );
    assert.equal(trade.transactTimeMs, 1700000000204);
  });

  it("takes the order's id from C on a cancel (c is the cancel request's own id)", () => {
    const report = readExecutionReport({
      ...NEW,
      x: 'CANCELED',
      X: 'CANCELED',
      c: 'cancel-77',
      C: 'O-000001',
    });
    assert.ok(typeof report !== 'string');
    assert.equal(report.clientOrderId, 'O-000001');
  });

  it('refuses a report with a missing or invalid field instead of guessing', () => {
    const without = (key: string): Record<string, unknown> => {
      const copy = { ...TRADE };
      delete copy[key];
      return copy;
    };
    for (const key of [
      'E',
      's',
      'c',
      'S',
      'o',
      'f',
      'q',
      'p',
      'P',
      'x',
      'X',
      'r',
      'i',
      'l',
      'z',
      'L',
      'n',
      'T',
      't',
      'm',
    ])
      assert.equal(readExecutionReport(without(key)), `field ${key} missing or invalid`, key);
    assert.equal(readExecutionReport({ ...TRADE, L: '4.2e4' }), 'field L missing or invalid');
    assert.equal(readExecutionReport({ ...TRADE, L: 42000.1 }), 'field L missing or invalid');
    assert.equal(readExecutionReport({ ...TRADE, S: 'buy' }), 'field S missing or invalid');
    assert.equal(readExecutionReport({ ...TRADE, i: '1001' }), 'field i missing or invalid');
    assert.equal(readExecutionReport({ ...TRADE, t: -1 }), 'trade without a trade id (t)');
    assert.equal(readExecutionReport({ ...TRADE, l: '0.00000000' }), 'trade of zero quantity (l)');
    assert.equal(readExecutionReport({ ...NEW, c: '', C: '' }), 'no client order id (c, C)');
    assert.equal(readExecutionReport({ ...NEW, e: 'outboundAccountPosition' }), 'not an executionReport');
    assert.equal(readExecutionReport('{"e":"executionReport"'), 'not an object');
  });
});
