import { InvariantError } from '../core/assert.js';
import type { Cache } from '../common/cache.js';
import type { OrderFilled } from '../model/events/order-events.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import { notionalOfRaw, notionalRaw } from '../model/instruments/instrument.js';
import type { Currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Position } from './position.js';
import { RoundTripTracker, type RoundTrip } from './round-trip.js';

/**
 * Cash, positions and PnL of one account in one currency, updated from fills and
 * marked to the latest bar closes in the cache. Amounts are exact integers of the
 * currency's smallest unit; shorts are allowed (selling adds cash, buying back spends it).
 */
export class Portfolio {
  #cashRaw: number;
  readonly #positions = new Map<InstrumentId, Position>();
  readonly #trackers = new Map<InstrumentId, RoundTripTracker>();
  /** Positions with a non-zero quantity, for fast marking (an array: iterating it allocates nothing). */
  readonly #open: Position[] = [];
  readonly #roundTrips: RoundTrip[] = [];
  #tradedNotionalRaw = 0;
  #lastPosition: Position | undefined;
  #feesRaw = 0;
  /** Called with each round trip as it completes. */
  onRoundTrip: ((trip: RoundTrip) => void) | undefined;

  constructor(
    private readonly cache: Cache,
    readonly currency: Currency,
    startingCash: Money,
  ) {
    if (startingCash.currency.code !== currency.code) {
      throw new InvariantError(`starting cash in ${startingCash.currency.code}, account in ${currency.code}`);
    }
    this.#cashRaw = startingCash.raw;
  }

  get cash(): Money {
    return Money.fromRaw(this.#cashRaw, this.currency);
  }
  get cashRaw(): number {
    return this.#cashRaw;
  }
  /** Sum of |price × quantity| of all fills, raw currency. */
  get tradedNotionalRaw(): number {
    return this.#tradedNotionalRaw;
  }
  /** All fees paid, raw currency. */
  get feesRaw(): number {
    return this.#feesRaw;
  }
  /** Completed round trips, in completion order. */
  get roundTrips(): readonly RoundTrip[] {
    return this.#roundTrips;
  }
  /** True while any position is open. */
  get isExposed(): boolean {
    return this.#open.length > 0;
  }

  /** The position in an instrument (flat if never traded). */
  position(id: InstrumentId): Position {
    // Strategies ask for the same instrument's position several times per bar.
    if (id === this.#lastPosition?.instrumentId) return this.#lastPosition;
    let position = this.#positions.get(id);
    if (position === undefined) {
      position = new Position(this.cache.requireInstrument(id), this.cache.market(id));
      this.#positions.set(id, position);
      this.#trackers.set(id, new RoundTripTracker(id));
    }
    this.#lastPosition = position;
    return position;
  }

  positions(): Position[] {
    return [...this.#positions.values()];
  }

  /** Books a fill: cash, position, fees and round trips. */
  applyFill(fill: OrderFilled): void {
    const position = this.position(fill.instrumentId);
    const instrument = position.instrument;
    if (fill.commission.currency.code !== this.currency.code) {
      throw new InvariantError(
        `commission in ${fill.commission.currency.code}, account in ${this.currency.code}`,
      );
    }
    const notional = notionalRaw(instrument, fill.lastPx, fill.lastQty, this.currency.precision);
    const fee = fill.commission.raw;
    const buy = fill.side === 'BUY';
    this.#cashRaw += (buy ? -notional : notional) - fee;
    this.#tradedNotionalRaw += notional;
    this.#feesRaw += fee;

    const signedQty = (buy ? 1 : -1) * fill.lastQty.rawAt(position.sizePrecision);
    const breakdown = position.applyFill(signedQty, notional, fee);
    const at = this.#open.indexOf(position);
    if (position.isFlat && at >= 0) this.#open.splice(at, 1);
    else if (!position.isFlat && at < 0) this.#open.push(position);
    const trip = this.#trackers
      .get(fill.instrumentId)!
      .record(breakdown, position.qtyRaw, signedQty, fill.tsEvent);
    if (trip !== undefined) {
      this.#roundTrips.push(trip);
      this.onRoundTrip?.(trip);
    }
  }

  /**
   * Market value (raw currency) of an open position at the latest price: the last bar's close,
   * or the last trade when it is newer (live trading, where trades come between bars).
   */
  marketValueRaw(position: Position): number {
    const market = position.market;
    const bar = market.lastBar;
    const trade = market.lastTrade;
    let priceRaw: number;
    let pricePrecision: number;
    if (trade !== undefined && (bar === undefined || trade.tsEvent >= bar.tsEvent)) {
      priceRaw = trade.price.raw;
      pricePrecision = trade.price.precision;
    } else if (bar !== undefined) {
      priceRaw = bar.closeRaw;
      pricePrecision = bar.pricePrecision;
    } else {
      return position.costRaw; // never priced: carry at cost
    }
    const instrument = position.instrument;
    const absQty = Math.abs(position.qtyRaw);
    const absValue = notionalOfRaw(
      instrument,
      priceRaw,
      pricePrecision,
      absQty,
      position.sizePrecision,
      this.currency.precision,
    );
    return position.qtyRaw > 0 ? absValue : -absValue;
  }

  /** Cash plus the market value of all open positions, raw currency. */
  equityRaw(): number {
    let equity = this.#cashRaw;
    const open = this.#open;
    for (let i = 0; i < open.length; i++) equity += this.marketValueRaw(open[i]);
    return equity;
  }

  equity(): Money {
    return Money.fromRaw(this.equityRaw(), this.currency);
  }

  /** Unrealized PnL of all open positions, raw currency. */
  unrealizedRaw(): number {
    let total = 0;
    for (const position of this.#open) total += position.unrealizedRaw(this.marketValueRaw(position));
    return total;
  }

  /** Realized PnL before fees across all instruments, raw currency. */
  realizedRaw(): number {
    let total = 0;
    for (const position of this.#positions.values()) total += position.realizedRaw;
    return total;
  }
}
