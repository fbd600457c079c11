/**
 * A historical catalog of bars: Parquet files written and read through DuckDB, one file per
 * instrument and calendar month (layout in `catalog-layout.ts` and docs/catalog.md).
 *
 * Values are exact: prices and volumes are stored as raw integers (`BIGINT`) with their
 * precisions (`UTINYINT`), timestamps as µs since the epoch (`BIGINT`); nothing goes through a
 * decimal float. I/O is asynchronous because DuckDB's is: a backtest reads its range first and
 * then runs the synchronous kernel on it.
 */
import type { Bar } from '../../model/data/bar.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { barColumnsOf, barsOfColumns, type BarColumns } from './bar-columns.js';
import { MONTHLY } from './catalog-layout.js';
import { CatalogStore, type CatalogTable } from './catalog-store.js';

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

/** The bars table: one row per (instrument, `ts_event`), a re-written bar replaces the stored one. */
export const BAR_TABLE: CatalogTable = {
  kind: 'bars',
  partitioning: MONTHLY,
  columns: [
    { name: 'ts_event', kind: 'int' },
    { name: 'ts_init', kind: 'int' },
    { name: 'open', kind: 'int' },
    { name: 'high', kind: 'int' },
    { name: 'low', kind: 'int' },
    { name: 'close', kind: 'int' },
    { name: 'volume', kind: 'int' },
    { name: 'price_precision', kind: 'u8' },
    { name: 'size_precision', kind: 'u8' },
  ],
  key: ['ts_event'],
  onConflict: 'replace',
};

/**
 * A catalog of bars in a folder. One writer at a time per folder (there is no cross-process
 * lock); readers only ever see complete files, since every file is written aside and renamed.
 *
 * **Re-import rule.** A bar is identified by (instrument, `tsEvent`). Writing bars whose
 * timestamps are already stored replaces those stored bars (the last write wins); all other
 * stored bars are kept. Importing the same data twice therefore leaves the same bars.
 */
export class BarCatalog {
  readonly #store: CatalogStore;

  private constructor(store: CatalogStore) {
    this.#store = store;
  }

  /**
   * Opens the catalog in folder `root` (with an in-memory DuckDB; the data lives in the files).
   *
   * @throws InputError when `root` is not a catalog (and `create` is not set)
   */
  static async open(root: string, options: BarCatalogOptions = {}): Promise<BarCatalog> {
    return new BarCatalog(await CatalogStore.open(root, options));
  }

  /** The catalog's folder. */
  get root(): string {
    return this.#store.root;
  }

  /** The instruments in the catalog, in the order they were first written. */
  instruments(): Instrument[] {
    return this.#store.instruments();
  }

  /** The definition of `id`, or `undefined` when the catalog has no such instrument. */
  instrument(id: InstrumentId): Instrument | undefined {
    return this.#store.instrument(id);
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
    const c = Array.isArray(bars) ? barColumnsOf(instrument.id, bars as readonly Bar[]) : (bars as BarColumns);
    if (c.instrumentId !== instrument.id) {
      throw new RangeError(`bars are of ${c.instrumentId}, not ${instrument.id}`);
    }
    const ts = c.tsEvent;
    for (let i = 1; i < c.length; i++) {
      if (!(ts[i] > ts[i - 1])) throw new RangeError(`bar ${i}: timestamps must be strictly increasing`);
    }
    this.#store.define(instrument);
    const sources = [c.tsEvent, c.tsInit, c.open, c.high, c.low, c.close, c.volume, c.pricePrecision, c.sizePrecision];
    const summary = await this.#store.write(BAR_TABLE, instrument.id, sources, c.length);
    return { instrumentId: instrument.id, bars: c.length, replaced: summary.dropped, months: summary.partitions };
  }

  /**
   * Bars of `id` with `fromUs ≤ tsEvent < toUs` (µs; both optional), as columns in time order.
   *
   * @throws InputError when the catalog has no instrument `id`
   */
  async readColumns(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<BarColumns> {
    const { length, columns } = await this.#store.read(BAR_TABLE, id, fromUs, toUs);
    const [tsEvent, tsInit, open, high, low, close, volume] = columns as Float64Array[];
    const [pricePrecision, sizePrecision] = columns.slice(7) as Uint8Array[];
    for (let i = 1; i < length; i++) {
      if (!(tsEvent[i] > tsEvent[i - 1])) throw new Error(`corrupt catalog: two bars of ${id} at row ${i}`);
    }
    return { instrumentId: id, length, tsEvent, tsInit, open, high, low, close, volume, pricePrecision, sizePrecision };
  }

  /** {@link readColumns} as {@link Bar} objects. */
  async readBars(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<Bar[]> {
    return barsOfColumns(await this.readColumns(id, fromUs, toUs));
  }

  /** Months (partitions) stored for `id`, in time order. */
  months(id: InstrumentId): string[] {
    return this.#store.partitions(BAR_TABLE, id).map((p) => p.key);
  }

  /** Releases DuckDB. The catalog cannot be used afterwards. */
  close(): void {
    this.#store.close();
  }
}
