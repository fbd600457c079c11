import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { US } from '../../core/clock.js';
import type { Bar } from '../../model/data/bar.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { createBarAggregator } from './create-bar-aggregator.js';

const ID = instrumentId('PROP', 'SIM');
const T0 = 1_704_153_600 * US.SECOND - 3 * US.MINUTE; // a few minutes before midnight

/** Random ticks: prices and sizes as raw integers, timestamps non-decreasing with gaps up to 3 minutes. */
const ticks = fc.array(
  fc.record({
    price: fc.integer({ min: -5_000, max: 1_000_000 }),
    size: fc.integer({ min: 0, max: 5_000 }),
    gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 * US.SECOND }), fc.integer({ min: 1, max: 3 * US.MINUTE })),
  }),
  { maxLength: 300 },
);

const row = (b: Bar): number[] => [b.tsEvent, b.openRaw, b.highRaw, b.lowRaw, b.closeRaw, b.volumeRaw];

test('property: volume bars conserve volume and every closed bar holds exactly the threshold', () => {
  fc.assert(
    fc.property(ticks, fc.integer({ min: 1, max: 2_000 }), (input, threshold) => {
      const bars: Bar[] = [];
      const agg = createBarAggregator(ID, `volume:${threshold}`, (b) => bars.push(b), {
        pricePrecision: 0,
        sizePrecision: 0,
      });
      let total = 0;
      let ts = T0;
      for (const t of input) {
        ts += t.gap;
        agg.handleRaw(t.price, t.size, ts, ts);
        total += t.size;
      }
      for (const b of bars) assert.equal(b.volumeRaw, threshold);
      const forming = agg.partial()?.volumeRaw ?? 0;
      assert.ok(forming < threshold);
      assert.equal(bars.length * threshold + forming, total);
      assert.equal(bars.length, Math.floor(total / threshold));
    }),
    { numRuns: 300 },
  );
});

test('property: time bars equal a naive group-by over the ticks', () => {
  fc.assert(
    fc.property(ticks, fc.constantFrom('1s', '5s', '1m', '15m', '1h', '1d'), (input, spec) => {
      const stepUs = { '1s': US.SECOND, '5s': 5 * US.SECOND, '1m': US.MINUTE, '15m': 15 * US.MINUTE, '1h': US.HOUR, '1d': US.DAY }[spec];
      const bars: Bar[] = [];
      const agg = createBarAggregator(ID, spec, (b) => bars.push(b), { pricePrecision: 0, sizePrecision: 0 });
      // The naive version: bucket by floor(ts / step), in order.
      const groups = new Map<number, number[][]>();
      let ts = T0;
      for (const t of input) {
        ts += t.gap;
        agg.handleRaw(t.price, t.size, ts, ts);
        const key = Math.floor(ts / stepUs);
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key)!.push([t.price, t.size]);
      }
      agg.advanceTime(ts + stepUs);
      const expected = [...groups].map(([key, g]) => [
        (key + 1) * stepUs,
        g[0][0],
        Math.max(...g.map((x) => x[0])),
        Math.min(...g.map((x) => x[0])),
        g[g.length - 1][0],
        g.reduce((sum, x) => sum + x[1], 0),
      ]);
      assert.deepEqual(bars.map(row), expected);
      assert.equal(agg.partial(), undefined);
    }),
    { numRuns: 300 },
  );
});

test('property: value bars equal a naive one-size-unit-at-a-time reference, and are deterministic', () => {
  const small = fc.array(
    fc.record({ price: fc.integer({ min: -500, max: 1_000 }), size: fc.integer({ min: 0, max: 40 }) }),
    { maxLength: 120 },
  );
  fc.assert(
    fc.property(small, fc.integer({ min: 1, max: 20_000 }), (input, threshold) => {
      const run = (): number[][] => {
        const bars: Bar[] = [];
        const agg = createBarAggregator(ID, `value:${threshold}`, (b) => bars.push(b), {
          pricePrecision: 0,
          sizePrecision: 0,
        });
        input.forEach((t, i) => agg.handleRaw(t.price, t.size, T0 + i, T0 + i));
        const forming = agg.partial();
        return [...bars, ...(forming ? [forming] : [])].map(row);
      };
      // Reference: feed each trade one raw size unit at a time; close as soon as the notional reaches the threshold.
      const expected: number[][] = [];
      let bar: number[] | undefined;
      let value = 0;
      input.forEach((t, i) => {
        const add = (size: number): void => {
          if (bar === undefined) bar = [T0 + i, t.price, t.price, t.price, t.price, 0];
          bar[0] = T0 + i;
          bar[2] = Math.max(bar[2], t.price);
          bar[3] = Math.min(bar[3], t.price);
          bar[4] = t.price;
          bar[5] += size;
          value += Math.abs(t.price) * size;
          if (value >= threshold) {
            expected.push(bar);
            bar = undefined;
            value = 0;
          }
        };
        if (t.size === 0) add(0);
        for (let u = 0; u < t.size; u++) add(1);
      });
      if (bar !== undefined) expected.push(bar);
      const actual = run();
      assert.deepEqual(actual, expected);
      assert.deepEqual(run(), actual);
    }),
    { numRuns: 300 },
  );
});
