/**
 * A historical catalog of bars: Parquet files written and read through DuckDB, one file per
 * instrument and calendar month (layout in `catalog-layout.ts` and docs/catalog.md).
 *
 * Values are exact: prices and volumes are stored as raw integers (`BIGINT`) with their
 * precisions (`UTINYINT`), timestamps as µs since the epoch (`BIGINT`); nothing goes through a
 * decimal float. I/O is asynchronous because DuckDB's is: a backtest reads its range first and
 * then runs the synchronous kernel on it.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  UTINYINT,
  type DuckDBConnection,
  type DuckDBMaterializedResult,
} from '@duckdb/node-api';
import { InputError } from '../../core/input-error.js';
import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { allocateBarColumns, barColumnsOf, barsOfColumns, type BarColumns } from './bar-columns.js';
import {
  INSTRUMENTS_FILE,
  barInstrumentDir,
  barPartitionFile,
  monthEndUs,
  monthKey,
  monthOf,
  monthStartUs,
  parseMonthDir,
  type Month,
} from './catalog-layout.js';
import { formatCatalogInstruments, readCatalogInstruments, sameInstrument } from './catalog-instruments.js';
import { readVector, writeVector } from './duckdb-columns.js';

/** Options of {@link BarCatalog.open}. */
export interface BarCatalogOptions {
  /** Create the catalog (folder and empty `instruments.json`) when it does not exist yet. */
  readonly create?: boolean;
}

/** What {@link BarCatalog.writeBars} did. */
export interface BarWriteSummary {
  readonly instrumentId: InstrumentId;
  /** Bars given (all now stored). */
  readonly bars: number;
  /** Of those, how many replaced a stored bar with the same timestamp. */
  readonly replaced: number;
  /** Month partitions written (`YYYY-MM`). */
  readonly months: string[];
}

/** The columns of a partition file, in order; `COLUMN_TYPES` are the staging table's. */
const COLUMNS = [
  'ts_event',
  'ts_init',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'price_precision',
  'size_precision',
] as const;
const COLUMN_TYPES = [DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, DOUBLE, UTINYINT, UTINYINT];
const STORED_TYPES = ['BIGINT', 'BIGINT', 'BIGINT', 'BIGINT', 'BIGINT', 'BIGINT', 'BIGINT', 'UTINYINT', 'UTINYINT'];
/** Rows per DuckDB data chunk (DuckDB's standard vector size). */
const CHUNK_ROWS = 2048;

/**
 * Bars are staged in DuckDB as DOUBLE (the typed arrays' type: exact for safe integers) and cast
 * to BIGINT on the way into Parquet, by DuckDB's vectorized cast rather than a JS BigInt per value.
 */
const STORED_SELECT = COLUMNS.map((c, i) => `CAST(${c} AS ${STORED_TYPES[i]}) AS ${c}`).join(', ');
/** Reads come back as DOUBLE (one memcpy into a Float64Array) and UTINYINT. */
const READ_SELECT = COLUMNS.map((c, i) => (i < 7 ? `CAST(${c} AS DOUBLE)` : c)).join(', ');

/**
 * A catalog of bars in a folder. One writer at a time per folder (there is no cross-process
 * lock); readers only ever see complete files, since every file is written aside and renamed.
 *
 * **Re-import rule.** A bar is identified by (instrument, `tsEvent`). Writing bars whose
 * timestamps are already stored replaces those stored bars (the last write wins); all other
 * stored bars are kept. Importing the same data twice therefore leaves the same bars.
 */
export class BarCatalog {
  readonly #root: string;
  readonly #instance: DuckDBInstance;
  readonly #connection: DuckDBConnection;
  readonly #instruments: Map<InstrumentId, Instrument>;

  private constructor(
    root: string,
    instance: DuckDBInstance,
    connection: DuckDBConnection,
    instruments: Map<InstrumentId, Instrument>,
  ) {
    this.#root = root;
    this.#instance = instance;
    this.#connection = connection;
    this.#instruments = instruments;
  }

  /**
   * Opens the catalog in folder `root` (with an in-memory DuckDB; the data lives in the files).
   *
   * @throws InputError when `root` is not a catalog (and `create` is not set)
   */
  static async open(root: string, options: BarCatalogOptions = {}): Promise<BarCatalog> {
    const instrumentsFile = join(root, INSTRUMENTS_FILE);
    if (!existsSync(instrumentsFile)) {
      if (!options.create) {
        throw new InputError(`not a catalog (no ${INSTRUMENTS_FILE}): import data into it first`, {
          file: root,
        });
      }
      mkdirSync(root, { recursive: true });
      writeDurably(instrumentsFile, formatCatalogInstruments([]));
    }
    const instruments = readCatalogInstruments(instrumentsFile);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    return new BarCatalog(root, instance, connection, instruments);
  }

  /** The catalog's folder. */
  get root(): string {
    return this.#root;
  }

  /** The instruments in the catalog, in the order they were first written. */
  instruments(): Instrument[] {
    return [...this.#instruments.values()];
  }

  /** The definition of `id`, or `undefined` when the catalog has no such instrument. */
  instrument(id: InstrumentId): Instrument | undefined {
    return this.#instruments.get(id);
  }

  /**
   * Stores bars of `instrument` (Bar objects or columns), in strictly increasing `tsEvent` order.
   * The instrument's definition is recorded on its first write and must be the same afterwards.
   * Each month touched is rewritten (merged with what was stored, see the re-import rule), written
   * aside, flushed to disk and renamed into place before this resolves.
   *
   * @throws InputError when the catalog holds a different definition of the instrument
   * @throws RangeError when the bars are not in strictly increasing time order or of another instrument
   */
  async writeBars(instrument: Instrument, bars: readonly Bar[] | BarColumns): Promise<BarWriteSummary> {
    const columns = Array.isArray(bars)
      ? barColumnsOf(instrument.id, bars as readonly Bar[])
      : (bars as BarColumns);
    if (columns.instrumentId !== instrument.id) {
      throw new RangeError(`bars are of ${columns.instrumentId}, not ${instrument.id}`);
    }
    const ts = columns.tsEvent;
    for (let i = 1; i < columns.length; i++) {
      if (!(ts[i] > ts[i - 1])) throw new RangeError(`bar ${i}: timestamps must be strictly increasing`);
    }
    this.#define(instrument);
    if (columns.length === 0) return { instrumentId: instrument.id, bars: 0, replaced: 0, months: [] };

    await this.#stage(columns);
    const months: string[] = [];
    let replaced = 0;
    for (let start = 0; start < columns.length; ) {
      const month = monthOf(ts[start]);
      const end = monthEndUs(month);
      let stop = start;
      while (stop < columns.length && ts[stop] < end) stop++;
      replaced += await this.#writeMonth(instrument.id, month, stop - start);
      months.push(monthKey(month));
      start = stop;
    }
    await this.#connection.run('DROP TABLE staging');
    return { instrumentId: instrument.id, bars: columns.length, replaced, months };
  }

  /**
   * Bars of `id` with `fromUs ≤ tsEvent < toUs` (µs; both optional), as columns in time order.
   *
   * @throws InputError when the catalog has no instrument `id`
   */
  async readColumns(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<BarColumns> {
    this.#known(id);
    const files: string[] = [];
    let cut = false;
    for (const month of this.#months(id)) {
      const start = monthStartUs(month);
      const end = monthEndUs(month);
      if (end <= fromUs || start >= toUs) continue;
      if (start < fromUs || end > toUs) cut = true;
      files.push(barPartitionFile(this.#root, id, month));
    }
    if (files.length === 0) return allocateBarColumns(id, 0);
    // Files are listed in month order and each is sorted; DuckDB keeps that order (insertion order
    // is preserved by default), so no ORDER BY is needed — the order is checked below anyway.
    const where = cut ? ` WHERE ts_event >= ${sqlBound(fromUs)} AND ts_event < ${sqlBound(toUs)}` : '';
    const result = await this.#connection.run(
      `SELECT ${READ_SELECT} FROM read_parquet([${files.map(sqlString).join(', ')}])${where}`,
    );
    const columns = allocateBarColumns(id, result.rowCount);
    copyResult(result, columns);
    const read = columns.tsEvent;
    for (let i = 1; i < columns.length; i++) {
      if (!(read[i] > read[i - 1])) throw new Error(`corrupt catalog: bars of ${id} out of order at row ${i}`);
    }
    return columns;
  }

  /** {@link readColumns} as {@link Bar} objects. */
  async readBars(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<Bar[]> {
    return barsOfColumns(await this.readColumns(id, fromUs, toUs));
  }

  /** Months (partitions) stored for `id`, in time order. */
  months(id: InstrumentId): string[] {
    return this.#months(id).map(monthKey);
  }

  /** Releases DuckDB. The catalog cannot be used afterwards. */
  close(): void {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }

  #known(id: InstrumentId): Instrument {
    const instrument = this.#instruments.get(id);
    if (instrument === undefined) {
      const known = [...this.#instruments.keys()];
      throw new InputError(
        `unknown instrument ${id}; the catalog has ${known.length === 0 ? 'none' : known.join(', ')}`,
        { file: this.#root },
      );
    }
    return instrument;
  }

  #define(instrument: Instrument): void {
    const stored = this.#instruments.get(instrument.id);
    if (stored !== undefined) {
      if (sameInstrument(stored, instrument)) return;
      throw new InputError(
        `instrument ${instrument.id} is already in the catalog with tick size ${stored.tickSize}, lot size ${stored.lotSize}, currency ${stored.quoteCurrency.code}, multiplier ${stored.multiplier}; this import defines tick size ${instrument.tickSize}, lot size ${instrument.lotSize}, currency ${instrument.quoteCurrency.code}, multiplier ${instrument.multiplier}`,
        { file: this.#root },
      );
    }
    this.#instruments.set(instrument.id, instrument);
    // Definition first: a crash before the bars land leaves a harmless empty instrument, never
    // bars without a definition.
    writeDurably(join(this.#root, INSTRUMENTS_FILE), formatCatalogInstruments(this.#instruments.values()));
  }

  #months(id: InstrumentId): Month[] {
    const dir = barInstrumentDir(this.#root, id);
    if (!existsSync(dir)) return [];
    const months: Month[] = [];
    for (const name of readdirSync(dir)) {
      const month = parseMonthDir(name);
      if (month !== undefined && existsSync(barPartitionFile(this.#root, id, month))) months.push(month);
    }
    return months.sort((a, b) => a.year - b.year || a.month - b.month);
  }

  /** Loads the columns into the `staging` table through an appender, one chunk at a time. */
  async #stage(columns: BarColumns): Promise<void> {
    const connection = this.#connection;
    const definition = COLUMNS.map((c, i) => `${c} ${i < 7 ? 'DOUBLE' : 'UTINYINT'}`).join(', ');
    await connection.run(`CREATE OR REPLACE TABLE staging (${definition})`);
    const appender = await connection.createAppender('staging');
    const sources = [
      columns.tsEvent,
      columns.tsInit,
      columns.open,
      columns.high,
      columns.low,
      columns.close,
      columns.volume,
      columns.pricePrecision,
      columns.sizePrecision,
    ];
    const chunk = DuckDBDataChunk.create(COLUMN_TYPES);
    for (let start = 0; start < columns.length; start += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, columns.length - start);
      chunk.rowCount = count;
      for (let k = 0; k < sources.length; k++) writeVector(chunk.getColumnVector(k), sources[k], start, count);
      appender.appendDataChunk(chunk);
      chunk.reset();
    }
    appender.closeSync();
  }

  /**
   * Writes one month of the staged bars (`count` rows), merged with the month's stored file;
   * returns how many stored bars were replaced.
   */
  async #writeMonth(id: InstrumentId, month: Month, count: number): Promise<number> {
    const file = barPartitionFile(this.#root, id, month);
    const temp = `${file}.tmp-${process.pid}`;
    mkdirSync(dirname(file), { recursive: true });
    const range = `ts_event >= ${monthStartUs(month)} AND ts_event < ${monthEndUs(month)}`;
    const incoming = `SELECT ${STORED_SELECT} FROM staging WHERE ${range}`;
    // Staged rows are already in time order and DuckDB preserves insertion order, so a new month
    // needs no sort (sorting made the write ~2.5× slower); a merge does.
    let query = incoming;
    let stored = 0;
    if (existsSync(file)) {
      stored = await this.#count(file);
      const kept =
        `SELECT ${COLUMNS.join(', ')} FROM read_parquet(${sqlString(file)}) ` +
        `WHERE ts_event NOT IN (SELECT CAST(ts_event AS BIGINT) FROM staging WHERE ${range})`;
      query = `SELECT * FROM (${kept} UNION ALL ${incoming}) ORDER BY ts_event`;
    }
    // Snappy rather than zstd: the Parquet writing is ~2.5× faster (measured; see docs/catalog.md).
    await this.#connection.run(
      `COPY (${query}) TO ${sqlString(temp)} (FORMAT parquet, COMPRESSION snappy)`,
    );
    const total = stored === 0 ? count : await this.#count(temp);
    fsyncFile(temp);
    renameSync(temp, file);
    fsyncFile(dirname(file));
    return stored + count - total;
  }

  async #count(file: string): Promise<number> {
    const result = await this.#connection.run(`SELECT count(*)::DOUBLE FROM read_parquet(${sqlString(file)})`);
    const value = result.getChunk(0).getColumnVector(0).getItem(0);
    return Number(value);
  }
}

/** Copies a materialized result with the {@link READ_SELECT} columns into `columns`. */
function copyResult(result: DuckDBMaterializedResult, columns: BarColumns): void {
  const targets = [
    columns.tsEvent,
    columns.tsInit,
    columns.open,
    columns.high,
    columns.low,
    columns.close,
    columns.volume,
    columns.pricePrecision,
    columns.sizePrecision,
  ];
  let offset = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const count = chunk.rowCount;
    for (let k = 0; k < targets.length; k++) readVector(chunk.getColumnVector(k), targets[k], offset, count);
    offset += count;
  }
}

/** A SQL string literal. */
function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A time bound as SQL: infinities become the extreme BIGINTs. */
function sqlBound(us: number): string {
  if (us === -Infinity) return '-9223372036854775808';
  if (us === Infinity) return '9223372036854775807';
  if (!Number.isSafeInteger(us)) throw new RangeError(`time bound ${us} is not an integer number of µs`);
  return String(us);
}

/** Flushes a file or folder to disk (a rename is only durable once its folder is). */
function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a small file aside, flushes it and renames it into place. */
function writeDurably(path: string, text: string): void {
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, text);
  fsyncFile(temp);
  renameSync(temp, path);
  fsyncFile(dirname(path));
}
