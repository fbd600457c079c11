import { POW10 } from '../../model/types/fixed-point.js';
import type { Bar } from '../../model/data/bar.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { BarBuilder } from './bar-builder.js';
import type { BarSpec } from './bar-spec.js';

/** Which price of a quote feeds the bars. */
export const QuotePrice = { MID: 'mid', BID: 'bid', ASK: 'ask' } as const;
export type QuotePrice = (typeof QuotePrice)[keyof typeof QuotePrice];

/** Options shared by all aggregators. */
export interface BarAggregatorOptions {
  /**
   * Decimals of the instrument's prices. Default: taken from the first tick. A later tick
   * with fewer decimals is widened exactly; one with more is corrupt data and throws.
   */
  readonly pricePrecision?: number;
  /** Decimals of the instrument's sizes; same rules as `pricePrecision`. */
  readonly sizePrecision?: number;
  /**
   * Quote-driven bars: which price is aggregated (default `'mid'`). The mid of two prices at
   * `p` decimals is exact at `p + 1` decimals, so mid bars carry one more price decimal.
   */
  readonly quotePrice?: QuotePrice;
  /**
   * Quote-driven bars: the volume of a quote (default `'sizes'`): the bid size for bid bars,
   * the ask size for ask bars, (bid + ask) / 2 for mid bars (exact at one more size decimal,
   * as the mid price). `'zero'` gives zero-volume bars (not allowed for volume/value bars,
   * which would then never close).
   */
  readonly quoteVolume?: 'sizes' | 'zero';
}

/** Receives each bar as it closes, in order. */
export type BarHandler = (bar: Bar) => void;

/**
 * Base of the aggregators: turns trades and quotes into raw (price, size) updates at fixed
 * precisions and hands them to the kind's `update`. Bars go to `onBar` synchronously, in
 * order, as they close. Deterministic: the output depends only on the calls made.
 *
 * Per update it does O(1) work and allocates nothing; only closed bars (and `partial()`)
 * allocate a {@link Bar}.
 */
export abstract class BarAggregator {
  protected readonly builder: BarBuilder;
  readonly #quotePrice: QuotePrice;
  readonly #quoteSizes: boolean;
  /** Decimals of the incoming prices and sizes (-1 until known); the builder's may be one more (mids). */
  #inPrice: number;
  #inSize: number;
  /** What fed the first update: mixing trades and quotes in one aggregator is a bug (bars of two series). */
  #source: 'none' | 'trades' | 'quotes' = 'none';

  constructor(
    readonly instrumentId: InstrumentId,
    readonly spec: BarSpec,
    protected readonly onBar: BarHandler,
    options: BarAggregatorOptions = {},
  ) {
    this.#quotePrice = options.quotePrice ?? QuotePrice.MID;
    this.#quoteSizes = (options.quoteVolume ?? 'sizes') === 'sizes';
    this.#inPrice = checkPrecision(options.pricePrecision, 'pricePrecision');
    this.#inSize = checkPrecision(options.sizePrecision, 'sizePrecision');
    this.builder = new BarBuilder(instrumentId, -1, -1);
  }

  /** Feeds a trade: its price and size, exactly. */
  handleTrade(trade: TradeTick): void {
    this.#checkInstrument(trade.instrumentId);
    if (this.#source !== 'trades') this.#start('trades', trade.price.precision, trade.size.precision, 0, 0);
    const price = toPrecision(trade.price.raw, trade.price.precision, this.#inPrice, 'price');
    const size = toPrecision(trade.size.raw, trade.size.precision, this.#inSize, 'size');
    this.update(price, size, trade.tsEvent, trade.tsInit);
  }

  /** Feeds a quote: its mid, bid or ask price (see {@link BarAggregatorOptions.quotePrice}). */
  handleQuote(quote: QuoteTick): void {
    this.#checkInstrument(quote.instrumentId);
    const mid = this.#quotePrice === QuotePrice.MID;
    if (this.#source !== 'quotes') {
      const p = Math.max(quote.bidPrice.precision, quote.askPrice.precision);
      const s = Math.max(quote.bidSize.precision, quote.askSize.precision);
      this.#start('quotes', p, s, mid ? 1 : 0, mid && this.#quoteSizes ? 1 : 0);
    }
    const ip = this.#inPrice;
    const is = this.#inSize;
    let price: number;
    let size = 0;
    if (mid) {
      // (bid + ask) / 2 at one more decimal is (bid + ask) × 5: exact, no rounding.
      price =
        (toPrecision(quote.bidPrice.raw, quote.bidPrice.precision, ip, 'bid') +
          toPrecision(quote.askPrice.raw, quote.askPrice.precision, ip, 'ask')) *
        5;
      if (this.#quoteSizes) {
        size =
          (toPrecision(quote.bidSize.raw, quote.bidSize.precision, is, 'bid size') +
            toPrecision(quote.askSize.raw, quote.askSize.precision, is, 'ask size')) *
          5;
      }
    } else if (this.#quotePrice === QuotePrice.BID) {
      price = toPrecision(quote.bidPrice.raw, quote.bidPrice.precision, ip, 'bid');
      if (this.#quoteSizes) size = toPrecision(quote.bidSize.raw, quote.bidSize.precision, is, 'bid size');
    } else {
      price = toPrecision(quote.askPrice.raw, quote.askPrice.precision, ip, 'ask');
      if (this.#quoteSizes) size = toPrecision(quote.askSize.raw, quote.askSize.precision, is, 'ask size');
    }
    this.update(price, size, quote.tsEvent, quote.tsInit);
  }

  /**
   * Feeds one update as raw integers already at the bars' precisions (fixed by the options,
   * or by an earlier tick): for adapters that parse venue messages straight into integers.
   */
  handleRaw(priceRaw: number, sizeRaw: number, tsEvent: number, tsInit: number): void {
    if (this.#source !== 'trades') {
      if (this.#inPrice < 0 || this.#inSize < 0) {
        throw new RangeError(`${this.instrumentId}: handleRaw needs the pricePrecision and sizePrecision options`);
      }
      this.#start('trades', this.#inPrice, this.#inSize, 0, 0);
    }
    this.update(priceRaw, sizeRaw, tsEvent, tsInit);
  }

  /**
   * Tells the aggregator the time is now `tsUs` (the kernel's timer). Time bars close every
   * bar that ended at or before it; other kinds ignore time.
   */
  advanceTime(tsUs: number): void {
    void tsUs;
  }

  /** The still-forming bar, or `undefined` when it has no updates yet. Does not close it. */
  abstract partial(): Bar | undefined;

  /** Decimals of the bars' prices and volume, or -1 before they are known. */
  get pricePrecision(): number {
    return this.builder.pricePrecision;
  }
  get sizePrecision(): number {
    return this.builder.sizePrecision;
  }

  /** Kind-specific handling of one update at the bars' precisions. */
  protected abstract update(price: number, size: number, tsEvent: number, tsInit: number): void;

  /** Called once when the bars' precisions become known (thresholds convert to raw units here). */
  protected onPrecisions(): void {}

  #checkInstrument(id: InstrumentId): void {
    if (id !== this.instrumentId) {
      throw new RangeError(`bar aggregator of ${this.instrumentId} was fed a tick of ${id}`);
    }
  }

  #start(source: 'trades' | 'quotes', price: number, size: number, extraPrice: number, extraSize: number): void {
    if (this.#source !== 'none') {
      throw new RangeError(`bar aggregator of ${this.instrumentId} fed ${this.#source}, then ${source}`);
    }
    this.#source = source;
    if (this.#inPrice < 0) this.#inPrice = price;
    if (this.#inSize < 0) this.#inSize = size;
    this.builder.pricePrecision = this.#inPrice + extraPrice;
    this.builder.sizePrecision = this.#inSize + extraSize;
    this.onPrecisions();
  }
}

function checkPrecision(value: number | undefined, name: string): number {
  if (value === undefined) return -1;
  if (!Number.isInteger(value) || value < 0 || value > 16) {
    throw new RangeError(`${name} must be 0..16, got ${value}`);
  }
  return value;
}

/** `raw` at `from` decimals re-expressed at `to`: exact widening; finer input is corrupt and throws. */
function toPrecision(raw: number, from: number, to: number, what: string): number {
  if (from === to) return raw;
  if (from < to) return raw * POW10[to - from];
  throw new RangeError(`tick ${what} has ${from} decimals, more than the bars' ${to}`);
}
