/**
 * What the market simulator records. Prices are integer ticks, quantities integer lots, times
 * integer microseconds since the Unix epoch (as everywhere in the matching core).
 */
import type { BookEvent, BookLevel, BookOptions, BookSide, MatchingBook } from '../book/book-types.js';

/** Makes the book the simulator drives (the fast `OrderBook` in real runs). */
export type BookFactory = (options: BookOptions) => MatchingBook;

/** One execution, with the agents on both sides. */
export interface SimTrade {
  readonly time: number;
  readonly tradeId: number;
  readonly price: number;
  readonly quantity: number;
  /** The taker's side. */
  readonly aggressor: BookSide;
  readonly makerAgent: number;
  readonly takerAgent: number;
  readonly makerOrder: number;
  readonly takerOrder: number;
}

/** A periodic L2 picture: the best `levels` displayed levels of each side, best first. */
export interface L2Snapshot {
  readonly time: number;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/**
 * One L3 (market-by-order) record: a book event, with the submitted order's fields added to
 * `accepted` (the book's event carries only the id) so a consumer can rebuild the book.
 */
export interface L3Record {
  readonly time: number;
  readonly event: BookEvent['kind'];
  /** The order concerned; for a trade, the maker. */
  readonly orderId: number;
  /** Owner of `orderId` (0 if unknown). */
  readonly agent: number;
  readonly side?: BookSide;
  readonly orderType?: string;
  readonly price?: number;
  /** accepted: order quantity; trade: traded quantity; canceled/expired: quantity removed. */
  readonly quantity?: number;
  /** For a trade: the taker order and its agent. */
  readonly otherOrder?: number;
  readonly otherAgent?: number;
  readonly reason?: string;
}

/** Receives the simulator's records as they happen (so long runs need not hold them in memory). */
export interface SimulationRecorder {
  trade(trade: SimTrade): void;
  snapshot(snapshot: L2Snapshot): void;
  /** Called only when L3 recording is on. */
  l3?(record: L3Record): void;
}

/** Per-agent account and activity over a run. Cash is in ticks×lots (price × quantity). */
export interface AgentResult {
  readonly agent: number;
  readonly population: string;
  readonly kind: string;
  readonly ordersSubmitted: number;
  readonly fills: number;
  readonly makerVolume: number;
  readonly takerVolume: number;
  readonly boughtVolume: number;
  readonly soldVolume: number;
  /** Lots, + long / − short, at the end. */
  readonly finalPosition: number;
  readonly maxAbsPosition: number;
  readonly cash: number;
  /** cash + finalPosition × final mark, in ticks×lots. */
  readonly pnlTicks: number;
}

/** The same figures summed over the agents of one population (`maxAbsPosition`: the largest of one agent). */
export interface PopulationResult extends Omit<AgentResult, 'agent'> {
  readonly agents: number;
}

/** Summary of a run. */
export interface SimulationSummary {
  readonly startTime: number;
  readonly endTime: number;
  readonly trades: number;
  readonly volume: number;
  /** Mid (or fallback reference) used to mark positions at the end, in ticks. */
  readonly finalMark: number;
  /** The latent fundamental value at the end, in ticks. */
  readonly finalFundamental: number;
  readonly firstTradePrice?: number;
  readonly lastTradePrice?: number;
  /** Time-averaged quoted spread in ticks over the snapshots where both sides existed. */
  readonly averageSpread?: number;
  /** Fraction of snapshots with both sides present. */
  readonly twoSidedFraction: number;
  readonly agents: readonly AgentResult[];
  readonly populations: readonly PopulationResult[];
}
