import { assert, InvariantError } from '../../core/assert.js';
import type { MetricsInput } from './metrics-input.js';

/**
 * Checks the shape of a {@link MetricsInput} and throws `InvariantError` when it is
 * broken. The input comes from the engine's own recorder, so a mismatch is a bug or
 * corrupt data, not something to report as a metric; failing here keeps it from
 * surfacing later as a plausible-looking but wrong number.
 *
 * O(N) over the curve and benchmark, O(T) over the trades.
 */
export function validateMetricsInput(input: MetricsInput): void {
  const { curve, exposed, trades, tradedNotional, benchmark, riskFreeRate } = input;
  const n = curve.ts.length;
  assert(
    curve.equity.length === n,
    `equity curve has ${n} timestamps but ${curve.equity.length} equity values`,
  );
  assert(
    exposed.length === Math.max(0, n - 1) || exposed.length === n,
    `exposed must have one flag per curve interval (${Math.max(0, n - 1)}), got ${exposed.length}`,
  );
  checkSeries('equity curve', curve.ts, curve.equity);

  if (benchmark !== undefined) {
    assert(
      benchmark.price.length === benchmark.ts.length,
      `benchmark has ${benchmark.ts.length} timestamps but ${benchmark.price.length} prices`,
    );
    checkSeries('benchmark', benchmark.ts, benchmark.price);
  }

  for (let i = 0; i < trades.length; i++) {
    const { pnl } = trades[i];
    if (!Number.isFinite(pnl)) throw new InvariantError(`trade ${i} has a non-finite pnl: ${pnl}`);
  }
  assert(
    Number.isFinite(tradedNotional) && tradedNotional >= 0,
    `tradedNotional must be a finite non-negative number, got ${tradedNotional}`,
  );
  assert(
    riskFreeRate === undefined || Number.isFinite(riskFreeRate),
    `riskFreeRate must be finite, got ${riskFreeRate}`,
  );
}

/** Timestamps finite and strictly increasing, values finite. */
function checkSeries(what: string, ts: ArrayLike<number>, values: ArrayLike<number>): void {
  // Test first and build the message only on failure: this loop runs over every point,
  // and formatting three template strings per point would cost most of a second on a
  // million-point curve.
  let previous = -Infinity;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i];
    if (!Number.isFinite(t) || !Number.isFinite(values[i]) || !(t > previous)) {
      fail(what, ts, values, i);
    }
    previous = t;
  }
}

function fail(what: string, ts: ArrayLike<number>, values: ArrayLike<number>, i: number): never {
  if (!Number.isFinite(ts[i])) {
    throw new InvariantError(`${what}: timestamp ${i} is not finite: ${ts[i]}`);
  }
  if (!Number.isFinite(values[i])) {
    throw new InvariantError(`${what}: value ${i} is not finite: ${values[i]}`);
  }
  throw new InvariantError(
    `${what}: timestamps must be strictly increasing, ts[${i}] = ${ts[i]} ≤ ts[${i - 1}] = ${ts[i - 1]}`,
  );
}
