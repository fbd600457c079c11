/**
 * Catalog benchmarks (docs/benchmarks.md, "Catalog"): prints a BenchReport on stdout.
 *
 * - **Write**: 5,000,000 one-minute bars (10 instruments × 500,000 bars, 24/7 like a crypto
 *   venue, ≈ 12 months each) into a fresh catalog through `BarCatalog.writeBars`; timed until
 *   the last file is flushed to disk and renamed into place, and only the bars then counted back
 *   from the Parquet files are credited. Target ≥ 1,000,000 bars/s.
 * - **Read**: one instrument-month of one-minute bars, 24/7: April 2024, 30 × 1,440 = 43,200
 *   bars, as typed-array columns and as `Bar` objects; best of 30 after 5 warm-ups, target under
 *   10 ms (= 4,320,000 bars/s).
 * - **Ticks** (ticks.ts): trades written, re-written and one instrument-day read; report-only.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { allocateBarColumns, type BarColumns } from '../../src/data/catalog/bar-columns.js';
import { BarCatalog } from '../../src/data/catalog/bar-catalog.js';
import type { InstrumentId } from '../../src/model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../../src/model/instruments/instrument.js';
import { currency } from '../../src/model/types/currency.js';
import { collectGarbage, log, machineInfo, round } from '../measure.js';
import type { BenchEntry, BenchReport } from '../report.js';
import { benchTicks } from './ticks.js';

const INSTRUMENTS = 10;
const BARS_PER_INSTRUMENT = 500_000;
const MINUTE_US = 60_000_000;
const START_US = Date.UTC(2024, 0, 1) * 1000;
const APRIL_FROM = Date.UTC(2024, 3, 1) * 1000;
const APRIL_TO = Date.UTC(2024, 4, 1) * 1000;
const WRITE_REPETITIONS = 3;
const READ_WARMUPS = 5;
const READ_REPETITIONS = 30;
const WRITE_TARGET = 1_000_000;
const READ_TARGET_MS = 10;

/** Deterministic random-walk bars: prices in cents around 100.00, volumes in whole units. */
function generate(id: InstrumentId, seed: number): BarColumns {
  const c = allocateBarColumns(id, BARS_PER_INSTRUMENT);
  let state = seed;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  let price = 10_000;
  for (let i = 0; i < BARS_PER_INSTRUMENT; i++) {
    const open = price;
    const close = Math.max(100, open + Math.round((random() - 0.5) * 40));
    c.tsEvent[i] = START_US + i * MINUTE_US;
    c.tsInit[i] = c.tsEvent[i];
    c.open[i] = open;
    c.close[i] = close;
    c.high[i] = Math.max(open, close) + Math.round(random() * 10);
    c.low[i] = Math.min(open, close) - Math.round(random() * 10);
    c.volume[i] = Math.round(random() * 5000);
    c.pricePrecision[i] = 2;
    price = close;
  }
  return c;
}

/** Bars in every Parquet file under `root`, counted by DuckDB from the files themselves. */
async function durableBars(root: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const glob = join(root, 'bars', '*', '*', '*.parquet').replaceAll("'", "''");
  const result = await connection.run(`SELECT count(*)::DOUBLE FROM read_parquet('${glob}')`);
  const count = Number(result.getChunk(0).getColumnVector(0).getItem(0));
  connection.closeSync();
  instance.closeSync();
  return count;
}

async function main(): Promise<void> {
  const machine = machineInfo();
  const instruments: Instrument[] = [];
  const data: BarColumns[] = [];
  for (let k = 0; k < INSTRUMENTS; k++) {
    const instrument = simpleInstrument(`SYM${k}.BENCH` as InstrumentId, currency('USD'), 2);
    instruments.push(instrument);
    data.push(generate(instrument.id, k + 1));
  }
  const total = INSTRUMENTS * BARS_PER_INSTRUMENT;
  const work = mkdtempSync(join(tmpdir(), 'qf-bench-catalog-'));
  try {
    // ---- write ----
    const writeSeconds: number[] = [];
    let root = '';
    let durable = 0;
    for (let rep = 0; rep < WRITE_REPETITIONS; rep++) {
      if (root !== '') rmSync(root, { recursive: true, force: true });
      root = join(work, `catalog-${rep}`);
      collectGarbage();
      const start = performance.now();
      const catalog = await BarCatalog.open(root, { create: true });
      for (let k = 0; k < INSTRUMENTS; k++) await catalog.writeBars(instruments[k], data[k]);
      catalog.close();
      const seconds = (performance.now() - start) / 1000;
      durable = await durableBars(root);
      if (durable !== total) throw new Error(`wrote ${total} bars but ${durable} are on disk`);
      writeSeconds.push(seconds);
      log(`catalog write ${rep + 1}/${WRITE_REPETITIONS}: ${seconds.toFixed(3)} s`);
    }
    const files = readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.parquet')).length;
    const bestWrite = Math.min(...writeSeconds);
    const writeRate = durable / bestWrite;

    // ---- read ----
    const catalog = await BarCatalog.open(root);
    const id = instruments[0].id;
    const timeRead = async (asBars: boolean): Promise<{ best: number; median: number; bars: number }> => {
      const times: number[] = [];
      let bars = 0;
      for (let i = 0; i < READ_WARMUPS + READ_REPETITIONS; i++) {
        const start = performance.now();
        bars = asBars
          ? (await catalog.readBars(id, APRIL_FROM, APRIL_TO)).length
          : (await catalog.readColumns(id, APRIL_FROM, APRIL_TO)).length;
        const ms = performance.now() - start;
        if (i >= READ_WARMUPS) times.push(ms);
      }
      times.sort((a, b) => a - b);
      return { best: times[0], median: times[times.length >> 1], bars };
    };
    const columns = await timeRead(false);
    const objects = await timeRead(true);
    catalog.close();
    log(
      `catalog read columns best ${columns.best.toFixed(2)} ms, Bar objects best ${objects.best.toFixed(2)} ms`,
    );

    const ticks = await benchTicks(work);

    const readEntry = (
      name: string,
      what: string,
      r: { best: number; median: number; bars: number },
    ): BenchEntry => ({
      name,
      measures: `read one instrument-month (April 2024, 24/7) of 1-minute bars from the catalog ${what}`,
      bars: r.bars,
      bestSeconds: round(r.best / 1000, 6),
      barsPerSecond: Math.round(r.bars / (r.best / 1000)),
      target: Math.round(r.bars / (READ_TARGET_MS / 1000)),
      pass: r.best < READ_TARGET_MS,
      ratios: {},
      details: {
        bestMs: round(r.best, 3),
        medianMs: round(r.median, 3),
        targetMs: READ_TARGET_MS,
        warmups: READ_WARMUPS,
        repetitions: READ_REPETITIONS,
      },
    });
    const report: BenchReport = {
      machine,
      benchmarks: [
        {
          name: 'catalog-write-1m-bars',
          measures:
            'write 5,000,000 1-minute bars (10 instruments × 500,000) into a fresh Parquet catalog, until durable on disk',
          bars: durable,
          bestSeconds: round(bestWrite),
          barsPerSecond: Math.round(writeRate),
          target: WRITE_TARGET,
          pass: writeRate >= WRITE_TARGET,
          ratios: {},
          details: { allSeconds: writeSeconds.map((s) => round(s)), parquetFiles: files },
        },
        readEntry('catalog-read-month-columns', 'as typed-array columns', columns),
        readEntry('catalog-read-month-bars', 'as Bar objects', objects),
        ...ticks,
      ],
    };
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
