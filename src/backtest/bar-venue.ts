import type { Clock } from '../core/clock.js';
import type { Cache } from '../common/cache.js';
import type { ExecutionClient } from '../execution/execution-client.js';
import { walkBar, type BarFill, type BarOrder } from '../matching/bar-fill-model.js';
import { commissionRaw, slippedPrice } from '../matching/cost-models.js';
import { writeOhlcPath } from '../matching/ohlc-path.js';
import type { Bar } from '../model/data/bar.js';
import type { OrderEvent } from '../model/events/order-events.js';
import type { TradeId, VenueOrderId } from '../model/identifiers/order-ids.js';
import { notionalRaw } from '../model/instruments/instrument.js';
import type { Order } from '../model/orders/order.js';
import type { Currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import { Price } from '../model/types/price.js';
import { FillMode } from './fill-mode.js';

/** Costs and fill timing of a simulated bar venue. */
export interface BarVenueConfig {
  readonly venue: string;
  readonly fillMode: FillMode;
  /** Commission in basis points of notional, charged on every fill. */
  readonly commissionBps: number;
  /** Adverse price move in basis points on market and stop fills (not on limit fills). */
  readonly slippageBps: number;
  /** Currency commissions are charged in (the account currency). */
  readonly currency: Currency;
}

interface Working {
  readonly order: Order;
  /** A stop-limit whose trigger was reached on an earlier bar. */
  triggered: boolean;
  /** IOC/FOK orders get exactly one bar to execute. */
  readonly oneBar: boolean;
}

const DAY_US = 86_400_000_000;

/**
 * A simulated venue that fills orders from bars: market orders per {@link FillMode},
 * limit and stop orders along the OHLC path of each later bar (see {@link walkBar}).
 * Orders fill in full (bar data says nothing about depth). Time in force: GTC rests;
 * DAY expires at the first bar of a later UTC day; GTD at the first bar at or after its
 * expiry; IOC and FOK get one bar.
 *
 * Orders submitted while a strategy handles a bar are only accepted in
 * {@link BarVenue.afterBar}, so no event reaches a strategy while it is still in its handler.
 */
export class BarVenue implements ExecutionClient {
  readonly venue: string;
  #report: (event: OrderEvent) => void = () => {};
  #inbox: Order[] = [];
  #spareInbox: Order[] = [];
  readonly #cancels: Order[] = [];
  readonly #working = new Map<string, Working[]>();
  #workingCount = 0;
  /** Scratch space reused on every bar: fills found, the price path, the order as the fill model sees it. */
  #pending: { w: Working; fill: BarFill; rank: number }[] = [];
  readonly #path: number[] = [0, 0, 0, 0];
  readonly #probe: { -readonly [K in keyof BarOrder]: BarOrder[K] } = {
    side: 'BUY',
    type: 'MARKET',
    limitRaw: undefined,
    triggerRaw: undefined,
    triggered: false,
  };
  #venueSeq = 0;
  #tradeSeq = 0;

  constructor(
    private readonly config: BarVenueConfig,
    private readonly clock: Clock,
    private readonly cache: Cache,
  ) {
    this.venue = config.venue;
  }

  connect(report: (event: OrderEvent) => void): void {
    this.#report = report;
  }

  submitOrder(order: Order): void {
    this.#inbox.push(order);
  }

  cancelOrder(order: Order): void {
    this.#cancels.push(order);
  }

  /** Before strategies see `bar`: expire, then execute working orders of its instrument against it. */
  processBar(bar: Bar): void {
    if (this.#workingCount === 0) return;
    const list = this.#working.get(bar.instrumentId);
    if (list === undefined || list.length === 0) return;
    const precision = bar.pricePrecision;
    const path = writeOhlcPath(this.#path, bar.openRaw, bar.highRaw, bar.lowRaw, bar.closeRaw);
    const fills = this.#pending;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const w = list[i];
      if (this.#expired(w.order, bar.tsEvent)) {
        this.#emit(w.order, 'OrderExpired');
        continue;
      }
      const spec = w.order.spec;
      if (spec.type === 'MARKET') {
        fills.push({
          w,
          fill: { priceRaw: path[0], segment: 0, distance: 0, viaStop: false, passive: false },
          rank: i,
        });
        continue;
      }
      const probe = this.#probe;
      probe.side = spec.side;
      probe.type = spec.type;
      probe.limitRaw = spec.price === undefined ? undefined : spec.price.rawAt(precision);
      probe.triggerRaw = spec.triggerPrice === undefined ? undefined : spec.triggerPrice.rawAt(precision);
      probe.triggered = w.triggered;
      const outcome = walkBar(probe, path);
      if (outcome?.kind === 'fill') {
        fills.push({ w, fill: outcome.fill, rank: i });
        continue;
      }
      if (outcome?.kind === 'triggered' && !w.triggered) {
        w.triggered = true;
        this.#emit(w.order, 'OrderTriggered');
      }
      if (w.oneBar) this.#emit(w.order, 'OrderCanceled');
      else list[kept++] = w;
    }
    if (kept !== list.length) {
      this.#workingCount -= list.length - kept;
      list.length = kept;
    }
    if (fills.length === 0) return;
    // Execute in the order the price path reached them.
    if (fills.length > 1) {
      fills.sort(
        (a, b) => a.fill.segment - b.fill.segment || a.fill.distance - b.fill.distance || a.rank - b.rank,
      );
    }
    for (let i = 0; i < fills.length; i++) {
      const { w, fill } = fills[i];
      this.#fill(w.order, fill.priceRaw, precision, fill.viaStop || w.order.type === 'MARKET', fill.passive);
    }
    this.#pending = [];
  }

  /** After strategies handled a bar: apply cancels, accept new orders, and in `close` mode fill market orders. */
  afterBar(): void {
    if (this.#cancels.length > 0) this.#applyCancels();
    if (this.#inbox.length === 0) return;
    // Swap buffers: orders submitted while these are accepted wait for the next call.
    const orders = this.#inbox;
    this.#inbox = this.#spareInbox;
    this.#spareInbox = orders;
    for (const order of orders) {
      if (!order.isOpen) continue;
      this.#accept(order);
      const last = this.cache.lastBar(order.instrumentId);
      if (order.type === 'MARKET' && this.config.fillMode === FillMode.CLOSE && last !== undefined) {
        this.#fill(order, last.closeRaw, last.pricePrecision, true, false);
        continue;
      }
      const tif = order.spec.timeInForce;
      const w: Working = { order, triggered: false, oneBar: tif === 'IOC' || tif === 'FOK' };
      const list = this.#working.get(order.instrumentId);
      if (list === undefined) this.#working.set(order.instrumentId, [w]);
      else list.push(w);
      this.#workingCount++;
    }
    this.#spareInbox = [];
  }

  #applyCancels(): void {
    for (const order of this.#cancels.splice(0, this.#cancels.length)) {
      if (!order.isOpen) continue;
      const inbox = this.#inbox.indexOf(order);
      if (inbox >= 0) this.#inbox.splice(inbox, 1);
      const list = this.#working.get(order.instrumentId);
      const at = list?.findIndex((w) => w.order === order) ?? -1;
      if (at >= 0) {
        list!.splice(at, 1);
        this.#workingCount--;
      }
      if (inbox >= 0 || at >= 0) this.#emit(order, 'OrderCanceled');
    }
  }

  #expired(order: Order, nowUs: number): boolean {
    const tif = order.spec.timeInForce;
    if (tif === 'DAY') return Math.floor(nowUs / DAY_US) > Math.floor(order.tsInit / DAY_US);
    if (tif === 'GTD') return order.spec.expireTimeUs !== undefined && nowUs >= order.spec.expireTimeUs;
    return false;
  }

  #fill(order: Order, priceRaw: number, precision: number, slips: boolean, passive: boolean): void {
    const instrument = this.cache.requireInstrument(order.instrumentId);
    const tickRaw = instrument.tickSize.rawAt(precision);
    const execRaw = slips ? slippedPrice(priceRaw, order.side, this.config.slippageBps, tickRaw) : priceRaw;
    const price = Price.fromRaw(execRaw, precision);
    const quantity = order.leavesQty;
    const notional = notionalRaw(instrument, price, quantity, this.config.currency.precision);
    const now = this.clock.timestampUs();
    this.#report({
      type: 'OrderFilled',
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      venueOrderId: order.venueOrderId ?? (`V-${++this.#venueSeq}` as VenueOrderId),
      tradeId: `T-${++this.#tradeSeq}` as TradeId,
      side: order.side,
      lastQty: quantity,
      lastPx: price,
      commission: Money.fromRaw(commissionRaw(notional, this.config.commissionBps), this.config.currency),
      liquiditySide: passive ? 'MAKER' : 'TAKER',
      tsEvent: now,
      tsInit: now,
    });
  }

  /** Reports an event without extra fields (triggered, canceled, expired). */
  #emit(order: Order, type: 'OrderTriggered' | 'OrderCanceled' | 'OrderExpired'): void {
    const now = this.clock.timestampUs();
    this.#report({
      type,
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: now,
      tsInit: now,
    });
  }

  #accept(order: Order): void {
    const now = this.clock.timestampUs();
    this.#report({
      type: 'OrderAccepted',
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      venueOrderId: `V-${++this.#venueSeq}` as VenueOrderId,
      tsEvent: now,
      tsInit: now,
    });
  }
}
