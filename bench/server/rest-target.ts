/**
 * The REST load's target: the real server (src/server/serve-node.ts) in front of a paper node on
 * the simulated market, as `quantflow paper --serve` runs it, in its own process so the load
 * generator does not share its event loop. Prints its port on stdout; runs until killed.
 */
import { SandboxExecutionClient } from '../../src/adapters/sandbox/sandbox-execution-client.js';
import { LiveClock } from '../../src/core/clock.js';
import { DataKind } from '../../src/data/feed/data-client.js';
import { MarketSimFeed } from '../../src/data/feed/market-sim-feed.js';
import { TradingNode } from '../../src/live/trading-node.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { simpleInstrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { serveNode } from '../../src/server/serve-node.js';
import { SmaCross } from '../../src/strategy/builtin/sma-cross.js';

const clock = new LiveClock();
const usd = currency('USD');
const id = instrumentId('BTCUSD', 'SIM');
const node = new TradingNode({
  environment: 'paper',
  clock,
  accountCurrency: usd,
  startingCash: Money.fromNumber(100_000, usd),
  instruments: [simpleInstrument(id, usd, 2, 0)],
  data: {
    client: new MarketSimFeed({ clock, instruments: [id], seed: 3, durationUs: 30 * 60 * 1_000_000 }),
    kinds: [DataKind.TRADES, DataKind.QUOTES, DataKind.BOOK],
  },
  execution: (kernel) => new SandboxExecutionClient({ venue: 'SIM', clock, instruments: kernel.cache }),
  bars: '5s',
});
node.addStrategy(new SmaCross({ fast: 2, slow: 4, qty: 10 }, 'sma-cross-001'));
await node.start();
// Rate limiting off: the load comes from one address at 1,000 requests a second by design.
const served = await serveNode({
  node,
  host: '127.0.0.1',
  port: 0,
  auth: { keys: [] },
  version: 'bench',
  clock,
  rateLimit: false,
});
process.stdout.write(`${new URL(served.url).port}\n`);
