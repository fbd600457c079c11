/**
 * The shape of the JSON document `npm run bench` prints, and a helper that turns a timing
 * into a throughput entry.
 */
import { round, type Timing } from './measure.js';

/** One benchmark in the report. */
export interface BenchEntry {
  readonly name: string;
  /** What the benchmark measures, in one sentence. */
  readonly measures: string;
  /** Bars processed per timed repetition (null when the benchmark is not about bars). */
  readonly bars: number | null;
  /** Fastest repetition, seconds (null when not a timing benchmark). */
  readonly bestSeconds: number | null;
  readonly barsPerSecond: number | null;
  /** Minimum bars per second, or null when the entry is report-only. */
  readonly target: number | null;
  /** Whether the target (or the check, for `determinism`) was met; null when there is none. */
  readonly pass: boolean | null;
  /** Named ratios, e.g. engine bars/s divided by a peer's bars/s. */
  readonly ratios: Record<string, number>;
  /** Everything else worth reporting: repetitions, fill and trade counts, notes. */
  readonly details: Record<string, unknown>;
}

export interface BenchReport {
  readonly machine: { node: string; cpus: number; cpuModel: string };
  readonly benchmarks: BenchEntry[];
}

/** A throughput entry: bars per second from the best repetition, pass when it reaches `target`. */
export function throughputEntry(args: {
  name: string;
  measures: string;
  bars: number;
  timing: Timing<unknown>;
  target: number | null;
  ratios?: Record<string, number>;
  details?: Record<string, unknown>;
}): BenchEntry {
  const barsPerSecond = args.bars / args.timing.bestSeconds;
  return {
    name: args.name,
    measures: args.measures,
    bars: args.bars,
    bestSeconds: round(args.timing.bestSeconds),
    barsPerSecond: Math.round(barsPerSecond),
    target: args.target,
    pass: args.target === null ? null : barsPerSecond >= args.target,
    ratios: args.ratios ?? {},
    details: { allSeconds: args.timing.allSeconds.map((s) => round(s)), ...args.details },
  };
}
