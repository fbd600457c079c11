/**
 * Ticks read from user files (CSV, recordings), before they are checked against an instrument:
 * raw integers with the decimals each value was written with, and the line each row came from,
 * so that every later problem (a price off the tick grid) can still name file:line and field.
 * {@link tickColumnsAt} turns them into the catalog's columns at one instrument's precisions.
 */
import { InputError } from '../core/input-error.js';
import type { TickKind } from '../data/catalog/tick-catalog.js';
import { allocateQuoteColumns, type QuoteColumns } from '../data/catalog/quote-columns.js';
import { allocateTradeColumns, type TradeColumns } from '../data/catalog/trade-columns.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import type { Instrument } from '../model/instruments/instrument.js';
import { formatFixed, POW10 } from '../model/types/fixed-point.js';

/** One decimal column: raw integers, each at its own number of decimals. */
export interface DecimalColumn {
  /** The field's name in error messages (the CSV header's, or the recording's key). */
  readonly name: string;
  readonly raw: number[];
  readonly decimals: number[];
}

/** Ticks of one kind and instrument from one file, in the file's order. */
export interface TickRows {
  readonly kind: TickKind;
  readonly file: string;
  readonly instrumentId: InstrumentId;
  /** 1-based line of each row. */
  readonly line: number[];
  readonly tsEvent: number[];
  readonly tsInit: number[];
  /** Trades: [price]; quotes: [bid, ask]. */
  readonly prices: DecimalColumn[];
  /** Trades: [size]; quotes: [bid size, ask size]. */
  readonly sizes: DecimalColumn[];
  /** Trades: side codes and ids (empty for quotes). */
  readonly side: number[];
  readonly tradeId: string[];
}

/** Empty rows with the fields of `kind`, named as given. */
export function emptyTickRows(
  kind: TickKind,
  file: string,
  instrumentId: InstrumentId,
  priceNames: string[],
  sizeNames: string[],
): TickRows {
  const column = (name: string): DecimalColumn => ({ name, raw: [], decimals: [] });
  return {
    kind,
    file,
    instrumentId,
    line: [],
    tsEvent: [],
    tsInit: [],
    prices: priceNames.map(column),
    sizes: sizeNames.map(column),
    side: [],
    tradeId: [],
  };
}

/** The most decimals of any value of `columns` (the precision an inferred instrument needs). */
export function maxDecimals(columns: readonly DecimalColumn[]): number {
  let max = 0;
  for (const c of columns) for (const d of c.decimals) if (d > max) max = d;
  return max;
}

/**
 * The rows as catalog columns, in non-decreasing `tsEvent` order (a stable sort: rows sharing a
 * µs keep the file's order), every price at the instrument's tick precision and every size at its
 * lot precision.
 *
 * @throws InputError naming file:line (field) when a value has more decimals than the instrument
 *   allows, is off its tick or lot grid, or does not fit exactly at that precision
 */
export function tickColumnsAt(rows: TickRows, instrument: Instrument): TradeColumns | QuoteColumns {
  const n = rows.tsEvent.length;
  const order = Array.from({ length: n }, (_, i) => i);
  if (!isSorted(rows.tsEvent)) order.sort((a, b) => rows.tsEvent[a] - rows.tsEvent[b] || a - b);
  const prices = rows.prices.map((c) => scaled(rows, c, order, instrument.tickSize, 'tick size'));
  const sizes = rows.sizes.map((c) => scaled(rows, c, order, instrument.lotSize, 'lot size'));
  const pricePrecision = instrument.tickSize.precision;
  const sizePrecision = instrument.lotSize.precision;
  const common = (c: TradeColumns | QuoteColumns): void => {
    for (let j = 0; j < n; j++) {
      c.tsEvent[j] = rows.tsEvent[order[j]];
      c.tsInit[j] = rows.tsInit[order[j]];
    }
    c.pricePrecision.fill(pricePrecision);
    c.sizePrecision.fill(sizePrecision);
  };
  if (rows.kind === 'trades') {
    const c = allocateTradeColumns(rows.instrumentId, n);
    common(c);
    c.price.set(prices[0]);
    c.size.set(sizes[0]);
    for (let j = 0; j < n; j++) {
      c.side[j] = rows.side[order[j]];
      c.tradeId[j] = rows.tradeId[order[j]];
    }
    return c;
  }
  const c = allocateQuoteColumns(rows.instrumentId, n);
  common(c);
  c.bidPrice.set(prices[0]);
  c.askPrice.set(prices[1]);
  c.bidSize.set(sizes[0]);
  c.askSize.set(sizes[1]);
  return c;
}

function isSorted(ts: readonly number[]): boolean {
  for (let i = 1; i < ts.length; i++) if (ts[i] < ts[i - 1]) return false;
  return true;
}

/** One column at `step`'s precision, in `order`, checked to lie on `step`'s grid. */
function scaled(
  rows: TickRows,
  column: DecimalColumn,
  order: readonly number[],
  step: { raw: number; precision: number; toString(): string },
  what: string,
): Float64Array {
  const out = new Float64Array(order.length);
  const precision = step.precision;
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const decimals = column.decimals[i];
    const fail = (problem: string): never => {
      const text = formatFixed(column.raw[i], decimals);
      throw new InputError(`${column.name} ${text} ${problem}`, {
        file: rows.file,
        line: rows.line[i],
        column: column.name,
      });
    };
    if (decimals > precision)
      fail(`has ${decimals} decimals, more than the ${what} ${step} of ${rows.instrumentId} allows`);
    const raw = column.raw[i] * POW10[precision - decimals];
    if (!Number.isSafeInteger(raw)) fail(`has too many digits at ${precision} decimals`);
    if (step.raw !== 1 && raw % step.raw !== 0)
      fail(`is not on the ${what} grid of ${rows.instrumentId} (${step})`);
    out[j] = raw;
  }
  return out;
}
