import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { US } from '../../core/clock.js';
import type { Bar } from '../../model/data/bar.js';
import { SAMPLE_BAR_COUNT, SAMPLE_SERIES } from '../../data/generators/sample-dataset.js';
import { readBarsCsv } from './bar-csv-reader.js';
import { readInstrumentsFile } from './instrument-file.js';
import { SAMPLE_INSTRUMENTS_FILE, sampleDatasetFiles } from './sample-dataset-files.js';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return dir;
}

const SAMPLE_DIR = join(repoRoot(), 'data', 'sample');

/** Number of times SMA(fast) crosses SMA(slow) on the closes. */
function smaCrosses(bars: readonly Bar[], fast: number, slow: number): number {
  const closes = bars.map((b) => b.close.asNumber());
  const sma = (end: number, n: number): number =>
    closes.slice(end - n + 1, end + 1).reduce((a, b) => a + b, 0) / n;
  let crosses = 0;
  let previous = 0;
  for (let i = slow - 1; i < closes.length; i++) {
    const sign = Math.sign(sma(i, fast) - sma(i, slow));
    if (sign !== 0 && previous !== 0 && sign !== previous) crosses++;
    if (sign !== 0) previous = sign;
  }
  return crosses;
}

test('data/sample holds exactly what the generator produces', () => {
  for (const [name, content] of sampleDatasetFiles()) {
    const path = join(SAMPLE_DIR, name);
    assert.ok(existsSync(path), `${path} is missing: run node dist/src/adapters/csv/write-sample-dataset.js`);
    assert.equal(
      readFileSync(path, 'utf8'),
      content,
      `${path} is out of date: run node dist/src/adapters/csv/write-sample-dataset.js`,
    );
  }
});

test('the sample CSV files read with their instruments: weekday daily bars, ~2 years, a few SMA(10,30) crosses', () => {
  const instruments = readInstrumentsFile(join(SAMPLE_DIR, SAMPLE_INSTRUMENTS_FILE));
  assert.equal(instruments.size, SAMPLE_SERIES.length);
  for (const series of SAMPLE_SERIES) {
    const path = join(SAMPLE_DIR, `${series.symbol.toLowerCase()}.csv`);
    const inferred = readBarsCsv(path);
    const instrument = instruments.get(inferred.instrument.id);
    assert.ok(instrument, `${inferred.instrument.id} in instruments.json`);
    assert.equal(instrument.id, `${series.symbol}.SIM`);
    const { bars } = readBarsCsv(path, { instrument });
    assert.equal(bars.length, SAMPLE_BAR_COUNT);
    for (const bar of bars) {
      assert.equal(bar.tsEvent % US.DAY, 0);
      const weekday = (Math.floor(bar.tsEvent / US.DAY) + 4) % 7; // 0 = Sunday
      assert.ok(weekday >= 1 && weekday <= 5, `weekend bar at ${bar.tsEvent}`);
      assert.equal(bar.open.precision, 2);
    }
    const days = (bars[bars.length - 1].tsEvent - bars[0].tsEvent) / US.DAY;
    assert.ok(days > 680 && days < 740, `${days} days`);
    const crosses = smaCrosses(bars, 10, 30);
    assert.ok(crosses >= 4 && crosses <= 12, `${series.symbol}: ${crosses} SMA(10,30) crosses`);
  }
});
