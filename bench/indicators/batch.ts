/**
 * `indicator-batch-<name>`: our batch runner (`runIndicator`, the streaming code over arrays)
 * against indicatorts' array functions on the same values; pass when ours is at least as fast.
 */
import type { CatalogEntry } from '../../src/indicators/catalog/catalog-entry.js';
import { runIndicator, type BatchResult } from '../../src/indicators/batch.js';
import { log } from '../measure.js';
import { throughputEntry } from '../report.js';
import type { IndicatorCase } from './cases.js';
import type { IndicatorData } from './data.js';
import { rate, mega, ratio, skippedEntry, timingSummary, type SkippableEntry } from './entry-helpers.js';
import { INDICATORTS_BATCH } from './indicatorts-batch.js';
import { compareOutputs, roundOutputs, type Outputs } from './outputs.js';
import { packageVersion } from './package-version.js';
import { TIMING_NOTE, timeBest } from './timing.js';

/** The last value of every output column. */
function finalValues(result: BatchResult): Outputs {
  const out: Outputs = {};
  for (const [key, column] of Object.entries(result))
    out[key] = column.length === 0 ? NaN : column[column.length - 1];
  return out;
}

export function benchBatch(
  c: IndicatorCase,
  entry: CatalogEntry | undefined,
  data: IndicatorData,
): SkippableEntry {
  const name = `indicator-batch-${c.name}`;
  const values = data.count;
  const version = packageVersion('indicatorts');
  const measures = `${c.label} over arrays of ${values.toLocaleString('en-US')} values: our runIndicator() (Float64Array columns in, one Float64Array per output out) against indicatorts ${version} (plain number[] in and out); pass when ours is at least as fast; ${TIMING_NOTE}`;

  const peer = INDICATORTS_BATCH[c.name];
  const peerTiming = timeBest(
    `${name} indicatorts`,
    () => data,
    (d) => peer(c.args, d),
  );
  const peerRate = rate(values, peerTiming);
  const peerDetails = {
    indicatorts: { version, ...timingSummary(values, peerTiming), definition: c.indicatortsNote },
  };
  if (entry === undefined) {
    log(`${name}: skipped (not in the catalog); indicatorts ${mega(peerRate)}`);
    return skippedEntry(name, measures, values, peerDetails);
  }

  const input = entry.input === 'candle' ? data.columns : data.columns.close;
  const oursTiming = timeBest(
    `${name} ours`,
    () => entry.create(c.args),
    (indicator) => finalValues(runIndicator(indicator, input)),
  );
  const oursRate = rate(values, oursTiming);
  const ours = oursTiming.bestResult;
  const theirs = peerTiming.bestResult;
  log(
    `${name}: ours ${mega(oursRate)}, indicatorts ${mega(peerRate)} (×${ratio(oursRate, peerRate)}; target ×1)`,
  );
  return throughputEntry({
    name,
    measures,
    bars: values,
    timing: oursTiming,
    target: Math.round(peerRate),
    ratios: { oursOverIndicatorts: ratio(oursRate, peerRate) },
    details: {
      valuesPerSecond: Math.round(oursRate),
      input: entry.input,
      ...peerDetails,
      finalValues: { ours: roundOutputs(ours), indicatorts: roundOutputs(theirs) },
      agreement: { indicatorts: compareOutputs(ours, theirs) },
    },
  });
}
