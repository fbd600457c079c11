import { US } from '../../core/clock.js';
import type { EquityCurve } from './metrics-input.js';

/** Depth and length of the worst drawdowns of an equity curve. */
export interface DrawdownStats {
  /**
   * Largest `(peak_i − E_i) / peak_i` with `peak_i` the running maximum, as a positive
   * fraction. 0 for a curve that never falls; `null` for an empty curve or one whose
   * running maximum is never positive (no base to measure a fall against).
   */
  readonly maxDrawdown: number | null;
  /** Longest drawdown episode in bars (index difference); `null` for an empty curve. */
  readonly maxDurationBars: number | null;
  /** Longest drawdown episode in days (µs / 86 400e6); `null` for an empty curve. */
  readonly maxDurationDays: number | null;
}

/**
 * Maximum drawdown and the longest drawdown episodes, in one pass.
 *
 * An episode runs from the last point at the running maximum until equity first gets
 * back to ≥ that maximum, or until the end of the curve if it never does. Duration in
 * bars and in days are each maximized over all episodes, so on a curve with irregular
 * spacing (weekends) they may come from different episodes.
 */
export function drawdownStats(curve: EquityCurve): DrawdownStats {
  const { ts, equity } = curve;
  const n = equity.length;
  if (n === 0) return { maxDrawdown: null, maxDurationBars: null, maxDurationDays: null };

  let peak = equity[0];
  let peakIndex = 0;
  let underwater = false;
  let maxDrawdown = 0;
  let maxBars = 0;
  let maxSpanUs = 0;

  const closeEpisode = (endIndex: number): void => {
    maxBars = Math.max(maxBars, endIndex - peakIndex);
    maxSpanUs = Math.max(maxSpanUs, ts[endIndex] - ts[peakIndex]);
  };

  for (let i = 1; i < n; i++) {
    const e = equity[i];
    if (e >= peak) {
      // Back at (or above) the peak: the episode, if any, ends here. Moving the peak on
      // equal values too means an episode starts from the last time at the peak, not
      // from the first, so a flat top is not counted as time under water.
      if (underwater) closeEpisode(i);
      underwater = false;
      peak = e;
      peakIndex = i;
    } else {
      underwater = true;
      if (peak > 0) maxDrawdown = Math.max(maxDrawdown, (peak - e) / peak);
    }
  }
  if (underwater) closeEpisode(n - 1);

  return {
    maxDrawdown: peak > 0 ? maxDrawdown : null,
    maxDurationBars: maxBars,
    maxDurationDays: maxSpanUs / US.DAY,
  };
}
