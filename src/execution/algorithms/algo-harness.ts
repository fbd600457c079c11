import { TestClock } from '../../core/clock.js';
import { unwrap } from '../../core/result.js';
import { Cache } from '../../common/cache.js';
import { Bar } from '../../model/data/bar.js';
import { QuoteTick } from '../../model/data/quote-tick.js';
import { TradeTick } from '../../model/data/trade-tick.js';
import { instrumentId } from '../../model/identifiers/instrument-id.js';
import { parseStrategyId, type TradeId } from '../../model/identifiers/order-ids.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { ExecutionEngine } from '../execution-engine.js';
import { AlgoEngine } from './algo-engine.js';
import type { AlgoEvent } from './algo-events.js';
import type { AlgoRequest } from './algo-request.js';
import type { ParentOrder } from './parent-order.js';
import { TouchFillClient } from './touch-fill-client.js';

/** Start of test time: 2024-01-01T00:00:00Z in µs. */
export const T0 = 1_704_067_200_000_000;
export const USD = currency('USD');
export const X = instrumentId('X', 'SIM');
export const STRATEGY = unwrap(parseStrategyId('S-1'));

/**
 * The real order path for tests and examples of the algorithms: a {@link TestClock},
 * a {@link Cache} with one instrument `X.SIM` (tick 0.01 and lot `lot`), an
 * {@link ExecutionEngine} with a {@link TouchFillClient}, and an {@link AlgoEngine} on top.
 * Market data goes to the venue first, then to the algorithms, as in a kernel.
 */
export function algoHarness(lot = '1') {
  const clock = new TestClock(T0);
  const cache = new Cache();
  const lotSize = Quantity.parse(lot);
  const instrument: Instrument = {
    id: X,
    tickSize: Price.parse('0.01'),
    lotSize,
    quoteCurrency: USD,
    multiplier: 1,
  };
  cache.addInstrument(instrument);
  const execution = new ExecutionEngine(clock, cache);
  const client = new TouchFillClient('SIM', clock, USD);
  execution.registerClient(client);
  const algos = new AlgoEngine(execution, cache, clock);
  const events: AlgoEvent[] = [];
  algos.events.subscribe((e) => events.push(e));
  let trades = 0;

  const qty = (text: string) => Quantity.parse(text, lotSize.precision);
  return {
    clock,
    cache,
    instrument,
    execution,
    client,
    algos,
    events,
    qty,
    /** Starts a parent for {@link STRATEGY}; throws on a denial. */
    start(request: AlgoRequest): ParentOrder {
      return unwrap(algos.start(STRATEGY, request));
    },
    /** Moves the clock to `T0 + offsetUs` and fires the algorithms' timer. */
    at(offsetUs: number): void {
      clock.setTime(T0 + offsetUs);
      algos.onTime(T0 + offsetUs);
    },
    quote(bid: string, ask: string, size = '1000000'): QuoteTick {
      const now = clock.timestampUs();
      const q = new QuoteTick(X, Price.parse(bid), Price.parse(ask), qty(size), qty(size), now, now);
      client.setQuote(q);
      algos.onQuote(q);
      return q;
    },
    trade(price: string, size: string): TradeTick {
      const now = clock.timestampUs();
      const t = new TradeTick(X, Price.parse(price), qty(size), 'NONE', `M-${++trades}` as TradeId, now, now);
      client.trade(X, t.price, t.size);
      algos.onTrade(t);
      return t;
    },
    bar(open: string, high: string, low: string, close: string, volume: string): Bar {
      const now = clock.timestampUs();
      const b = Bar.of(
        X,
        Price.parse(open),
        Price.parse(high),
        Price.parse(low),
        Price.parse(close),
        qty(volume),
        now,
        now,
      );
      algos.onBar(b);
      return b;
    },
    /** Events of one type. */
    ofType<T extends AlgoEvent['type']>(type: T): Extract<AlgoEvent, { type: T }>[] {
      return events.filter((e): e is Extract<AlgoEvent, { type: T }> => e.type === type);
    },
  };
}

export type AlgoHarness = ReturnType<typeof algoHarness>;
