/**
 * A historical catalog of ticks — trades and quotes — beside the bars of the same catalog folder:
 * Parquet files written and read through DuckDB, one file per instrument, kind and calendar day
 * (UTC). Values are exact (raw integers with their precisions, µs timestamps), as for bars; see
 * docs/catalog.md, "Ticks".
 */
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import { DAILY } from './catalog-layout.js';
import { CatalogStore, type CatalogTable, type TableExtent } from './catalog-store.js';
import { selectRows, type ColumnData } from './duckdb-columns.js';
import { quoteColumnsOf, quotesOfColumns, type QuoteColumns } from './quote-columns.js';
import { SIDE_CODES, tradeColumnsOf, tradesOfColumns, type TradeColumns } from './trade-columns.js';

/** The two kinds of ticks. */
export type TickKind = 'trades' | 'quotes';

/** What {@link TickCatalog.writeTrades} and {@link TickCatalog.writeQuotes} did. */
export interface TickWriteSummary {
  readonly instrumentId: InstrumentId;
  readonly kind: TickKind;
  /** Ticks given. */
  readonly ticks: number;
  /** Of those, how many were already stored (or given twice) and so were not stored again. */
  readonly duplicates: number;
  /** Day partitions written (`YYYY-MM-DD`). */
  readonly days: string[];
}

/**
 * The trades table. A trade is identified by (instrument, trade id): a trade whose id is already
 * stored is not stored again (the first write wins; a venue never changes a printed trade).
 */
export const TRADE_TABLE: CatalogTable = {
  kind: 'trades',
  partitioning: DAILY,
  columns: [
    { name: 'ts_event', kind: 'int' },
    { name: 'ts_init', kind: 'int' },
    { name: 'price', kind: 'int' },
    { name: 'size', kind: 'int' },
    { name: 'price_precision', kind: 'u8' },
    { name: 'size_precision', kind: 'u8' },
    { name: 'side', kind: 'u8' },
    { name: 'trade_id', kind: 'text' },
  ],
  key: ['trade_id'],
  onConflict: 'keep',
};

const QUOTE_VALUES = ['ts_event', 'bid_price', 'ask_price', 'bid_size', 'ask_size', 'price_precision', 'size_precision'];

/**
 * The quotes table. Quotes have no id: a quote identical to a stored one in everything but
 * `ts_init` (same µs, prices and sizes) is the same quote and is not stored again. Two identical
 * quotes in one µs say nothing the first did not, so nothing is lost.
 */
export const QUOTE_TABLE: CatalogTable = {
  kind: 'quotes',
  partitioning: DAILY,
  columns: [
    { name: 'ts_event', kind: 'int' },
    { name: 'ts_init', kind: 'int' },
    { name: 'bid_price', kind: 'int' },
    { name: 'ask_price', kind: 'int' },
    { name: 'bid_size', kind: 'int' },
    { name: 'ask_size', kind: 'int' },
    { name: 'price_precision', kind: 'u8' },
    { name: 'size_precision', kind: 'u8' },
  ],
  key: QUOTE_VALUES,
  onConflict: 'keep',
};

const TABLES: Record<TickKind, CatalogTable> = { trades: TRADE_TABLE, quotes: QUOTE_TABLE };

/**
 * A catalog of trades and quotes in a folder (the same folder, instruments file and rules as
 * `BarCatalog`: one writer at a time, atomic file replacement, definitions fixed by the first
 * write). Rows are kept in non-decreasing `tsEvent` order; ticks sharing a µs keep the order
 * they were written in.
 */
export class TickCatalog {
  readonly #store: CatalogStore;

  private constructor(store: CatalogStore) {
    this.#store = store;
  }

  /**
   * Opens the catalog in folder `root`.
   *
   * @throws InputError when `root` is not a catalog (and `create` is not set)
   */
  static async open(root: string, options: { create?: boolean } = {}): Promise<TickCatalog> {
    return new TickCatalog(await CatalogStore.open(root, options));
  }

  get root(): string {
    return this.#store.root;
  }

  /** All instruments of the catalog (with or without ticks), in the order first written. */
  instruments(): Instrument[] {
    return this.#store.instruments();
  }

  instrument(id: InstrumentId): Instrument | undefined {
    return this.#store.instrument(id);
  }

  /** Instruments with ticks of `kind`, in catalog order. */
  instrumentsWith(kind: TickKind): Instrument[] {
    return this.#store.instrumentsWith(TABLES[kind]);
  }

  /** Days (partitions) of `kind` stored for `id`, in time order. */
  days(kind: TickKind, id: InstrumentId): string[] {
    return this.#store.partitions(TABLES[kind], id).map((p) => p.key);
  }

  /** How many ticks of `kind` are stored for `id`, first and last `tsEvent`; `undefined` for none. */
  extent(kind: TickKind, id: InstrumentId): Promise<TableExtent | undefined> {
    return this.#store.extent(TABLES[kind], id);
  }

  /**
   * Stores trades of `instrument` in non-decreasing `tsEvent` order. A trade whose id is already
   * stored, or given earlier in the same call, is skipped (counted in `duplicates`). Each day
   * touched is rewritten, written aside, flushed and renamed into place before this resolves.
   *
   * @throws InputError when the catalog holds a different definition of the instrument
   * @throws RangeError when the trades are out of time order, of another instrument, or a trade
   *   id is empty or a side code unknown
   */
  async writeTrades(instrument: Instrument, trades: readonly TradeTick[] | TradeColumns): Promise<TickWriteSummary> {
    const c = Array.isArray(trades)
      ? tradeColumnsOf(instrument.id, trades as readonly TradeTick[])
      : (trades as TradeColumns);
    checkColumns('trade', instrument, c.instrumentId, c.tsEvent, c.length);
    const keep = new Uint8Array(c.length);
    const seen = new Set<string>();
    for (let i = 0; i < c.length; i++) {
      const id = c.tradeId[i];
      if (id === '') throw new RangeError(`trade ${i}: empty trade id`);
      if (c.side[i] >= SIDE_CODES.length) throw new RangeError(`trade ${i}: unknown side code ${c.side[i]}`);
      if (seen.has(id)) continue;
      seen.add(id);
      keep[i] = 1;
    }
    const sources = [c.tsEvent, c.tsInit, c.price, c.size, c.pricePrecision, c.sizePrecision, c.side, c.tradeId];
    return this.#write('trades', instrument, sources, keep, seen.size, c.length);
  }

  /**
   * Stores quotes of `instrument` in non-decreasing `tsEvent` order. A quote identical to one
   * already stored or given earlier in the same call (same µs, prices and sizes) is skipped.
   *
   * @throws InputError when the catalog holds a different definition of the instrument
   * @throws RangeError when the quotes are out of time order or of another instrument
   */
  async writeQuotes(instrument: Instrument, quotes: readonly QuoteTick[] | QuoteColumns): Promise<TickWriteSummary> {
    const c = Array.isArray(quotes)
      ? quoteColumnsOf(instrument.id, quotes as readonly QuoteTick[])
      : (quotes as QuoteColumns);
    checkColumns('quote', instrument, c.instrumentId, c.tsEvent, c.length);
    const sources = [c.tsEvent, c.tsInit, c.bidPrice, c.askPrice, c.bidSize, c.askSize, c.pricePrecision, c.sizePrecision];
    // Identical quotes can only share a µs, and rows are in time order: a set per µs suffices.
    const keep = new Uint8Array(c.length);
    const seen = new Set<string>();
    let kept = 0;
    for (let i = 0; i < c.length; i++) {
      if (i > 0 && c.tsEvent[i] !== c.tsEvent[i - 1]) seen.clear();
      const key = `${c.bidPrice[i]} ${c.askPrice[i]} ${c.bidSize[i]} ${c.askSize[i]} ${c.pricePrecision[i]} ${c.sizePrecision[i]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      keep[i] = 1;
      kept++;
    }
    return this.#write('quotes', instrument, sources, keep, kept, c.length);
  }

  /** Trades of `id` with `fromUs ≤ tsEvent < toUs` (µs; both optional), as columns. */
  async readTradeColumns(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<TradeColumns> {
    const { length, columns } = await this.#store.read(TRADE_TABLE, id, fromUs, toUs);
    const [tsEvent, tsInit, price, size] = columns as Float64Array[];
    const [pricePrecision, sizePrecision, side] = columns.slice(4, 7) as Uint8Array[];
    const tradeId = columns[7] as string[];
    return { instrumentId: id, length, tsEvent, tsInit, price, size, pricePrecision, sizePrecision, side, tradeId };
  }

  /** {@link readTradeColumns} as {@link TradeTick} objects. */
  async readTrades(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<TradeTick[]> {
    return tradesOfColumns(await this.readTradeColumns(id, fromUs, toUs));
  }

  /** Quotes of `id` with `fromUs ≤ tsEvent < toUs` (µs; both optional), as columns. */
  async readQuoteColumns(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<QuoteColumns> {
    const { length, columns } = await this.#store.read(QUOTE_TABLE, id, fromUs, toUs);
    const [tsEvent, tsInit, bidPrice, askPrice, bidSize, askSize] = columns as Float64Array[];
    const [pricePrecision, sizePrecision] = columns.slice(6) as Uint8Array[];
    return { instrumentId: id, length, tsEvent, tsInit, bidPrice, askPrice, bidSize, askSize, pricePrecision, sizePrecision };
  }

  /** {@link readQuoteColumns} as {@link QuoteTick} objects. */
  async readQuotes(id: InstrumentId, fromUs = -Infinity, toUs = Infinity): Promise<QuoteTick[]> {
    return quotesOfColumns(await this.readQuoteColumns(id, fromUs, toUs));
  }

  /** Releases DuckDB. The catalog cannot be used afterwards. */
  close(): void {
    this.#store.close();
  }

  async #write(
    kind: TickKind,
    instrument: Instrument,
    sources: ColumnData[],
    keep: Uint8Array,
    kept: number,
    given: number,
  ): Promise<TickWriteSummary> {
    this.#store.define(instrument);
    const rows = kept === given ? sources : selectRows(sources, keep, kept);
    const summary = await this.#store.write(TABLES[kind], instrument.id, rows, kept);
    return {
      instrumentId: instrument.id,
      kind,
      ticks: given,
      duplicates: given - kept + summary.dropped,
      days: summary.partitions,
    };
  }
}

function checkColumns(what: string, instrument: Instrument, id: InstrumentId, ts: Float64Array, length: number): void {
  if (id !== instrument.id) throw new RangeError(`${what}s are of ${id}, not ${instrument.id}`);
  for (let i = 1; i < length; i++) {
    if (ts[i] < ts[i - 1]) throw new RangeError(`${what} ${i}: timestamps must not decrease`);
  }
}
