/**
 * Keeps the candle series of one instrument: completed bars from the server, plus a forming
 * candle built from live trades (or quote mids while no trade has been seen), so the chart moves
 * between bars. Times are in seconds (what the chart library wants); input times in µs.
 */
import type { BarView } from './market-data.js';

/** One candle, time in seconds since the epoch. */
export interface Candle {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** Default bar length when the bars cannot tell (fewer than two). */
const DEFAULT_INTERVAL_S = 60;
/** Keep at most this many candles (the server keeps 1,000 bars per instrument). */
const MAX_CANDLES = 2000;

export class CandleBuilder {
  readonly candles: Candle[] = [];
  #interval = DEFAULT_INTERVAL_S;

  /** Bar length in seconds, inferred from the smallest gap between loaded bars. */
  get intervalSeconds(): number {
    return this.#interval;
  }

  /** Replaces the series with these bars (any order; duplicates by time keep the last). */
  load(bars: readonly BarView[]): void {
    const byTime = new Map<number, Candle>();
    for (const b of bars) byTime.set(Math.floor(b.tsUs / 1e6), toCandle(b));
    this.candles.length = 0;
    this.candles.push(...[...byTime.values()].sort((a, b) => a.time - b.time).slice(-MAX_CANDLES));
    let gap = Infinity;
    for (let i = 1; i < this.candles.length; i++)
      gap = Math.min(gap, this.candles[i].time - this.candles[i - 1].time);
    this.#interval = Number.isFinite(gap) && gap > 0 ? gap : DEFAULT_INTERVAL_S;
  }

  /** The bucket (candle time, s) a µs timestamp falls in. */
  bucketOf(tsUs: number): number {
    const s = Math.floor(tsUs / 1e6);
    return s - (((s % this.#interval) + this.#interval) % this.#interval);
  }

  /**
   * A completed bar: replaces the candle of the same time or appends. Returns the candle, or
   * `undefined` when it is older than the last candle (the chart cannot insert in the past).
   */
  applyBar(bar: BarView): Candle | undefined {
    const c = toCandle(bar);
    const last = this.candles[this.candles.length - 1];
    if (last && c.time < last.time) return undefined;
    if (last && c.time === last.time) this.candles[this.candles.length - 1] = c;
    else this.push(c);
    return c;
  }

  /** A price print (a trade with its size, or a quote mid with size 0): updates the forming candle. */
  applyPrice(price: number, size: number, tsUs: number): Candle | undefined {
    if (!Number.isFinite(price) || !Number.isFinite(tsUs)) return undefined;
    const time = this.bucketOf(tsUs);
    const last = this.candles[this.candles.length - 1];
    const vol = Number.isFinite(size) ? size : 0;
    if (last && time < last.time) return undefined;
    if (last && time === last.time) {
      last.high = Math.max(last.high, price);
      last.low = Math.min(last.low, price);
      last.close = price;
      last.volume += vol;
      return last;
    }
    const c: Candle = { time, open: price, high: price, low: price, close: price, volume: vol };
    this.push(c);
    return c;
  }

  private push(c: Candle): void {
    this.candles.push(c);
    if (this.candles.length > MAX_CANDLES) this.candles.shift();
  }
}

function toCandle(b: BarView): Candle {
  return {
    time: Math.floor(b.tsUs / 1e6),
    open: b.open,
    high: b.high,
    low: b.low,
    close: b.close,
    volume: b.volume,
  };
}
