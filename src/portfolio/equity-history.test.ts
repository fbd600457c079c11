import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EquityHistory } from './equity-history.js';

describe('EquityHistory', () => {
  it('keeps one point per interval of the given clock', () => {
    const h = new EquityHistory({ intervalUs: 1_000 });
    for (let t = 0; t <= 5_000; t += 250) h.record(t, 100 + t);
    assert.deepEqual(
      h.points().map((p) => p.timeUs),
      [0, 1_000, 2_000, 3_000, 4_000, 5_000],
    );
    assert.equal(h.points()[2]!.equityRaw, 2_100);
  });

  it('drops the oldest points past its capacity and answers since/limit', () => {
    const h = new EquityHistory({ intervalUs: 1, capacity: 4 });
    for (let t = 1; t <= 10; t++) h.record(t, t * 10);
    assert.equal(h.size, 4);
    assert.deepEqual(
      h.points().map((p) => p.timeUs),
      [7, 8, 9, 10],
    );
    assert.deepEqual(
      h.points(9).map((p) => p.equityRaw),
      [90, 100],
    );
    assert.deepEqual(
      h.points(0, 2).map((p) => p.timeUs),
      [9, 10],
    );
    assert.deepEqual(h.points(11), []);
    assert.deepEqual(h.points(-Infinity, 0), []);
  });

  it('refuses a nonsensical setting', () => {
    assert.throws(() => new EquityHistory({ capacity: 0 }), /capacity/);
    assert.throws(() => new EquityHistory({ intervalUs: 0 }), /intervalUs/);
  });
});
