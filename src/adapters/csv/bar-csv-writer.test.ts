import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTimestampUs, US } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import { Bar } from '../../model/data/bar.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { generateRandomWalkBars } from '../../data/generators/random-walk-bars.js';
import { parseBarsCsv } from './bar-csv-reader.js';
import { formatBarsCsv, TimestampFormatter } from './bar-csv-writer.js';

const JAN2 = 1_704_153_600 * US.SECOND;
const id = instrumentId('TEST', 'SIM');

function bar(ts: number, o: string, h: string, l: string, c: string, v: string): Bar {
  return Bar.of(
    id,
    Price.parse(o),
    Price.parse(h),
    Price.parse(l),
    Price.parse(c),
    Quantity.parse(v),
    ts,
    ts,
  );
}

test('writes the header and exact decimals with ISO timestamps', () => {
  const text = formatBarsCsv([
    bar(JAN2, '100.10', '101.00', '99.95', '100.50', '1200'),
    bar(JAN2 + 9.5 * US.HOUR + 123_456, '0.00001', '0.00002', '0.00001', '0.00002', '0.5'),
  ]);
  assert.equal(
    text,
    'timestamp,open,high,low,close,volume\n' +
      '2024-01-02T00:00:00.000Z,100.10,101.00,99.95,100.50,1200\n' +
      '2024-01-02T09:30:00.123456Z,0.00001,0.00002,0.00001,0.00002,0.5\n',
  );
  assert.equal(formatBarsCsv([]), 'timestamp,open,high,low,close,volume\n');
});

test('date-only timestamps for daily bars; refused for bars not at midnight UTC', () => {
  const daily = [bar(JAN2, '1', '2', '1', '2', '3'), bar(JAN2 + US.DAY, '2', '2', '2', '2', '3')];
  assert.equal(
    formatBarsCsv(daily, { timestamps: 'date' }),
    'timestamp,open,high,low,close,volume\n2024-01-02,1,2,1,2,3\n2024-01-03,2,2,2,2,3\n',
  );
  assert.throws(
    () => formatBarsCsv([bar(JAN2 + US.HOUR, '1', '1', '1', '1', '1')], { timestamps: 'date' }),
    RangeError,
  );
});

test('writer → reader round trip is exact', () => {
  for (const [precision, intervalUs, seed] of [
    [2, US.MINUTE, 1],
    [5, US.SECOND + 1, 2], // odd interval: microsecond timestamps
    [0, US.DAY, 3],
  ] as const) {
    const bars = generateRandomWalkBars({
      instrumentId: id,
      count: 2000,
      startUs: JAN2,
      intervalUs,
      startPrice: 1234.5,
      pricePrecision: precision,
      volatility: 0.01,
      drift: 0,
      seed,
    });
    const { instrument, bars: back } = parseBarsCsv(formatBarsCsv(bars), 'test.csv');
    assert.equal(instrument.id, 'TEST.SIM');
    assert.ok(instrument.tickSize.precision <= precision);
    assert.equal(back.length, bars.length);
    for (let i = 0; i < bars.length; i++) {
      const a = bars[i];
      const b = back[i];
      assert.equal(b.tsEvent, a.tsEvent);
      assert.equal(b.tsInit, a.tsInit);
      for (const key of ['open', 'high', 'low', 'close'] as const)
        assert.ok(a[key].equals(b[key]), `${key} ${i}`);
      assert.ok(a.volume.equals(b.volume));
    }
    // And written again, byte for byte the same text once the precision is the instrument's.
    const reread = parseBarsCsv(formatBarsCsv(back), 'test.csv').bars;
    assert.equal(formatBarsCsv(reread), formatBarsCsv(back));
  }
});

test('TimestampFormatter writes exactly what formatTimestampUs writes', () => {
  const formatter = new TimestampFormatter();
  const random = new SeededRandom(11);
  const check = (us: number): void => assert.equal(formatter.format(us), formatTimestampUs(us), String(us));
  for (const us of [
    0,
    1,
    999,
    1000,
    US.DAY - 1,
    US.DAY,
    -1,
    -US.DAY,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER - 1,
  ]) {
    check(us);
  }
  let us = JAN2;
  for (let i = 0; i < 20_000; i++) {
    // Mix of small steps (same day, cached date) and jumps (new day), micro- and millisecond values.
    us +=
      random.next() < 0.1
        ? Math.floor(random.next() * 400 * US.DAY)
        : Math.floor(random.next() * 10 * US.MINUTE);
    check(us);
    check(Math.floor(us / 1000) * 1000);
    check(-us);
  }
});
