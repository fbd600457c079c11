import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { StrategyId } from '../model/identifiers/order-ids.js';
import { notionalOfRaw, type Instrument } from '../model/instruments/instrument.js';
import type { OrderSide } from '../model/orders/order-enums.js';
import type { Currency } from '../model/types/currency.js';
import type { Price } from '../model/types/price.js';
import type { RiskView } from './risk-view.js';

/** A resting order as the view counts it. */
export interface RestingOrder {
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  /** Quantity still to fill, raw at the instrument's size precision. */
  leavesRaw: number;
}

/**
 * A {@link RiskView} over plain state its owner updates: cash, fills per strategy, resting orders
 * and last prices. Positions are marked at the last price (an instrument without one counts as
 * worth nothing). For tests and tools that run the risk engine without a trading node; the node
 * implements the view over its cache and portfolio instead. Not tuned for speed.
 */
export class InMemoryRiskView implements RiskView {
  readonly #instruments = new Map<InstrumentId, Instrument>();
  readonly #prices = new Map<InstrumentId, Price>();
  /** Signed position per strategy per instrument. */
  readonly #positions = new Map<StrategyId, Map<InstrumentId, number>>();
  readonly resting: RestingOrder[] = [];
  /** Raw account currency. */
  cashRaw: number;
  /** Buying power; undefined: the cash. */
  buyingPower: number | undefined;

  constructor(
    readonly accountCurrency: Currency,
    cashRaw: number,
  ) {
    this.cashRaw = cashRaw;
  }

  addInstrument(instrument: Instrument): void {
    this.#instruments.set(instrument.id, instrument);
  }

  setLastPrice(id: InstrumentId, price: Price): void {
    this.#prices.set(id, price);
  }

  /** Books a fill of `qtyRaw` (size precision) at `price`: position of the strategy and cash. */
  applyFill(strategyId: StrategyId, id: InstrumentId, side: OrderSide, qtyRaw: number, price: Price): void {
    const signed = side === 'BUY' ? qtyRaw : -qtyRaw;
    let book = this.#positions.get(strategyId);
    if (book === undefined) {
      book = new Map();
      this.#positions.set(strategyId, book);
    }
    book.set(id, (book.get(id) ?? 0) + signed);
    const instrument = this.#instruments.get(id)!;
    const notional = notionalOfRaw(
      instrument,
      price.raw,
      price.precision,
      qtyRaw,
      instrument.lotSize.precision,
      this.accountCurrency.precision,
    );
    this.cashRaw += side === 'BUY' ? -notional : notional;
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return this.#instruments.get(id);
  }

  lastPrice(id: InstrumentId): Price | undefined {
    return this.#prices.get(id);
  }

  positionRaw(id: InstrumentId, strategyId?: StrategyId): number {
    if (strategyId !== undefined) return this.#positions.get(strategyId)?.get(id) ?? 0;
    let total = 0;
    for (const book of this.#positions.values()) total += book.get(id) ?? 0;
    return total;
  }

  openQuantityRaw(id: InstrumentId, side: OrderSide, strategyId?: StrategyId): number {
    let total = 0;
    for (const order of this.resting) {
      if (
        order.instrumentId === id &&
        order.side === side &&
        (strategyId === undefined || order.strategyId === strategyId)
      )
        total += order.leavesRaw;
    }
    return total;
  }

  openOrderCount(strategyId?: StrategyId, instrumentId?: InstrumentId): number {
    let count = 0;
    for (const order of this.resting) {
      if (
        (strategyId === undefined || order.strategyId === strategyId) &&
        (instrumentId === undefined || order.instrumentId === instrumentId)
      )
        count++;
    }
    return count;
  }

  equityRaw(): number {
    return this.cashRaw + this.netExposureRaw();
  }

  buyingPowerRaw(): number {
    return this.buyingPower ?? this.cashRaw;
  }

  grossExposureRaw(strategyId?: StrategyId): number {
    let total = 0;
    for (const [id, qty] of this.#netPositions(strategyId)) total += Math.abs(this.#value(id, qty));
    return total;
  }

  netExposureRaw(strategyId?: StrategyId): number {
    let total = 0;
    for (const [id, qty] of this.#netPositions(strategyId)) total += this.#value(id, qty);
    return total;
  }

  /** Market value of a signed position at the last price (0 without one). */
  #value(id: InstrumentId, qtyRaw: number): number {
    const price = this.#prices.get(id);
    const instrument = this.#instruments.get(id)!;
    if (price === undefined || qtyRaw === 0) return 0;
    return notionalOfRaw(
      instrument,
      price.raw,
      price.precision,
      qtyRaw,
      instrument.lotSize.precision,
      this.accountCurrency.precision,
    );
  }

  /** Positions of one strategy, or netted over all strategies per instrument. */
  #netPositions(strategyId: StrategyId | undefined): Map<InstrumentId, number> {
    if (strategyId !== undefined) return this.#positions.get(strategyId) ?? new Map();
    const net = new Map<InstrumentId, number>();
    for (const book of this.#positions.values()) {
      for (const [id, qty] of book) net.set(id, (net.get(id) ?? 0) + qty);
    }
    return net;
  }
}
