/**
 * The contract between the simulator and its participants. An agent acts only from actions it
 * scheduled itself (wake-ups); fills and closed orders are reported to it after each book
 * command, and in those callbacks it may update its state and schedule wake-ups but must not send
 * orders (the simulator throws if it tries): that keeps every book command a top-level step and
 * the run a simple function of the seed.
 */
import type { BookOrderType, BookSide, BookTimeInForce, MatchingBook } from '../book/book-types.js';
import type { SeededRandom } from '../../core/random.js';

/** What an agent reads from the book: its queries, no commands. */
export type BookReader = Pick<
  MatchingBook,
  'bestBid' | 'bestAsk' | 'spread' | 'mid' | 'depth' | 'order' | 'lastTradePrice' | 'imbalance'
>;

/** An order as an agent sends it: the simulator adds the id and the owner. */
export interface AgentOrder {
  readonly side: BookSide;
  readonly type: typeof BookOrderType.LIMIT | typeof BookOrderType.MARKET;
  readonly quantity: number;
  readonly price?: number;
  readonly timeInForce?: BookTimeInForce;
  readonly postOnly?: boolean;
  /** GTD only: when the order expires (µs). */
  readonly expireTime?: number;
}

/** One execution of one of the agent's orders. */
export interface AgentFill {
  readonly time: number;
  readonly orderId: number;
  /** The agent's side in this trade. */
  readonly side: BookSide;
  readonly price: number;
  readonly quantity: number;
  /** Open quantity of the agent's order after this trade. */
  readonly remaining: number;
  /** True when the agent's order was resting (it provided liquidity). */
  readonly maker: boolean;
  /** The book's mid just before the command that caused the trade (reference price if one-sided). */
  readonly midBefore: number;
}

/** The market as an agent sees it, and the commands it may send. */
export interface MarketContext {
  /** Current simulation time (µs). */
  readonly now: number;
  /** Start and end of the run (µs). */
  readonly startTime: number;
  readonly endTime: number;
  readonly book: BookReader;
  /**
   * The book's mid when both sides exist, else the one side's best price, else the last trade,
   * else the configured initial price: always defined, so agents can price in a thin book.
   */
  referencePrice(): number;
  /** The latent fundamental value (ticks, fractional). Only informed traders are meant to look. */
  fundamental(): number;
  /** The last trade price at or before `time`, if any trade happened by then (within the kept history). */
  tradePriceAt(time: number): number | undefined;
  /** Runs `action` at `time` (≥ now, µs); actions due at the same time run in scheduling order. */
  schedule(time: number, action: () => void): void;
  /** Sends an order now; returns its id. Fills (also immediate ones) arrive through `onFill`. */
  submit(agent: SimAgent, order: AgentOrder): number;
  cancel(agent: SimAgent, orderId: number): void;
  /** Cancels all of the agent's live orders (of one side when given). */
  cancelAll(agent: SimAgent, side?: BookSide): void;
  /** The agent's live order ids, oldest first. */
  openOrders(agent: SimAgent): ReadonlySet<number>;
  /** The agent's position in lots (+ long / − short). */
  position(agent: SimAgent): number;
}

/** A participant of the simulation. */
export interface SimAgent {
  /** Owner id in the book (≥ 1, unique); set by the simulator before `start`. */
  id: number;
  /** Name of the population it belongs to. */
  readonly population: string;
  /** Kind of agent (noise, momentum, ..., avellaneda-stoikov). */
  readonly kind: string;
  /** Called once at the start time: schedule the first wake-up here. */
  start(market: MarketContext): void;
  /** One of its orders traded (no orders may be sent from here). */
  onFill?(fill: AgentFill, market: MarketContext): void;
  /** One of its orders left the book without trading fully (canceled, rejected, expired). */
  onOrderClosed?(orderId: number, reason: string, market: MarketContext): void;
}

/** Exponential waiting time with the given rate (events per second), in whole µs (at least 1). */
export function exponentialDelayUs(rng: SeededRandom, ratePerSecond: number): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.max(1, Math.round((-Math.log(u) / ratePerSecond) * 1_000_000));
}

/** A uniform integer in [min, max]. */
export function uniformInt(rng: SeededRandom, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}
