/**
 * `indicator-stream-<name>`: streaming update rate of one indicator over all values — ours
 * (created through the catalog), trading-signals and the plain loop — with the target of 3× the
 * trading-signals rate, and the final values of the three side by side.
 */
import type { CatalogEntry } from '../../src/indicators/catalog/catalog-entry.js';
import { log, type Timing } from '../measure.js';
import { throughputEntry } from '../report.js';
import type { IndicatorCase } from './cases.js';
import type { IndicatorData } from './data.js';
import { rate, mega, ratio, skippedEntry, timingSummary, type SkippableEntry } from './entry-helpers.js';
import { oursLoop } from './ours-stream.js';
import { compareOutputs, roundOutputs, toOutputs, type Outputs } from './outputs.js';
import { packageVersion } from './package-version.js';
import { TIMING_NOTE, timeBest } from './timing.js';
import { PLAIN_LOOPS } from './plain-loop-table.js';
import { TRADING_SIGNALS_STREAMS, type PeerStream } from './trading-signals-stream.js';

/** Our streaming rate must be at least this multiple of trading-signals'. */
export const STREAM_TARGET_MULTIPLE = 3;

export function benchStream(
  c: IndicatorCase,
  entry: CatalogEntry | undefined,
  data: IndicatorData,
): SkippableEntry {
  const name = `indicator-stream-${c.name}`;
  const values = data.count;
  const input = entry?.input ?? (c.name === 'atr' ? 'candle' : 'close');
  const tsVersion = packageVersion('trading-signals');
  const measures = `${c.label} streamed over ${values.toLocaleString('en-US')} ${input === 'candle' ? 'candles (one reused mutable candle object)' : 'closes'}: our indicator from the catalog, one update() per value, against trading-signals ${tsVersion} and a hand-written plain loop on the same values; ${TIMING_NOTE}`;

  const peer = TRADING_SIGNALS_STREAMS[c.name];
  const peerTiming = timePeer(name, peer, c.args, data);
  const plain = PLAIN_LOOPS[c.name];
  const plainTiming = timeBest(
    `${name} plain loop`,
    () => data.columns,
    (columns) => plain(columns, c.args),
  );
  const peerRate = rate(values, peerTiming);
  const plainRate = rate(values, plainTiming);
  const peerDetails = {
    tradingSignals: {
      version: tsVersion,
      ...timingSummary(values, peerTiming),
      definition: c.tradingSignalsNote,
    },
    plainLoop: timingSummary(values, plainTiming),
  };
  if (entry === undefined) {
    log(
      `${name}: skipped (not in the catalog); trading-signals ${mega(peerRate)}, plain loop ${mega(plainRate)}`,
    );
    return skippedEntry(name, measures, values, peerDetails);
  }

  const loop = oursLoop(c.name, entry.input);
  const oursTiming = timeBest(
    `${name} ours`,
    () => entry.create(c.args),
    (indicator) => toOutputs(loop(indicator, data.columns)),
  );
  const oursRate = rate(values, oursTiming);
  const target = STREAM_TARGET_MULTIPLE * peerRate;
  const ours = oursTiming.bestResult;
  const theirs = peerTiming.bestResult;
  const plainOut = plainTiming.bestResult;
  log(
    `${name}: ours ${mega(oursRate)}, trading-signals ${mega(peerRate)} (×${ratio(oursRate, peerRate)}; target ×${STREAM_TARGET_MULTIPLE}), plain loop ${mega(plainRate)} (ours/plain ${ratio(oursRate, plainRate)})`,
  );
  return throughputEntry({
    name,
    measures,
    bars: values,
    timing: oursTiming,
    target: Math.round(target),
    ratios: {
      oursOverTradingSignals: ratio(oursRate, peerRate),
      oursOverPlainLoop: ratio(oursRate, plainRate),
    },
    details: {
      updatesPerSecond: Math.round(oursRate),
      input: entry.input,
      ...peerDetails,
      finalValues: {
        ours: roundOutputs(ours),
        tradingSignals: roundOutputs(theirs),
        plainLoop: roundOutputs(plainOut),
      },
      agreement: {
        tradingSignals: compareOutputs(ours, theirs),
        plainLoop: compareOutputs(ours, plainOut),
      },
    },
  });
}

/** Times the peer; its prepared input (e.g. a million candle objects) is garbage once this returns. */
function timePeer(
  name: string,
  peer: PeerStream<unknown, unknown>,
  args: readonly number[],
  data: IndicatorData,
): Timing<Outputs> {
  const input = peer.input(data);
  return timeBest(
    `${name} trading-signals`,
    () => peer.create(args),
    (indicator) => peer.run(indicator, input),
  );
}
