import { BookOrderType, BookSide, BookTimeInForce } from '../../book/book-types.js';
import type { SeededRandom } from '../../../core/random.js';
import { exponentialDelayUs, type MarketContext, type SimAgent } from '../agent.js';
import type { InformedConfig } from '../config.js';

/**
 * An informed trader: it sees the latent fundamental value V (a random walk the rest of the
 * market does not see) and trades when the book is mispriced by more than `threshold` ticks. It
 * wakes as a Poisson process (`rate` per second); when V − best ask > threshold it buys, when
 * best bid − V > threshold it sells, `quantity` lots (|position| ≤ `maxPosition`), with an IOC
 * limit at ⌊V − threshold⌋ (buy) or ⌈V + threshold⌉ (sell): it takes every level still
 * mispriced by more than the threshold and no more. Its flow is what pulls the price towards V
 * and what makes market makers' fills adversely selected.
 */
export class InformedTrader implements SimAgent {
  id = 0;
  readonly kind = 'informed';
  readonly #p: InformedConfig;
  readonly #rng: SeededRandom;

  constructor(
    readonly population: string,
    params: InformedConfig,
    rng: SeededRandom,
  ) {
    this.#p = params;
    this.#rng = rng;
  }

  start(market: MarketContext): void {
    this.#wakeLater(market);
  }

  #wakeLater(market: MarketContext): void {
    market.schedule(market.now + exponentialDelayUs(this.#rng, this.#p.rate), () => this.#act(market));
  }

  #act(market: MarketContext): void {
    this.#wakeLater(market);
    const value = market.fundamental();
    const { threshold, quantity, maxPosition } = this.#p;
    const position = market.position(this);
    const ask = market.book.bestAsk();
    if (ask !== undefined && value - ask > threshold) {
      const qty = Math.min(quantity, maxPosition - position);
      if (qty > 0) this.#take(market, BookSide.BUY, Math.floor(value - threshold), qty);
      return;
    }
    const bid = market.book.bestBid();
    if (bid !== undefined && bid - value > threshold) {
      const qty = Math.min(quantity, maxPosition + position);
      if (qty > 0) this.#take(market, BookSide.SELL, Math.max(1, Math.ceil(value + threshold)), qty);
    }
  }

  #take(market: MarketContext, side: BookSide, price: number, quantity: number): void {
    market.submit(this, {
      side,
      type: BookOrderType.LIMIT,
      price,
      quantity,
      timeInForce: BookTimeInForce.IOC,
    });
  }
}
