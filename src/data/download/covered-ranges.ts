/**
 * Sets of half-open time ranges `[from, to)` in µs, kept sorted and merged: what a download has
 * already completed, and what of a requested range is still missing.
 */

/** A half-open range `[from, to)` in µs. */
export type TimeRange = readonly [from: number, to: number];

/** `ranges` with `[from, to)` added: sorted, overlapping and touching ranges merged. */
export function addRange(ranges: readonly TimeRange[], from: number, to: number): TimeRange[] {
  if (!(from < to)) return [...ranges];
  const all = [...ranges, [from, to] as TimeRange].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of all) {
    const last = merged[merged.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** The parts of `[from, to)` not covered by `ranges` (sorted and merged), in time order. */
export function missingRanges(ranges: readonly TimeRange[], from: number, to: number): TimeRange[] {
  const missing: TimeRange[] = [];
  let cursor = from;
  for (const [a, b] of ranges) {
    if (b <= cursor) continue;
    if (a >= to) break;
    if (a > cursor) missing.push([cursor, a]);
    cursor = Math.max(cursor, b);
    if (cursor >= to) break;
  }
  if (cursor < to) missing.push([cursor, to]);
  return missing;
}
