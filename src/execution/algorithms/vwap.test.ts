import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { algoHarness, X } from './algo-harness.js';
import { evenCumulative, profileCumulative, SliceSchedule } from './slice-schedule.js';

const MIN = US.MINUTE;

describe('VWAP', () => {
  it('follows the cumulative profile: weights 1:2:3:4 of 100 → children 10, 20, 30, 40 at the bucket starts', () => {
    const h = algoHarness();
    h.quote('99.99', '100.01');
    const parent = h.start({
      algo: 'VWAP',
      instrumentId: X,
      side: 'BUY',
      quantity: 100,
      durationUs: 4 * MIN,
      profile: [1, 2, 3, 4],
    });
    const seen: string[][] = [];
    for (let t = 0; t < 4 * MIN; t += 15 * US.SECOND) {
      h.at(t);
      seen.push(h.client.submitted.map((o) => o.quantity.toString()));
    }
    assert.deepEqual(seen[3], ['10'], 'first bucket: 10 until 1 minute');
    assert.deepEqual(seen[4], ['10', '20']);
    assert.deepEqual(seen[8], ['10', '20', '30']);
    assert.deepEqual(seen.at(-1), ['10', '20', '30', '40']);
    assert.equal(parent.status, 'COMPLETED');
  });

  it('normalizes the profile (0.1 … 0.4 is 1 … 4) and skips empty buckets', () => {
    assert.deepEqual(profileCumulative(100, [0.1, 0.2, 0.3, 0.4]), [10, 30, 60, 100]);
    assert.deepEqual(profileCumulative(100, [1, 2, 3, 4]), [10, 30, 60, 100]);
    assert.deepEqual(profileCumulative(7, [0, 1, 0, 1]), [0, 3, 3, 7]);
    const h = algoHarness();
    h.quote('99.99', '100.01');
    h.start({
      algo: 'VWAP',
      instrumentId: X,
      side: 'SELL',
      quantity: 7,
      durationUs: 4 * MIN,
      profile: [0, 1, 0, 1],
    });
    for (let t = 0; t <= 4 * MIN; t += 30 * US.SECOND) h.at(t);
    assert.deepEqual(
      h.client.submitted.map((o) => [o.quantity.toString(), (o.tsInit - h.client.submitted[0].tsInit) / MIN]),
      [
        ['3', 0],
        ['4', 2],
      ],
    );
  });

  it('schedule arithmetic: even split, slice of a time, slice starts', () => {
    assert.deepEqual(evenCumulative(10, 3), [3, 6, 10]);
    assert.deepEqual(evenCumulative(2, 4), [0, 1, 1, 2]);
    const s = new SliceSchedule(1_000, 10, evenCumulative(10, 3));
    assert.equal(s.sliceAt(999), -1);
    assert.equal(s.targetLotsAt(999), 0);
    assert.deepEqual(
      [1_000, 1_003, 1_004, 1_006, 1_007, 1_009, 1_010, 5_000].map((t) => s.sliceAt(t)),
      [0, 0, 1, 1, 2, 2, 2, 2],
    );
    assert.deepEqual(
      [0, 1, 2].map((i) => s.sliceStartUs(i)),
      [1_000, 1_004, 1_007],
    );
    // Large horizons stay exact: 366 days in 10 000 slices.
    const big = new SliceSchedule(0, 366 * US.DAY, evenCumulative(1, 10_000));
    assert.equal(big.sliceAt(366 * US.DAY - 1), 9_999);
    assert.equal(big.sliceAt(big.sliceStartUs(1234)), 1234);
    assert.equal(big.sliceAt(big.sliceStartUs(1234) - 1), 1233);
  });
});
