/**
 * Latency from receipt to the strategy, at a steady message rate: messages are handed to the
 * path at their due times (a busy wait on `process.hrtime`: timers cannot pace 20 µs apart), and
 * the strategy notes when each trade reaches it.
 *
 * Two measures per message. From **receipt**: from when the loop took the message up (where a
 * client stamps `tsInit`) to the strategy callback: the "in-process latency", judged
 * against the target; a GC pause or a preemption during the message is in it. From **arrival**:
 * from its due time, which adds the wait behind earlier messages once the path has fallen behind
 * (after a pause): what a message sitting in the socket buffer would see. Both have the cost of
 * one timer read subtracted (the median of back-to-back reads, measured the same way).
 */
import { round } from '../measure.js';
import { createFeedPath, nowNs, StampingStrategy } from './path.js';

/** Percentiles in µs, timer overhead subtracted (never below 0). */
export interface LatencyPercentiles {
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
}

export interface PacedRun {
  readonly messages: number;
  /** Messages per second actually achieved (messages over the run's wall time). */
  readonly achievedRate: number;
  readonly fromReceipt: LatencyPercentiles;
  readonly fromArrival: LatencyPercentiles;
  /** Messages taken up more than one interval after their due time (the path had fallen behind). */
  readonly lateMessages: number;
  /** Messages whose receipt → callback took over 1 ms (a GC pause or the OS running something else). */
  readonly stalls: number;
  /** Times the OS took the CPU away during the run (`getrusage`): the machine's load showing. */
  readonly involuntaryContextSwitches: number;
  readonly timerOverheadNs: number;
}

/** Hands `count` of `texts` to a fresh path at `ratePerSecond`, timing each. */
export function pacedRun(texts: readonly string[], count: number, ratePerSecond: number): PacedRun {
  if (count > texts.length) throw new RangeError(`${count} messages wanted, ${texts.length} generated`);
  const strategy = new StampingStrategy();
  const receive = createFeedPath(strategy).receive;
  const intervalNs = 1e9 / ratePerSecond;
  const fromReceipt = new Float64Array(count);
  const fromArrival = new Float64Array(count);
  let late = 0;
  let stalls = 0;
  const switchesBefore = process.resourceUsage().involuntaryContextSwitches;
  const start = nowNs() + 1e6;
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalNs;
    let t0 = nowNs();
    while (t0 < due) t0 = nowNs();
    if (t0 - due > intervalNs) late++;
    receive(texts[i]);
    const t1 = strategy.lastTradeAtNs;
    fromReceipt[i] = t1 - t0;
    if (t1 - t0 > 1e6) stalls++;
    fromArrival[i] = t1 - due;
  }
  const seconds = (nowNs() - start) / 1e9;
  const switches = process.resourceUsage().involuntaryContextSwitches - switchesBefore;
  if (strategy.trades !== count) throw new Error(`paced run: ${strategy.trades} of ${count} trades arrived`);
  const overhead = timerOverhead(count);
  return {
    messages: count,
    achievedRate: Math.round(count / seconds),
    fromReceipt: percentiles(fromReceipt, overhead),
    fromArrival: percentiles(fromArrival, overhead),
    lateMessages: late,
    stalls,
    involuntaryContextSwitches: switches,
    timerOverheadNs: overhead,
  };
}

function percentiles(ns: Float64Array, overheadNs: number): LatencyPercentiles {
  ns.sort();
  const at = (q: number): number =>
    round(Math.max(0, ns[Math.min(ns.length - 1, Math.floor(q * ns.length))] - overheadNs) / 1000);
  return { p50Us: at(0.5), p99Us: at(0.99), p999Us: at(0.999), maxUs: at(1) };
}

/** Median of back-to-back reads of {@link nowNs}: what one read adds to a measured interval. */
function timerOverhead(samples: number): number {
  const durations = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = nowNs();
    durations[i] = nowNs() - t0;
  }
  durations.sort();
  return durations[samples >> 1];
}
