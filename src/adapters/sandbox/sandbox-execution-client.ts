import type { ExecutionClient, VenueFillReport, VenueOrderReport } from '../../execution/execution-client.js';
import { BookSide, type NewOrder } from '../../matching/book/book-types.js';
import { SimulatedVenue } from '../../matching/venue/simulated-venue.js';
import type { VenueReport } from '../../matching/venue/venue-events.js';
import type { BookUpdate } from '../../model/data/book-update.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId, TradeId, VenueOrderId } from '../../model/identifiers/order-ids.js';
import type { Order } from '../../model/orders/order.js';
import type { OrderChanges } from '../../model/orders/order-changes.js';
import type { OrderType, TimeInForce } from '../../model/orders/order-enums.js';
import { OrderStatus } from '../../model/orders/order-status.js';
import { Money } from '../../model/types/money.js';
import { InstrumentGrid } from './instrument-grid.js';
import { LevelMirror, type LevelChange } from './level-mirror.js';
import { SandboxCode } from './sandbox-codes.js';
import { DEFAULT_SANDBOX_FEES, type SandboxConfig } from './sandbox-config.js';

const DAY_US = 86_400_000_000;

/** One instrument: its own simulated venue (L2 mode) and what the market shows. */
interface Market {
  readonly id: InstrumentId;
  readonly grid: InstrumentGrid;
  readonly venue: SimulatedVenue;
  readonly levels: LevelMirror;
  lastTrade: number | undefined;
  /** Our position from our fills here, signed size units (for reduce-only orders). */
  position: number;
  /** Stop orders waiting for their trigger, in submission order. */
  readonly held: Set<Entry>;
}

/** One of our orders as the sandbox works it. Prices and sizes in the grid's units. */
interface Entry {
  readonly order: Order;
  readonly market: Market;
  /** The matching core's id (a sequence number, unique across the sandbox). */
  readonly id: number;
  readonly venueOrderId: VenueOrderId;
  readonly side: BookSide;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  quantity: number;
  filled: number;
  price: number | undefined;
  trigger: number | undefined;
  /** held: a stop waiting for its trigger (here, not at the venue); live: at the venue. */
  state: 'held' | 'live' | 'done';
  accepted: boolean;
  triggered: boolean;
  /** We are canceling it because its DAY/GTD time ran out: its cancel is reported as expired. */
  expiring: boolean;
  readonly expireAt: number | undefined;
  tsLast: number;
}

type Refusal = readonly [code: string, reason: string];

/** A new order in the grid's units, as it will be worked. */
interface Plan {
  readonly quantity: number;
  readonly price: number | undefined;
  readonly trigger: number | undefined;
  readonly tif: TimeInForce;
  readonly expireAt: number | undefined;
}

/** The fields every event about an entry carries. */
interface EventBase {
  readonly clientOrderId: ClientOrderId;
  readonly strategyId: StrategyId;
  readonly instrumentId: InstrumentId;
  readonly tsEvent: number;
  readonly tsInit: number;
}

/**
 * The paper venue: an {@link ExecutionClient} that fills our orders against live (or simulated)
 * market data with the project's matching core — one {@link SimulatedVenue} in L2 mode per
 * instrument, so resting orders join the queue behind the displayed size and fill as trades
 * consume it, trade through them or an opposite quote crosses them; orders that cross take the
 * displayed liquidity as takers. Fees follow the {@link FeeModel} (per fill, in the instrument's
 * quote currency), delays the {@link LatencyModel}; defaults: no latency, maker 2 / taker 5 bps.
 *
 * Feeding it: the node passes every quote, trade and L2 update (after its data engine) to
 * {@link onQuote}, {@link onTrade}, {@link onBookUpdate}, and calls {@link advanceTime} on a
 * timer so that delayed reports and DAY/GTD expiries happen between data. Commands act at the
 * clock's time; with zero latency their reports (accepted, filled...) are delivered before the
 * command returns, after the engine's own submitted/pending event.
 *
 * Orders: MARKET (IOC, FOK; GTC/DAY/GTD mean IOC for a market order), LIMIT (GTC, IOC, FOK, DAY,
 * GTD), STOP_MARKET and STOP_LIMIT (held here until the last trade, or the touch they would trade
 * against, reaches the trigger; then sent as MARKET / LIMIT), reduce-only (checked against the
 * position of this sandbox's fills). DAY ends at the next UTC midnight. Invalid orders are
 * rejected with a stable code ({@link SandboxCode} or the matching core's `BookReason`), never
 * thrown. The same calls with the same clock times give the same reports, bit for bit.
 */
export class SandboxExecutionClient implements ExecutionClient {
  readonly venue: string;
  readonly #config: SandboxConfig;
  readonly #prefix: string;
  readonly #maxFills: number;
  readonly #markets = new Map<InstrumentId, Market>();
  readonly #entries = new Map<number, Entry>();
  readonly #byClientId = new Map<ClientOrderId, Entry>();
  /** Live or held orders with a DAY/GTD expiry. */
  #timed: Entry[] = [];
  readonly #fills: VenueFillReport[] = [];
  #report: (event: OrderEvent) => void = () => {};
  readonly #outbox: OrderEvent[] = [];
  #flushing = false;
  #now = Number.NEGATIVE_INFINITY;
  #nextId = 0;
  #nextTrade = 0;
  #ignoredData = 0;

  constructor(config: SandboxConfig) {
    this.venue = config.venue;
    this.#config = config;
    this.#prefix = config.idPrefix ?? 'SBX';
    this.#maxFills = config.maxFillHistory ?? 100_000;
  }

  /** The sandbox's time: the latest clock time it acted at (µs). */
  get time(): number {
    return this.#now;
  }

  /** Market data it could not use (unknown instrument, prices ≤ 0). */
  get ignoredData(): number {
    return this.#ignoredData;
  }

  connect(report: (event: OrderEvent) => void): void {
    this.#report = report;
  }

  submitOrder(order: Order): void {
    this.#run(() => this.#submit(order, this.#advance()));
  }

  cancelOrder(order: Order): void {
    this.#run(() => this.#cancel(order, this.#advance()));
  }

  modifyOrder(order: Order, changes: OrderChanges): void {
    this.#run(() => this.#modify(order, changes, this.#advance()));
  }

  // ---- market data ----

  /** The best bid and offer: moves the top levels (unless the instrument gets L2 updates), may trigger stops. */
  onQuote(quote: QuoteTick): void {
    this.#run(() => {
      const market = this.#market(quote.instrumentId);
      if (market === undefined) return void this.#ignoredData++;
      const now = this.#advance();
      const g = market.grid;
      const bid = g.dataPriceUnits(quote.bidPrice);
      const ask = g.dataPriceUnits(quote.askPrice);
      const bidSize = bid > 0 ? g.dataSizeUnits(quote.bidSize) : 0;
      const askSize = ask > 0 ? g.dataSizeUnits(quote.askSize) : 0;
      this.#applyLevels(market, market.levels.quote(bid, bidSize, ask, askSize), now);
      this.#checkStops(market, now);
    });
  }

  /** A trade print: fills our resting orders it reaches, may trigger stops. */
  onTrade(trade: TradeTick): void {
    this.#run(() => {
      const market = this.#market(trade.instrumentId);
      const price = market?.grid.dataPriceUnits(trade.price) ?? 0;
      if (market === undefined || price <= 0) return void this.#ignoredData++;
      const now = this.#advance();
      const size = market.grid.dataSizeUnits(trade.size);
      const aggressor = this.#aggressor(market, trade, price);
      if (size > 0 && aggressor !== undefined) {
        market.venue.onTrade(market.id, price, size, aggressor, now);
      }
      market.lastTrade = price;
      this.#checkStops(market, now);
    });
  }

  /** An L2 update (snapshot or delta): from now on the instrument's levels come from these, not quotes. */
  onBookUpdate(update: BookUpdate): void {
    this.#run(() => {
      const market = this.#market(update.instrumentId);
      if (market === undefined) return void this.#ignoredData++;
      const now = this.#advance();
      const g = market.grid;
      const units = (levels: BookUpdate['bids']): [number, number][] =>
        levels
          .map((l): [number, number] => [g.dataPriceUnits(l.price), g.dataSizeUnits(l.size)])
          .filter(([price]) => price > 0);
      const changes = market.levels.book(update.isSnapshot, units(update.bids), units(update.asks));
      this.#applyLevels(market, changes, now);
      this.#checkStops(market, now);
    });
  }

  /**
   * Moves the sandbox to `tsUs` (or the clock's time if later): delivers reports whose latency
   * has passed and expires DAY/GTD orders that are due.
   */
  advanceTime(tsUs: number): void {
    this.#run(() => void this.#advance(tsUs));
  }

  // ---- reconciliation ----

  async openOrders(): Promise<VenueOrderReport[]> {
    return this.openOrderReports();
  }

  async fillsSince(tsUs: number): Promise<VenueFillReport[]> {
    return this.fillReportsSince(tsUs);
  }

  /** Our working orders as the sandbox holds them now (synchronous form of {@link openOrders}). */
  openOrderReports(): VenueOrderReport[] {
    const out: VenueOrderReport[] = [];
    for (const e of this.#entries.values()) {
      if (e.state === 'done') continue;
      const g = e.market.grid;
      out.push({
        clientOrderId: e.order.clientOrderId,
        venueOrderId: e.venueOrderId,
        instrumentId: e.market.id,
        side: e.side,
        type: e.type,
        timeInForce: e.tif,
        status:
          e.filled > 0
            ? OrderStatus.PARTIALLY_FILLED
            : e.triggered
              ? OrderStatus.TRIGGERED
              : e.accepted
                ? OrderStatus.ACCEPTED
                : OrderStatus.SUBMITTED,
        quantity: g.quantity(e.quantity),
        filledQty: g.quantity(e.filled),
        price: e.price === undefined ? undefined : g.price(e.price),
        triggerPrice: e.trigger === undefined ? undefined : g.price(e.trigger),
        tsLast: e.tsLast,
      });
    }
    return out;
  }

  /** Our fills executed at or after `tsUs`, oldest first (synchronous form of {@link fillsSince}). */
  fillReportsSince(tsUs: number): VenueFillReport[] {
    return this.#fills.filter((f) => f.tsEvent >= tsUs);
  }

  // ---- commands ----

  #submit(order: Order, now: number): void {
    if (this.#byClientId.has(order.clientOrderId)) return; // sent twice: the first one stands
    const market = this.#market(order.instrumentId);
    if (market === undefined) {
      return this.#refuse(order, 'OrderRejected', [
        SandboxCode.UNKNOWN_INSTRUMENT,
        `no instrument ${order.instrumentId}`,
      ]);
    }
    const plan = this.#checkNew(order, market, now);
    if (isRefusal(plan)) return this.#refuse(order, 'OrderRejected', plan);
    const { quantity, price, trigger, tif, expireAt } = plan;
    const id = ++this.#nextId;
    const entry: Entry = {
      order,
      market,
      id,
      venueOrderId: `${this.#prefix}-${id}` as VenueOrderId,
      side: order.side,
      type: order.type,
      tif,
      quantity,
      filled: 0,
      price,
      trigger,
      state: 'held',
      accepted: false,
      triggered: false,
      expiring: false,
      expireAt,
      tsLast: now,
    };
    this.#entries.set(id, entry);
    this.#byClientId.set(order.clientOrderId, entry);
    if (expireAt !== undefined) this.#timed.push(entry);
    if (trigger === undefined) return this.#send(entry, now);
    // A stop waits here; the venue has taken it.
    entry.accepted = true;
    this.#emit({ type: 'OrderAccepted', ...this.#base(entry, now, now), venueOrderId: entry.venueOrderId });
    market.held.add(entry);
    if (this.#triggers(entry)) this.#trigger(entry, now);
  }

  /** Units of a new order's quantity, price, trigger, its time in force and expiry; or why it is refused. */
  #checkNew(order: Order, market: Market, now: number): Plan | Refusal {
    const spec = order.spec;
    const g = market.grid;
    const quantity = g.sizeUnits(spec.quantity);
    if (quantity === undefined) {
      return [
        SandboxCode.QUANTITY_OFF_LOT,
        `quantity ${spec.quantity} is not a positive multiple of lot ${g.instrument.lotSize}`,
      ];
    }
    const type = spec.type;
    const limit = type === 'LIMIT' || type === 'STOP_LIMIT';
    const stop = type === 'STOP_MARKET' || type === 'STOP_LIMIT';
    if (limit && spec.price === undefined) return [SandboxCode.INVALID_ORDER, `${type} needs a limit price`];
    if (stop && spec.triggerPrice === undefined)
      return [SandboxCode.INVALID_ORDER, `${type} needs a trigger price`];
    const price = limit ? g.priceUnits(spec.price!) : undefined;
    const trigger = stop ? g.priceUnits(spec.triggerPrice!) : undefined;
    if ((limit && (price === undefined || price <= 0)) || (stop && (trigger === undefined || trigger <= 0))) {
      const bad = limit && price === undefined ? spec.price : spec.triggerPrice;
      return [
        SandboxCode.PRICE_OFF_TICK,
        `price ${bad} is not a positive multiple of tick ${g.instrument.tickSize}`,
      ];
    }
    const marketType = type === 'MARKET' || type === 'STOP_MARKET';
    let tif: TimeInForce = spec.timeInForce ?? (marketType ? 'IOC' : 'GTC');
    let expireAt: number | undefined;
    if (marketType && tif !== 'FOK') tif = 'IOC';
    if (tif === 'DAY') expireAt = (Math.floor(now / DAY_US) + 1) * DAY_US;
    if (tif === 'GTD') {
      if (spec.expireTimeUs === undefined) return [SandboxCode.INVALID_ORDER, 'GTD needs an expiry time'];
      if (spec.expireTimeUs <= now) {
        return [SandboxCode.EXPIRE_TIME_IN_PAST, `expiry ${spec.expireTimeUs} is not after now ${now}`];
      }
      expireAt = spec.expireTimeUs;
    }
    if (spec.reduceOnly === true) {
      const position = market.position;
      const reduces =
        order.side === 'BUY' ? position < 0 && quantity <= -position : position > 0 && quantity <= position;
      if (!reduces) {
        return [
          SandboxCode.REDUCE_ONLY_WOULD_INCREASE,
          `reduce-only ${order.side} ${spec.quantity} against a position of ${position} units`,
        ];
      }
    }
    return { quantity, price, trigger, tif, expireAt };
  }

  /** Sends an order (or a triggered stop) to the venue as MARKET or LIMIT. */
  #send(entry: Entry, now: number): void {
    const market = entry.market;
    entry.state = 'live';
    const isMarket = entry.type === 'MARKET' || entry.type === 'STOP_MARKET';
    const tif = entry.tif === 'IOC' || entry.tif === 'FOK' ? entry.tif : 'GTC';
    const order: NewOrder = isMarket
      ? { id: entry.id, side: entry.side, type: 'MARKET', quantity: entry.quantity, timeInForce: tif }
      : {
          id: entry.id,
          side: entry.side,
          type: 'LIMIT',
          quantity: entry.quantity,
          price: entry.price,
          timeInForce: tif,
        };
    market.venue.submit(market.id, order);
    market.venue.advanceTo(now);
  }

  #cancel(order: Order, now: number): void {
    const entry = this.#byClientId.get(order.clientOrderId);
    if (entry === undefined || entry.state === 'done') {
      return this.#refuse(order, 'OrderCancelRejected', [SandboxCode.UNKNOWN_ORDER, 'no working order']);
    }
    if (entry.state === 'held') {
      this.#finish(entry);
      return this.#emit({ type: 'OrderCanceled', ...this.#base(entry, now, now) });
    }
    entry.market.venue.cancel(entry.id);
    entry.market.venue.advanceTo(now);
  }

  #modify(order: Order, changes: OrderChanges, now: number): void {
    const entry = this.#byClientId.get(order.clientOrderId);
    if (entry === undefined || entry.state === 'done') {
      return this.#refuse(order, 'OrderModifyRejected', [SandboxCode.UNKNOWN_ORDER, 'no working order']);
    }
    const g = entry.market.grid;
    const quantity = changes.quantity === undefined ? undefined : g.sizeUnits(changes.quantity);
    const price = changes.price === undefined ? undefined : g.priceUnits(changes.price);
    const trigger = changes.triggerPrice === undefined ? undefined : g.priceUnits(changes.triggerPrice);
    let refusal: Refusal | undefined;
    if (changes.quantity !== undefined && quantity === undefined) {
      refusal = [
        SandboxCode.QUANTITY_OFF_LOT,
        `quantity ${changes.quantity} is off lot ${g.instrument.lotSize}`,
      ];
    } else if (quantity !== undefined && quantity <= entry.filled) {
      refusal = [
        SandboxCode.INVALID_QUANTITY,
        `quantity ${changes.quantity} is not above the filled quantity`,
      ];
    } else if (
      (changes.price !== undefined && (price === undefined || price <= 0)) ||
      (changes.triggerPrice !== undefined && (trigger === undefined || trigger <= 0))
    ) {
      refusal = [SandboxCode.PRICE_OFF_TICK, `price off tick ${g.instrument.tickSize}`];
    } else if (
      (price !== undefined && entry.price === undefined) ||
      (trigger !== undefined && entry.trigger === undefined)
    ) {
      refusal = [SandboxCode.INVALID_ORDER, `a ${entry.type} order has no such price`];
    }
    if (refusal !== undefined) return this.#refuse(order, 'OrderModifyRejected', refusal);
    if (entry.state === 'live') {
      entry.market.venue.modify({ id: entry.id, quantity, price, triggerPrice: trigger });
      entry.market.venue.advanceTo(now);
      return;
    }
    // A held stop changes here.
    if (quantity !== undefined) entry.quantity = quantity;
    if (price !== undefined) entry.price = price;
    if (trigger !== undefined) entry.trigger = trigger;
    entry.tsLast = now;
    this.#emit({
      type: 'OrderUpdated',
      ...this.#base(entry, now, now),
      quantity: g.quantity(entry.quantity),
      price: entry.price === undefined ? undefined : g.price(entry.price),
      triggerPrice: g.price(entry.trigger!),
    });
    if (this.#triggers(entry)) this.#trigger(entry, now);
  }

  // ---- stops and expiry ----

  /**
   * A buy stop triggers when the last trade or the best ask is at or above its trigger, a sell
   * stop when the last trade or the best bid is at or below it.
   */
  #triggers(entry: Entry): boolean {
    const t = entry.trigger!;
    const market = entry.market;
    const buy = entry.side === BookSide.BUY;
    const last = market.lastTrade;
    if (last !== undefined && (buy ? last >= t : last <= t)) return true;
    const touch = buy ? market.levels.bestAsk() : market.levels.bestBid();
    return touch !== undefined && (buy ? touch >= t : touch <= t);
  }

  #checkStops(market: Market, now: number): void {
    if (market.held.size === 0) return;
    for (const entry of [...market.held]) {
      if (entry.state === 'held' && this.#triggers(entry)) this.#trigger(entry, now);
    }
  }

  #trigger(entry: Entry, now: number): void {
    entry.market.held.delete(entry);
    entry.triggered = true;
    entry.tsLast = now;
    this.#emit({ type: 'OrderTriggered', ...this.#base(entry, now, now) });
    this.#send(entry, now);
  }

  /** Expires DAY/GTD orders due at `now`: held stops at once, live orders by a cancel at the venue. */
  #expireDue(now: number): void {
    if (this.#timed.length === 0) return;
    const keep: Entry[] = [];
    for (const entry of this.#timed) {
      if (entry.state === 'done' || entry.expiring) continue;
      if (entry.expireAt! > now) {
        keep.push(entry);
      } else if (entry.state === 'held') {
        this.#finish(entry);
        this.#emit({ type: 'OrderExpired', ...this.#base(entry, now, now) });
      } else {
        entry.expiring = true;
        entry.market.venue.cancel(entry.id);
        entry.market.venue.advanceTo(now);
      }
    }
    this.#timed = keep;
  }

  // ---- venue reports ----

  #onVenueReport(r: VenueReport): void {
    const entry = this.#entries.get(r.id);
    if (entry === undefined) return; // every id the venue sees is one of ours
    entry.tsLast = r.time;
    const g = entry.market.grid;
    const base = this.#base(entry, r.time, r.receiveTime);
    switch (r.kind) {
      case 'accepted':
        if (entry.accepted) return; // a triggered stop entering the venue: accepted long ago
        entry.accepted = true;
        return this.#emit({ type: 'OrderAccepted', ...base, venueOrderId: entry.venueOrderId });
      case 'rejected':
        if (r.command === 'submit') {
          this.#finish(entry);
          return this.#emit({ type: 'OrderRejected', ...base, code: r.reason, reason: r.message });
        }
        if (r.command === 'modify') {
          return this.#emit({ type: 'OrderModifyRejected', ...base, code: r.reason, reason: r.message });
        }
        if (entry.expiring) return; // our expiry came too late: the order is done anyway
        return this.#emit({ type: 'OrderCancelRejected', ...base, code: r.reason, reason: r.message });
      case 'filled':
        return this.#onFill(entry, r, base);
      case 'modified':
        entry.quantity = r.quantity;
        if (r.price !== undefined) entry.price = r.price;
        return this.#emit({
          type: 'OrderUpdated',
          ...base,
          quantity: g.quantity(r.quantity),
          price: r.price === undefined ? undefined : g.price(r.price),
        });
      case 'canceled':
        this.#finish(entry);
        return this.#emit({ type: entry.expiring ? 'OrderExpired' : 'OrderCanceled', ...base });
      case 'expired':
        this.#finish(entry);
        return this.#emit({ type: 'OrderExpired', ...base });
      case 'triggered':
        return; // the L2 venue holds no stops: ours trigger here
    }
  }

  #onFill(entry: Entry, r: Extract<VenueReport, { kind: 'filled' }>, base: EventBase): void {
    const market = entry.market;
    const g = market.grid;
    entry.filled += r.quantity;
    market.position += entry.side === BookSide.BUY ? r.quantity : -r.quantity;
    if (r.leaves === 0) this.#finish(entry);
    const fill: VenueFillReport = {
      clientOrderId: entry.order.clientOrderId,
      venueOrderId: entry.venueOrderId,
      tradeId: `${this.#prefix}-T${++this.#nextTrade}` as TradeId,
      instrumentId: market.id,
      side: entry.side,
      lastQty: g.quantity(r.quantity),
      lastPx: g.price(r.price),
      commission: Money.fromRaw(r.fee, g.instrument.quoteCurrency),
      liquiditySide: r.liquidity,
      tsEvent: r.time,
    };
    if (this.#fills.length >= this.#maxFills) this.#fills.shift();
    this.#fills.push(fill);
    this.#emit({
      type: 'OrderFilled',
      ...base,
      venueOrderId: fill.venueOrderId,
      tradeId: fill.tradeId,
      side: fill.side,
      lastQty: fill.lastQty,
      lastPx: fill.lastPx,
      commission: fill.commission,
      liquiditySide: fill.liquiditySide,
    });
  }

  // ---- internals ----

  #market(id: InstrumentId): Market | undefined {
    let market = this.#markets.get(id);
    if (market !== undefined) return market;
    const instrument = this.#config.instruments.instrument(id);
    if (instrument === undefined) return undefined;
    const grid = new InstrumentGrid(instrument);
    const venue = new SimulatedVenue({
      instruments: [
        {
          instrument: id,
          mode: 'l2',
          notional: grid.notional,
          l2: {
            tickSize: grid.tickUnits,
            lotSize: grid.lotUnits,
            queue: this.#config.queue,
            tradeThrough: this.#config.tradeThrough,
          },
        },
      ],
      fees: this.#config.fees ?? DEFAULT_SANDBOX_FEES,
      latency: this.#config.latency,
      seed: this.#config.seed,
      startTime: Number.isFinite(this.#now) ? this.#now : 0,
      onReport: (report) => this.#onVenueReport(report),
    });
    market = {
      id,
      grid,
      venue,
      levels: new LevelMirror(this.#config.quoteDepth ?? 10),
      lastTrade: undefined,
      position: 0,
      held: new Set(),
    };
    this.#markets.set(id, market);
    return market;
  }

  /** Moves every venue to the clock's time (or `atLeast`), delivering due reports and expiring due orders. */
  #advance(atLeast = Number.NEGATIVE_INFINITY): number {
    const now = Math.max(this.#now, this.#config.clock.timestampUs(), atLeast);
    this.#now = now;
    for (const market of this.#markets.values()) market.venue.advanceTo(now);
    this.#expireDue(now);
    return now;
  }

  #applyLevels(market: Market, changes: readonly LevelChange[], now: number): void {
    for (const c of changes) market.venue.onLevel(market.id, c.side, c.price, c.size, now);
  }

  /** The aggressor of a trade; for NONE, inferred from the touch, then from the last trade (tick rule). */
  #aggressor(market: Market, trade: TradeTick, price: number): BookSide | undefined {
    if (trade.aggressorSide === 'BUYER') return BookSide.BUY;
    if (trade.aggressorSide === 'SELLER') return BookSide.SELL;
    const ask = market.levels.bestAsk();
    const bid = market.levels.bestBid();
    if (ask !== undefined && price >= ask) return BookSide.BUY;
    if (bid !== undefined && price <= bid) return BookSide.SELL;
    const last = market.lastTrade;
    if (last === undefined || last === price) return undefined; // unknown: it fills nothing
    return price > last ? BookSide.BUY : BookSide.SELL;
  }

  #finish(entry: Entry): void {
    entry.state = 'done';
    entry.market.held.delete(entry);
  }

  #base(entry: Entry, tsEvent: number, tsInit: number): EventBase {
    return {
      clientOrderId: entry.order.clientOrderId,
      strategyId: entry.order.strategyId,
      instrumentId: entry.market.id,
      tsEvent,
      tsInit,
    };
  }

  #refuse(
    order: Order,
    type: 'OrderRejected' | 'OrderModifyRejected' | 'OrderCancelRejected',
    [code, reason]: Refusal,
  ): void {
    const now = this.#now;
    this.#emit({
      type,
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      code,
      reason,
      tsEvent: now,
      tsInit: now,
    });
  }

  #emit(event: OrderEvent): void {
    this.#outbox.push(event);
  }

  /** Runs a public call, then hands the reports it produced to the engine (not from inside the venue). */
  #run(body: () => void): void {
    try {
      body();
    } finally {
      this.#flush();
    }
  }

  /**
   * Delivers queued reports in order. A report may make a strategy send a command, whose reports
   * join the queue behind it (the nested call does not flush). If a listener throws, the reports
   * not yet delivered stay queued for the next call.
   */
  #flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    let delivered = 0;
    try {
      while (delivered < this.#outbox.length) this.#report(this.#outbox[delivered++]);
    } finally {
      this.#outbox.splice(0, delivered);
      this.#flushing = false;
    }
  }
}

const isRefusal = (value: Plan | Refusal): value is Refusal => Array.isArray(value);
