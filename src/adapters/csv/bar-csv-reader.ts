/**
 * Reads OHLCV bars from CSV files, exactly (prices never go through floats) and strictly (every
 * problem is an {@link InputError} naming the file, the line and what is wrong; no row is ever
 * skipped).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatTimestampUs } from '../../core/clock.js';
import { InputError } from '../../core/input-error.js';
import { Bar, ohlcProblem } from '../../model/data/bar.js';
import { parseInstrumentId, type InstrumentId } from '../../model/identifiers/instrument-id.js';
import { simpleInstrument, type Instrument } from '../../model/instruments/instrument.js';
import { currency } from '../../model/types/currency.js';
import { POW10 } from '../../model/types/fixed-point.js';
import { Price } from '../../model/types/price.js';
import { describeDecimalProblem, scanDecimalAt, scanned, splitCsvLine } from './csv-text.js';
import { parseTimestampAt, parseTimestampUs } from './timestamp-parser.js';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** Options of {@link readBarsCsv} and {@link parseBarsCsv}. */
export interface BarCsvOptions {
  /**
   * Instrument of the bars. Defaults to `instrument.id`, else to the file name's stem, uppercased,
   * with invalid characters replaced by `_`, plus `.SIM` (`data/aapl.csv` → `AAPL.SIM`).
   */
  readonly instrumentId?: InstrumentId;
  /**
   * The instrument, when known: prices must then have at most its tick size's decimals and lie on
   * its tick grid. When absent, an instrument is inferred from the data (see {@link readBarsCsv}).
   */
  readonly instrument?: Instrument;
}

/** What a bar CSV file holds. */
export interface BarCsvData {
  /** The instrument given in the options, or the one inferred from the file. */
  readonly instrument: Instrument;
  /** The bars, in strictly increasing time order. */
  readonly bars: Bar[];
}

/**
 * Reads a CSV file of OHLCV bars of one instrument (synchronously).
 *
 * **Format.** A header row is required. Columns `timestamp,open,high,low,close[,volume]`, in any
 * order, names case-insensitive and trimmed; other columns are ignored. The timestamp column may
 * also be called `datetime`, `date` or `time` (searched in that order); when there is no
 * `timestamp`/`datetime` column but both `date` and `time` are present, each row's timestamp is
 * `<date>T<time>`. Fields may be double-quoted. Lines end in `\n` or `\r\n`; blank lines are
 * allowed only at the end of the file. A UTF-8 byte-order mark is ignored.
 *
 * **Timestamps** (the bar's `tsEvent` and `tsInit`), strictly increasing:
 * - ISO-8601: `2024-01-02` (midnight UTC), `2024-01-02T09:30:00Z`, `2024-01-02 09:30:00`,
 *   `2024-01-02T09:30:00.123456-05:00`; without an offset the time is **UTC**;
 * - epoch numbers, by their number of digits: **10 digits or fewer = seconds** (a fraction is
 *   allowed: `1704187800.5`), **13 digits = milliseconds**, **16 digits = microseconds**; other
 *   lengths are rejected as ambiguous, except **8 digits, read as a compact date `YYYYMMDD`**.
 *
 * **Prices** are read exactly as decimals and must be positive with `low ≤ open, close ≤ high`.
 * **Volume** is optional (0 when the column is missing) and must not be negative.
 *
 * **Instrument.** Given in `options.instrument`, or inferred: price precision = the most decimals
 * seen in the open/high/low/close of the file (trailing zeros ignored), tick size = 10^-precision;
 * size precision = the most decimals seen in the volume column, lot size = 10^-size precision (1
 * for whole volumes); quote currency USD; multiplier 1. Bars' prices are all at the instrument's
 * price precision; volumes at the larger of its size precision and the volume column's decimals.
 *
 * @throws InputError naming the file, the 1-based line (the header is line 1) and the problem
 */
export function readBarsCsv(path: string, options: BarCsvOptions = {}): BarCsvData {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new InputError(`cannot read bars: ${why}`, { file: path });
  }
  return parseBarsCsv(text, path, options);
}

/**
 * Parses the text of a bar CSV file; `fileName` is used in error messages and to derive the
 * instrument id. Same format and rules as {@link readBarsCsv}.
 *
 * @throws InputError naming the file, the 1-based line and the problem
 */
export function parseBarsCsv(text: string, fileName: string, options: BarCsvOptions = {}): BarCsvData {
  return new BarCsvParser(text, fileName, options).parse();
}

/** The instrument id derived from a file name: stem, uppercased, sanitized, + `.SIM`. */
export function instrumentIdFromFileName(fileName: string): InstrumentId | undefined {
  const base = basename(fileName);
  const dot = base.lastIndexOf('.');
  const stem = dot < 0 ? base : base.slice(0, dot); // ".csv" has an empty stem
  const symbol = stem.toUpperCase().replace(/[^A-Z0-9_-]/g, '_');
  if (symbol === '' || /^_+$/.test(symbol)) return undefined;
  const parsed = parseInstrumentId(`${symbol}.SIM`);
  return parsed.ok ? parsed.value : undefined;
}

/** Recognized header names → role; timestamp aliases are resolved by priority. */
const TIMESTAMP_ALIASES = ['timestamp', 'datetime', 'date', 'time'] as const;
const REQUIRED_PRICES = ['open', 'high', 'low', 'close'] as const;

interface ColumnLayout {
  readonly count: number;
  readonly names: string[];
  /** Index of the timestamp column, or of the date column when `timeCol` ≥ 0. */
  readonly tsCol: number;
  /** Index of a separate time column to append to the date, or -1. */
  readonly timeCol: number;
  /** open, high, low, close. */
  readonly priceCols: readonly [number, number, number, number];
  readonly volumeCol: number;
}

class BarCsvParser {
  readonly #text: string;
  readonly #file: string;
  readonly #options: BarCsvOptions;

  constructor(text: string, file: string, options: BarCsvOptions) {
    this.#text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    this.#file = file;
    this.#options = options;
  }

  #error(problem: string, line: number, column?: string): InputError {
    return new InputError(
      problem,
      column === undefined ? { file: this.#file, line } : { file: this.#file, line, column },
    );
  }

  parse(): BarCsvData {
    const text = this.#text;
    const n = text.length;
    const id = this.#instrumentId();
    const given = this.#options.instrument;

    if (text.trim() === '') throw this.#error('file is empty: expected a header row and bars', 1);

    // Header.
    let end = text.indexOf('\n');
    if (end < 0) end = n;
    const layout = this.#header(text.slice(0, end > 0 && text.charCodeAt(end - 1) === 13 ? end - 1 : end));
    let pos = end + 1;

    // Capacity: one row per remaining line at most.
    let capacity = 1;
    for (let i = text.indexOf('\n', pos); i >= 0; i = text.indexOf('\n', i + 1)) capacity++;
    const tsArr = new Float64Array(capacity);
    const openArr = new Float64Array(capacity);
    const highArr = new Float64Array(capacity);
    const lowArr = new Float64Array(capacity);
    const closeArr = new Float64Array(capacity);
    const volArr = new Float64Array(capacity);
    const rowDecimals = new Uint8Array(capacity);
    const volDecimals = new Uint8Array(capacity);

    // Fixed price precision and tick grid when the instrument is given.
    const fixedPrecision = given ? given.tickSize.precision : -1;
    const tickRaw = given ? given.tickSize.raw : 1;
    if (given && tickRaw <= 0) {
      throw new InputError(`instrument ${given.id} has a non-positive tick size ${given.tickSize}`);
    }

    const { count: fieldCount, tsCol, timeCol, volumeCol, names, priceCols } = layout;
    // Where each field of the current row is: src[start, end). `src` is the file text, except on
    // lines with quotes, which are split into strings.
    const fieldSrc = new Array<string>(fieldCount).fill(text);
    let srcIsText = true;
    const fieldStart = new Int32Array(fieldCount);
    const fieldEnd = new Int32Array(fieldCount);
    const fieldText = (c: number): string => fieldSrc[c].slice(fieldStart[c], fieldEnd[c]).trim();

    const raws = [0, 0, 0, 0];
    const decs = [0, 0, 0, 0];
    let maxPriceDecimals = 0;
    let maxVolumeDecimals = 0;
    let rows = 0;
    let line = 1;
    let prevTs = 0;
    let nextQuote = text.indexOf('"', pos);
    if (nextQuote < 0) nextQuote = Infinity;

    while (pos < n) {
      end = text.indexOf('\n', pos);
      if (end < 0) end = n;
      const lineStart = pos;
      const lineEnd = end > pos && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      pos = end + 1;
      line++;

      if (lineEnd === lineStart || (text.charCodeAt(lineStart) <= 32 && isBlank(text, lineStart, lineEnd))) {
        if (isBlank(text, pos, n)) break;
        throw this.#error('blank line in the middle of the data (only allowed at the end of the file)', line);
      }

      // Split into fields.
      let fields = 0;
      if (nextQuote < lineStart) {
        nextQuote = text.indexOf('"', lineStart);
        if (nextQuote < 0) nextQuote = Infinity;
      }
      if (nextQuote < lineEnd) {
        const split = splitCsvLine(text.slice(lineStart, lineEnd));
        if (split === undefined) throw this.#error('unterminated or malformed quoted field', line);
        fields = split.length;
        srcIsText = false;
        for (let c = 0; c < fieldCount && c < fields; c++) {
          fieldSrc[c] = split[c];
          fieldStart[c] = 0;
          fieldEnd[c] = split[c].length;
        }
      } else {
        if (!srcIsText) {
          fieldSrc.fill(text);
          srcIsText = true;
        }
        let start = lineStart;
        for (;;) {
          let comma = text.indexOf(',', start);
          if (comma < 0 || comma > lineEnd) comma = lineEnd;
          if (fields < fieldCount) {
            fieldStart[fields] = start;
            fieldEnd[fields] = comma;
          }
          fields++;
          if (comma === lineEnd) break;
          start = comma + 1;
        }
      }
      if (fields !== fieldCount) {
        throw this.#error(
          `wrong number of fields: expected ${fieldCount} (as in the header), found ${fields}`,
          line,
        );
      }

      // Timestamp.
      const ts =
        timeCol < 0
          ? parseTimestampAt(fieldSrc[tsCol], fieldStart[tsCol], fieldEnd[tsCol])
          : parseTimestampUs(`${fieldText(tsCol)}T${fieldText(timeCol)}`);
      if (typeof ts === 'string') {
        const shown = timeCol < 0 ? fieldText(tsCol) : `${fieldText(tsCol)}T${fieldText(timeCol)}`;
        const problem = ts === 'empty' ? 'empty value' : `unparseable timestamp "${shown}": ${ts}`;
        throw this.#error(problem, line, names[tsCol]);
      }
      if (rows > 0 && ts <= prevTs) {
        const relation = ts === prevTs ? 'is the same as' : 'is before';
        throw this.#error(
          `timestamp ${formatTimestampUs(ts)} ${relation} the previous timestamp ${formatTimestampUs(prevTs)} (line ${line - 1}); timestamps must be strictly increasing`,
          line,
          names[tsCol],
        );
      }

      // Prices: exact raw integers at the row's own precision (the instrument's when given).
      let rowPrecision = fixedPrecision;
      for (let k = 0; k < 4; k++) {
        const c = priceCols[k];
        const problem = scanDecimalAt(fieldSrc[c], fieldStart[c], fieldEnd[c]);
        if (problem !== undefined)
          throw this.#error(describeDecimalProblem(problem, fieldText(c)), line, names[c]);
        if (scanned.raw <= 0)
          throw this.#error(`price must be positive, got ${fieldText(c)}`, line, names[c]);
        raws[k] = scanned.raw;
        decs[k] = scanned.decimals;
        if (scanned.decimals > rowPrecision) {
          if (given) {
            throw this.#error(
              `price ${fieldText(c)} has ${scanned.decimals} decimals, more than the tick size ${given.tickSize} of ${given.id} allows`,
              line,
              names[c],
            );
          }
          rowPrecision = scanned.decimals;
        }
      }
      for (let k = 0; k < 4; k++) {
        if (decs[k] !== rowPrecision) {
          const scaled = raws[k] * POW10[rowPrecision - decs[k]];
          if (scaled > MAX_SAFE) {
            const c = priceCols[k];
            throw this.#error(
              `price ${fieldText(c)} has too many digits at ${rowPrecision} decimals`,
              line,
              names[c],
            );
          }
          raws[k] = scaled;
        }
        if (tickRaw !== 1 && raws[k] % tickRaw !== 0) {
          const c = priceCols[k];
          throw this.#error(
            `price ${fieldText(c)} is not on the tick grid of ${given?.id} (tick size ${given?.tickSize})`,
            line,
            names[c],
          );
        }
      }
      const open = raws[0];
      const high = raws[1];
      const low = raws[2];
      const close = raws[3];
      if (low > high || open > high || close > high || open < low || close < low) {
        // Report the prices as written.
        const [o, h, l, c] = priceCols.map((col) => Price.parse(fieldText(col)));
        const why = ohlcProblem(o, h, l, c);
        throw this.#error(`inconsistent OHLC: ${why ?? 'low ≤ open, close ≤ high does not hold'}`, line);
      }

      // Volume.
      let volume = 0;
      let volumeDecimals = 0;
      if (volumeCol >= 0) {
        const c = volumeCol;
        const problem = scanDecimalAt(fieldSrc[c], fieldStart[c], fieldEnd[c]);
        if (problem !== undefined)
          throw this.#error(describeDecimalProblem(problem, fieldText(c)), line, names[c]);
        if (scanned.raw < 0)
          throw this.#error(`volume must not be negative, got ${fieldText(c)}`, line, names[c]);
        volume = scanned.raw;
        volumeDecimals = scanned.decimals;
        if (volumeDecimals > maxVolumeDecimals) maxVolumeDecimals = volumeDecimals;
      }

      if (rowPrecision > maxPriceDecimals) maxPriceDecimals = rowPrecision;
      tsArr[rows] = ts;
      openArr[rows] = open;
      highArr[rows] = high;
      lowArr[rows] = low;
      closeArr[rows] = close;
      volArr[rows] = volume;
      rowDecimals[rows] = rowPrecision;
      volDecimals[rows] = volumeDecimals;
      rows++;
      prevTs = ts;
    }

    if (rows === 0) throw this.#error('no bars: the file has a header but no data rows', 2);

    const instrument = given ?? simpleInstrument(id, currency('USD'), maxPriceDecimals, maxVolumeDecimals);
    const pricePrecision = instrument.tickSize.precision;
    const volumePrecision = Math.max(instrument.lotSize.precision, maxVolumeDecimals);

    // Second pass: every price at the instrument's precision, every volume at one precision.
    // Prices are immutable, so equal prices share one object (most bars repeat nearby values).
    const bars = new Array<Bar>(rows);
    for (let r = 0; r < rows; r++) {
      const priceScale = POW10[pricePrecision - rowDecimals[r]];
      if (highArr[r] * priceScale > MAX_SAFE) {
        throw this.#error(
          `prices have too many digits at the file's precision of ${pricePrecision} decimals`,
          r + 2,
        );
      }
      const volume = volArr[r] * POW10[volumePrecision - volDecimals[r]];
      if (volume > MAX_SAFE) {
        throw this.#error(
          `volume has too many digits at ${volumePrecision} decimals`,
          r + 2,
          names[volumeCol],
        );
      }
      const ts = tsArr[r];
      bars[r] = new Bar(
        instrument.id,
        openArr[r] * priceScale,
        highArr[r] * priceScale,
        lowArr[r] * priceScale,
        closeArr[r] * priceScale,
        pricePrecision,
        volume,
        volumePrecision,
        ts,
        ts,
      );
    }
    return { instrument, bars };
  }

  #instrumentId(): InstrumentId {
    const { instrumentId, instrument } = this.#options;
    if (instrument && instrumentId && instrument.id !== instrumentId) {
      throw new InputError(
        `instrument id ${instrumentId} does not match the instrument given (${instrument.id})`,
        {
          file: this.#file,
        },
      );
    }
    const id = instrument?.id ?? instrumentId ?? instrumentIdFromFileName(this.#file);
    if (id === undefined) {
      throw new InputError('cannot derive an instrument id from the file name; give one explicitly', {
        file: this.#file,
      });
    }
    return id;
  }

  #header(content: string): ColumnLayout {
    if (content.trim() === '') throw this.#error('blank first line: expected the header row', 1);
    const fields = splitCsvLine(content);
    if (fields === undefined) throw this.#error('unterminated or malformed quoted field in the header', 1);
    const names = fields.map((f) => f.trim());
    const index = new Map<string, number>();
    names.forEach((name, i) => {
      const key = name.toLowerCase();
      const known =
        key === 'volume' ||
        (REQUIRED_PRICES as readonly string[]).includes(key) ||
        (TIMESTAMP_ALIASES as readonly string[]).includes(key);
      if (!known) return;
      const previous = index.get(key);
      if (previous !== undefined) {
        throw this.#error(`column "${name}" appears twice (fields ${previous + 1} and ${i + 1})`, 1);
      }
      index.set(key, i);
    });

    const missing: string[] = [];
    let tsCol = -1;
    let timeCol = -1;
    const has = (key: string): boolean => index.has(key);
    if (has('timestamp')) tsCol = index.get('timestamp')!;
    else if (has('datetime')) tsCol = index.get('datetime')!;
    else if (has('date')) {
      tsCol = index.get('date')!;
      if (has('time')) timeCol = index.get('time')!;
    } else if (has('time')) tsCol = index.get('time')!;
    else missing.push('timestamp (or datetime, date, time)');
    const priceCols = REQUIRED_PRICES.map((key) => {
      const col = index.get(key);
      if (col === undefined) missing.push(key);
      return col ?? -1;
    });
    if (missing.length > 0) {
      const found =
        names.length === 0 || (names.length === 1 && names[0] === '')
          ? '(none)'
          : names.map((x) => x || '(empty)').join(', ');
      const hint = index.size === 0 ? '; the first line must be a header naming the columns' : '';
      throw this.#error(`missing required column(s) ${missing.join(', ')}; found: ${found}${hint}`, 1);
    }
    return {
      count: fields.length,
      names,
      tsCol,
      timeCol,
      priceCols: priceCols as unknown as readonly [number, number, number, number],
      volumeCol: index.get('volume') ?? -1,
    };
  }
}

/** True when `text[start, end)` holds only whitespace. */
function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 32) return false;
  return true;
}
