/**
 * Checks a period-like argument: an integer ≥ `min`. The error names the indicator and the
 * argument, e.g. `sma(period): must be an integer ≥ 1, got 0`.
 */
export function requirePeriod(indicator, argument, value, min = 1) {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${indicator}(${argument}): must be an integer ≥ ${min}, got ${value}`);
  }
  return value;
}
/** Checks a real-valued argument (a multiplier, a factor): finite and within bounds. */
export function requireNumber(indicator, argument, value, min = -Infinity, max = Infinity) {
  if (!Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? 'a finite number' : `a number in [${min}, ${max}]`;
    throw new RangeError(`${indicator}(${argument}): must be ${range}, got ${value}`);
  }
  return value;
}
/** Rejects NaN and ±Infinity inputs: an indicator never turns bad input into a silent NaN. */
export function requireFiniteInput(indicator, value) {
  // `value - value` is NaN exactly for NaN and ±Infinity: one subtraction on the hot path.
  if (value - value !== 0) throw new RangeError(`${indicator}: input must be a finite number, got ${value}`);
}
/** Rejects candles with non-finite fields, a high below the low, or a negative volume. */
export function requireValidCandle(indicator, c) {
  if (
    c.open - c.open + (c.high - c.high) + (c.low - c.low) + (c.close - c.close) + (c.volume - c.volume) !==
    0
  ) {
    throw new RangeError(
      `${indicator}: candle fields must be finite numbers, got o=${c.open} h=${c.high} l=${c.low} c=${c.close} v=${c.volume}`,
    );
  }
  if (c.high < c.low) throw new RangeError(`${indicator}: candle high ${c.high} is below low ${c.low}`);
  if (c.volume < 0) throw new RangeError(`${indicator}: candle volume ${c.volume} is negative`);
}
//# sourceMappingURL=validation.js.map
