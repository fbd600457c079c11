/**
 * Tick catalog benchmarks (docs/benchmarks.md, "Catalog"), run by main.ts; report-only (the issue
 * sets no target for ticks):
 *
 * - **Write**: 2,000,000 trades (2 instruments × 2 days × 500,000, a trade every ~173 ms around
 *   the clock, numeric trade ids as text) into a fresh catalog through `TickCatalog.writeTrades`,
 *   until the last day file is flushed and renamed; the trades then counted back from the files
 *   are credited. Best of 2.
 * - **Re-write**: the same 500,000 trades of one instrument-day again (every id already stored:
 *   the merge reads the day, finds all duplicates and rewrites the file). Best of 3.
 * - **Read**: one instrument-day (500,000 trades) as typed-array columns and as `TradeTick`
 *   objects; best of 10 after 2 warm-ups.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { TickCatalog } from '../../src/data/catalog/tick-catalog.js';
import { allocateTradeColumns, type TradeColumns } from '../../src/data/catalog/trade-columns.js';
import type { InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { collectGarbage, log, round } from '../measure.js';
import type { BenchEntry } from '../report.js';

const INSTRUMENTS = 2;
const DAYS = 2;
const TRADES_PER_DAY = 500_000;
const DAY_US = 86_400_000_000;
const START_US = Date.UTC(2024, 3, 1) * 1000;
const WRITE_REPETITIONS = 2;
const REWRITE_REPETITIONS = 3;
const READ_WARMUPS = 2;
const READ_REPETITIONS = 10;

/** Deterministic trades: a random walk in cents, sizes in thousandths, sides alternating by chance. */
function generate(id: InstrumentId, seed: number): TradeColumns {
  const n = DAYS * TRADES_PER_DAY;
  const c = allocateTradeColumns(id, n);
  const step = DAY_US / TRADES_PER_DAY;
  let state = seed;
  let price = 7_000_000;
  for (let i = 0; i < n; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    price = Math.max(100, price + ((state >> 8) % 21) - 10);
    c.tsEvent[i] = START_US + Math.floor(i * step);
    c.tsInit[i] = c.tsEvent[i] + 150;
    c.price[i] = price;
    c.size[i] = 1 + (state % 5000);
    c.pricePrecision[i] = 2;
    c.sizePrecision[i] = 3;
    c.side[i] = 1 + (state & 1);
    c.tradeId[i] = String(100_000_000 + i);
  }
  return c;
}

/** The first `count` rows of `c`. */
function head(c: TradeColumns, count: number): TradeColumns {
  return {
    ...c,
    length: count,
    tsEvent: c.tsEvent.subarray(0, count),
    tsInit: c.tsInit.subarray(0, count),
    price: c.price.subarray(0, count),
    size: c.size.subarray(0, count),
    pricePrecision: c.pricePrecision.subarray(0, count),
    sizePrecision: c.sizePrecision.subarray(0, count),
    side: c.side.subarray(0, count),
    tradeId: c.tradeId.slice(0, count),
  };
}

/** Runs the tick benchmarks in folder `work` (removed by the caller). */
export async function benchTicks(work: string): Promise<BenchEntry[]> {
  const instruments: Instrument[] = [];
  const data: TradeColumns[] = [];
  for (let k = 0; k < INSTRUMENTS; k++) {
    const instrument = simpleInstrument(`TICK${k}.BENCH` as InstrumentId, currency('USD'), 2, 3);
    instruments.push(instrument);
    data.push(generate(instrument.id, k + 11));
  }
  const total = INSTRUMENTS * DAYS * TRADES_PER_DAY;

  // ---- write ----
  const writeSeconds: number[] = [];
  let root = '';
  let durable = 0;
  for (let rep = 0; rep < WRITE_REPETITIONS; rep++) {
    if (root !== '') rmSync(root, { recursive: true, force: true });
    root = join(work, `ticks-${rep}`);
    collectGarbage();
    const start = performance.now();
    const catalog = await TickCatalog.open(root, { create: true });
    for (let k = 0; k < INSTRUMENTS; k++) await catalog.writeTrades(instruments[k], data[k]);
    const seconds = (performance.now() - start) / 1000;
    durable = 0;
    for (const i of instruments) durable += (await catalog.extent('trades', i.id))?.rows ?? 0;
    catalog.close();
    if (durable !== total) throw new Error(`wrote ${total} trades but ${durable} are on disk`);
    writeSeconds.push(seconds);
    log(`tick catalog write ${rep + 1}/${WRITE_REPETITIONS}: ${seconds.toFixed(3)} s`);
  }

  // ---- re-write one day (all duplicates) ----
  const catalog = await TickCatalog.open(root);
  const id = instruments[0].id;
  const day = head(data[0], TRADES_PER_DAY);
  const rewriteSeconds: number[] = [];
  for (let rep = 0; rep < REWRITE_REPETITIONS; rep++) {
    const start = performance.now();
    const summary = await catalog.writeTrades(instruments[0], day);
    rewriteSeconds.push((performance.now() - start) / 1000);
    if (summary.duplicates !== TRADES_PER_DAY)
      throw new Error(`re-write stored ${TRADES_PER_DAY - summary.duplicates} trades`);
  }

  // ---- read one instrument-day ----
  const from = START_US;
  const to = START_US + DAY_US;
  const timeRead = async (asObjects: boolean): Promise<{ best: number; median: number; trades: number }> => {
    const times: number[] = [];
    let trades = 0;
    for (let i = 0; i < READ_WARMUPS + READ_REPETITIONS; i++) {
      const start = performance.now();
      trades = asObjects
        ? (await catalog.readTrades(id, from, to)).length
        : (await catalog.readTradeColumns(id, from, to)).length;
      const ms = performance.now() - start;
      if (i >= READ_WARMUPS) times.push(ms);
    }
    times.sort((a, b) => a - b);
    return { best: times[0], median: times[times.length >> 1], trades };
  };
  const columns = await timeRead(false);
  const objects = await timeRead(true);
  catalog.close();
  log(
    `tick catalog read day: columns best ${columns.best.toFixed(1)} ms, TradeTick objects best ${objects.best.toFixed(1)} ms`,
  );

  const bestWrite = Math.min(...writeSeconds);
  const bestRewrite = Math.min(...rewriteSeconds);
  const readEntry = (
    name: string,
    what: string,
    r: { best: number; median: number; trades: number },
  ): BenchEntry => ({
    name,
    measures: `read one instrument-day (${TRADES_PER_DAY.toLocaleString('en-US')} trades) from the tick catalog ${what}`,
    bars: null,
    bestSeconds: round(r.best / 1000, 6),
    barsPerSecond: null,
    target: null,
    pass: null,
    ratios: {},
    details: {
      trades: r.trades,
      tradesPerSecond: Math.round(r.trades / (r.best / 1000)),
      bestMs: round(r.best, 3),
      medianMs: round(r.median, 3),
      warmups: READ_WARMUPS,
      repetitions: READ_REPETITIONS,
    },
  });
  return [
    {
      name: 'catalog-write-trades',
      measures: `write ${total.toLocaleString('en-US')} trades (${INSTRUMENTS} instruments × ${DAYS} days × ${TRADES_PER_DAY.toLocaleString('en-US')}) into a fresh tick catalog, until durable on disk`,
      bars: null,
      bestSeconds: round(bestWrite),
      barsPerSecond: null,
      target: null,
      pass: null,
      ratios: {},
      details: {
        trades: durable,
        tradesPerSecond: Math.round(durable / bestWrite),
        allSeconds: writeSeconds.map((s) => round(s)),
      },
    },
    {
      name: 'catalog-rewrite-trades-day',
      measures: `write one stored instrument-day of ${TRADES_PER_DAY.toLocaleString('en-US')} trades again: every trade id found stored and skipped`,
      bars: null,
      bestSeconds: round(bestRewrite),
      barsPerSecond: null,
      target: null,
      pass: null,
      ratios: {},
      details: {
        tradesPerSecond: Math.round(TRADES_PER_DAY / bestRewrite),
        allSeconds: rewriteSeconds.map((s) => round(s)),
      },
    },
    readEntry('catalog-read-trades-day-columns', 'as typed-array columns', columns),
    readEntry('catalog-read-trades-day-ticks', 'as TradeTick objects', objects),
  ];
}
