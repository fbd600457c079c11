import { BookOrderType, BookSide, BookTimeInForce } from '../../book/book-types.js';
import type { SeededRandom } from '../../../core/random.js';
import { exponentialDelayUs, uniformInt, type MarketContext, type SimAgent } from '../agent.js';
import type { NoiseConfig } from '../config.js';

/**
 * A noise trader: uninformed order flow. It wakes as a Poisson process (`rate` per second) and,
 * chosen by weight, places a limit order on a random side around the mid, sends a market order,
 * or cancels one of its live orders at random.
 *
 * A limit price sits `k` ticks from the mid on the passive side (a buy at ⌊mid − k⌋, a sell at
 * ⌈mid + k⌉) with `k` exponential of mean `priceOffsetMean`, rounded down: most orders join or
 * improve the touch, a tail rests deeper in the book. Limit orders are GTD with an exponential
 * life of mean `orderLifetime` seconds, so the book does not silt up with stale noise orders.
 * Quantities are uniform in [minQuantity, maxQuantity].
 */
export class NoiseTrader implements SimAgent {
  id = 0;
  readonly kind = 'noise';
  readonly #p: NoiseConfig;
  readonly #rng: SeededRandom;
  readonly #total: number;

  constructor(
    readonly population: string,
    params: NoiseConfig,
    rng: SeededRandom,
  ) {
    this.#p = params;
    this.#rng = rng;
    this.#total = params.limitWeight + params.marketWeight + params.cancelWeight;
  }

  start(market: MarketContext): void {
    this.#wakeLater(market);
  }

  #wakeLater(market: MarketContext): void {
    market.schedule(market.now + exponentialDelayUs(this.#rng, this.#p.rate), () => this.#act(market));
  }

  #act(market: MarketContext): void {
    const p = this.#p;
    const rng = this.#rng;
    const u = rng.next() * this.#total;
    if (u < p.limitWeight) this.#placeLimit(market);
    else if (u < p.limitWeight + p.marketWeight) {
      const side = rng.next() < 0.5 ? BookSide.BUY : BookSide.SELL;
      market.submit(this, { side, type: BookOrderType.MARKET, quantity: this.#quantity() });
    } else this.#cancelOne(market);
    this.#wakeLater(market);
  }

  #placeLimit(market: MarketContext): void {
    const rng = this.#rng;
    const open = market.openOrders(this);
    if (open.size >= this.#p.maxOpenOrders) {
      const oldest = open.values().next().value as number;
      market.cancel(this, oldest);
    }
    const side = rng.next() < 0.5 ? BookSide.BUY : BookSide.SELL;
    let u = rng.next();
    while (u === 0) u = rng.next();
    const k = Math.floor(-Math.log(u) * this.#p.priceOffsetMean);
    const mid = market.referencePrice();
    const price = side === BookSide.BUY ? Math.max(1, Math.floor(mid - k)) : Math.ceil(mid + k);
    market.submit(this, {
      side,
      type: BookOrderType.LIMIT,
      price,
      quantity: this.#quantity(),
      timeInForce: BookTimeInForce.GTD,
      expireTime: market.now + exponentialDelayUs(rng, 1 / this.#p.orderLifetime),
    });
  }

  #cancelOne(market: MarketContext): void {
    const open = market.openOrders(this);
    if (open.size === 0) return;
    let pick = Math.floor(this.#rng.next() * open.size);
    for (const id of open) {
      if (pick-- === 0) {
        market.cancel(this, id);
        return;
      }
    }
  }

  #quantity(): number {
    return uniformInt(this.#rng, this.#p.minQuantity, this.#p.maxQuantity);
  }
}
