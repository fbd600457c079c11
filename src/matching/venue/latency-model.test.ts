import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { FifoLink, LatencyModel } from './latency-model.js';

const draw = (model: LatencyModel, kind: 'submit' | 'cancel' | 'marketData', n: number): number[] =>
  Array.from({ length: n }, () => model.sample(kind));

describe('LatencyModel', () => {
  test('defaults to zero; constants are constant, per kind', () => {
    const model = new LatencyModel({ submit: 150, modify: 120, cancel: 100, report: 80, marketData: 40 });
    assert.equal(new LatencyModel().sample('submit'), 0);
    assert.deepEqual(
      ['submit', 'modify', 'cancel', 'report', 'marketData'].map((k) => model.sample(k as 'submit')),
      [150, 120, 100, 80, 40],
    );
  });

  test('uniform jitter stays in [base, base + jitter] and uses the whole range', () => {
    const model = new LatencyModel({ submit: { base: 100, jitter: 3 } }, 7);
    const seen = new Set(draw(model, 'submit', 400));
    assert.deepEqual([...seen].sort(), [100, 101, 102, 103]);
  });

  test('the same seed gives the same delays; another seed other delays', () => {
    const config = { submit: { base: 100, jitter: 1_000 }, marketData: { base: 5, jitter: 50 } } as const;
    const a = draw(new LatencyModel(config, 42), 'submit', 50);
    assert.deepEqual(draw(new LatencyModel(config, 42), 'submit', 50), a);
    assert.notDeepEqual(draw(new LatencyModel(config, 43), 'submit', 50), a);
  });

  test('each kind has its own stream: more market data does not change order delays', () => {
    const config = { submit: { base: 0, jitter: 1_000 }, marketData: { base: 0, jitter: 1_000 } };
    const quiet = new LatencyModel(config, 1);
    const busy = new LatencyModel(config, 1);
    const expected = draw(quiet, 'submit', 20);
    const got: number[] = [];
    for (let i = 0; i < 20; i++) {
      draw(busy, 'marketData', i % 3);
      got.push(busy.sample('submit'));
    }
    assert.deepEqual(got, expected);
  });

  test('exponential jitter: integer delays ≥ base, mean near base + jitter, deterministic', () => {
    const model = new LatencyModel({ cancel: { base: 50, jitter: 200, distribution: 'exponential' } }, 3);
    const xs = draw(model, 'cancel', 4_000);
    assert.ok(xs.every((x) => Number.isSafeInteger(x) && x >= 50));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    assert.ok(mean > 230 && mean < 270, `mean ${mean}`);
    assert.deepEqual(
      draw(
        new LatencyModel({ cancel: { base: 50, jitter: 200, distribution: 'exponential' } }, 3),
        'cancel',
        10,
      ),
      xs.slice(0, 10),
    );
  });

  test('rejects negative or fractional delays', () => {
    assert.throws(() => new LatencyModel({ submit: -1 }), RangeError);
    assert.throws(() => new LatencyModel({ submit: { base: 1, jitter: 0.5 } }), RangeError);
  });
});

describe('FifoLink', () => {
  test('property: arrivals never go back, and never before a message is due', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 50 }), (dues) => {
        const link = new FifoLink();
        let last = -Infinity;
        for (const due of dues) {
          const arrival = link.arrival(due);
          assert.ok(arrival >= due && arrival >= last);
          last = arrival;
        }
      }),
    );
  });
});
