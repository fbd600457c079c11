import { BookOrderType, BookSide } from '../../book/book-types.js';
import type { SeededRandom } from '../../../core/random.js';
import { exponentialDelayUs, type MarketContext, type SimAgent } from '../agent.js';
import { secondsToUs, type TrendConfig } from '../config.js';

/**
 * A momentum (`kind: 'momentum'`) or mean-reversion (`kind: 'mean-reversion'`) trader. It wakes
 * as a Poisson process (`rate` per second) and compares the last trade price with the last trade
 * price `lookback` seconds earlier. When the move is at least `threshold` ticks (and not zero),
 * a momentum trader sends a market order in the direction of the move, a mean-reversion trader
 * against it, for `quantity` lots, cut so that |position| never exceeds `maxPosition`.
 */
export class TrendTrader implements SimAgent {
  id = 0;
  readonly kind: TrendConfig['kind'];
  readonly #p: TrendConfig;
  readonly #rng: SeededRandom;
  readonly #lookbackUs: number;
  readonly #direction: 1 | -1;

  constructor(
    readonly population: string,
    params: TrendConfig,
    rng: SeededRandom,
  ) {
    this.kind = params.kind;
    this.#p = params;
    this.#rng = rng;
    this.#lookbackUs = secondsToUs(params.lookback);
    this.#direction = params.kind === 'momentum' ? 1 : -1;
  }

  start(market: MarketContext): void {
    this.#wakeLater(market);
  }

  #wakeLater(market: MarketContext): void {
    market.schedule(market.now + exponentialDelayUs(this.#rng, this.#p.rate), () => this.#act(market));
  }

  #act(market: MarketContext): void {
    this.#wakeLater(market);
    const last = market.book.lastTradePrice();
    const then = market.tradePriceAt(market.now - this.#lookbackUs);
    if (last === undefined || then === undefined) return;
    const move = last - then;
    if (move === 0 || Math.abs(move) < this.#p.threshold) return;
    const buy = Math.sign(move) * this.#direction > 0;
    const position = market.position(this);
    const room = buy ? this.#p.maxPosition - position : this.#p.maxPosition + position;
    const quantity = Math.min(this.#p.quantity, room);
    if (quantity <= 0) return;
    market.submit(this, { side: buy ? BookSide.BUY : BookSide.SELL, type: BookOrderType.MARKET, quantity });
  }
}
