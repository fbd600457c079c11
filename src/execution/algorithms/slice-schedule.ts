import { assert } from '../../core/assert.js';
import { floorMulDiv } from './lots.js';

/**
 * A schedule of cumulative targets over `[startUs, startUs + durationUs)` cut into
 * `n` equal slices: by the start of slice `i` the algorithm should have committed
 * `cumulativeLots[i]` lots. Slice `i` begins `ceil(i × duration / n)` µs after the start.
 */
export class SliceSchedule {
  constructor(
    readonly startUs: number,
    readonly durationUs: number,
    /** Non-decreasing; the last entry is the parent's total. */
    readonly cumulativeLots: readonly number[],
  ) {
    assert(cumulativeLots.length > 0, 'a schedule needs at least one slice');
    for (let i = 1; i < cumulativeLots.length; i++) {
      assert(cumulativeLots[i] >= cumulativeLots[i - 1], 'schedule targets must not decrease');
    }
  }

  get slices(): number {
    return this.cumulativeLots.length;
  }

  /** The slice `nowUs` falls in: -1 before the start, the last slice from its start on. */
  sliceAt(nowUs: number): number {
    if (nowUs < this.startUs) return -1;
    const i = floorMulDiv(nowUs - this.startUs, this.slices, this.durationUs);
    return Math.min(i, this.slices - 1);
  }

  /** Lots that should be committed by `nowUs`. */
  targetLotsAt(nowUs: number): number {
    const i = this.sliceAt(nowUs);
    return i < 0 ? 0 : this.cumulativeLots[i];
  }

  /** When slice `i` begins, µs. */
  sliceStartUs(i: number): number {
    return this.startUs + Math.ceil((i * this.durationUs) / this.slices);
  }
}

/** `n` equal slices of `totalLots`: slice `i` ends at `floor(total × (i + 1) / n)`, the last at the total. */
export function evenCumulative(totalLots: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => floorMulDiv(totalLots, i + 1, n));
}

/**
 * Cumulative targets following a volume profile: bucket `i` ends at
 * `floor(total × Σw[0..i] / Σw)`, the last exactly at the total. Weights are plain
 * numbers; a tolerance of 1e-9 lot keeps float sums such as 0.1 + 0.2 from losing a lot.
 */
export function profileCumulative(totalLots: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  assert(sum > 0, 'a volume profile needs a positive weight');
  let running = 0;
  return weights.map((w, i) => {
    running += w;
    if (i === weights.length - 1) return totalLots;
    return Math.min(totalLots, Math.floor((totalLots * running) / sum + 1e-9));
  });
}
