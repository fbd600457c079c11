import type { LiquiditySide } from '../../model/orders/order-enums.js';
import type {
  BookEvent,
  BookLevel,
  BookReason,
  BookSide,
  ModifyOrder,
  NewOrder,
} from '../book/book-types.js';

/** One of our fills, as a backend reports it (before the venue adds fees and cumulative quantities). */
export interface OurFill {
  readonly kind: 'fill';
  readonly id: number;
  readonly tradeId: number;
  /** Ticks. */
  readonly price: number;
  readonly quantity: number;
  readonly liquidity: LiquiditySide;
  /** Open lots left. */
  readonly leaves: number;
  readonly time: number;
}

/**
 * What a venue backend reports, before the venue adds fees, cumulative quantities and latency.
 * Ids are ours (the venue's caller's order ids).
 */
export type BackendEvent =
  // The book's own events of these kinds pass through as they are.
  | Extract<BookEvent, { kind: 'accepted' | 'rejected' | 'triggered' | 'modified' }>
  | OurFill
  | {
      readonly kind: 'canceled' | 'expired';
      readonly id: number;
      readonly reason: BookReason;
      readonly remaining: number;
      readonly time: number;
    }
  // public market data
  | {
      readonly kind: 'trade';
      readonly tradeId: number;
      readonly price: number;
      readonly quantity: number;
      readonly aggressor: BookSide;
      readonly time: number;
    }
  | {
      readonly kind: 'depth';
      readonly bids: readonly BookLevel[];
      readonly asks: readonly BookLevel[];
      readonly time: number;
    }
  | {
      readonly kind: 'level';
      readonly side: BookSide;
      readonly price: number;
      readonly quantity: number;
      readonly time: number;
    };

/**
 * The matching behind one instrument of a simulated venue: an order book shared with outside
 * order flow, or an L2 fill simulator. It acts on our commands when they arrive (the venue has
 * already applied the latency) and reports through the sink it was built with, synchronously,
 * after each call has finished.
 */
export interface VenueBackend {
  submit(order: NewOrder, time: number): void;
  modify(change: ModifyOrder, time: number): void;
  cancel(id: number, time: number): void;
  /** Cancels all our live orders (of one side when given). */
  cancelAll(side: BookSide | undefined, time: number): void;
  /** Moves time forward (expiries). */
  advanceTime(time: number): void;
}

/** Where a backend sends its events. */
export type BackendSink = (event: BackendEvent) => void;
