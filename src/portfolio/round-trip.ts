import type { InstrumentId } from '../model/identifiers/instrument-id.js';

/**
 * One round trip: a position from flat back to flat (a fill that flips the position
 * ends one round trip and starts the next). Amounts are raw currency units.
 */
export interface RoundTrip {
  readonly instrumentId: InstrumentId;
  readonly side: 'LONG' | 'SHORT';
  readonly entryTimeUs: number;
  readonly exitTimeUs: number;
  /** Total quantity opened, raw. */
  readonly quantityRaw: number;
  /** Notional of the opening fills and of the closing fills: their ratio to quantity is the average price. */
  readonly entryNotionalRaw: number;
  readonly exitNotionalRaw: number;
  /** Realized PnL net of fees. */
  readonly pnlRaw: number;
  /** Fees of the opening and closing fills. */
  readonly feesRaw: number;
}

interface OpenTrip {
  side: 'LONG' | 'SHORT';
  entryTimeUs: number;
  quantityRaw: number;
  entryNotionalRaw: number;
  exitNotionalRaw: number;
  realizedRaw: number;
  feesRaw: number;
}

/** Builds round trips from the fill breakdowns of one instrument's position. */
export class RoundTripTracker {
  #open: OpenTrip | undefined;

  constructor(readonly instrumentId: InstrumentId) {}

  /**
   * Records a fill's effect. Returns the round trip it completed, if any.
   * Call with the breakdown returned by {@link Position.applyFill} and the position's quantity after it.
   */
  record(
    breakdown: {
      closedNotionalRaw: number;
      closedFeeRaw: number;
      realizedRaw: number;
      openedQtyRaw: number;
      openedNotionalRaw: number;
      openedFeeRaw: number;
    },
    qtyAfterRaw: number,
    signedFillQtyRaw: number,
    tsUs: number,
  ): RoundTrip | undefined {
    let done: RoundTrip | undefined;
    const trip = this.#open;
    if (trip !== undefined && breakdown.closedNotionalRaw !== 0) {
      trip.exitNotionalRaw += breakdown.closedNotionalRaw;
      trip.realizedRaw += breakdown.realizedRaw;
      trip.feesRaw += breakdown.closedFeeRaw;
    }
    // The position went flat or flipped: the trip is complete.
    if (
      trip !== undefined &&
      (qtyAfterRaw === 0 || Math.sign(qtyAfterRaw) !== (trip.side === 'LONG' ? 1 : -1))
    ) {
      done = {
        instrumentId: this.instrumentId,
        side: trip.side,
        entryTimeUs: trip.entryTimeUs,
        exitTimeUs: tsUs,
        quantityRaw: trip.quantityRaw,
        entryNotionalRaw: trip.entryNotionalRaw,
        exitNotionalRaw: trip.exitNotionalRaw,
        pnlRaw: trip.realizedRaw - trip.feesRaw,
        feesRaw: trip.feesRaw,
      };
      this.#open = undefined;
    }
    if (breakdown.openedQtyRaw > 0) {
      this.#open ??= {
        side: signedFillQtyRaw > 0 ? 'LONG' : 'SHORT',
        entryTimeUs: tsUs,
        quantityRaw: 0,
        entryNotionalRaw: 0,
        exitNotionalRaw: 0,
        realizedRaw: 0,
        feesRaw: 0,
      };
      this.#open.quantityRaw += breakdown.openedQtyRaw;
      this.#open.entryNotionalRaw += breakdown.openedNotionalRaw;
      this.#open.feesRaw += breakdown.openedFeeRaw;
    }
    return done;
  }
}
