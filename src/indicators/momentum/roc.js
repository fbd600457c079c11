import { Lookback } from '../helpers/lookback.js';
import { requirePeriod } from '../validation.js';
import { requirePositiveInput } from './positive-input.js';
/**
 * Rate of change in percent: `100·(C / C[period] − 1)`, where `C[period]` is the input
 * `period` steps back. TTR's `ROC(x, n, type = 'discrete')` is the same as a fraction (×100
 * here); TTR's default `type = 'continuous'` is the log change. Inputs are prices: zero,
 * negative and non-finite inputs throw.
 *
 * Ready after `period + 1` inputs. O(1) per update and replace.
 */
export class Roc {
  period;
  name;
  warmup;
  #past;
  value = NaN;
  constructor(period = 10) {
    this.period = period;
    requirePeriod('roc', 'period', period);
    this.name = `roc(${period})`;
    this.warmup = period + 1;
    this.#past = new Lookback(period);
  }
  get isReady() {
    return this.#past.isFull;
  }
  update(input) {
    requirePositiveInput(this.name, input);
    const past = this.#past;
    past.push(input);
    const reference = past.reference;
    if (past.isFull) this.value = 100 * (input / reference - 1);
    return this.value;
  }
  replace(input) {
    const past = this.#past;
    if (past.isEmpty) return this.update(input);
    requirePositiveInput(this.name, input);
    past.replaceLatest(input);
    const reference = past.reference;
    if (past.isFull) this.value = 100 * (input / reference - 1);
    return this.value;
  }
  reset() {
    this.#past.reset();
    this.value = NaN;
  }
}
//# sourceMappingURL=roc.js.map
