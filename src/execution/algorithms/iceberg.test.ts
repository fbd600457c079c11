import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { algoHarness, X } from './algo-harness.js';

describe('Iceberg', () => {
  it('shows only the display quantity at the limit and replenishes when the visible part is filled', () => {
    const h = algoHarness();
    h.quote('99.95', '100.05');
    const parent = h.start({
      algo: 'ICEBERG',
      instrumentId: X,
      side: 'BUY',
      quantity: 10,
      displayQuantity: 3,
      limitPrice: '100.00',
    });
    const visible = () => h.client.resting.map((o) => `${o.leavesQty}@${o.spec.price}`);
    assert.deepEqual(visible(), ['3@100.00']);
    h.trade('100.00', '2');
    assert.deepEqual(visible(), ['1@100.00'], 'a partial fill does not replenish');
    assert.equal(h.client.submitted.length, 1);
    h.trade('100.00', '1');
    assert.deepEqual(visible(), ['3@100.00'], 'the visible part filled: the next one shows');
    h.trade('100.01', '50');
    assert.deepEqual(visible(), ['3@100.00'], 'a trade above a buy limit does not reach it');
    h.trade('99.90', '3');
    h.trade('100.00', '3');
    // 3 + 3 + 3 filled; the last child shows only the remaining 1.
    assert.deepEqual(visible(), ['1@100.00']);
    h.trade('100.00', '5');
    assert.deepEqual(visible(), []);
    assert.deepEqual(
      h.client.submitted.map((o) => o.quantity.toString()),
      ['3', '3', '3', '1'],
    );
    assert.equal(parent.status, 'COMPLETED');
    assert.equal(parent.filledQty.toString(), '10');
  });

  it('cancels the visible child at its end time, and on cancel()', () => {
    const h = algoHarness();
    const parent = h.start({
      algo: 'ICEBERG',
      instrumentId: X,
      side: 'SELL',
      quantity: 10,
      displayQuantity: 4,
      limitPrice: '101.00',
      durationUs: 1_000,
    });
    assert.equal(h.client.resting.length, 1);
    h.trade('101.00', '4');
    h.at(999);
    assert.equal(h.client.resting.length, 1);
    h.at(1_000);
    assert.equal(h.client.resting.length, 0);
    assert.equal(parent.status, 'COMPLETED');
    assert.equal(parent.endReason, 'END_TIME');
    assert.equal(parent.filledQty.toString(), '4');

    const g = algoHarness();
    const p2 = g.start({
      algo: 'ICEBERG',
      instrumentId: X,
      side: 'SELL',
      quantity: 10,
      displayQuantity: 4,
      limitPrice: '101.00',
    });
    assert.equal(g.algos.cancel(p2.id), true);
    assert.equal(p2.status, 'CANCELED');
    assert.equal(g.client.resting.length, 0);
    assert.equal(g.algos.cancel(p2.id), false, 'already done');
  });
});
