import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRiskConfig } from '../risk/risk-limits.js';
import { riskConfigView } from './views.js';

describe('riskConfigView', () => {
  it('shows decimals exactly as strings and per-instrument limits as objects', () => {
    const config = parseRiskConfig({
      node: {
        maxOrderQuantity: { 'BTCUSD.SIM': '0.5', default: '10' },
        maxDailyLoss: '250.75',
        maxDrawdownPct: 12.5,
      },
      strategies: { alpha: { maxOpenOrders: 3 } },
    });
    const view = riskConfigView(config) as {
      node: Record<string, unknown>;
      strategies: Record<string, unknown>;
    };
    assert.deepEqual(view.node.maxOrderQuantity, { default: '10', 'BTCUSD.SIM': '0.5' });
    assert.equal(view.node.maxDailyLoss, '250.75');
    assert.equal(view.node.maxDrawdownPct, '12.5');
    assert.equal(view.node.checkBuyingPower, false);
    assert.deepEqual(view.strategies, { alpha: { maxOpenOrders: 3 } });
    assert.doesNotThrow(() => JSON.stringify(view));
  });
});
