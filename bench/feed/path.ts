/**
 * The measured path, wired as a live node wires it: text frame → `JSON.parse` + Binance shape
 * check → `TradeTick` (exact) → `FeedPipeline` (validation, duplicate filter, queue) → drain →
 * 1-minute `TimeBarAggregator` → `Kernel.processBar` / `processTrade` → one strategy.
 *
 * The queue is drained after every message: the latency target is about this code, not about
 * how long a caller lets events wait in the queue (`quantflow stream` drains every 20 ms, a
 * display's pace).
 */
import { binanceTradeReceiver } from '../../src/adapters/ccxt/binance-trade-message.js';
import { LiveClock } from '../../src/core/clock.js';
import { createBarAggregator } from '../../src/data/aggregation/create-bar-aggregator.js';
import type { FeedEvent } from '../../src/data/feed/feed-event.js';
import { FeedPipeline } from '../../src/data/feed/feed-pipeline.js';
import type { Bar } from '../../src/model/data/bar.js';
import type { TradeTick } from '../../src/model/data/trade-tick.js';
import { simpleInstrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { Kernel } from '../../src/system/kernel.js';
import { BTCUSDT } from './messages.js';

const ORIGIN = process.hrtime.bigint();

/**
 * Nanoseconds on the monotonic `process.hrtime` clock, from this module's loading: small enough
 * that the conversion to a double stays exact.
 */
export function nowNs(): number {
  return Number(process.hrtime.bigint() - ORIGIN);
}

/** Counts what reaches it: the least a strategy can do, so the path's own cost shows. */
export class CountingStrategy extends Strategy<object> {
  trades = 0;
  bars = 0;

  constructor() {
    super({}, 'feed-bench');
  }

  override onTrade(_trade: TradeTick): void {
    this.trades++;
  }

  override onBar(_bar: Bar): void {
    this.bars++;
  }
}

/** Also notes when each trade reached it ({@link nowNs}), for the latency run. */
export class StampingStrategy extends CountingStrategy {
  lastTradeAtNs = 0;

  override onTrade(trade: TradeTick): void {
    this.lastTradeAtNs = nowNs();
    super.onTrade(trade);
  }
}

/** One wired path. */
export interface FeedPath {
  /** Handles one received frame, all the way to the strategy. */
  readonly receive: (text: string) => void;
  readonly pipeline: FeedPipeline;
  readonly kernel: Kernel;
}

/** A fresh path (its own pipeline, aggregator and kernel) delivering to `strategy`. */
export function createFeedPath(strategy: CountingStrategy): FeedPath {
  const clock = new LiveClock();
  const usdt = currency('USDT');
  const kernel = new Kernel({
    environment: 'live',
    clock,
    accountCurrency: usdt,
    startingCash: Money.fromNumber(100_000, usdt),
  });
  kernel.addInstrument(
    simpleInstrument(BTCUSDT.instrumentId, usdt, BTCUSDT.priceDecimals, BTCUSDT.sizeDecimals),
  );
  kernel.addStrategy(strategy);
  kernel.start();
  const pipeline = new FeedPipeline({ clock });
  pipeline.watch(BTCUSDT.instrumentId);
  const aggregator = createBarAggregator(BTCUSDT.instrumentId, '1m', (bar) => kernel.processBar(bar));
  // The aggregator first: a trade past the minute closes the bar, which the strategy gets before it.
  const handle = (event: FeedEvent): void => {
    if (event.type === 'trade') {
      aggregator.handleTrade(event.data);
      kernel.processTrade(event.data);
    } else if (event.type === 'bar') {
      kernel.processBar(event.data);
    }
  };
  const deliver = binanceTradeReceiver(BTCUSDT, pipeline);
  return {
    receive: (text) => {
      deliver(text, clock.timestampUs());
      pipeline.drain(handle);
    },
    pipeline,
    kernel,
  };
}
