/**
 * Thrown when an invariant is broken: a bug or corrupt data, never an expected
 * failure (those come back as {@link Result} values or events).
 */
export class InvariantError extends Error {
  override readonly name = 'InvariantError';
}

/** Fails fast when `condition` is false. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message);
}

/** Checks that `value` is an integer JavaScript can represent exactly. */
export function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new InvariantError(`${what} must be a safe integer, got ${value}`);
  }
}
