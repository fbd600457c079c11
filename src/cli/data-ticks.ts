/**
 * `quantflow data import --kind trades|quotes`, `data import --recording DIR` and
 * `data query --kind trades|quotes`: ticks into and out of a catalog (docs/catalog.md, "Ticks").
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { instrumentIdFromFileName } from '../adapters/csv/bar-csv-reader.js';
import { readInstrumentsFile } from '../adapters/csv/instrument-file.js';
import { formatTimestampUs } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import { sameInstrument } from '../data/catalog/catalog-instruments.js';
import { INSTRUMENTS_FILE } from '../data/catalog/catalog-layout.js';
import type { QuoteColumns } from '../data/catalog/quote-columns.js';
import { TickCatalog, type TickKind } from '../data/catalog/tick-catalog.js';
import type { TradeColumns } from '../data/catalog/trade-columns.js';
import { parseInstrumentId, type InstrumentId } from '../model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../model/instruments/instrument.js';
import { currency } from '../model/types/currency.js';
import { formatFixed } from '../model/types/fixed-point.js';
import { timeRangeOptions } from './backtest-job.js';
import { readTickCsv } from './data-tick-csv.js';
import { readRecording } from './data-tick-recording.js';
import { maxDecimals, tickColumnsAt, type TickRows } from './data-tick-rows.js';
import { fileErrorsAsInput } from './file-errors.js';

/** Options of a tick import. */
export interface TickImportOptions {
  readonly catalog: string;
  /** CSV files of `kind` (trades or quotes). */
  readonly files: readonly string[];
  readonly kind?: TickKind;
  /** Instrument of the CSV files (else each file's name: `btcusdt.csv` → BTCUSDT.SIM). */
  readonly instrument?: string;
  /** Recording folders of `quantflow stream --record`. */
  readonly recordings: readonly string[];
  /** Instrument definitions (`--instruments`). */
  readonly instruments?: string;
}

/**
 * Reads and checks every input first — a malformed line, a price off the instrument's tick grid,
 * a conflicting definition — so bad input writes nothing; then writes source by source. Each
 * write is idempotent (duplicates are skipped), so re-running after a crash is safe.
 */
export async function importTicks(opts: TickImportOptions): Promise<void> {
  const sources: { label: string; rows: TickRows }[] = [];
  const skipped: string[] = [];
  let csvId: InstrumentId | undefined;
  if (opts.instrument !== undefined) {
    const parsed = parseInstrumentId(opts.instrument);
    if (!parsed.ok) throw new InputError(`option --instrument: ${parsed.error.reason}`);
    csvId = parsed.value;
  }
  for (const file of opts.files) {
    const id = csvId ?? instrumentIdFromFileName(file);
    if (id === undefined)
      throw new InputError('cannot derive an instrument id from the file name; give --instrument', { file });
    sources.push({ label: file, rows: readTickCsv(opts.kind ?? 'trades', file, id) });
  }
  for (const dir of opts.recordings) {
    const recording = readRecording(dir);
    for (const rows of recording.rows) sources.push({ label: recording.file, rows });
    const { book, bar } = recording.skipped;
    if (book + bar > 0) skipped.push(`${recording.file}: skipped ${book} book update(s) and ${bar} bar(s)`);
  }

  const instruments = await resolveInstruments(
    opts,
    sources.map((s) => s.rows),
  );
  const columns = sources.map(({ rows }) => tickColumnsAt(rows, instruments.get(rows.instrumentId)!));

  fileErrorsAsInput(opts.catalog, 'cannot create the catalog', () =>
    mkdirSync(opts.catalog, { recursive: true }),
  );
  const catalog = await TickCatalog.open(opts.catalog, { create: true });
  const totals = { trades: 0, quotes: 0 };
  try {
    for (let k = 0; k < sources.length; k++) {
      const { label, rows } = sources[k];
      const instrument = instruments.get(rows.instrumentId)!;
      const summary =
        rows.kind === 'trades'
          ? await catalog.writeTrades(instrument, columns[k] as TradeColumns)
          : await catalog.writeQuotes(instrument, columns[k] as QuoteColumns);
      totals[rows.kind] += summary.ticks - summary.duplicates;
      process.stdout.write(
        `${summary.instrumentId}: ${summary.ticks} ${rows.kind} from ${label} into ${summary.days.length} day(s), ${summary.duplicates} already stored\n`,
      );
    }
  } finally {
    catalog.close();
  }
  for (const line of skipped) process.stdout.write(line + '\n');
  process.stdout.write(
    `imported ${totals.trades} new trades and ${totals.quotes} new quotes into ${opts.catalog}\n`,
  );
}

/**
 * The definition of every instrument of `rows`: from `--instruments` (by exact id), else the
 * catalog's, else inferred from the data as for bar files (tick size 10^-(most price decimals),
 * lot size 10^-(most size decimals), USD, multiplier 1).
 */
async function resolveInstruments(
  opts: TickImportOptions,
  rows: readonly TickRows[],
): Promise<Map<InstrumentId, Instrument>> {
  const given =
    opts.instruments === undefined
      ? new Map<InstrumentId, Instrument>()
      : readInstrumentsFile(opts.instruments);
  const stored = existsSync(join(opts.catalog, INSTRUMENTS_FILE))
    ? await TickCatalog.open(opts.catalog)
    : undefined;
  const resolved = new Map<InstrumentId, Instrument>();
  try {
    for (const id of new Set(rows.map((r) => r.instrumentId))) {
      const inCatalog = stored?.instrument(id);
      const fromFile = given.get(id);
      if (fromFile !== undefined && inCatalog !== undefined && !sameInstrument(fromFile, inCatalog))
        throw new InputError(
          `instrument ${id} is already in the catalog with tick size ${inCatalog.tickSize}, lot size ${inCatalog.lotSize}; the file defines tick size ${fromFile.tickSize}, lot size ${fromFile.lotSize}`,
          { file: opts.instruments },
        );
      const mine = rows.filter((r) => r.instrumentId === id);
      const inferred = (): Instrument =>
        simpleInstrument(
          id,
          currency('USD'),
          Math.max(...mine.map((r) => maxDecimals(r.prices))),
          Math.max(...mine.map((r) => maxDecimals(r.sizes))),
        );
      resolved.set(id, fromFile ?? inCatalog ?? inferred());
    }
  } finally {
    stored?.close();
  }
  return resolved;
}

/** Options of `data query --kind trades|quotes`. */
export interface TickQueryOptions {
  readonly catalog: string;
  readonly kind: TickKind;
  readonly instrument: InstrumentId;
  readonly from?: string;
  readonly to?: string;
  readonly out?: string;
}

const SIDE_TEXT = ['none', 'buy', 'sell'];

/** Prints how many ticks of the instrument lie in [from, to), first and last; writes them as CSV with `out`. */
export async function queryTicks(opts: TickQueryOptions): Promise<void> {
  const { fromUs, toUs } = timeRangeOptions(opts.from, opts.to);
  const catalog = await TickCatalog.open(opts.catalog);
  let trades: TradeColumns | undefined;
  let quotes: QuoteColumns | undefined;
  try {
    if (opts.kind === 'trades') trades = await catalog.readTradeColumns(opts.instrument, fromUs, toUs);
    else quotes = await catalog.readQuoteColumns(opts.instrument, fromUs, toUs);
  } finally {
    catalog.close();
  }
  const { length, tsEvent } = (trades ?? quotes)!;
  const range =
    length === 0
      ? ''
      : `, first ${formatTimestampUs(tsEvent[0])}, last ${formatTimestampUs(tsEvent[length - 1])}`;
  process.stdout.write(`${opts.instrument}: ${length} ${opts.kind}${range}\n`);
  if (opts.out === undefined) return;
  const lines: string[] = [];
  if (trades !== undefined) {
    const c = trades;
    lines.push('timestamp,price,size,side,trade_id');
    for (let i = 0; i < c.length; i++) {
      const id = /[",\n\r]/.test(c.tradeId[i]) ? `"${c.tradeId[i].replaceAll('"', '""')}"` : c.tradeId[i];
      lines.push(
        `${formatTimestampUs(c.tsEvent[i])},${formatFixed(c.price[i], c.pricePrecision[i])},${formatFixed(c.size[i], c.sizePrecision[i])},${SIDE_TEXT[c.side[i]]},${id}`,
      );
    }
  } else {
    const c = quotes!;
    lines.push('timestamp,bid,ask,bid_size,ask_size');
    for (let i = 0; i < c.length; i++) {
      const p = c.pricePrecision[i];
      const s = c.sizePrecision[i];
      lines.push(
        `${formatTimestampUs(c.tsEvent[i])},${formatFixed(c.bidPrice[i], p)},${formatFixed(c.askPrice[i], p)},${formatFixed(c.bidSize[i], s)},${formatFixed(c.askSize[i], s)}`,
      );
    }
  }
  const out = opts.out;
  fileErrorsAsInput(out, `cannot write ${opts.kind}`, () => writeFileSync(out, lines.join('\n') + '\n'));
  process.stdout.write(`wrote ${length} ${opts.kind} to ${out}\n`);
}
