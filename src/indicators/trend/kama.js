import { requireFiniteInput, requirePeriod } from '../validation.js';
/**
 * Kaufman's adaptive moving average (Perry Kaufman, *Smarter Trading*, 1995; *Trading
 * Systems and Methods*). Over the last `period` changes:
 *
 * - efficiency ratio ER_t = |x_t − x_{t−period}| / Σ_{i=t−period+1..t} |x_i − x_{i−1}|
 *   (0 when the window has no movement at all);
 * - smoothing constant sc_t = (ER_t·(2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²;
 * - KAMA_t = KAMA_{t−1} + sc_t·(x_t − KAMA_{t−1}).
 *
 * **Seeding:** the first value is the input at 0-based index `period` — the first input
 * that has `period` changes behind it — taken as is: KAMA_period = x_period. The recursion
 * runs from index period + 1 on. So the indicator is ready after `period + 1` inputs.
 * (TA-Lib instead starts from x_{period−1} and applies one step at index `period`; the two
 * differ by a factor that decays like the product of (1 − sc).)
 *
 * O(1) per update: the sum of absolute changes is a running sum over a ring buffer,
 * re-summed every `period` updates against drift, and early when it has shrunk by more than
 * 2^10 against the operands it went through (a volatile market gone quiet).
 */
export class Kama {
  period;
  fast;
  slow;
  name;
  warmup;
  /** 2/(slow+1), the smoothing constant of a window without direction. */
  #slowSc;
  /** 2/(fast+1) − 2/(slow+1). */
  #scRange;
  /** The last period + 1 inputs. */
  #closes;
  /** The last `period` absolute changes. */
  #changes;
  #count = 0;
  /** Slot of the newest input in `#closes`, and of the newest change in `#changes`. */
  #closePos = -1;
  #changePos = -1;
  #volatility = 0;
  /** Σ|operands| of the running volatility sum since its last re-sum (its rounding over ε). */
  #volatilityError = 0;
  // State before the latest update, for `replace`.
  #evictedChange = 0;
  #volatilityBefore = 0;
  #volatilityErrorBefore = 0;
  #prevValue = NaN;
  value = NaN;
  constructor(period = 10, fast = 2, slow = 30) {
    this.period = period;
    this.fast = fast;
    this.slow = slow;
    requirePeriod('kama', 'period', period);
    requirePeriod('kama', 'fast', fast);
    requirePeriod('kama', 'slow', slow);
    this.name = `kama(${period},${fast},${slow})`;
    this.warmup = period + 1;
    this.#slowSc = 2 / (slow + 1);
    this.#scRange = 2 / (fast + 1) - this.#slowSc;
    this.#closes = new Float64Array(period + 1);
    this.#changes = new Float64Array(period);
  }
  get isReady() {
    return this.#count > this.period;
  }
  update(input) {
    requireFiniteInput(this.name, input);
    this.#prevValue = this.value;
    this.#volatilityBefore = this.#volatility;
    this.#volatilityErrorBefore = this.#volatilityError;
    const closePos = this.#closePos + 1 === this.#closes.length ? 0 : this.#closePos + 1;
    this.#closePos = closePos;
    if (this.#count++ > 0) {
      const changePos = this.#changePos + 1 === this.period ? 0 : this.#changePos + 1;
      this.#changePos = changePos;
      this.#evictedChange = this.#changes[changePos];
    }
    return this.#apply(input);
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requireFiniteInput(this.name, input);
    this.value = this.#prevValue;
    return this.#apply(input);
  }
  reset() {
    this.#closes.fill(0);
    this.#changes.fill(0);
    this.#count = 0;
    this.#closePos = this.#changePos = -1;
    this.#volatility = this.#volatilityBefore = this.#evictedChange = 0;
    this.#volatilityError = this.#volatilityErrorBefore = 0;
    this.value = this.#prevValue = NaN;
  }
  /** Folds in the newest input (the `#count`-th), from the state before the latest update. */
  #apply(input) {
    const closes = this.#closes;
    const pos = this.#closePos;
    closes[pos] = input;
    const count = this.#count;
    if (count === 1) return this.value;
    const period = this.period;
    const previous = closes[pos === 0 ? closes.length - 1 : pos - 1];
    const change = input > previous ? input - previous : previous - input;
    const changes = this.#changes;
    const changePos = this.#changePos;
    changes[changePos] = change;
    let volatility = this.#volatilityBefore + (change - this.#evictedChange);
    const error = this.#volatilityErrorBefore + volatility + this.#evictedChange;
    // Re-sum every `period` changes, and when the sum has shrunk so much since the last
    // re-sum (a volatile market gone quiet) that its rounding could matter.
    if (changePos === period - 1 || error > volatility * 1024) {
      volatility = this.#resum();
      this.#volatilityError = volatility;
    } else {
      this.#volatilityError = error;
    }
    this.#volatility = volatility;
    if (count <= period) return this.value;
    if (count === period + 1) {
      this.value = input; // the seed
      return input;
    }
    // The ring holds x_{t−period} .. x_t: the oldest is right after `pos`.
    const oldest = closes[pos + 1 === closes.length ? 0 : pos + 1];
    const direction = input > oldest ? input - oldest : oldest - input;
    let er = volatility > 0 ? direction / volatility : 0;
    if (er > 1) er = 1; // rounding in the running sum
    const sc = er * this.#scRange + this.#slowSc;
    const value = this.#prevValue;
    this.value = value + sc * sc * (input - value);
    return this.value;
  }
  /** Σ of the last `period` absolute changes, from scratch. */
  #resum() {
    const changes = this.#changes;
    let sum = 0;
    for (let i = 0; i < changes.length; i++) sum += changes[i];
    return sum;
  }
}
//# sourceMappingURL=kama.js.map
