import assert from 'node:assert/strict';

/**
 * Test helper: asserts `actual` is a number within a relative tolerance of `expected`.
 * Hand computations in the tests use decimal fractions (0.1, 118.8) that binary floating
 * point only approximates, so exact equality would test rounding, not the formula.
 */
export function assertClose(
  actual: number | null | undefined,
  expected: number,
  message = '',
  relativeTolerance = 1e-9,
): void {
  assert.equal(typeof actual, 'number', `${message}: expected a number, got ${actual}`);
  const a = actual as number;
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(
    Math.abs(a - expected) <= relativeTolerance * scale,
    `${message}: expected ${expected}, got ${a}`,
  );
}
