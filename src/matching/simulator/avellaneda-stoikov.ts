/**
 * The Avellaneda–Stoikov market maker ("High-frequency trading in a limit order book", 2008), as
 * a participant of the market simulator.
 *
 * With mid s, inventory q (lots), risk aversion γ, mid volatility σ (ticks/√s), time left τ = T − t
 * (seconds) and order-arrival decay κ (fills arrive at intensity A·e^(−κ·δ) at δ ticks from the
 * mid):
 *
 *   reservation price  r = s − q·γ·σ²·τ
 *   total spread       δ = γ·σ²·τ + (2/γ)·ln(1 + γ/κ)
 *   quotes             bid = r − δ/2, ask = r + δ/2
 *
 * Choices where the paper leaves room (docs/simulator.md):
 * - τ: with `horizon: 'session'` it counts down to the end of the run (the paper's finite
 *   horizon); a number of seconds keeps τ fixed (the usual reading for a market that does not
 *   close: the inventory risk over the next `horizon` seconds), the default.
 * - σ: the `sigma` parameter, or estimated online from the mid sampled at each timed requote.
 * - Prices: the bid is rounded down and the ask up to the tick grid (away from the mid), then
 *   kept passive (bid < best ask, ask > best bid) and sent post-only, so the strategy only ever
 *   provides liquidity.
 * - Inventory limit: a side is not quoted when a full fill would take |q| past `maxInventory`.
 * - It requotes every `requoteInterval` seconds and `reactionTime` seconds after a fill.
 */
import { BookOrderType, BookSide } from '../book/book-types.js';
import type { AgentFill, MarketContext, SimAgent } from './agent.js';
import { secondsToUs, type AvellanedaStoikovParams } from './config.js';
import { ticksToMoney } from './money.js';
import { MarkoutTracker, type MarkoutResult } from './markout-tracker.js';
import { VolatilityEstimator } from './volatility-estimator.js';

/** Inputs of the quote formulas (ticks, lots, seconds). */
export interface AvellanedaStoikovInputs {
  readonly mid: number;
  readonly inventory: number;
  readonly gamma: number;
  readonly sigma: number;
  /** T − t in seconds. */
  readonly tau: number;
  readonly kappa: number;
}

/** The unrounded quotes of the model. */
export interface AvellanedaStoikovQuote {
  readonly reservationPrice: number;
  /** Total spread δ (ask − bid), ticks. */
  readonly spread: number;
  readonly bid: number;
  readonly ask: number;
}

/** r = s − q·γ·σ²·τ. */
export function reservationPrice(
  mid: number,
  inventory: number,
  gamma: number,
  sigma: number,
  tau: number,
): number {
  return mid - inventory * gamma * sigma * sigma * tau;
}

/** δ = γ·σ²·τ + (2/γ)·ln(1 + γ/κ). */
export function optimalSpread(gamma: number, sigma: number, tau: number, kappa: number): number {
  return gamma * sigma * sigma * tau + (2 / gamma) * Math.log1p(gamma / kappa);
}

/** Both quotes, unrounded: r ∓ δ/2. */
export function avellanedaStoikovQuote(x: AvellanedaStoikovInputs): AvellanedaStoikovQuote {
  const r = reservationPrice(x.mid, x.inventory, x.gamma, x.sigma, x.tau);
  const spread = optimalSpread(x.gamma, x.sigma, x.tau, x.kappa);
  return { reservationPrice: r, spread, bid: r - spread / 2, ask: r + spread / 2 };
}

/**
 * Rounds quotes to the tick grid away from the mid (bid down, ask up), then keeps them passive
 * against the other side's best price when given (bid ≤ best ask − 1, ask ≥ best bid + 1). A bid
 * below 1 tick cannot be sent; the caller skips it.
 */
export function roundQuotes(
  bid: number,
  ask: number,
  bestBid?: number,
  bestAsk?: number,
): { readonly bid: number; readonly ask: number } {
  let b = Math.floor(bid);
  let a = Math.ceil(ask);
  // Clamping only lowers the bid and raises the ask, so ask > bid survives it.
  if (bestAsk !== undefined && b >= bestAsk) b = bestAsk - 1;
  if (bestBid !== undefined && a <= bestBid) a = bestBid + 1;
  if (a <= b) a = b + 1;
  return { bid: b, ask: a };
}

/** Lots to quote a side: `size`, or 0 when a full fill would take |inventory| past `maxInventory`. */
export function quoteSizes(
  size: number,
  inventory: number,
  maxInventory: number,
): { readonly bid: number; readonly ask: number } {
  return {
    bid: inventory + size <= maxInventory ? size : 0,
    ask: inventory - size >= -maxInventory ? size : 0,
  };
}

/** What the strategy reports after a run (`strategy.json`). */
export interface AvellanedaStoikovReport {
  readonly strategy: 'avellaneda-stoikov';
  readonly params: AvellanedaStoikovParams;
  readonly pnl: {
    /** cash + inventory × final mid, in ticks×lots. */
    readonly ticks: number;
    /** The same in money: ticks × tickSize × lotSize. */
    readonly value: number;
    readonly currency: string;
    /** Cash from fills, ticks×lots. */
    readonly cashTicks: number;
    readonly finalMid: number;
  };
  readonly inventory: { readonly final: number; readonly maxAbs: number; readonly limit: number };
  readonly fills: {
    readonly count: number;
    readonly quantity: number;
    readonly bought: number;
    readonly sold: number;
  };
  readonly quotes: {
    /** Quote orders accepted by the book. */
    readonly count: number;
    readonly quantity: number;
    /** Mean quoted spread (ask − bid, ticks) over requotes that quoted both sides. */
    readonly averageSpreadTicks: number | null;
  };
  readonly fillRate: {
    /** Filled lots / quoted lots. */
    readonly byQuantity: number | null;
    /** Fill events / quote orders (a quote filled in three pieces counts three). */
    readonly byCount: number | null;
  };
  readonly adverseSelection: readonly MarkoutResult[];
  /** σ in use at the end (ticks/√s), and whether it was estimated. */
  readonly sigma: { readonly final: number; readonly estimated: boolean };
}

/** The Avellaneda–Stoikov market maker as a simulation participant; see the file comment. */
export class AvellanedaStoikovMaker implements SimAgent {
  id = 0;
  readonly kind = 'avellaneda-stoikov';
  readonly #p: AvellanedaStoikovParams;
  readonly #intervalUs: number;
  readonly #reactionUs: number;
  readonly #sigma: VolatilityEstimator;
  readonly #markouts: MarkoutTracker;
  #requotePending = false;

  #cash = 0;
  #inventory = 0;
  #maxAbsInventory = 0;
  #fills = 0;
  #filled = 0;
  #bought = 0;
  #sold = 0;
  #quotes = 0;
  #quoted = 0;
  #spreadSum = 0;
  #twoSidedQuotes = 0;
  #lastSigma: number;

  constructor(
    params: AvellanedaStoikovParams,
    readonly population = 'strategy',
  ) {
    this.#p = params;
    this.#intervalUs = secondsToUs(params.requoteInterval);
    this.#reactionUs = secondsToUs(params.reactionTime);
    this.#sigma = new VolatilityEstimator(params.sigmaWindow, params.sigmaWarmup);
    this.#markouts = new MarkoutTracker(params.markouts);
    this.#lastSigma = params.sigma ?? params.sigmaPrior;
  }

  /** Current inventory in lots. */
  get inventory(): number {
    return this.#inventory;
  }

  start(market: MarketContext): void {
    market.schedule(market.now, () => this.#onTimer(market));
  }

  onFill(fill: AgentFill, market: MarketContext): void {
    const notional = fill.price * fill.quantity;
    if (fill.side === BookSide.BUY) {
      this.#inventory += fill.quantity;
      this.#cash -= notional;
      this.#bought += fill.quantity;
    } else {
      this.#inventory -= fill.quantity;
      this.#cash += notional;
      this.#sold += fill.quantity;
    }
    this.#maxAbsInventory = Math.max(this.#maxAbsInventory, Math.abs(this.#inventory));
    this.#fills++;
    this.#filled += fill.quantity;
    this.#markouts.track(fill, market);
    if (this.#requotePending) return;
    this.#requotePending = true;
    market.schedule(market.now + this.#reactionUs, () => {
      this.#requotePending = false;
      this.#requote(market, false);
    });
  }

  onOrderClosed(_orderId: number, reason: string): void {
    // Quotes are kept passive, so a post-only rejection means a bug in the clamping.
    if (reason === 'POST_ONLY_WOULD_CROSS')
      throw new Error('avellaneda-stoikov: a passive quote would cross');
  }

  #onTimer(market: MarketContext): void {
    this.#requote(market, true);
    market.schedule(market.now + this.#intervalUs, () => this.#onTimer(market));
  }

  /** Cancels both quotes and posts new ones; `sample`: feed this mid to the σ estimator (timed requotes only, so samples are evenly spaced). */
  #requote(market: MarketContext, sample: boolean): void {
    const p = this.#p;
    market.cancelAll(this);
    // The mid without our own quotes: quoting around our own quotes would compound the skew.
    const mid = market.referencePrice();
    if (sample) this.#sigma.update(market.now, mid);
    const sigma = p.sigma ?? this.#sigma.sigma(p.sigmaPrior);
    this.#lastSigma = sigma;
    const tau = p.horizon === 'session' ? Math.max(0, market.endTime - market.now) / 1_000_000 : p.horizon;
    const quote = avellanedaStoikovQuote({
      mid,
      inventory: this.#inventory,
      gamma: p.gamma,
      sigma,
      tau,
      kappa: p.kappa,
    });
    const sizes = quoteSizes(p.size, this.#inventory, p.maxInventory);
    const { bid, ask } = roundQuotes(quote.bid, quote.ask, market.book.bestBid(), market.book.bestAsk());
    if (sizes.bid > 0 && bid >= 1) this.#post(market, BookSide.BUY, bid, sizes.bid);
    if (sizes.ask > 0) this.#post(market, BookSide.SELL, ask, sizes.ask);
    if (sizes.bid > 0 && bid >= 1 && sizes.ask > 0) {
      this.#spreadSum += ask - bid;
      this.#twoSidedQuotes++;
    }
  }

  #post(market: MarketContext, side: BookSide, price: number, quantity: number): void {
    this.#quotes++;
    this.#quoted += quantity;
    market.submit(this, { side, type: BookOrderType.LIMIT, price, quantity, postOnly: true });
  }

  /**
   * The results after a run.
   *
   * @param finalMid the mark for the remaining inventory (the summary's `finalMark`)
   * @param money what a tick×lot is worth: tickSize × lotSize, and the currency
   */
  report(
    finalMid: number,
    money: { tickSize: number; lotSize: number; currency: string },
  ): AvellanedaStoikovReport {
    const pnlTicks = this.#cash + this.#inventory * finalMid;
    return {
      strategy: 'avellaneda-stoikov',
      params: this.#p,
      pnl: {
        ticks: pnlTicks,
        value: ticksToMoney(pnlTicks, money.tickSize, money.lotSize),
        currency: money.currency,
        cashTicks: this.#cash,
        finalMid,
      },
      inventory: { final: this.#inventory, maxAbs: this.#maxAbsInventory, limit: this.#p.maxInventory },
      fills: { count: this.#fills, quantity: this.#filled, bought: this.#bought, sold: this.#sold },
      quotes: {
        count: this.#quotes,
        quantity: this.#quoted,
        averageSpreadTicks: this.#twoSidedQuotes > 0 ? this.#spreadSum / this.#twoSidedQuotes : null,
      },
      fillRate: {
        byQuantity: this.#quoted > 0 ? this.#filled / this.#quoted : null,
        byCount: this.#quotes > 0 ? this.#fills / this.#quotes : null,
      },
      adverseSelection: this.#markouts.results(),
      sigma: { final: this.#lastSigma, estimated: this.#p.sigma === undefined },
    };
  }
}
