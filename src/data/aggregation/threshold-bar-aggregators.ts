import { InputError } from '../../core/input-error.js';
import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { POW10 } from '../../model/types/fixed-point.js';
import { BarAggregator, type BarAggregatorOptions, type BarHandler } from './bar-aggregator.js';
import { formatBarSpec, type BarSpec, type ExactDecimal } from './bar-spec.js';

/**
 * Base of bars that close on an amount (ticks, volume, value) rather than on time: a bar's
 * `tsEvent` and `tsInit` are those of the update that completed it; time is ignored.
 */
abstract class ThresholdBarAggregator extends BarAggregator {
  partial(): Bar | undefined {
    const b = this.builder;
    return b.count === 0 ? undefined : b.peek(b.lastTsEvent, b.lastTsInit);
  }

  protected close(tsEvent: number, tsInit: number): void {
    this.onBar(this.builder.build(tsEvent, tsInit));
  }
}

/** Tick bars: one bar per `count` updates (trades or quotes). */
export class TickBarAggregator extends ThresholdBarAggregator {
  readonly count: number;

  constructor(instrumentId: InstrumentId, spec: BarSpec, onBar: BarHandler, options?: BarAggregatorOptions) {
    super(instrumentId, spec, onBar, options);
    if (spec.kind !== 'tick') throw new RangeError(`TickBarAggregator needs a tick spec, got ${spec.kind}`);
    this.count = spec.count;
  }

  protected update(price: number, size: number, tsEvent: number, tsInit: number): void {
    this.builder.update(price, size, tsEvent, tsInit);
    if (this.builder.count === this.count) this.close(tsEvent, tsInit);
  }
}

/**
 * Volume bars: every closed bar has exactly the threshold volume. A trade that crosses the
 * threshold is split at its price: the part that fills the bar closes it, the remainder
 * starts the next bar (or several bars, for a trade many thresholds large). A remainder of
 * zero starts nothing, so no bar is ever empty. All of it in raw size units, exactly.
 */
export class VolumeBarAggregator extends ThresholdBarAggregator {
  /** Threshold in raw size units; 0 until the size precision is known. */
  #threshold = 0;

  constructor(instrumentId: InstrumentId, spec: BarSpec, onBar: BarHandler, options?: BarAggregatorOptions) {
    super(instrumentId, spec, onBar, options);
    if (spec.kind !== 'volume') throw new RangeError(`VolumeBarAggregator needs a volume spec, got ${spec.kind}`);
    rejectZeroQuoteVolume(spec, options);
  }

  /** The threshold in raw size units (0 before the first update fixes the precision). */
  get thresholdRaw(): number {
    return this.#threshold;
  }

  protected override onPrecisions(): void {
    this.#threshold = thresholdRaw(this.spec, this.builder.sizePrecision, 'sizes');
  }

  protected update(price: number, size: number, tsEvent: number, tsInit: number): void {
    const b = this.builder;
    let rest = size;
    for (;;) {
      const need = this.#threshold - b.volume; // ≥ 1: a bar closes as soon as it is full
      if (rest < need) {
        b.update(price, rest, tsEvent, tsInit);
        return;
      }
      b.update(price, need, tsEvent, tsInit);
      this.close(tsEvent, tsInit);
      rest -= need;
      if (rest === 0) return;
    }
  }
}

/**
 * Value (dollar) bars: a bar closes once its notional, Σ |price| × size, reaches the
 * threshold. Notional is an exact integer at price decimals + size decimals. A trade that
 * crosses the threshold is split like in volume bars, but a size cannot be cut finer than
 * one raw unit: the bar takes the smallest part of the trade whose notional reaches the
 * threshold, so a closed bar's notional lies in [threshold, threshold + price × one size unit).
 * The overshoot is not carried into the next bar.
 */
export class ValueBarAggregator extends ThresholdBarAggregator {
  /** Threshold and the forming bar's notional, raw at price + size decimals. */
  #threshold = 0;
  #value = 0;

  constructor(instrumentId: InstrumentId, spec: BarSpec, onBar: BarHandler, options?: BarAggregatorOptions) {
    super(instrumentId, spec, onBar, options);
    if (spec.kind !== 'value') throw new RangeError(`ValueBarAggregator needs a value spec, got ${spec.kind}`);
    rejectZeroQuoteVolume(spec, options);
  }

  /** The threshold in raw notional units, at `pricePrecision + sizePrecision` decimals. */
  get thresholdRaw(): number {
    return this.#threshold;
  }

  /** Notional of the forming bar, raw at `pricePrecision + sizePrecision` decimals. */
  get partialValueRaw(): number {
    return this.#value;
  }

  protected override onPrecisions(): void {
    const b = this.builder;
    this.#threshold = thresholdRaw(this.spec, b.pricePrecision + b.sizePrecision, 'notional');
  }

  protected update(price: number, size: number, tsEvent: number, tsInit: number): void {
    const b = this.builder;
    const unit = Math.abs(price); // notional of one raw size unit
    let rest = size;
    for (;;) {
      const need = this.#threshold - this.#value; // ≥ 1
      // `unit × rest` may exceed 2^53, but then it exceeds `need` (a safe integer) after
      // rounding too, so the comparison is exact either way.
      if (unit * rest < need) {
        b.update(price, rest, tsEvent, tsInit);
        this.#value += unit * rest;
        return;
      }
      // Smallest `take` with take × unit ≥ need (unit ≥ 1 here); the float quotient is only a guess.
      let take = Math.ceil(need / unit);
      while (take * unit < need) take++;
      while (take > 1 && (take - 1) * unit >= need) take--;
      b.update(price, take, tsEvent, tsInit);
      this.#value = 0;
      this.close(tsEvent, tsInit);
      rest -= take;
      if (rest === 0) return;
    }
  }
}

function rejectZeroQuoteVolume(spec: BarSpec, options: BarAggregatorOptions | undefined): void {
  if (options?.quoteVolume === 'zero') {
    throw new InputError(`bar spec "${formatBarSpec(spec)}": quoteVolume 'zero' would never close a bar`);
  }
}

/** A volume or value threshold in raw units at `precision` decimals, exactly, or an InputError. */
function thresholdRaw(spec: BarSpec, precision: number, what: string): number {
  const t = (spec as { threshold: ExactDecimal }).threshold;
  const name = formatBarSpec(spec);
  if (t.precision > precision) {
    throw new InputError(`bar spec "${name}": the threshold has more decimals than the instrument's ${what} (${precision})`);
  }
  const raw = t.raw * POW10[precision - t.precision];
  if (!Number.isSafeInteger(raw)) {
    throw new InputError(`bar spec "${name}": the threshold is too large for exact ${what} at ${precision} decimals`);
  }
  return raw;
}
