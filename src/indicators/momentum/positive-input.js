/**
 * Rejects inputs that are not positive finite numbers. Relative-change indicators (ROC, TRIX,
 * KST) divide by a past value or take its logarithm, so they are defined for prices only: a zero,
 * negative, NaN or infinite input would otherwise turn into a silent ±Infinity or NaN.
 */
export function requirePositiveInput(indicator, value) {
  // One comparison chain on the hot path; `!(x > 0)` is also true for NaN.
  if (!(value > 0) || value === Infinity) {
    throw new RangeError(`${indicator}: input must be a positive finite number (a price), got ${value}`);
  }
}
//# sourceMappingURL=positive-input.js.map
