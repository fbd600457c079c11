/**
 * The storage engine under every kind of catalog data (bars, trades, quotes): a folder with the
 * instruments file and, per kind, Parquet files per instrument and period, written and read
 * through an in-memory DuckDB (layout in `catalog-layout.ts`). The typed catalogs
 * (`BarCatalog`, `TickCatalog`) describe their table once ({@link CatalogTable}) and leave files,
 * merging, durability and reading to this class.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../core/input-error.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { formatCatalogInstruments, readCatalogInstruments, sameInstrument } from './catalog-instruments.js';
import {
  INSTRUMENTS_FILE,
  instrumentDir,
  partitionFile,
  type CatalogKind,
  type Partition,
  type Partitioning,
} from './catalog-layout.js';
import {
  allocateColumn,
  copyResult,
  readSelect,
  stageColumns,
  storedSelect,
  type ColumnData,
  type ColumnDef,
} from './duckdb-columns.js';

/** A kind of catalog data: where it lives, its columns, and what makes two rows the same. */
export interface CatalogTable {
  readonly kind: CatalogKind;
  readonly partitioning: Partitioning;
  /** The Parquet columns, in order; the first is `ts_event` (µs), which partitions and orders rows. */
  readonly columns: readonly ColumnDef[];
  /** The columns identifying a row within an instrument: rows with equal values are the same row. */
  readonly key: readonly string[];
  /**
   * When a written row is the same as a stored one: `replace` the stored row (last write wins),
   * or `keep` it and drop the written one (first write wins).
   */
  readonly onConflict: 'replace' | 'keep';
}

/** What {@link CatalogStore.write} did. */
export interface TableWriteSummary {
  /** Rows given. */
  readonly rows: number;
  /** Rows dropped by the conflict rule: stored rows replaced, or given rows already stored. */
  readonly dropped: number;
  /** Partitions written (`YYYY-MM` or `YYYY-MM-DD`). */
  readonly partitions: string[];
}

/** How many rows of an instrument are stored, and the first and last `ts_event`. */
export interface TableExtent {
  readonly rows: number;
  readonly firstUs: number;
  readonly lastUs: number;
}

/**
 * One catalog folder, opened. One writer at a time per folder (there is no cross-process lock);
 * readers only ever see complete files, since every file is written aside and renamed.
 */
export class CatalogStore {
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
  static async open(root: string, options: { create?: boolean } = {}): Promise<CatalogStore> {
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
    return new CatalogStore(root, instance, connection, instruments);
  }

  get root(): string {
    return this.#root;
  }

  /** The instruments in the catalog, in the order they were first written. */
  instruments(): Instrument[] {
    return [...this.#instruments.values()];
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return this.#instruments.get(id);
  }

  /**
   * The definition of `id`.
   *
   * @throws InputError when the catalog has no such instrument
   */
  known(id: InstrumentId): Instrument {
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

  /**
   * Records `instrument`'s definition on its first write; later writes must define it the same.
   *
   * @throws InputError when the catalog holds a different definition
   */
  define(instrument: Instrument): void {
    const stored = this.#instruments.get(instrument.id);
    if (stored !== undefined) {
      if (sameInstrument(stored, instrument)) return;
      throw new InputError(
        `instrument ${instrument.id} is already in the catalog with tick size ${stored.tickSize}, lot size ${stored.lotSize}, currency ${stored.quoteCurrency.code}, multiplier ${stored.multiplier}; this import defines tick size ${instrument.tickSize}, lot size ${instrument.lotSize}, currency ${instrument.quoteCurrency.code}, multiplier ${instrument.multiplier}`,
        { file: this.#root },
      );
    }
    this.#instruments.set(instrument.id, instrument);
    // Definition first: a crash before the rows land leaves a harmless empty instrument, never
    // rows without a definition.
    writeDurably(join(this.#root, INSTRUMENTS_FILE), formatCatalogInstruments(this.#instruments.values()));
  }

  /** Instruments with at least one partition of `table`, in catalog order. */
  instrumentsWith(table: CatalogTable): Instrument[] {
    return this.instruments().filter((i) => this.partitions(table, i.id).length > 0);
  }

  /** Partitions of `table` stored for `id`, in time order. */
  partitions(table: CatalogTable, id: InstrumentId): Partition[] {
    const dir = instrumentDir(this.#root, table.kind, id);
    if (!existsSync(dir)) return [];
    const found: Partition[] = [];
    for (const name of readdirSync(dir)) {
      const partition = table.partitioning.parse(name);
      if (partition !== undefined && existsSync(this.#file(table, id, partition))) found.push(partition);
    }
    return found.sort((a, b) => a.startUs - b.startUs);
  }

  /**
   * Stores rows of `id` (`sources` in the order of `table.columns`, `length` rows, `ts_event`
   * non-decreasing: the caller checks) merged with what is stored by `table`'s conflict rule. Rows
   * with equal `ts_event` keep their order; in a merge, stored rows come before written ones.
   * Each partition touched is written aside, flushed to disk and renamed into place before this
   * resolves. The instrument must have been {@link define}d.
   */
  async write(
    table: CatalogTable,
    id: InstrumentId,
    sources: readonly ColumnData[],
    length: number,
  ): Promise<TableWriteSummary> {
    this.known(id);
    if (length === 0) return { rows: 0, dropped: 0, partitions: [] };
    const ts = sources[0] as Float64Array;
    await stageColumns(this.#connection, 'staging', table.columns, sources, length);
    const partitions: string[] = [];
    let dropped = 0;
    for (let start = 0; start < length; ) {
      const partition = table.partitioning.of(ts[start]);
      let stop = start;
      while (stop < length && ts[stop] < partition.endUs) stop++;
      dropped += await this.#writePartition(table, id, partition, stop - start);
      partitions.push(partition.key);
      start = stop;
    }
    await this.#connection.run('DROP TABLE staging');
    return { rows: length, dropped, partitions };
  }

  /**
   * Rows of `id` with `fromUs ≤ ts_event < toUs` (µs; infinities for open ends), in stored order,
   * as columns in the order of `table.columns`.
   *
   * @throws InputError when the catalog has no instrument `id`
   * @throws Error when a stored file is out of time order (corruption)
   */
  async read(
    table: CatalogTable,
    id: InstrumentId,
    fromUs = -Infinity,
    toUs = Infinity,
  ): Promise<{ length: number; columns: ColumnData[] }> {
    this.known(id);
    const { files, cut } = this.#files(table, id, fromUs, toUs);
    if (files.length === 0) return { length: 0, columns: table.columns.map((c) => allocateColumn(c.kind, 0)) };
    // Files are listed in time order and each is sorted; DuckDB keeps that order (insertion order
    // is preserved by default), so no ORDER BY is needed — the order is checked below anyway.
    const where = cut ? ` WHERE ts_event >= ${sqlBound(fromUs)} AND ts_event < ${sqlBound(toUs)}` : '';
    const result = await this.#connection.run(
      `SELECT ${readSelect(table.columns)} FROM read_parquet([${files.map(sqlString).join(', ')}])${where}`,
    );
    const length = result.rowCount;
    const columns = table.columns.map((c) => allocateColumn(c.kind, length));
    copyResult(result, columns);
    const read = columns[0] as Float64Array;
    for (let i = 1; i < length; i++) {
      if (read[i] < read[i - 1]) throw new Error(`corrupt catalog: ${table.kind} of ${id} out of order at row ${i}`);
    }
    return { length, columns };
  }

  /** Rows of `id` stored in `table`, first and last `ts_event`; `undefined` when there are none. */
  async extent(table: CatalogTable, id: InstrumentId): Promise<TableExtent | undefined> {
    this.known(id);
    const { files } = this.#files(table, id, -Infinity, Infinity);
    if (files.length === 0) return undefined;
    const result = await this.#connection.run(
      `SELECT count(*)::DOUBLE, min(ts_event)::DOUBLE, max(ts_event)::DOUBLE FROM read_parquet([${files.map(sqlString).join(', ')}])`,
    );
    const chunk = result.getChunk(0);
    const value = (k: number): number => Number(chunk.getColumnVector(k).getItem(0));
    return { rows: value(0), firstUs: value(1), lastUs: value(2) };
  }

  /** Releases DuckDB. The store cannot be used afterwards. */
  close(): void {
    this.#connection.closeSync();
    this.#instance.closeSync();
  }

  #file(table: CatalogTable, id: InstrumentId, partition: Partition): string {
    return partitionFile(this.#root, table.kind, id, table.partitioning, partition);
  }

  /** The files holding [fromUs, toUs), and whether some hold rows outside it. */
  #files(table: CatalogTable, id: InstrumentId, fromUs: number, toUs: number): { files: string[]; cut: boolean } {
    const files: string[] = [];
    let cut = false;
    for (const p of this.partitions(table, id)) {
      if (p.endUs <= fromUs || p.startUs >= toUs) continue;
      if (p.startUs < fromUs || p.endUs > toUs) cut = true;
      files.push(this.#file(table, id, p));
    }
    return { files, cut };
  }

  /**
   * Writes one partition of the staged rows (`count` of them), merged with its stored file;
   * returns how many rows the conflict rule dropped.
   */
  async #writePartition(table: CatalogTable, id: InstrumentId, partition: Partition, count: number): Promise<number> {
    const file = this.#file(table, id, partition);
    const temp = `${file}.tmp-${process.pid}`;
    mkdirSync(dirname(file), { recursive: true });
    const names = table.columns.map((c) => c.name).join(', ');
    const range = `ts_event >= ${partition.startUs} AND ts_event < ${partition.endUs}`;
    // Staged rows are already in time order and DuckDB preserves insertion order, so a new
    // partition needs no sort (sorting made the bar write ~2.5× slower); a merge does, stably:
    // by time, then stored rows before written ones, each in its own order.
    let query = `SELECT ${storedSelect(table.columns)} FROM staging WHERE ${range}`;
    let stored = 0;
    if (existsSync(file)) {
      stored = await this.#count(file);
      const same = (a: string, b: string): string => table.key.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
      const [loser, winner] = table.onConflict === 'replace' ? ['stored', 'incoming'] : ['incoming', 'stored'];
      const losers = `SELECT * FROM ${loser} l WHERE NOT EXISTS (SELECT 1 FROM ${winner} w WHERE ${same('w', 'l')})`;
      query =
        `WITH incoming AS (SELECT ${storedSelect(table.columns)}, 1 AS _src, rowid AS _seq FROM staging WHERE ${range}), ` +
        `stored AS (SELECT ${names}, 0 AS _src, file_row_number AS _seq FROM read_parquet(${sqlString(file)}, file_row_number = true)) ` +
        `SELECT ${names} FROM (SELECT * FROM ${winner} UNION ALL ${losers}) ORDER BY ts_event, _src, _seq`;
    }
    // Snappy rather than zstd: the Parquet writing is ~2.5× faster (measured; see docs/catalog.md).
    await this.#connection.run(`COPY (${query}) TO ${sqlString(temp)} (FORMAT parquet, COMPRESSION snappy)`);
    const total = stored === 0 ? count : await this.#count(temp);
    fsyncFile(temp);
    renameSync(temp, file);
    fsyncFile(dirname(file));
    return stored + count - total;
  }

  async #count(file: string): Promise<number> {
    const result = await this.#connection.run(`SELECT count(*)::DOUBLE FROM read_parquet(${sqlString(file)})`);
    return Number(result.getChunk(0).getColumnVector(0).getItem(0));
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
