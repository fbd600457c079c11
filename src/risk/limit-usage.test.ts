import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Price } from '../model/types/price.js';
import { S1, setup, X, Y } from './risk-test-fixture.js';

describe('RiskEngine.usage', () => {
  it('reports each limit with a running total: exact used and max, a fraction for a gauge', () => {
    const { view, engine } = setup({
      node: {
        maxDailyLoss: '5000',
        maxDailyLossPct: '1',
        maxDrawdownPct: '2.5',
        maxOpenOrders: 4,
        maxGrossExposure: '100000',
        maxNetExposure: '50000',
        maxPosition: { default: '1000', [Y]: '10' },
        maxOrderQuantity: '5', // per order: no running total, not listed
      },
    });
    engine.onEquity(view.equityRaw()); // 1,000,000.00 USD: the day's start and the peak
    view.applyFill(S1, X, 'BUY', 300, Price.parse('100.00')); // 300 X: 30,000.00 long
    view.applyFill(S1, Y, 'SELL', 5, Price.parse('100.00')); // 5 Y: 500.00 short
    view.setLastPrice(X, Price.parse('90.00')); // X marks 3,000.00 lower
    engine.onEquity(view.equityRaw());
    const usage = engine.usage([X, Y]);
    const row = (limit: string, id?: string) => usage.find((u) => u.limit === limit && u.instrumentId === id);
    assert.deepEqual(
      usage.map((u) => [u.limit, u.instrumentId ?? '', u.used, u.max]),
      [
        ['maxDailyLoss', '', '3000.00', '5000.00'],
        ['maxDailyLossPct', '', '0.30', '1.00'],
        ['maxDrawdownPct', '', '0.30', '2.50'],
        ['maxOpenOrders', '', '0', '4'],
        ['maxGrossExposure', '', '27500.00', '100000.00'],
        ['maxNetExposure', '', '26500.00', '50000.00'],
        ['maxPosition', 'X.SIM', '300', '1000'],
        ['maxPosition', 'Y.SIM', '5', '10'],
      ],
    );
    assert.equal(row('maxDailyLoss')?.fraction, 0.6);
    assert.equal(row('maxPosition', 'Y.SIM')?.fraction, 0.5);
  });

  it('lists nothing without limits, and no loss before the first equity', () => {
    assert.deepEqual(setup({}).engine.usage([X]), []);
    const { engine } = setup({ node: { maxDailyLoss: '10' } });
    assert.deepEqual(engine.usage([X]), [{ limit: 'maxDailyLoss', used: '0.00', max: '10.00', fraction: 0 }]);
  });
});
