import { Lookback } from '../helpers/lookback.js';
import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Momentum: the change over `period` steps, `C − C[period]`, in the units of the input.
 * (TTR's `momentum(x, n)`.) Ready after `period + 1` inputs. O(1) per update and replace.
 */
export class Momentum {
  period;
  name;
  warmup;
  #past;
  value = NaN;
  constructor(period = 10) {
    this.period = period;
    requirePeriod('mom', 'period', period);
    this.name = `mom(${period})`;
    this.warmup = period + 1;
    this.#past = new Lookback(period);
  }
  get isReady() {
    return this.#past.isFull;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    const past = this.#past;
    past.push(input);
    const reference = past.reference;
    if (past.isFull) this.value = input - reference;
    return this.value;
  }
  replace(input) {
    const past = this.#past;
    if (past.isEmpty) return this.update(input);
    requireFiniteInput(this.name, input);
    past.replaceLatest(input);
    const reference = past.reference;
    if (past.isFull) this.value = input - reference;
    return this.value;
  }
  reset() {
    this.#past.reset();
    this.value = NaN;
  }
}
//# sourceMappingURL=momentum.js.map
