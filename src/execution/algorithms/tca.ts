import type { Bar } from '../../model/data/bar.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { OrderSide } from '../../model/orders/order-enums.js';
import { POW10, rescaleRaw } from '../../model/types/fixed-point.js';
import type { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

/** Where the arrival price came from. */
export type ArrivalSource = 'MID' | 'LAST_TRADE' | 'BAR_CLOSE' | 'NONE';

/** Transaction cost analysis of one parent order. Ratios are plain numbers; bps are rounded to 0.01. */
export interface TcaReport {
  readonly side: OrderSide;
  readonly targetQty: Quantity;
  readonly filledQty: Quantity;
  /** filled / target, in [0, 1]. */
  readonly fillRate: number;
  /** Benchmark at start: the mid, else the last trade, else the last bar's close. */
  readonly arrivalPrice: number | undefined;
  readonly arrivalSource: ArrivalSource;
  /** Volume-weighted average price of the parent's fills. */
  readonly avgFillPrice: number | undefined;
  /** (avg fill − arrival) / arrival in bps, signed so that positive is a cost (a buy above arrival). */
  readonly implementationShortfallBps: number | undefined;
  /** Market volume traded while the parent was alive (from trades, else from bars). */
  readonly marketVolume: Quantity;
  readonly marketVolumeSource: 'TRADES' | 'BARS' | 'NONE';
  /** filled / market volume. */
  readonly participation: number | undefined;
  /** The market's VWAP over the parent's life (bars: volume-weighted typical price (H+L+C)/3). */
  readonly intervalVwap: number | undefined;
  /** (avg fill − interval VWAP) / interval VWAP in bps, positive is a cost. */
  readonly slippageVsVwapBps: number | undefined;
  /** Child orders sent. */
  readonly children: number;
}

/** Basis points rounded to 0.01 (never -0). */
export const roundBps = (bps: number): number => Math.round(bps * 100) / 100 || 0;

/**
 * Accumulates what a {@link TcaReport} needs, exactly: prices as raw integers at the
 * instrument's price precision `P`, quantities at its size precision `S`, notionals as
 * BigInt sums of their products, so averages and shortfalls are computed from exact
 * integers and only the final ratio is a float.
 */
export class TcaTracker {
  /** Twice the arrival price, raw at P (a mid is a half-tick when the spread is odd). */
  #arrival2: bigint | undefined;
  #arrivalSource: ArrivalSource = 'NONE';
  #filledRaw = 0;
  #fillNotional = 0n;
  #tradeVolumeRaw = 0;
  #tradeNotional = 0n;
  #barVolumeRaw = 0;
  /** Σ (high + low + close) × volume: three times the typical-price notional. */
  #barNotional3 = 0n;
  children = 0;

  constructor(
    readonly side: OrderSide,
    readonly targetRaw: number,
    /** Price precision P. */
    readonly pricePrecision: number,
    /** Size precision S. */
    readonly sizePrecision: number,
  ) {}

  /** Sets the arrival price from the market state at start. */
  setArrival(quote: QuoteTick | undefined, trade: TradeTick | undefined, bar: Bar | undefined): void {
    const P = this.pricePrecision;
    if (quote !== undefined) {
      this.#arrival2 = BigInt(quote.bidPrice.rawAt(P) + quote.askPrice.rawAt(P));
      this.#arrivalSource = 'MID';
    } else if (trade !== undefined) {
      this.#arrival2 = 2n * BigInt(trade.price.rawAt(P));
      this.#arrivalSource = 'LAST_TRADE';
    } else if (bar !== undefined) {
      this.#arrival2 = 2n * BigInt(rescaleRaw(bar.closeRaw, bar.pricePrecision, P));
      this.#arrivalSource = 'BAR_CLOSE';
    }
  }

  addFill(price: Price, quantity: Quantity): void {
    const qty = quantity.rawAt(this.sizePrecision);
    this.#filledRaw += qty;
    this.#fillNotional += BigInt(price.rawAt(this.pricePrecision)) * BigInt(qty);
  }

  addMarketTrade(trade: TradeTick): void {
    const qty = trade.size.rawAt(this.sizePrecision);
    this.#tradeVolumeRaw += qty;
    this.#tradeNotional += BigInt(trade.price.rawAt(this.pricePrecision)) * BigInt(qty);
  }

  addMarketBar(bar: Bar): void {
    const qty = rescaleRaw(bar.volumeRaw, bar.sizePrecision, this.sizePrecision);
    const hlc = [bar.highRaw, bar.lowRaw, bar.closeRaw].reduce(
      (sum, raw) => sum + BigInt(rescaleRaw(raw, bar.pricePrecision, this.pricePrecision)),
      0n,
    );
    this.#barVolumeRaw += qty;
    this.#barNotional3 += hlc * BigInt(qty);
  }

  get filledRaw(): number {
    return this.#filledRaw;
  }

  report(): TcaReport {
    const S = this.sizePrecision;
    const sign = this.side === 'BUY' ? 1n : -1n;
    const F = BigInt(this.#filledRaw);
    const N = this.#fillNotional;
    const filled = this.#filledRaw > 0;
    const avgFillPrice = filled ? ratio(N, F * BigInt(POW10[this.pricePrecision])) : undefined;

    // IS = sign × (N/F − A2/2) / (A2/2) = sign × (2N − A2·F) / (A2·F).
    const A2 = this.#arrival2;
    const implementationShortfallBps =
      filled && A2 !== undefined && A2 !== 0n
        ? roundBps(ratio(sign * (2n * N - A2 * F) * 10_000n, A2 * F))
        : undefined;

    const byTrades = this.#tradeVolumeRaw > 0;
    const volumeRaw = byTrades ? this.#tradeVolumeRaw : this.#barVolumeRaw;
    // Interval VWAP = Nm / (k·Vm) with k = 1 for trades, 3 for bars (typical price).
    const Nm = byTrades ? this.#tradeNotional : this.#barNotional3;
    const k = byTrades ? 1n : 3n;
    const Vm = BigInt(volumeRaw);
    const intervalVwap = volumeRaw > 0 ? ratio(Nm, k * Vm * BigInt(POW10[this.pricePrecision])) : undefined;
    // Slippage = sign × (N/F − Nm/(k·Vm)) / (Nm/(k·Vm)) = sign × (k·N·Vm − Nm·F) / (Nm·F).
    const slippageVsVwapBps =
      filled && volumeRaw > 0 && Nm !== 0n
        ? roundBps(ratio(sign * (k * N * Vm - Nm * F) * 10_000n, Nm * F))
        : undefined;

    return {
      side: this.side,
      targetQty: Quantity.fromRaw(this.targetRaw, S),
      filledQty: Quantity.fromRaw(this.#filledRaw, S),
      fillRate: this.targetRaw > 0 ? this.#filledRaw / this.targetRaw : 0,
      arrivalPrice: A2 === undefined ? undefined : ratio(A2, 2n * BigInt(POW10[this.pricePrecision])),
      arrivalSource: this.#arrivalSource,
      avgFillPrice,
      implementationShortfallBps,
      marketVolume: Quantity.fromRaw(volumeRaw, S),
      marketVolumeSource: byTrades ? 'TRADES' : this.#barVolumeRaw > 0 ? 'BARS' : 'NONE',
      participation: volumeRaw > 0 ? this.#filledRaw / volumeRaw : undefined,
      intervalVwap,
      slippageVsVwapBps,
      children: this.children,
    };
  }
}

/**
 * `a / b` as a float from exact integers: the integer part is exact, and the fraction
 * keeps 15 significant digits however large `a` and `b` are.
 */
function ratio(a: bigint, b: bigint): number {
  const whole = a / b;
  const rest = a - whole * b;
  // Scale the remainder to 15 digits in integers before going to floats.
  const scale = 10n ** 15n;
  return Number(whole) + Number((rest * scale) / b) / 1e15;
}
