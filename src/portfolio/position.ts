import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { Instrument } from '../model/instruments/instrument.js';
import type { MarketState } from '../common/cache.js';
import { mulDivRound } from '../model/types/fixed-point.js';

/** How one fill changed a position: the part that closed exposure and the part that opened it. */
export interface FillBreakdown {
  /** Quantity (raw) that reduced the existing position. */
  readonly closedQtyRaw: number;
  /** Notional (currency raw) of the closing part. */
  readonly closedNotionalRaw: number;
  /** Fee (currency raw) attributed to the closing part. */
  readonly closedFeeRaw: number;
  /** Realized PnL of the closing part before fees (currency raw). */
  readonly realizedRaw: number;
  /** Quantity (raw) that opened or added to a position (after a flip: the new side). */
  readonly openedQtyRaw: number;
  readonly openedNotionalRaw: number;
  readonly openedFeeRaw: number;
}

/**
 * A net position in one instrument (one position per instrument: netting). Kept exactly:
 * signed quantity in raw lots and the cost of the open quantity in raw currency units,
 * so realized PnL is exact integer arithmetic (average-cost method).
 */
export class Position {
  /** Signed quantity, raw at the instrument's size precision: > 0 long, < 0 short. */
  qtyRaw = 0;
  /** Signed cost of the open quantity (raw currency): > 0 for longs, < 0 for shorts. */
  costRaw = 0;
  /** Realized PnL before fees, raw currency. */
  realizedRaw = 0;
  /** All fees paid in this instrument, raw currency. */
  feesRaw = 0;

  readonly instrumentId: InstrumentId;
  /** Size precision of the instrument. */
  readonly sizePrecision: number;

  constructor(
    readonly instrument: Instrument,
    /** Where the latest prices of the instrument are (the cache's market state). */
    readonly market: MarketState,
  ) {
    this.instrumentId = instrument.id;
    this.sizePrecision = instrument.lotSize.precision;
  }

  get isFlat(): boolean {
    return this.qtyRaw === 0;
  }

  /**
   * Applies a fill. `signedQtyRaw` is positive for buys; `notionalRaw` is the unsigned
   * price × quantity in raw currency; `feeRaw` the fee paid.
   */
  applyFill(signedQtyRaw: number, notionalRaw: number, feeRaw: number): FillBreakdown {
    this.feesRaw += feeRaw;
    const qty = this.qtyRaw;
    const fillAbs = Math.abs(signedQtyRaw);
    const reduces = qty !== 0 && Math.sign(qty) !== Math.sign(signedQtyRaw);
    const closedQtyRaw = reduces ? Math.min(fillAbs, Math.abs(qty)) : 0;
    let closedNotionalRaw = 0;
    let closedFeeRaw = 0;
    let realizedRaw = 0;
    if (closedQtyRaw > 0) {
      // Split the fill's notional and fee in proportion to quantity.
      closedNotionalRaw =
        closedQtyRaw === fillAbs ? notionalRaw : mulDivRound(notionalRaw, closedQtyRaw, fillAbs);
      closedFeeRaw = closedQtyRaw === fillAbs ? feeRaw : mulDivRound(feeRaw, closedQtyRaw, fillAbs);
      const closedCost =
        closedQtyRaw === Math.abs(qty)
          ? this.costRaw
          : mulDivRound(this.costRaw, closedQtyRaw, Math.abs(qty));
      // Long: sold for closedNotional what cost closedCost. Short: bought back for closedNotional
      // what was sold for -closedCost.
      realizedRaw = qty > 0 ? closedNotionalRaw - closedCost : -closedCost - closedNotionalRaw;
      this.costRaw -= closedCost;
      this.qtyRaw += Math.sign(signedQtyRaw) * closedQtyRaw;
      this.realizedRaw += realizedRaw;
    }
    const openedQtyRaw = fillAbs - closedQtyRaw;
    const openedNotionalRaw = notionalRaw - closedNotionalRaw;
    const openedFeeRaw = feeRaw - closedFeeRaw;
    if (openedQtyRaw > 0) {
      const sign = Math.sign(signedQtyRaw);
      this.qtyRaw += sign * openedQtyRaw;
      this.costRaw += sign * openedNotionalRaw;
    }
    return {
      closedQtyRaw,
      closedNotionalRaw,
      closedFeeRaw,
      realizedRaw,
      openedQtyRaw,
      openedNotionalRaw,
      openedFeeRaw,
    };
  }

  /** Unrealized PnL (raw currency) given the market value of the open quantity. */
  unrealizedRaw(marketValueRaw: number): number {
    return marketValueRaw - this.costRaw;
  }
}
