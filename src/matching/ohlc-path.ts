/**
 * The path a price is assumed to take inside a bar, for filling limit and stop orders
 * from bar data: open → nearer extreme → farther extreme → close.
 *
 * If the high is at least as close to the open as the low (|H−O| ≤ |O−L|) the path is
 * O → H → L → C, otherwise O → L → H → C. Ties go high first. Prices move linearly
 * between the four points, so every price between two points is traded on the way.
 *
 * Values are raw integers at the instrument's price precision.
 */
export function ohlcPath(open: number, high: number, low: number, close: number): number[] {
  return writeOhlcPath([0, 0, 0, 0], open, high, low, close);
}

/** {@link ohlcPath} into an existing array of four (no allocation, for once-per-bar use). */
export function writeOhlcPath(
  out: number[],
  open: number,
  high: number,
  low: number,
  close: number,
): number[] {
  const highFirst = high - open <= open - low;
  out[0] = open;
  out[1] = highFirst ? high : low;
  out[2] = highFirst ? low : high;
  out[3] = close;
  return out;
}

/** A point on a path: the price there and the index of the path point it lies after. */
export interface PathPoint {
  readonly price: number;
  readonly segment: number;
}

/**
 * The first point at or after `from` where the price is at or beyond `level`:
 * `≤ level` for `direction = 'down'`, `≥ level` for `'up'`. If the price at `from`
 * already satisfies it, that is the point (a gap: the price jumped past the level);
 * otherwise the point is the level itself on the first segment that reaches it.
 */
export function firstTouch(
  path: readonly number[],
  from: PathPoint,
  level: number,
  direction: 'up' | 'down',
): PathPoint | undefined {
  const beyond = direction === 'down' ? (p: number) => p <= level : (p: number) => p >= level;
  if (beyond(from.price)) return from;
  for (let k = from.segment + 1; k < path.length; k++) {
    if (beyond(path[k])) return { price: level, segment: k - 1 };
  }
  return undefined;
}
