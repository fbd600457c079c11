import type { LiquiditySide } from '../../model/orders/order-enums.js';
import type { BookLevel, BookReason, BookSide } from '../book/book-types.js';

/**
 * What a simulated venue tells us: execution reports about our own orders and public market
 * data. Every message has `time` (when it happened at the venue, µs) and `receiveTime` (when
 * it reached us: `time` plus the report or market-data latency).
 */
interface Timed {
  /**
   * The instrument's id text, e.g. `BTCUSDT.BINANCE` (empty in the rejection of a cancel or
   * modify of an id we never sent: the venue cannot tell which instrument was meant).
   */
  readonly instrument: string;
  readonly time: number;
  readonly receiveTime: number;
}

/** Which of our commands a rejection refers to. */
export type VenueCommandKind = 'submit' | 'modify' | 'cancel';

/** An execution report about one of our orders; `id` is our order id. */
export type VenueReport =
  | (Timed & { readonly kind: 'accepted'; readonly id: number })
  | (Timed & {
      readonly kind: 'rejected';
      readonly id: number;
      readonly command: VenueCommandKind;
      /** The book's stable reason code (e.g. UNKNOWN_ORDER for a cancel that came too late). */
      readonly reason: BookReason;
      readonly message: string;
    })
  | (Timed & { readonly kind: 'triggered'; readonly id: number; readonly price?: number })
  | (Timed & {
      readonly kind: 'filled';
      readonly id: number;
      /** The venue's trade id (unique per instrument). */
      readonly tradeId: number;
      /** Ticks. */
      readonly price: number;
      /** Lots in this fill. */
      readonly quantity: number;
      readonly liquidity: LiquiditySide;
      /** price × quantity in the quote currency's smallest units. */
      readonly notional: number;
      /** Smallest units; negative = rebate. */
      readonly fee: number;
      /** Cumulative filled lots of the order after this fill. */
      readonly filled: number;
      /** Lots still open after this fill (0: the order is done). */
      readonly leaves: number;
    })
  | (Timed & {
      readonly kind: 'modified';
      readonly id: number;
      readonly price?: number;
      readonly triggerPrice?: number;
      /** New total quantity. */
      readonly quantity: number;
      readonly leaves: number;
      readonly lostPriority: boolean;
    })
  | (Timed & {
      readonly kind: 'canceled' | 'expired';
      readonly id: number;
      readonly reason: BookReason;
      /** Open lots that left the book. */
      readonly canceled: number;
      /** Cumulative filled lots (final). */
      readonly filled: number;
    });

/**
 * Public market data. Book-backed instruments send `depth` (the best N displayed levels a side,
 * whenever they changed); L2-data instruments pass on each `level` update as fed. Both send
 * every `trade`, ours included.
 */
export type MarketDataEvent =
  | (Timed & {
      readonly kind: 'trade';
      readonly tradeId: number;
      readonly price: number;
      readonly quantity: number;
      readonly aggressor: BookSide;
    })
  | (Timed & {
      readonly kind: 'depth';
      readonly bids: readonly BookLevel[];
      readonly asks: readonly BookLevel[];
    })
  | (Timed & {
      readonly kind: 'level';
      readonly side: BookSide;
      readonly price: number;
      /** Displayed lots at the price; 0 = the level is gone. */
      readonly quantity: number;
    });
