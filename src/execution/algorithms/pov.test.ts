import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRandom } from '../../core/random.js';
import { algoHarness, X } from './algo-harness.js';

describe('POV', () => {
  it('keeps participation at the target (within one lot) over a synthetic trade stream', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    const parent = h.start({
      algo: 'POV',
      instrumentId: X,
      side: 'BUY',
      quantity: 1_000,
      participationRate: 0.1,
    });
    const random = new SeededRandom(7);
    let volume = 0;
    for (let i = 0; i < 500; i++) {
      const size = 1 + Math.floor(random.next() * 20);
      volume += size;
      h.trade('100.00', String(size));
      const filled = parent.filledRaw;
      // Never above the target, at most one lot below it (the floor of 0.1 × V).
      assert.ok(filled <= 0.1 * volume + 1e-9, `trade ${i}: filled ${filled} > 10% of ${volume}`);
      assert.ok(
        filled >= Math.floor(0.1 * volume + 1e-9),
        `trade ${i}: filled ${filled} lags 10% of ${volume}`,
      );
    }
    const tca = parent.report();
    assert.equal(tca.marketVolume.raw, volume);
    assert.ok(Math.abs(tca.participation! - 0.1) <= 1 / volume);
    assert.equal(parent.status, 'RUNNING');
  });

  it('waits for the minimum child and caps at the maximum', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    const parent = h.start({
      algo: 'POV',
      instrumentId: X,
      side: 'SELL',
      quantity: 12,
      participationRate: 0.5,
      minChildQuantity: 3,
      maxChildQuantity: 4,
    });
    const sizes = () => h.client.submitted.map((o) => o.quantity.toString());
    h.trade('100.00', '4'); // target 2 < min 3
    assert.deepEqual(sizes(), []);
    h.trade('100.00', '2'); // target 3
    assert.deepEqual(sizes(), ['3']);
    h.trade('100.00', '20'); // target 13 → 12 total, 9 to go, capped at 4 per child
    assert.deepEqual(sizes(), ['3', '4', '4', '1']);
    assert.equal(parent.status, 'COMPLETED');
  });

  it('counts bar volume when asked, and ignores trades then', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    const parent = h.start({
      algo: 'POV',
      instrumentId: X,
      side: 'BUY',
      quantity: 100,
      participationRate: 0.2,
      volumeSource: 'BARS',
    });
    h.trade('100.00', '50');
    assert.equal(parent.filledRaw, 0);
    h.bar('100.00', '100.10', '99.90', '100.00', '40');
    assert.equal(parent.filledRaw, 8);
    h.bar('100.00', '100.10', '99.90', '100.00', '60');
    assert.equal(parent.filledRaw, 20);
  });

  it('with limit protection, rests at the limit while the market is beyond it', () => {
    const h = algoHarness();
    h.quote('100.10', '100.20');
    const parent = h.start({
      algo: 'POV',
      instrumentId: X,
      side: 'BUY',
      quantity: 50,
      participationRate: 0.5,
      limitPrice: '100.00',
    });
    h.trade('100.15', '10');
    assert.deepEqual(
      h.client.submitted.map((o) => `${o.quantity}@${o.spec.price}`),
      ['5@100.00'],
    );
    assert.equal(parent.filledRaw, 0);
    h.quote('99.90', '100.00');
    assert.equal(parent.filledRaw, 5);
  });
});
