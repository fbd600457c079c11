import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BookOrderType, BookSide } from '../book/book-types.js';
import { ReferenceBook } from '../book/reference-book.js';
import type { MarketContext, SimAgent } from './agent.js';
import { AvellanedaStoikovMaker } from './avellaneda-stoikov.js';
import { parseAvellanedaStoikovParams, parseSimulationConfig, type SimulationConfig } from './config.js';
import { CsvRecorder, formatPopulationsCsv } from './csv-output.js';
import { runSimulation } from './market-simulator.js';
import { createOrderBook } from './order-book-factory.js';
import { buildPopulationAgents, historyNeededUs } from './population-agents.js';
import type { BookFactory, L3Record, SimTrade, SimulationSummary } from './sim-types.js';

interface Outputs {
  trades: string;
  book: string;
  l3: string;
  agents: string;
  strategy: string;
  summary: SimulationSummary;
}

/** Runs `seconds` of the market of `json` (plus the A-S strategy) and returns every output as text. */
function simulate(json: Record<string, unknown>, seconds: number): Outputs {
  const config = parseSimulationConfig(json);
  const text = { trades: '', book: '', l3: '' };
  const recorder = new CsvRecorder(
    {
      trades: (t) => (text.trades += t),
      book: (t) => (text.book += t),
      l3: (t) => (text.l3 += t),
    },
    config.snapshots.levels,
    4096,
  );
  const maker = new AvellanedaStoikovMaker(parseAvellanedaStoikovParams({}));
  const summary = runSimulation({
    config,
    bookFactory: createOrderBook,
    durationUs: seconds * 1_000_000,
    agents: [...buildPopulationAgents(config), maker],
    historyUs: historyNeededUs(config),
    recorder,
  });
  recorder.flush();
  return {
    ...text,
    agents: formatPopulationsCsv(summary.populations, config.instrument),
    strategy: JSON.stringify(maker.report(summary.finalMark, config.instrument)),
    summary,
  };
}

describe('MarketSimulator', () => {
  test('same seed and config → byte-identical outputs; another seed → different ones', () => {
    const a = simulate({ seed: 11, l3: true }, 20);
    const b = simulate({ seed: 11, l3: true }, 20);
    const c = simulate({ seed: 12, l3: true }, 20);
    for (const key of ['trades', 'book', 'l3', 'agents', 'strategy'] as const) {
      assert.equal(a[key], b[key], `${key} differs between two runs with the same seed`);
    }
    assert.deepEqual(a.summary, b.summary);
    assert.notEqual(a.trades, c.trades);
    assert.ok(a.trades.split('\n').length > 50, 'a liquid market trades');
  });

  test('the default market is liquid: always two-sided, about a tick wide, price follows the fundamental', () => {
    const { summary } = simulate({ seed: 3 }, 120);
    assert.equal(summary.twoSidedFraction, 1);
    assert.ok(
      summary.averageSpread !== undefined && summary.averageSpread < 1.5,
      `spread ${summary.averageSpread}`,
    );
    assert.ok(summary.trades > 300, `${summary.trades} trades in 2 minutes`);
    assert.ok(Math.abs(summary.finalMark - summary.finalFundamental) < 10, 'price tracks the fundamental');
    for (const p of summary.populations) assert.ok(p.fills > 0, `${p.population} trades`);
  });

  test('accounts are zero-sum and agree with the trades', () => {
    const trades: SimTrade[] = [];
    const config = parseSimulationConfig({ seed: 4 });
    const agents = buildPopulationAgents(config);
    const summary = runSimulation({
      config,
      bookFactory: createOrderBook,
      durationUs: 30_000_000,
      agents,
      historyUs: historyNeededUs(config),
      recorder: { trade: (t) => trades.push(t), snapshot: () => {} },
    });
    const sum = (f: (a: SimulationSummary['agents'][number]) => number): number =>
      summary.agents.reduce((s, a) => s + f(a), 0);
    assert.equal(
      sum((a) => a.finalPosition),
      0,
    );
    assert.equal(
      sum((a) => a.cash),
      0,
    );
    assert.equal(
      sum((a) => a.pnlTicks),
      0,
    );
    assert.equal(
      sum((a) => a.makerVolume),
      summary.volume,
    );
    assert.equal(
      sum((a) => a.boughtVolume),
      summary.volume,
    );
    assert.equal(trades.length, summary.trades);
    assert.equal(
      trades.reduce((s, t) => s + t.quantity, 0),
      summary.volume,
    );
    for (const t of trades) {
      assert.ok(t.makerAgent >= 1 && t.makerAgent <= agents.length);
      assert.ok(t.takerAgent >= 1 && t.takerAgent <= agents.length);
      assert.notEqual(t.makerAgent, t.takerAgent, 'no self-trades');
      assert.ok(t.time >= summary.startTime && t.time <= summary.endTime);
    }
    for (let i = 1; i < trades.length; i++)
      assert.ok(trades[i].time >= trades[i - 1].time, 'trades in time order');
  });

  test('snapshots every interval; L3 records every trade and order', () => {
    const l3: L3Record[] = [];
    let snapshots = 0;
    let trades = 0;
    const config = parseSimulationConfig({ seed: 2, l3: true, snapshots: { interval: 0.5, levels: 3 } });
    runSimulation({
      config,
      bookFactory: createOrderBook,
      durationUs: 10_000_000,
      agents: buildPopulationAgents(config),
      recorder: {
        trade: () => trades++,
        snapshot: (s) => {
          snapshots++;
          assert.ok(s.bids.length <= 3 && s.asks.length <= 3);
          if (s.bids.length > 0 && s.asks.length > 0)
            assert.ok(s.bids[0].price < s.asks[0].price, 'not crossed');
        },
        l3: (r) => l3.push(r),
      },
    });
    assert.equal(snapshots, 20, 'at 0.5 s, 1 s, ..., 10 s');
    assert.equal(l3.filter((r) => r.event === 'trade').length, trades);
    const accepted = l3.filter((r) => r.event === 'accepted');
    assert.ok(accepted.length > 0);
    for (const r of accepted) assert.ok(r.side !== undefined && r.quantity !== undefined && r.agent >= 1);
    assert.ok(
      l3.some((r) => r.event === 'expired'),
      'noise orders expire (GTD)',
    );
  });

  test('the fast OrderBook and the naive ReferenceBook give the same run', () => {
    const config = parseSimulationConfig({ seed: 8, l3: true });
    const run = (bookFactory: BookFactory): string => {
      const lines: string[] = [];
      const summary = runSimulation({
        config,
        bookFactory,
        durationUs: 20_000_000,
        agents: buildPopulationAgents(config),
        historyUs: historyNeededUs(config),
        recorder: {
          trade: (t) => lines.push(JSON.stringify(t)),
          snapshot: (s) => lines.push(JSON.stringify(s)),
          l3: (r) => lines.push(JSON.stringify(r)),
        },
      });
      return lines.join('\n') + JSON.stringify(summary);
    };
    assert.equal(
      run((options) => new ReferenceBook(options)),
      run(createOrderBook),
    );
  });

  test('agents may not send orders from a notification', () => {
    const config = parseSimulationConfig({ populations: [{ kind: 'market-maker', count: 1 }] });
    const rude: SimAgent = {
      id: 0,
      population: 'rude',
      kind: 'test',
      start(market: MarketContext) {
        market.schedule(market.now + 1000, () => {
          market.submit(this, { side: BookSide.BUY, type: BookOrderType.MARKET, quantity: 1 });
        });
      },
      onFill(_fill, market) {
        market.submit(this, { side: BookSide.SELL, type: BookOrderType.MARKET, quantity: 1 });
      },
    };
    assert.throws(
      () =>
        runSimulation({
          config,
          bookFactory: createOrderBook,
          durationUs: 1_000_000,
          agents: [...buildPopulationAgents(config), rude],
        }),
      /may not send orders from onFill/,
    );
  });

  test('10 simulated minutes of the default market run in a few seconds', () => {
    const config: SimulationConfig = parseSimulationConfig({});
    const started = performance.now();
    const summary = runSimulation({
      config,
      bookFactory: createOrderBook,
      durationUs: 600_000_000,
      agents: buildPopulationAgents(config),
      historyUs: historyNeededUs(config),
    });
    const ms = performance.now() - started;
    assert.ok(summary.trades > 1000);
    assert.ok(ms < 10_000, `${ms.toFixed(0)} ms`);
  });
});
