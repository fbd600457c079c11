import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { OrderEvent, OrderFilled } from '../../model/events/order-events.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { TradeId, VenueOrderId } from '../../model/identifiers/order-ids.js';
import type { Order } from '../../model/orders/order.js';
import type { Currency } from '../../model/types/currency.js';
import { Money } from '../../model/types/money.js';
import type { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { Clock } from '../../core/clock.js';
import type { ExecutionClient } from '../execution-client.js';

/** How much of an order may fill now, raw at the order's precision (≤ its leaves). */
export type FillPolicy = (order: Order, leavesRaw: number) => number;

/**
 * A minimal venue for exercising execution algorithms on the real order path: orders
 * fill against the current quote (a buy at the ask when its limit reaches it, market
 * orders at the far touch), the rest rests until a quote or a trade reaches it, and
 * cancels are acknowledged at once — or held until {@link flushCancels} to model a venue
 * that answers later. Deterministic; no queue, no depth, no latency.
 */
export class TouchFillClient implements ExecutionClient {
  #report: (event: OrderEvent) => void = () => {
    throw new Error('TouchFillClient used before connect');
  };
  readonly #quotes = new Map<InstrumentId, QuoteTick>();
  readonly #resting: Order[] = [];
  readonly #heldCancels: Order[] = [];
  #ids = 0;
  /** Orders the algorithms sent, in order. */
  readonly submitted: Order[] = [];
  /** Hold cancels until {@link flushCancels}. */
  holdCancels = false;
  /** Reject this many of the next submissions. */
  rejectNext = 0;
  /** Caps each fill (default: the whole leaves quantity). */
  fillPolicy: FillPolicy = (_order, leavesRaw) => leavesRaw;

  constructor(
    readonly venue: string,
    private readonly clock: Clock,
    private readonly currency: Currency,
  ) {}

  connect(report: (event: OrderEvent) => void): void {
    this.#report = report;
  }

  submitOrder(order: Order): void {
    this.submitted.push(order);
    const now = this.clock.timestampUs();
    if (this.rejectNext > 0) {
      this.rejectNext--;
      this.#report({
        type: 'OrderRejected',
        ...this.#base(order),
        code: 'TEST_REJECT',
        reason: 'rejected by test',
      });
      return;
    }
    this.#report({
      type: 'OrderAccepted',
      ...this.#base(order),
      venueOrderId: `V-${order.clientOrderId}` as VenueOrderId,
      tsEvent: now,
    });
    const quote = this.#quotes.get(order.instrumentId);
    if (quote !== undefined) this.#matchQuote(order, quote);
    if (order.isTerminal) return;
    if (order.type === 'MARKET' || order.spec.timeInForce === 'IOC') {
      this.#report({ type: 'OrderCanceled', ...this.#base(order) });
      return;
    }
    this.#resting.push(order);
  }

  cancelOrder(order: Order): void {
    if (this.holdCancels) this.#heldCancels.push(order);
    else this.#cancel(order);
  }

  /** Acknowledges the held cancels (orders that filled meanwhile are skipped). */
  flushCancels(): void {
    for (const order of this.#heldCancels.splice(0)) this.#cancel(order);
  }

  /** A new quote: resting orders it reaches fill at its touch. */
  setQuote(quote: QuoteTick): void {
    this.#quotes.set(quote.instrumentId, quote);
    for (const order of [...this.#resting]) {
      if (order.instrumentId === quote.instrumentId) this.#matchQuote(order, quote);
    }
    this.#dropDone();
  }

  /** A market trade at `price`: resting orders it goes through fill at their limit, up to `size` in total. */
  trade(instrumentId: InstrumentId, price: Price, size: Quantity): void {
    // Children of one instrument share its size precision.
    let leftRaw: number | undefined;
    for (const order of [...this.#resting]) {
      if (order.instrumentId !== instrumentId || order.spec.price === undefined) continue;
      leftRaw ??= size.rawAt(order.quantity.precision);
      if (leftRaw <= 0) break;
      const limit = order.spec.price;
      const reached = order.side === 'BUY' ? limit.compare(price) >= 0 : limit.compare(price) <= 0;
      if (reached) leftRaw -= this.#fill(order, limit, Math.min(order.leavesQty.raw, leftRaw));
    }
    this.#dropDone();
  }

  /** Orders resting now. */
  get resting(): readonly Order[] {
    return this.#resting.filter((o) => !o.isTerminal);
  }

  #matchQuote(order: Order, quote: QuoteTick): void {
    const buy = order.side === 'BUY';
    const touch = buy ? quote.askPrice : quote.bidPrice;
    const marketable =
      order.type === 'MARKET' ||
      (order.spec.price !== undefined &&
        (buy ? order.spec.price.compare(touch) >= 0 : order.spec.price.compare(touch) <= 0));
    if (marketable) this.#fill(order, touch, order.leavesQty.raw);
  }

  /** Fills up to `maxRaw` as the policy allows; returns the raw quantity filled. */
  #fill(order: Order, price: Price, maxRaw: number): number {
    const raw = Math.min(maxRaw, this.fillPolicy(order, order.leavesQty.raw));
    if (raw <= 0) return 0;
    const fill: OrderFilled = {
      type: 'OrderFilled',
      ...this.#base(order),
      venueOrderId: `V-${order.clientOrderId}` as VenueOrderId,
      tradeId: `T-${++this.#ids}` as TradeId,
      side: order.side,
      lastQty: Quantity.fromRaw(raw, order.quantity.precision),
      lastPx: price,
      commission: Money.zero(this.currency),
      liquiditySide: 'TAKER',
    };
    this.#report(fill);
    return raw;
  }

  #cancel(order: Order): void {
    if (order.isTerminal) return;
    this.#report({ type: 'OrderCanceled', ...this.#base(order) });
    this.#dropDone();
  }

  #dropDone(): void {
    for (let i = this.#resting.length - 1; i >= 0; i--) {
      if (this.#resting[i].isTerminal) this.#resting.splice(i, 1);
    }
  }

  #base(order: Order) {
    const now = this.clock.timestampUs();
    return {
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent: now,
      tsInit: now,
    };
  }
}
