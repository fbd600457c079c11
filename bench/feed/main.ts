/**
 * Market-data feed benchmarks (docs/benchmarks.md, "Market data feed"): prints a BenchReport
 * on stdout, progress on stderr. `node --expose-gc dist/bench/feed/main.js`.
 *
 * - **Throughput**: 1,000,000 Binance trade messages (text) through the whole path of path.ts,
 *   best of 5 after 2 warm-ups, each on a fresh path; target ≥ 500,000 messages/s. Last, the
 *   first 250,000 through prefixes of the path, for where the time goes (`details.breakdown`),
 *   and through the peer, ccxt's own parsing of the same text (`ratios`: our whole path's
 *   messages/s over ccxt's parsing alone).
 * - **Latency**: messages paced at 50,000/s for 3 s, receipt → strategy callback per message;
 *   the run with the lowest p99 of 3 (after a 1 s warm-up run); target p99 < 100 µs.
 */
import { loadavg } from 'node:os';
import { collectGarbage, log, machineInfo, round } from '../measure.js';
import { throughputEntry, type BenchEntry, type BenchReport } from '../report.js';
import { pacedRun, type PacedRun } from './latency.js';
import { generateTradeMessages, type TradeMessages } from './messages.js';
import { CCXT_STAGE } from './ccxt-peer.js';
import { breakdown, timeFullPath } from './throughput.js';

const MESSAGES = 1_000_000;
const REPETITIONS = 5;
const WARMUPS = 2;
const BREAKDOWN_MESSAGES = 250_000;
const BREAKDOWN_ROUNDS = 5;
const THROUGHPUT_TARGET = 500_000;
const RATE = 50_000;
const LATENCY_SECONDS = 3;
const LATENCY_RUNS = 3;
const P99_TARGET_US = 100;

const PATH =
  'Binance trade messages (JSON text) → scanner (JSON.parse + shape check for other forms) → TradeTick with exact Price/Quantity → FeedPipeline (validation, duplicate filter, queue, drain after each message) → 1-minute bar aggregator → Kernel.processBar/processTrade → one strategy counting onTrade/onBar';

function throughput(messages: TradeMessages): BenchEntry {
  const timing = timeFullPath(messages.texts, REPETITIONS, WARMUPS);
  const counts = timing.bestResult;
  const correct =
    counts.trades === MESSAGES &&
    counts.bars === messages.closedBars &&
    counts.duplicates === 0 &&
    counts.malformed === 0 &&
    counts.invalid === 0;
  const entry = throughputEntry({
    name: 'feed-binance-trades-1m',
    measures: `messages/s (in the barsPerSecond field) of ${PATH}`,
    bars: MESSAGES,
    timing,
    target: THROUGHPUT_TARGET,
    details: {
      messages: MESSAGES,
      nsPerMessage: round((timing.bestSeconds * 1e9) / MESSAGES, 3),
      delivered: counts,
      expectedBars: messages.closedBars,
      venueHours: round(messages.spanMs / 3_600_000, 3),
      loadAverage: loadavg().map((l) => round(l, 3)),
      correct,
    },
  });
  return { ...entry, pass: entry.pass === true && correct };
}

function latency(messages: TradeMessages): BenchEntry {
  const count = RATE * LATENCY_SECONDS;
  log(`feed latency: warm-up run, ${RATE} messages/s for 1 s`);
  pacedRun(messages.texts, RATE, RATE);
  const runs: PacedRun[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    collectGarbage();
    const run = pacedRun(messages.texts, count, RATE);
    log(
      `feed latency run ${i + 1}/${LATENCY_RUNS}: ${run.achievedRate} msg/s; from receipt p50 ${run.fromReceipt.p50Us} p99 ${run.fromReceipt.p99Us} p999 ${run.fromReceipt.p999Us} µs; from arrival p50 ${run.fromArrival.p50Us} p99 ${run.fromArrival.p99Us} µs; ${run.stalls} stalls > 1 ms, ${run.involuntaryContextSwitches} preemptions`,
    );
    runs.push(run);
  }
  const best = runs.reduce((a, b) => (b.fromReceipt.p99Us < a.fromReceipt.p99Us ? b : a));
  return {
    name: 'feed-binance-trades-latency-50k',
    measures: `µs from receipt to the strategy's onTrade per message, messages paced at ${RATE}/s (busy wait) for ${LATENCY_SECONDS} s, through ${PATH}; the run with the lowest p99 of ${LATENCY_RUNS}; details.fromArrival adds the wait behind earlier messages after a pause`,
    bars: null,
    bestSeconds: null,
    barsPerSecond: null,
    target: null,
    pass: best.fromReceipt.p99Us < P99_TARGET_US,
    ratios: {},
    details: {
      targets: { ratePerSecond: RATE, p99Us: P99_TARGET_US },
      ...best,
      allP99Us: runs.map((r) => r.fromReceipt.p99Us),
      allArrivalP99Us: runs.map((r) => r.fromArrival.p99Us),
      loadAverage: loadavg().map((l) => round(l, 3)),
    },
  };
}

const machine = machineInfo();
log(`node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}`);
if (typeof (globalThis as { gc?: unknown }).gc !== 'function')
  log('warning: run with node --expose-gc for steadier timings');
log(`feed: generating ${MESSAGES} Binance trade messages`);
const messages = generateTradeMessages(MESSAGES, Date.now());
const full = throughput(messages);
// Latency before the breakdown: the prefixes would leave their type feedback in shared code.
const paced = latency(messages);
const stages = breakdown(messages.texts, BREAKDOWN_MESSAGES, BREAKDOWN_ROUNDS);
for (const s of stages)
  log(`feed stage ${s.stage}: ${s.cumulativeNs} ns/msg${s.addedNs === null ? '' : ` (+${s.addedNs})`}`);
// The peer ratio from the round-robin breakdown: the full path and ccxt timed in turns on the
// same messages, so a noisy moment does not favour either.
const fullNs = stages.find((s) => s.stage.includes('full path'))?.cumulativeNs;
const ccxtNs = stages.find((s) => s.stage === CCXT_STAGE)?.cumulativeNs;
const ratios: Record<string, number> =
  fullNs === undefined || ccxtNs === undefined
    ? {}
    : { fullPathOverCcxtParseOnly: round(ccxtNs / fullNs, 3) };
const report: BenchReport = {
  machine,
  benchmarks: [{ ...full, ratios, details: { ...full.details, breakdown: stages } }, paced],
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
