/**
 * A paper node on the simulated market with no configuration: the exchange simulator's feed for
 * `symbols` (USD, cent ticks, whole units), the sandbox venue, 100,000 USD. What tests, demos
 * and benchmarks that need "a running node" start.
 */
import { SandboxExecutionClient } from '../adapters/sandbox/sandbox-execution-client.js';
import type { Clock } from '../core/clock.js';
import { DataKind } from '../data/feed/data-client.js';
import { MarketSimFeed } from '../data/feed/market-sim-feed.js';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import { simpleInstrument } from '../model/instruments/instrument.js';
import { currency } from '../model/types/currency.js';
import { Money } from '../model/types/money.js';
import type { RiskConfig } from '../risk/risk-limits.js';
import { TradingNode } from './trading-node.js';

export interface SimPaperNodeOptions {
  readonly clock: Clock;
  readonly seed: number;
  /** Default `['BTCUSD']` (instrument ids `<symbol>.SIM`). */
  readonly symbols?: readonly string[];
  /** Bars for the strategies (default `5s`). */
  readonly bars?: string;
  /** How long the simulated market runs (it is computed up front), µs. */
  readonly durationUs: number;
  /** Risk limits (default: none). */
  readonly risk?: RiskConfig;
}

export function simPaperNode(options: SimPaperNodeOptions): TradingNode {
  const { clock } = options;
  const usd = currency('USD');
  const ids = (options.symbols ?? ['BTCUSD']).map((s) => instrumentId(s, 'SIM'));
  return new TradingNode({
    environment: 'paper',
    clock,
    accountCurrency: usd,
    startingCash: Money.fromNumber(100_000, usd),
    instruments: ids.map((id) => simpleInstrument(id, usd, 2, 0)),
    data: {
      client: new MarketSimFeed({
        clock,
        instruments: ids,
        seed: options.seed,
        durationUs: options.durationUs,
        // Ten levels a side: what the dashboard's ladder shows.
        levels: 10,
      }),
      kinds: [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK],
    },
    execution: (kernel) => new SandboxExecutionClient({ venue: 'SIM', clock, instruments: kernel.cache }),
    bars: options.bars ?? '5s',
    ...(options.risk === undefined ? {} : { risk: options.risk }),
  });
}
