import type { OrderFilled } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { ClientOrderId } from '../model/identifiers/order-ids.js';
import type { LiquiditySide, OrderSide } from '../model/orders/order-enums.js';
import type { Currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { Quantity } from '../model/types/quantity.js';

/** One fill as read back from a {@link FillLog}. */
export interface FillRecord {
  readonly tsEvent: number;
  readonly instrumentId: InstrumentId;
  readonly clientOrderId: ClientOrderId;
  readonly side: OrderSide;
  readonly lastQty: Quantity;
  readonly lastPx: Price;
  readonly commission: Money;
  readonly liquiditySide: LiquiditySide;
}

/**
 * Every fill of a backtest, kept in columns of typed arrays rather than as event objects:
 * a run with millions of fills keeps a few dozen bytes per fill and gives the garbage
 * collector almost nothing to trace.
 */
export class FillLog {
  #length = 0;
  #ts = new Float64Array(1024);
  #qtyRaw = new Float64Array(1024);
  #pxRaw = new Float64Array(1024);
  #feeRaw = new Float64Array(1024);
  /** Bits: 0 = sell, 1 = maker; then precisions. */
  #flags = new Uint8Array(1024);
  #qtyPrecision = new Uint8Array(1024);
  #pxPrecision = new Uint8Array(1024);
  #instrument = new Uint16Array(1024);
  #orderIds: ClientOrderId[] = [];
  readonly #instrumentIds: InstrumentId[] = [];
  readonly #instrumentIndex = new Map<InstrumentId, number>();

  constructor(readonly currency: Currency) {}

  get length(): number {
    return this.#length;
  }

  /** Appends a fill (its commission must be in the log's currency). */
  record(fill: OrderFilled): void {
    const i = this.#length;
    if (i === this.#ts.length) this.#grow();
    let instrument = this.#instrumentIndex.get(fill.instrumentId);
    if (instrument === undefined) {
      instrument = this.#instrumentIds.push(fill.instrumentId) - 1;
      this.#instrumentIndex.set(fill.instrumentId, instrument);
    }
    this.#ts[i] = fill.tsEvent;
    this.#qtyRaw[i] = fill.lastQty.raw;
    this.#qtyPrecision[i] = fill.lastQty.precision;
    this.#pxRaw[i] = fill.lastPx.raw;
    this.#pxPrecision[i] = fill.lastPx.precision;
    this.#feeRaw[i] = fill.commission.raw;
    this.#flags[i] = (fill.side === 'SELL' ? 1 : 0) | (fill.liquiditySide === 'MAKER' ? 2 : 0);
    this.#instrument[i] = instrument;
    this.#orderIds.push(fill.clientOrderId);
    this.#length = i + 1;
  }

  /** The i-th fill (0-based), or undefined past the end. */
  at(i: number): FillRecord | undefined {
    if (i < 0 || i >= this.#length) return undefined;
    const flags = this.#flags[i];
    return {
      tsEvent: this.#ts[i],
      instrumentId: this.#instrumentIds[this.#instrument[i]],
      clientOrderId: this.#orderIds[i],
      side: flags & 1 ? 'SELL' : 'BUY',
      lastQty: Quantity.fromRaw(this.#qtyRaw[i], this.#qtyPrecision[i]),
      lastPx: Price.fromRaw(this.#pxRaw[i], this.#pxPrecision[i]),
      commission: Money.fromRaw(this.#feeRaw[i], this.currency),
      liquiditySide: flags & 2 ? 'MAKER' : 'TAKER',
    };
  }

  /** All fills as records, oldest first. */
  toArray(): FillRecord[] {
    return Array.from({ length: this.#length }, (_, i) => this.at(i)!);
  }

  #grow(): void {
    const size = this.#ts.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.#ts = grow(this.#ts, (n) => new Float64Array(n));
    this.#qtyRaw = grow(this.#qtyRaw, (n) => new Float64Array(n));
    this.#pxRaw = grow(this.#pxRaw, (n) => new Float64Array(n));
    this.#feeRaw = grow(this.#feeRaw, (n) => new Float64Array(n));
    this.#flags = grow(this.#flags, (n) => new Uint8Array(n));
    this.#qtyPrecision = grow(this.#qtyPrecision, (n) => new Uint8Array(n));
    this.#pxPrecision = grow(this.#pxPrecision, (n) => new Uint8Array(n));
    this.#instrument = grow(this.#instrument, (n) => new Uint16Array(n));
  }
}
