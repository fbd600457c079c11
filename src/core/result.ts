/** The outcome of an operation whose failure is expected and typed. */
export type Result<T, E> = Ok<T> | Err<E>;

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<E> {
  readonly ok: false;
  readonly error: E;
}

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error };
}

/** Returns the value of an `Ok`, or throws with the error's text (for callers that cannot recover). */
export function unwrap<T, E>(result: Result<T, E>): T {
  if (result.ok) return result.value;
  const error = result.error as unknown;
  throw new Error(typeof error === 'string' ? error : JSON.stringify(error));
}
