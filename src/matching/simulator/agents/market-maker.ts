import { BookOrderType, BookSide } from '../../book/book-types.js';
import type { SeededRandom } from '../../../core/random.js';
import type { MarketContext, SimAgent } from '../agent.js';
import { secondsToUs, type MarketMakerConfig } from '../config.js';

/**
 * A simple market maker: quotes `levels` levels of `size` lots a side around the mid, requotes
 * on a timer (every `requoteInterval` × U[0.5, 1.5] seconds, so makers do not move in lockstep)
 * and `reactionTime` seconds after a fill.
 *
 * A requote cancels all its orders first and reads the mid of what is left: quoting around a mid
 * that includes its own quotes would feed its inventory skew back into itself on every requote.
 * The centre is mid − skew × position (a long maker leans lower to sell), the innermost bid
 * ⌊centre − spread/2⌋ and ask ⌈centre + spread/2⌉, kept passive (bid < best ask, ask > best bid,
 * post-only). Quantity on a side is capped so that filling everything quoted there keeps
 * |position| ≤ `maxPosition`.
 */
export class MarketMaker implements SimAgent {
  id = 0;
  readonly kind = 'market-maker';
  readonly #p: MarketMakerConfig;
  readonly #rng: SeededRandom;
  readonly #intervalUs: number;
  readonly #reactionUs: number;
  #requotePending = false;

  constructor(
    readonly population: string,
    params: MarketMakerConfig,
    rng: SeededRandom,
  ) {
    this.#p = params;
    this.#rng = rng;
    this.#intervalUs = secondsToUs(params.requoteInterval);
    this.#reactionUs = secondsToUs(params.reactionTime);
  }

  start(market: MarketContext): void {
    // Quote at once so the book is two-sided from the first microsecond.
    market.schedule(market.now, () => this.#onTimer(market));
  }

  onFill(_fill: unknown, market: MarketContext): void {
    if (this.#requotePending) return;
    this.#requotePending = true;
    market.schedule(market.now + this.#reactionUs, () => {
      this.#requotePending = false;
      this.#requote(market);
    });
  }

  #onTimer(market: MarketContext): void {
    this.#requote(market);
    const wait = Math.max(1, Math.round(this.#intervalUs * (0.5 + this.#rng.next())));
    market.schedule(market.now + wait, () => this.#onTimer(market));
  }

  #requote(market: MarketContext): void {
    const p = this.#p;
    market.cancelAll(this);
    const position = market.position(this);
    const centre = market.referencePrice() - p.skew * position;
    let bid = Math.floor(centre - p.spread / 2);
    let ask = Math.ceil(centre + p.spread / 2);
    if (ask <= bid) ask = bid + 1;
    const bestAsk = market.book.bestAsk();
    if (bestAsk !== undefined && bid >= bestAsk) bid = bestAsk - 1;
    let bidRoom = p.maxPosition - position;
    for (let level = 0; level < p.levels && bidRoom > 0; level++) {
      const price = bid - level * p.levelSpacing;
      if (price < 1) break;
      const quantity = Math.min(p.size, bidRoom);
      bidRoom -= quantity;
      this.#post(market, BookSide.BUY, price, quantity);
    }
    const bestBid = market.book.bestBid();
    if (bestBid !== undefined && ask <= bestBid) ask = bestBid + 1;
    let askRoom = p.maxPosition + position;
    for (let level = 0; level < p.levels && askRoom > 0; level++) {
      const quantity = Math.min(p.size, askRoom);
      askRoom -= quantity;
      this.#post(market, BookSide.SELL, ask + level * p.levelSpacing, quantity);
    }
  }

  #post(market: MarketContext, side: BookSide, price: number, quantity: number): void {
    market.submit(this, { side, type: BookOrderType.LIMIT, price, quantity, postOnly: true });
  }
}
