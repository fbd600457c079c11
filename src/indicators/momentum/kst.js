import { Sma } from '../trend/sma.js';
import { requireNumber, requirePeriod } from '../validation.js';
import { requirePositiveInput } from './positive-input.js';
/** TTR's `KST` defaults: ROC lengths, their SMA lengths, signal length and weights. */
export const KST_DEFAULTS = {
  roc: [10, 15, 20, 30],
  sma: [10, 10, 10, 15],
  signal: 9,
  weights: [1, 2, 3, 4],
};
/**
 * Know Sure Thing (Pring), as TTR's `KST(x)` computes it:
 * `kst = 100·Σᵢ wᵢ·SMA(ROCᵢ, smaᵢ)` with `ROCᵢ = log(C) − log(C[rocᵢ])` (the **log** rate of
 * change, TTR's `ROC` default `continuous`), `signal = SMA(kst, signal)`. Defaults are TTR's:
 * ROC lengths 10, 15, 20, 30; SMA lengths 10, 10, 10, 15; signal 9; weights 1, 2, 3, 4. Any
 * number of components works (`roc`, `sma` and `weights` of equal lengths). Inputs are prices:
 * zero, negative and non-finite inputs throw.
 *
 * `kst` is set from input `max(rocᵢ + smaᵢ)` (45 with the defaults), `signal` from
 * `warmup = max(rocᵢ + smaᵢ) + signal − 1` (53). O(components) per update and replace, with no
 * allocation: the log closes are kept once, in a ring buffer of `max(rocᵢ) + 1`.
 */
export class Kst {
  signalPeriod;
  name;
  warmup;
  value = { kst: NaN, signal: NaN };
  rocPeriods;
  smaPeriods;
  weights;
  /** First input (1-based count) at which `kst` is defined. */
  #kstStart;
  #roc;
  #weight;
  #sma;
  #signal;
  /** log(input) of the last `max(roc) + 1` inputs, ring buffer. */
  #logs;
  #pos = 0;
  #count = 0;
  constructor(
    rocPeriods = KST_DEFAULTS.roc,
    smaPeriods = KST_DEFAULTS.sma,
    signalPeriod = KST_DEFAULTS.signal,
    weights = KST_DEFAULTS.weights,
  ) {
    this.signalPeriod = signalPeriod;
    const n = rocPeriods.length;
    if (n === 0) throw new RangeError('kst(roc): needs at least one component, got none');
    if (smaPeriods.length !== n) {
      throw new RangeError(`kst(sma): needs ${n} periods (one per roc), got ${smaPeriods.length}`);
    }
    if (weights.length !== n) {
      throw new RangeError(`kst(weights): needs ${n} weights (one per roc), got ${weights.length}`);
    }
    let kstStart = 0;
    let maxRoc = 0;
    for (let i = 0; i < n; i++) {
      requirePeriod('kst', `roc${i + 1}`, rocPeriods[i]);
      requirePeriod('kst', `sma${i + 1}`, smaPeriods[i]);
      requireNumber('kst', `weight${i + 1}`, weights[i]);
      maxRoc = Math.max(maxRoc, rocPeriods[i]);
      kstStart = Math.max(kstStart, rocPeriods[i] + smaPeriods[i]);
    }
    requirePeriod('kst', 'signal', signalPeriod);
    this.rocPeriods = [...rocPeriods];
    this.smaPeriods = [...smaPeriods];
    this.weights = [...weights];
    this.name = `kst(${[...rocPeriods, ...smaPeriods, signalPeriod].join(',')})`;
    this.#kstStart = kstStart;
    this.warmup = kstStart + signalPeriod - 1;
    this.#roc = Int32Array.from(rocPeriods);
    this.#weight = Float64Array.from(weights);
    this.#sma = smaPeriods.map((p) => new Sma(p));
    this.#signal = new Sma(signalPeriod);
    this.#logs = new Float64Array(maxRoc + 1);
  }
  get isReady() {
    return this.#count >= this.warmup;
  }
  update(input) {
    requirePositiveInput(this.name, input);
    const pos = this.#pos;
    this.#logs[pos] = Math.log(input);
    this.#pos = pos + 1 === this.#logs.length ? 0 : pos + 1;
    const count = ++this.#count;
    const kst = this.#combine(pos, count, false);
    if (count >= this.#kstStart) {
      this.value.kst = kst;
      this.value.signal = this.#signal.update(kst);
    }
    return this.value;
  }
  replace(input) {
    if (this.#count === 0) return this.update(input);
    requirePositiveInput(this.name, input);
    const pos = this.#pos === 0 ? this.#logs.length - 1 : this.#pos - 1;
    this.#logs[pos] = Math.log(input);
    const count = this.#count;
    const kst = this.#combine(pos, count, true);
    if (count >= this.#kstStart) {
      this.value.kst = kst;
      this.value.signal = this.#signal.replace(kst);
    }
    return this.value;
  }
  reset() {
    for (const sma of this.#sma) sma.reset();
    this.#signal.reset();
    this.#logs.fill(0);
    this.#pos = 0;
    this.#count = 0;
    this.value.kst = this.value.signal = NaN;
  }
  /**
   * Feeds (or, with `replacing`, re-feeds) every ROC whose reference exists to its SMA, the
   * latest log close being at `pos`; returns 100·Σ wᵢ·SMAᵢ (NaN until every SMA is ready).
   */
  #combine(pos, count, replacing) {
    const logs = this.#logs;
    const size = logs.length;
    const latest = logs[pos];
    let sum = 0;
    for (let i = 0; i < this.#sma.length; i++) {
      const back = this.#roc[i];
      if (count <= back) {
        sum = NaN;
        continue;
      }
      const ref = pos >= back ? pos - back : pos - back + size;
      const roc = latest - logs[ref];
      const sma = this.#sma[i];
      sum += this.#weight[i] * (replacing ? sma.replace(roc) : sma.update(roc));
    }
    return 100 * sum;
  }
}
//# sourceMappingURL=kst.js.map
