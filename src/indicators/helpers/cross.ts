/** A crossing of series a over series b on the latest bar. */
export type CrossEvent = 'above' | 'below' | 'none';

/**
 * True when a crossed above b on this bar: a > b now, and a ≤ b on the bar before. A touch
 * (a = b) followed by a > b counts as a crossing above. Any `NaN` (a value not available
 * yet) means no crossing.
 */
export function crossedAbove(prevA: number, prevB: number, a: number, b: number): boolean {
  return a > b && prevA <= prevB;
}

/**
 * True when a crossed below b on this bar: a < b now, and a ≥ b on the bar before. Any
 * `NaN` means no crossing.
 */
export function crossedBelow(prevA: number, prevB: number, a: number, b: number): boolean {
  return a < b && prevA >= prevB;
}

/** `'above'`, `'below'` or `'none'` for one bar, from the previous and the current pair. */
export function crossEvent(prevA: number, prevB: number, a: number, b: number): CrossEvent {
  if (a > b) return prevA <= prevB ? 'above' : 'none';
  if (a < b) return prevA >= prevB ? 'below' : 'none';
  return 'none';
}

/**
 * Crossover / crossunder detector for two series fed bar by bar, e.g. a fast and a slow
 * moving average: `update(a, b)` returns `'above'` when a crossed above b on this bar
 * (a > b now, a ≤ b before), `'below'` when it crossed below (a < b now, a ≥ b before),
 * and `'none'` otherwise — always `'none'` on the first bar, which has no bar before it.
 *
 * Like an `Indicator` (but with two inputs, so not one): `replace(a, b)`
 * re-decides the latest bar as if it had been fed (a, b) — a still-forming bar — and `reset()`
 * forgets everything. `NaN` inputs are accepted and never produce an event, so averages that
 * are still warming up can be fed directly: the first event can come on the bar after both
 * are ready. ±Infinity compare as numbers.
 */
export class Cross {
  readonly name = 'cross';
  /** Events need a bar before the current one. */
  readonly warmup = 2;
  #prevA = NaN;
  #prevB = NaN;
  #a = NaN;
  #b = NaN;
  #count = 0;
  /** The event of the latest bar. */
  value: CrossEvent = 'none';

  get isReady(): boolean {
    return this.#count >= 2;
  }

  /** The latest pair (`NaN` before any). */
  get a(): number {
    return this.#a;
  }

  get b(): number {
    return this.#b;
  }

  /** Feeds the next bar's pair and returns its event. */
  update(a: number, b: number): CrossEvent {
    this.#prevA = this.#a;
    this.#prevB = this.#b;
    this.#a = a;
    this.#b = b;
    this.#count++;
    return (this.value = crossEvent(this.#prevA, this.#prevB, a, b));
  }

  /** Replaces the latest bar's pair (before any update it acts like `update`). */
  replace(a: number, b: number): CrossEvent {
    if (this.#count === 0) return this.update(a, b);
    this.#a = a;
    this.#b = b;
    return (this.value = crossEvent(this.#prevA, this.#prevB, a, b));
  }

  reset(): void {
    this.#prevA = this.#prevB = this.#a = this.#b = NaN;
    this.#count = 0;
    this.value = 'none';
  }
}
