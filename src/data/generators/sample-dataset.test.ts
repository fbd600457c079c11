import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ohlcProblem } from '../../model/data/bar.js';
import { SAMPLE_BAR_COUNT, SAMPLE_SERIES, SAMPLE_START_US, generateSampleBars } from './sample-dataset.js';

test('sample series: regimes add up, bars chain without gaps in price, deterministic', () => {
  assert.equal(new Date(SAMPLE_START_US / 1000).toISOString(), '2023-01-02T00:00:00.000Z');
  for (const series of SAMPLE_SERIES) {
    assert.equal(
      series.regimes.reduce((n, r) => n + r.bars, 0),
      SAMPLE_BAR_COUNT,
      series.symbol,
    );
    const bars = generateSampleBars(series);
    assert.equal(bars.length, SAMPLE_BAR_COUNT);
    assert.equal(bars[0].tsEvent, SAMPLE_START_US);
    bars.forEach((bar, i) => {
      assert.equal(bar.instrumentId, `${series.symbol}.SIM`);
      assert.equal(ohlcProblem(bar.open, bar.high, bar.low, bar.close), undefined);
      if (i > 0) {
        assert.ok(bar.tsEvent > bars[i - 1].tsEvent);
        assert.ok(bar.open.equals(bars[i - 1].close), `${series.symbol} bar ${i}`);
      }
    });
    const again = generateSampleBars(series).map((b) => `${b.tsEvent} ${b.open} ${b.high} ${b.low} ${b.close} ${b.volume}`);
    assert.deepEqual(again, bars.map((b) => `${b.tsEvent} ${b.open} ${b.high} ${b.low} ${b.close} ${b.volume}`));
  }
});
