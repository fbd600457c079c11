/**
 * Argument checks shared by the volatility indicators (the general ones are in
 * ../validation.ts). Errors name the indicator and the argument, like the others.
 */
/** Checks a strictly positive, finite real argument (a multiplier, an acceleration step). */
export function requirePositive(indicator, argument, value) {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${indicator}(${argument}): must be a finite number > 0, got ${value}`);
  }
  return value;
}
/** Checks a finite argument that is at least `min` (stated in the message as `≥ name`). */
export function requireAtLeast(indicator, argument, value, min, minName) {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(
      `${indicator}(${argument}): must be a finite number ≥ ${minName} (${min}), got ${value}`,
    );
  }
  return value;
}
//# sourceMappingURL=arguments.js.map
