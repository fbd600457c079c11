import { requireFiniteInput, requirePeriod } from '../validation.js';
import { WindowSum } from './window-sum.js';
/**
 * Sum of the last `period` inputs (TTR `runSum(x, n)`), as an indicator. Ready after
 * `period` inputs. The sum itself is a {@link WindowSum} (compensated, re-summed as its
 * window wraps), the same one the volume indicators use.
 */
export class RollingSum {
  period;
  name;
  warmup;
  #window;
  #count = 0;
  value = NaN;
  constructor(period) {
    this.period = period;
    requirePeriod('sum', 'period', period);
    this.name = `sum(${period})`;
    this.warmup = period;
    this.#window = new WindowSum(period);
  }
  get isReady() {
    return this.#count >= this.period;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    this.#window.push(input);
    this.#count++;
    return this.#read();
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    this.#window.replaceLast(input);
    return this.#read();
  }
  reset() {
    this.#window.reset();
    this.#count = 0;
    this.value = NaN;
  }
  #read() {
    if (this.#count >= this.period) this.value = this.#window.sum;
    return this.value;
  }
}
//# sourceMappingURL=rolling-sum.js.map
