import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Bar } from '../model/data/bar.js';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';
import { BarMergeIterator } from './data-iterator.js';

const PX = Price.parse('1.00');
const VOL = Quantity.parse('1');

/** A bar tagged with its stream and position (kept in the instrument id and tsInit). */
const makeBar = (stream: number, index: number, ts: number): Bar =>
  Bar.of(instrumentId(`S${stream}`, 'SIM'), PX, PX, PX, PX, VOL, ts, index);

const tag = (bar: Bar): string => `${bar.instrumentId}#${bar.tsInit}@${bar.tsEvent}`;

function drain(it: BarMergeIterator): Bar[] {
  const out: Bar[] = [];
  for (let bar = it.next(); bar !== undefined; bar = it.next()) out.push(bar);
  return out;
}

describe('BarMergeIterator', () => {
  test('hand example: merges by time, ties in the order the streams were added', () => {
    const a = [makeBar(0, 0, 1), makeBar(0, 1, 3), makeBar(0, 2, 3)];
    const b = [makeBar(1, 0, 2), makeBar(1, 1, 3)];
    const c = [makeBar(2, 0, 1)];
    const it = new BarMergeIterator([a, b, c]);
    assert.equal(it.total, 6);
    // t=1: a0, c0 (stream 0 before 2); t=2: b0; t=3: a1, a2 (stream 0), then b1.
    assert.deepEqual(drain(it), [a[0], c[0], b[0], a[1], a[2], b[1]]);
    assert.equal(it.next(), undefined);
    assert.equal(it.next(), undefined);
  });

  test('no streams, empty streams, one stream', () => {
    assert.equal(new BarMergeIterator([]).next(), undefined);
    assert.equal(new BarMergeIterator([[], []]).next(), undefined);
    const one = [makeBar(0, 0, 5), makeBar(0, 1, 6)];
    const it = new BarMergeIterator([one]);
    assert.deepEqual(drain(it), one);
    assert.equal(it.next(), undefined);
  });

  test('property: yields every bar once, sorted by tsEvent, ties in stream order', () => {
    const streamsArb = fc.array(
      fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 25 }).map((ts) => ts.sort((x, y) => x - y)),
      { maxLength: 7 },
    );
    fc.assert(
      fc.property(streamsArb, (timestamps) => {
        const streams = timestamps.map((ts, s) => ts.map((t, i) => makeBar(s, i, t)));
        // Reference: all bars sorted by (tsEvent, stream index, index in stream).
        const expected = streams
          .flatMap((bars, s) => bars.map((bar, i) => ({ bar, s, i })))
          .sort((x, y) => x.bar.tsEvent - y.bar.tsEvent || x.s - y.s || x.i - y.i)
          .map((x) => tag(x.bar));
        const it = new BarMergeIterator(streams);
        assert.equal(it.total, expected.length);
        const actual = drain(it).map(tag);
        assert.deepEqual(actual, expected);
        assert.equal(it.next(), undefined);
      }),
      { numRuns: 500 },
    );
  });
});
