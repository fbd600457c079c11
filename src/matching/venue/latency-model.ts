import { SeededRandom } from '../../core/random.js';

/**
 * The one-way delays a simulated venue applies (integer µs).
 *
 * - `submit`, `modify`, `cancel`: from our sending a command to the matching engine acting on it
 *   (`cancel` also covers cancel-all).
 * - `report`: from the matching engine's event to our receiving the execution report.
 * - `marketData`: from the matching engine's event to our receiving the public market data.
 */
export const LatencyKind = {
  SUBMIT: 'submit',
  MODIFY: 'modify',
  CANCEL: 'cancel',
  REPORT: 'report',
  MARKET_DATA: 'marketData',
} as const;
export type LatencyKind = (typeof LatencyKind)[keyof typeof LatencyKind];

const KINDS: readonly LatencyKind[] = Object.values(LatencyKind);

/**
 * One delay: a constant (`number`, µs), or a `base` plus seeded random `jitter` (µs):
 * `uniform` draws an integer in [base, base + jitter]; `exponential` adds
 * floor(−jitter·ln(1 − u)), a tail with mean ≈ jitter and no upper bound (queueing delays).
 */
export type LatencySpec =
  | number
  | {
      readonly base: number;
      readonly jitter?: number;
      /** Default `uniform`. */
      readonly distribution?: 'uniform' | 'exponential';
    };

/** Delays per kind; each defaults to 0. */
export type LatencyConfig = { readonly [K in LatencyKind]?: LatencySpec };

interface Channel {
  readonly base: number;
  readonly jitter: number;
  readonly exponential: boolean;
  readonly random: SeededRandom;
}

/**
 * Draws delays per {@link LatencyKind}, deterministically from a seed.
 *
 * Each kind draws from its own random stream (derived from the seed and the kind), so the
 * delays of our orders do not change when, say, more market data flows through the venue.
 */
export class LatencyModel {
  readonly #channels = new Map<LatencyKind, Channel>();

  constructor(config: LatencyConfig = {}, seed = 0) {
    KINDS.forEach((kind, index) => {
      const spec = config[kind] ?? 0;
      const base = typeof spec === 'number' ? spec : spec.base;
      const jitter = typeof spec === 'number' ? 0 : (spec.jitter ?? 0);
      checkMicros(base, `${kind} latency`);
      checkMicros(jitter, `${kind} jitter`);
      const exponential = typeof spec !== 'number' && spec.distribution === 'exponential';
      this.#channels.set(kind, {
        base,
        jitter,
        exponential,
        random: new SeededRandom(streamSeed(seed, index)),
      });
    });
  }

  /** The next delay of this kind (µs, a safe integer ≥ 0). */
  sample(kind: LatencyKind): number {
    const channel = this.#channels.get(kind);
    if (channel === undefined) throw new RangeError(`unknown latency kind ${String(kind)}`);
    if (channel.jitter === 0) return channel.base;
    const u = channel.random.next();
    const extra = channel.exponential
      ? Math.floor(-channel.jitter * Math.log(1 - u))
      : Math.floor(u * (channel.jitter + 1));
    return channel.base + extra;
  }
}

/**
 * Arrival times on one link that never reorder: a message sent later never arrives earlier than
 * one sent before it (TCP-like order per direction), so a cancel cannot overtake its own submit
 * even when its sampled delay is shorter. Sends must come in time order.
 */
export class FifoLink {
  #last = Number.NEGATIVE_INFINITY;

  /** The arrival time of a message that would arrive at `due` on its own. */
  arrival(due: number): number {
    if (due > this.#last) this.#last = due;
    return this.#last;
  }
}

function checkMicros(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a safe integer ≥ 0 (µs), got ${value}`);
  }
}

/** A well-mixed 32-bit seed per stream, so neighbouring seeds and kinds give unrelated streams. */
function streamSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  return h >>> 0;
}
