import { requireFiniteInput, requirePeriod } from '../validation.js';
import { RollingExtreme } from './rolling-extreme.js';
/**
 * Shared body of {@link RollingMin} and {@link RollingMax}: a {@link RollingExtreme} with the
 * Indicator contract (validation, `NaN` until ready). `update` is O(1) amortized; `replace`
 * is O(period), since a replaced value may have evicted candidates of the deque.
 */
class RollingExtremeIndicator {
  period;
  name;
  warmup;
  #extreme;
  value = NaN;
  constructor(period, kind) {
    this.period = period;
    requirePeriod(kind, 'period', period);
    this.name = `${kind}(${period})`;
    this.warmup = period;
    this.#extreme = new RollingExtreme(period, kind);
  }
  get isReady() {
    return this.#extreme.isReady;
  }
  /** 0-based input count at which the current extreme occurred (the latest on ties); −1 before any input. */
  get index() {
    return this.#extreme.index;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const v = this.#extreme.update(input);
    if (this.#extreme.isReady) this.value = v;
    return this.value;
  }
  replace(input) {
    requireFiniteInput(this.name, input);
    const v = this.#extreme.replace(input);
    if (this.#extreme.isReady) this.value = v;
    return this.value;
  }
  reset() {
    this.#extreme.reset();
    this.value = NaN;
  }
}
/**
 * Lowest of the last `period` inputs (TTR `runMin(x, n)`), current input included. Ready
 * after `period` inputs.
 */
export class RollingMin extends RollingExtremeIndicator {
  constructor(period) {
    super(period, 'min');
  }
}
/**
 * Highest of the last `period` inputs (TTR `runMax(x, n)`), current input included. Ready
 * after `period` inputs.
 */
export class RollingMax extends RollingExtremeIndicator {
  constructor(period) {
    super(period, 'max');
  }
}
//# sourceMappingURL=rolling-min-max.js.map
