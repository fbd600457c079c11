/**
 * Reads trades and quotes CSV files for `quantflow data import --kind trades|quotes`, strictly:
 * every problem is an {@link InputError} naming the file, the line and the field; no row is
 * skipped. Formats (docs/catalog.md, "Ticks"), a header row required, columns by name in any
 * order, names case-insensitive, other columns ignored:
 *
 * - trades: `timestamp,price,size[,side][,trade_id]` (ARCHITECTURE.md's trades CSV, plus an
 *   optional id). `side`: `buy`/`buyer`/`b`, `sell`/`seller`/`s`, or `none`/empty. Without a
 *   `trade_id` column, a trade's id is `<tsEvent µs>-<n>`, n counting the trades of that µs in the
 *   file from 0, so importing the same file again stores nothing twice.
 * - quotes: `timestamp,bid,ask,bid_size,ask_size`.
 *
 * Timestamps as in bar files (ISO-8601, epoch s/ms/µs by digits), non-decreasing; `tsInit` is
 * `tsEvent`. Prices must be positive, trade sizes positive, quote sizes not negative.
 */
import { readFileSync } from 'node:fs';
import { describeDecimalProblem, scanDecimal, scanned, splitCsvLine } from '../adapters/csv/csv-text.js';
import { parseTimestampUs } from '../adapters/csv/timestamp-parser.js';
import { formatTimestampUs } from '../core/clock.js';
import { InputError } from '../core/input-error.js';
import type { TickKind } from '../data/catalog/tick-catalog.js';
import type { InstrumentId } from '../model/identifiers/instrument-id.js';
import { emptyTickRows, type DecimalColumn, type TickRows } from './data-tick-rows.js';
import { fileErrorsAsInput } from './file-errors.js';

/** Header names accepted for each field (first is the documented one). */
const FIELDS = {
  timestamp: ['timestamp', 'datetime', 'time'],
  price: ['price'],
  size: ['size', 'quantity', 'qty'],
  side: ['side'],
  trade_id: ['trade_id', 'tradeid', 'id'],
  bid: ['bid', 'bid_price'],
  ask: ['ask', 'ask_price'],
  bid_size: ['bid_size'],
  ask_size: ['ask_size'],
} as const;
type Field = keyof typeof FIELDS;

const REQUIRED: Record<TickKind, Field[]> = {
  trades: ['timestamp', 'price', 'size'],
  quotes: ['timestamp', 'bid', 'ask', 'bid_size', 'ask_size'],
};
const OPTIONAL: Record<TickKind, Field[]> = { trades: ['side', 'trade_id'], quotes: [] };

const SIDES: Record<string, number> = { '': 0, none: 0, buy: 1, buyer: 1, b: 1, sell: 2, seller: 2, s: 2 };

/**
 * Reads a trades or quotes CSV file of instrument `instrumentId`.
 *
 * @throws InputError naming the file, the 1-based line (the header is line 1) and the field
 */
export function readTickCsv(kind: TickKind, path: string, instrumentId: InstrumentId): TickRows {
  const text = fileErrorsAsInput(path, `cannot read ${kind}`, () => readFileSync(path, 'utf8'));
  return parseTickCsv(kind, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, path, instrumentId);
}

/** {@link readTickCsv} on a file's text; `file` names it in errors. */
export function parseTickCsv(
  kind: TickKind,
  text: string,
  file: string,
  instrumentId: InstrumentId,
): TickRows {
  const lines = text.split('\n');
  const error = (problem: string, line: number, column?: string): InputError =>
    new InputError(problem, column === undefined ? { file, line } : { file, line, column });
  const stripped = (k: number): string => (lines[k].endsWith('\r') ? lines[k].slice(0, -1) : lines[k]);

  if (text.trim() === '') throw error(`file is empty: expected a header row and ${kind}`, 1);
  const header = splitCsvLine(stripped(0));
  if (header === undefined) throw error('unterminated or malformed quoted field in the header', 1);
  const names = header.map((h) => h.trim());
  const col = new Map<Field, number>();
  for (const field of [...REQUIRED[kind], ...OPTIONAL[kind]]) {
    const i = names.findIndex((n) => (FIELDS[field] as readonly string[]).includes(n.toLowerCase()));
    if (i >= 0) col.set(field, i);
  }
  const missing = REQUIRED[kind].filter((f) => !col.has(f));
  if (missing.length > 0)
    throw error(`missing column(s) ${missing.join(', ')}; the header has ${names.join(', ') || '(none)'}`, 1);

  const rows =
    kind === 'trades'
      ? emptyTickRows(kind, file, instrumentId, [names[col.get('price')!]], [names[col.get('size')!]])
      : emptyTickRows(
          kind,
          file,
          instrumentId,
          [names[col.get('bid')!], names[col.get('ask')!]],
          [names[col.get('bid_size')!], names[col.get('ask_size')!]],
        );
  const priceCols = kind === 'trades' ? [col.get('price')!] : [col.get('bid')!, col.get('ask')!];
  const sizeCols = kind === 'trades' ? [col.get('size')!] : [col.get('bid_size')!, col.get('ask_size')!];
  const tsCol = col.get('timestamp')!;
  const sideCol = col.get('side');
  const idCol = col.get('trade_id');
  let last = -Infinity;
  let sameUs = 0;

  for (let k = 1; k < lines.length; k++) {
    const line = k + 1;
    const content = stripped(k);
    if (content.trim() === '') {
      if (lines.slice(k).every((l) => l.trim() === '')) break;
      throw error('blank line in the middle of the data (only allowed at the end of the file)', line);
    }
    const fields = splitCsvLine(content);
    if (fields === undefined) throw error('unterminated or malformed quoted field', line);
    if (fields.length !== names.length)
      throw error(
        `wrong number of fields: expected ${names.length} (as in the header), found ${fields.length}`,
        line,
      );

    const tsText = fields[tsCol].trim();
    const ts = parseTimestampUs(tsText);
    if (typeof ts === 'string')
      throw error(
        ts === 'empty' ? 'empty value' : `unparseable timestamp "${tsText}": ${ts}`,
        line,
        names[tsCol],
      );
    if (ts < last)
      throw error(
        `timestamp ${formatTimestampUs(ts)} is before the previous one ${formatTimestampUs(last)}; timestamps must not decrease`,
        line,
        names[tsCol],
      );
    sameUs = ts === last ? sameUs + 1 : 0;
    last = ts;

    const decimal = (c: number, target: DecimalColumn, min: number): void => {
      const value = fields[c].trim();
      const problem = scanDecimal(value);
      if (problem !== undefined) throw error(describeDecimalProblem(problem, value), line, names[c]);
      if (scanned.raw < min)
        throw error(`must be ${min > 0 ? 'positive' : 'zero or more'}, got ${value}`, line, names[c]);
      target.raw.push(scanned.raw);
      target.decimals.push(scanned.decimals);
    };
    priceCols.forEach((c, j) => decimal(c, rows.prices[j], 1));
    sizeCols.forEach((c, j) => decimal(c, rows.sizes[j], kind === 'trades' ? 1 : 0));

    if (kind === 'trades') {
      const sideText = sideCol === undefined ? '' : fields[sideCol].trim().toLowerCase();
      const side = SIDES[sideText];
      if (side === undefined)
        throw error(
          `unknown side "${fields[sideCol!].trim()}" (expected buy, sell or none)`,
          line,
          names[sideCol!],
        );
      rows.side.push(side);
      if (idCol === undefined) rows.tradeId.push(`${ts}-${sameUs}`);
      else {
        const id = fields[idCol].trim();
        if (id === '') throw error('empty trade id', line, names[idCol]);
        rows.tradeId.push(id);
      }
    }
    rows.line.push(line);
    rows.tsEvent.push(ts);
    rows.tsInit.push(ts);
  }
  if (rows.tsEvent.length === 0) throw error(`no ${kind}: the file has a header but no data rows`, 2);
  return rows;
}
