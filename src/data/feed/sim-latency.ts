import { SeededRandom } from '../../core/random.js';

/**
 * Simulated network latency for the simulated feeds: a fixed floor plus an exponential tail
 * (what a real feed's latency histogram looks like), seeded. Delivery stays first-in first-out,
 * as on one TCP connection: an event is never delivered before the one sent ahead of it.
 */
export class SimLatency {
  readonly #random: SeededRandom;
  #lastDeliverUs = 0;

  constructor(
    seed: number,
    private readonly floorUs = 200,
    private readonly meanTailUs = 300,
  ) {
    this.#random = new SeededRandom(seed ^ 0x5eed1a7);
  }

  /** Delivery offset of an event sent at `sentUs` (offsets from the start of the run). */
  deliverAt(sentUs: number): number {
    const u = this.#random.next();
    const tail = Math.round(-Math.log(1 - u) * this.meanTailUs);
    this.#lastDeliverUs = Math.max(this.#lastDeliverUs, sentUs + this.floorUs + tail);
    return this.#lastDeliverUs;
  }
}

/** A 32-bit FNV-1a hash, to derive an instrument's random stream from its name and the seed. */
export function hashSeed(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
