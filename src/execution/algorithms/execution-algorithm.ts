import { InvariantError } from '../../core/assert.js';
import type { Bar } from '../../model/data/bar.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import type { OrderSpec } from '../../model/orders/order.js';
import { Price } from '../../model/types/price.js';
import type { AlgoEvent } from './algo-events.js';
import type { ChildOrderPort } from './child-order-port.js';
import { priceChild, type ChildPrice, type Touch } from './child-pricing.js';
import type { ChildRecord, EndReason, ParentOrder } from './parent-order.js';

/** Consecutive child denials or rejections after which a parent fails. */
export const MAX_CHILD_FAILURES = 3;

/** What the algorithm engine lends each algorithm. */
export interface AlgoHost {
  readonly port: ChildOrderPort;
  /** Publishes an algorithm event. */
  emit(event: AlgoEvent): void;
  /** Routes the events of `child` to this algorithm; called before the child is submitted. */
  track(child: ChildRecord, algorithm: ExecutionAlgorithm): void;
  /** Called once when the parent reaches a final status. */
  ended(algorithm: ExecutionAlgorithm): void;
}

/** The latest market data an algorithm knows of its instrument. */
export interface MarketView {
  quote: QuoteTick | undefined;
  trade: TradeTick | undefined;
  bar: Bar | undefined;
}

/**
 * The common life of an execution algorithm. It is driven from outside: `onTime` by the
 * host's timer, `onQuote`/`onTrade`/`onBar` by market data, `onOrderEvent` by the
 * events of its children. After each, it works out what should be committed by now
 * ({@link targetRaw}), compares it with what is filled or working, and sends at most one
 * child to close the gap — never committing more than the parent's quantity.
 *
 * Subclasses say *how much* by when (and which working children are stale); the base
 * class does the rest: pricing, protection, cancels, the end time, failure, ending.
 */
export abstract class ExecutionAlgorithm {
  #now = 0;
  #running = false;
  #again = false;
  #failures = 0;
  #sweepSent = false;

  constructor(
    readonly parent: ParentOrder,
    protected readonly host: AlgoHost,
    protected readonly market: MarketView,
  ) {}

  // ---- subclass hooks -------------------------------------------------------------------

  /** Quantity (raw, size precision) that should be filled or working by `nowUs`. */
  protected abstract targetRaw(nowUs: number): number;

  /** The schedule slice `nowUs` falls in (children are tagged with it). */
  protected sliceAt(_nowUs: number): number {
    return 0;
  }

  /** True when a working child should be canceled so its remainder can be re-placed. */
  protected isStale(_child: ChildRecord, _nowUs: number): boolean {
    return false;
  }

  /** Lots of the next child given the gap to the target and what is left (0: wait). */
  protected childLots(gapLots: number, _uncommittedLots: number): number {
    return gapLots;
  }

  /** Order type and price of the next child; `undefined` waits for market data. */
  protected priceNextChild(): ChildPrice | undefined {
    const r = this.parent.request;
    return priceChild(r.side, r.pricing, this.touch(), r.limitPrice);
  }

  /** A trade or bar seen while alive (POV counts volume here). */
  protected observeVolume(_kind: 'TRADE' | 'BAR', _raw: number): void {}

  // ---- driven from outside ----------------------------------------------------------------

  /** The host's timer: slices, the end time, grace for a sweep. */
  onTime(nowUs: number): void {
    this.#run(nowUs);
  }

  onQuote(quote: QuoteTick, nowUs: number): void {
    this.market.quote = quote;
    this.#run(nowUs);
  }

  onTrade(trade: TradeTick, nowUs: number): void {
    this.market.trade = trade;
    if (this.parent.isDone) return;
    this.parent.tca.addMarketTrade(trade);
    if (nowUs >= this.parent.request.startUs) {
      this.observeVolume('TRADE', trade.size.rawAt(this.parent.grid.precision));
    }
    this.#run(nowUs);
  }

  onBar(bar: Bar, nowUs: number): void {
    this.market.bar = bar;
    if (this.parent.isDone) return;
    this.parent.tca.addMarketBar(bar);
    if (nowUs >= this.parent.request.startUs) {
      this.observeVolume('BAR', bar.volume.rawAt(this.parent.grid.precision));
    }
    this.#run(nowUs);
  }

  /** An event of one of this parent's children (after it was applied to the child). */
  onOrderEvent(event: OrderEvent, child: ChildRecord, nowUs: number): void {
    const parent = this.parent;
    let rerun = false;
    switch (event.type) {
      case 'OrderFilled':
        parent.applyFill(event);
        this.#failures = 0;
        rerun = true; // an iceberg replenishes, a parent may be done
        break;
      case 'OrderAccepted':
        this.#failures = 0;
        break;
      case 'OrderDenied':
      case 'OrderRejected':
        if (++this.#failures >= MAX_CHILD_FAILURES) {
          parent.beginStop('FAILED', `${event.type} ${event.code}: ${event.reason}`);
          rerun = true;
        }
        break;
      default:
        break;
    }
    if (child.order.isTerminal) {
      parent.closeChild(child);
      // Re-place at once only after our own cancels (a replacement is due) or while
      // stopping; a child the venue ended by itself waits for the next timer or data,
      // so an order that dies on arrival is not resent in a tight loop.
      if (child.cancelRequested || parent.status === 'STOPPING') rerun = true;
    }
    if (rerun) this.#run(nowUs);
  }

  /** Cancels the parent: working children are canceled and the remainder is not executed. */
  cancel(nowUs: number): void {
    this.#stop('CANCELED');
    this.#run(nowUs);
  }

  // ---- the loop ---------------------------------------------------------------------------

  /**
   * Runs {@link #step} until nothing changes. Child events arrive synchronously inside
   * `submit`/`cancel` with a synchronous venue: those nested calls only flag another pass,
   * so the algorithm never acts on a half-updated view of itself.
   */
  #run(nowUs: number): void {
    this.#now = Math.max(this.#now, nowUs);
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      let passes = 0;
      do {
        this.#again = false;
        if (++passes > 1_000_000) throw new InvariantError(`algorithm ${this.parent.id} does not settle`);
        this.#step(this.#now);
      } while (this.#again);
    } finally {
      this.#running = false;
    }
  }

  #step(now: number): void {
    const parent = this.parent;
    if (parent.isDone) return;
    if (parent.status === 'RUNNING') {
      if (parent.filledRaw === parent.totalRaw) this.#stop('FILLED');
      else if (now >= parent.request.endUs) this.#stop('END_TIME');
      else if (now >= parent.request.startUs) this.#work(now);
    }
    if (parent.status === 'STOPPING') this.#wind(now);
  }

  /** RUNNING: close the gap between target and commitment with at most one child. */
  #work(now: number): void {
    const parent = this.parent;
    const open = parent.openChildren;
    // Wait for our cancels to be acknowledged: their remainder is still committed.
    if (open.some((c) => c.cancelRequested)) return;
    const stale = open.filter((c) => this.isStale(c, now));
    if (stale.length > 0) {
      for (const child of stale) this.#cancelChild(child);
      return;
    }
    const lotRaw = parent.grid.lotRaw;
    const committed = parent.committedRaw;
    const target = Math.min(this.targetRaw(now), parent.totalRaw);
    const gapLots = Math.floor((target - committed) / lotRaw);
    if (gapLots <= 0) return;
    const lots = Math.min(
      this.childLots(gapLots, Math.floor((parent.totalRaw - committed) / lotRaw)),
      gapLots,
    );
    if (lots <= 0) return;
    const price = this.priceNextChild();
    if (price === undefined) return;
    this.#send(lots, price, this.sliceAt(now), false, now);
  }

  /** STOPPING: cancel what works, sweep if asked, end once every child is done. */
  #wind(now: number): void {
    const parent = this.parent;
    for (const child of parent.openChildren) {
      // The sweep gets until the next call after it was sent to finish by itself.
      if (!child.cancelRequested && (!child.sweep || now > child.sentUs)) this.#cancelChild(child);
    }
    if (parent.hasOpenChildren) return;
    const r = parent.request;
    const leftLots = Math.floor((parent.totalRaw - parent.filledRaw) / parent.grid.lotRaw);
    if (parent.endReason === 'END_TIME' && r.atEnd === 'SWEEP' && !this.#sweepSent && leftLots > 0) {
      this.#sweepSent = true;
      const price: ChildPrice =
        r.limitPrice === undefined ? { type: 'MARKET' } : { type: 'LIMIT', price: r.limitPrice };
      this.#send(leftLots, price, this.sliceAt(now), true, now);
      if (parent.hasOpenChildren) return;
    }
    parent.finish(now);
    this.host.emit({
      type: 'AlgoEnded',
      parentId: parent.id,
      strategyId: parent.strategyId,
      instrumentId: parent.instrumentId,
      status: parent.status as 'COMPLETED' | 'CANCELED' | 'FAILED',
      reason: parent.endReason!,
      detail: parent.detail,
      tca: parent.report(),
      tsEvent: now,
    });
    this.host.ended(this);
  }

  #stop(reason: EndReason): void {
    this.parent.beginStop(reason);
  }

  #cancelChild(child: ChildRecord): void {
    child.cancelRequested = true;
    this.host.port.cancel(child.order);
  }

  #send(lots: number, price: ChildPrice, slice: number, sweep: boolean, now: number): void {
    const parent = this.parent;
    const r = parent.request;
    const quantity = parent.grid.quantity(lots);
    const spec: OrderSpec = {
      instrumentId: parent.instrumentId,
      side: r.side,
      type: price.type,
      quantity,
      ...(price.type === 'LIMIT' ? { price: price.price } : {}),
      // The sweep takes what it can at once and leaves nothing behind.
      ...(sweep && price.type === 'LIMIT' ? { timeInForce: 'IOC' as const } : {}),
      tags: r.tag === undefined ? `algo:${parent.id}` : `algo:${parent.id} ${r.tag}`,
    };
    const order = this.host.port.createOrder(parent.strategyId, spec);
    const child: ChildRecord = { order, slice, sweep, sentUs: now, cancelRequested: false };
    parent.addChild(child);
    this.host.track(child, this);
    this.host.emit({
      type: 'AlgoChildSent',
      parentId: parent.id,
      strategyId: parent.strategyId,
      instrumentId: parent.instrumentId,
      clientOrderId: order.clientOrderId,
      orderType: price.type,
      quantity,
      price: price.type === 'LIMIT' ? price.price : undefined,
      slice,
      sweep,
      tsEvent: now,
    });
    this.host.port.submit(order);
  }

  /** The touch to price against: the quote, else the last trade (or bar close) on both sides. */
  protected touch(): Touch {
    const { quote, trade, bar } = this.market;
    if (quote !== undefined) return { bid: quote.bidPrice, ask: quote.askPrice };
    const last =
      trade?.price ?? (bar === undefined ? undefined : Price.fromRaw(bar.closeRaw, bar.pricePrecision));
    return { bid: last, ask: last };
  }
}
