import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../core/input-error.js';
import { parseRiskConfig } from './risk-limits.js';

/** The message of the InputError the configuration raises. */
function problem(input: unknown): string {
  try {
    parseRiskConfig(input, 'risk.json');
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error.message;
  }
  assert.fail('the configuration was accepted');
}

describe('parseRiskConfig', () => {
  it('an empty configuration has no limits and the circuit-breaker defaults', () => {
    const config = parseRiskConfig({});
    assert.equal(config.node.maxOrderQuantity, undefined);
    assert.equal(config.node.checkBuyingPower, false);
    assert.equal(config.node.onTrip, 'HALT');
    assert.equal(config.node.flattenOnTrip, false);
    assert.deepEqual(config.strategies, {});
  });

  it('reads decimals exactly from strings and numbers, per instrument with a default', () => {
    const config = parseRiskConfig({
      node: { maxOrderQuantity: { 'BTCUSDT.BINANCE': '0.125', default: 10 }, maxGrossExposure: 250000.5 },
      strategies: { 'sma-1': { maxPosition: '3' } },
    });
    const qty = config.node.maxOrderQuantity!;
    assert.deepEqual(qty.byId.get('BTCUSDT.BINANCE'), { raw: 125, precision: 3 });
    assert.deepEqual(qty.fallback, { raw: 10, precision: 0 });
    assert.deepEqual(config.node.maxGrossExposure, { raw: 2500005, precision: 1 });
    assert.deepEqual(config.strategies['sma-1'].maxPosition?.fallback, { raw: 3, precision: 0 });
  });

  it('order rates: a number per second or a count in a window', () => {
    const config = parseRiskConfig({
      node: { maxOrderRate: 20 },
      strategies: { a: { maxOrderRate: { count: 5, windowMs: 250 } } },
    });
    assert.deepEqual(config.node.maxOrderRate, { count: 20, windowUs: 1_000_000 });
    assert.deepEqual(config.strategies.a.maxOrderRate, { count: 5, windowUs: 250_000 });
  });

  it('trading hours compile to day masks and minutes', () => {
    const config = parseRiskConfig({
      node: {
        tradingHours: [
          {
            venues: ['XNAS'],
            utcOffsetMinutes: -300,
            sessions: [{ open: '09:30', close: '16:00' }],
            holidays: ['2024-12-25'],
          },
        ],
      },
    });
    const [rule] = config.node.tradingHours!;
    assert.deepEqual(rule.sessions, [{ dayMask: 0b0111110, openMinute: 570, closeMinute: 960 }]);
    assert.deepEqual([...rule.holidays], [Date.UTC(2024, 11, 25) / 86_400_000]);
    assert.equal(rule.instruments, undefined);
    assert.deepEqual([...rule.venues!], ['XNAS']);
  });

  it('bad values name the field', () => {
    assert.match(
      problem({ node: { maxPosition: '-1' } }),
      /^risk\.json: invalid risk configuration: node\.maxPosition: expected a non-negative decimal/,
    );
    assert.match(
      problem({ node: { maxPosition: { 'BTCUSDT.BINANCE': 'lots' } } }),
      /node\.maxPosition\["BTCUSDT\.BINANCE"\]: expected a non-negative decimal .*"lots"/,
    );
    assert.match(
      problem({ node: { maxOrderQuantity: { BTCUSDT: 1 } } }),
      /node\.maxOrderQuantity\.BTCUSDT: "BTCUSDT" is neither an instrument id/,
    );
    assert.match(
      problem({ node: { maxConcentrationPct: 120 } }),
      /node\.maxConcentrationPct: must be at most 100, got 120/,
    );
    assert.match(problem({ node: { maxDrawdownPct: '100.5' } }), /node\.maxDrawdownPct: must be at most 100/);
    assert.match(problem({ node: { maxOpenOrders: 2.5 } }), /node\.maxOpenOrders: /);
    assert.match(
      problem({ node: { maxOrdersPerSecond: 5 } }),
      /node: unknown field\(s\) 'maxOrdersPerSecond'/,
    );
    assert.match(
      problem({ strategies: { s: { maxDailyLoss: 5 } } }),
      /strategies\.s: unknown field\(s\) 'maxDailyLoss'/,
    );
    assert.match(
      problem({ strategies: { 'bad id!': {} } }),
      /strategies\["bad id!"\]: expected a strategy id/,
    );
    assert.match(problem({ node: { onTrip: 'PANIC' } }), /node\.onTrip: /);
  });

  it('bad trading hours name the session field', () => {
    const hours = (session: object, extra: object = {}) => ({
      node: { tradingHours: [{ sessions: [session], ...extra }] },
    });
    assert.match(
      problem(hours({ open: '9:30', close: '16:00' })),
      /node\.tradingHours\[0\]\.sessions\[0\]\.open: expected HH:MM/,
    );
    assert.match(
      problem(hours({ open: '24:00', close: '16:00' })),
      /sessions\[0\]\.open: expected HH:MM \(00:00 to 23:59\)/,
    );
    assert.match(
      problem(hours({ open: '10:00', close: '10:00' })),
      /sessions\[0\]\.close: open and close must differ/,
    );
    assert.match(
      problem(hours({ open: '10:00', close: '11:00', days: ['MONDAY'] })),
      /sessions\[0\]\.days\[0\]/,
    );
    assert.match(
      problem(hours({ open: '10:00', close: '11:00' }, { holidays: ['2024-02-30'] })),
      /holidays\[0\]: 2024-02-30 is not a calendar date/,
    );
    assert.match(
      problem(hours({ open: '10:00', close: '11:00' }, { instruments: ['AAPL'] })),
      /instruments\[0\]: expected an instrument id/,
    );
    assert.match(problem({ node: { tradingHours: [{ sessions: [] }] } }), /tradingHours\[0\]\.sessions: /);
  });
});
