/**
 * Low-level helpers of the CSV readers: splitting a line into fields and reading decimal
 * numbers exactly, tuned for millions of rows (char-code loops, no regex on the common path).
 */
import { parseDecimal, POW10, type DecimalParseError } from '../../model/types/fixed-point.js';

/**
 * Splits one CSV line into fields. Fields may be double-quoted (`"a,b"`, `""` for a quote);
 * returns `undefined` when a quoted field is not terminated on this line or is followed by
 * something other than a comma.
 */
export function splitCsvLine(line: string): string[] | undefined {
  if (line.indexOf('"') < 0) return line.split(',');
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34 /* " */) {
      let value = '';
      let start = ++i;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) return undefined;
        if (line.charCodeAt(quote + 1) === 34) {
          value += line.slice(start, quote + 1);
          i = start = quote + 2;
          continue;
        }
        value += line.slice(start, quote);
        i = quote + 1;
        break;
      }
      const comma = line.indexOf(',', i);
      const rest = comma < 0 ? line.slice(i) : line.slice(i, comma);
      if (rest.trim() !== '') return undefined;
      out.push(value);
      if (comma < 0) return out;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      if (comma < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
}

/** Why a field is not a decimal number. */
export type DecimalProblem = 'empty' | DecimalParseError;

/**
 * The result of the last successful {@link scanDecimal}: `raw / 10^decimals`, with trailing
 * zeros of the fraction dropped (`"1.50"` → raw 15, decimals 1). Written in place to avoid
 * allocating an object per field.
 */
export const scanned = { raw: 0, decimals: 0 };

/**
 * Reads a decimal string exactly into {@link scanned}. Plain `123.45` with at most 15 characters
 * (always a safe integer) takes a char-code fast path; anything else (signs, spaces, long
 * numbers, garbage) goes to {@link parseDecimal}, which defines the accepted syntax. Never goes
 * through a float.
 *
 * @returns `undefined` on success, else why the text is not a number
 */
export function scanDecimal(text: string): DecimalProblem | undefined {
  return scanDecimalAt(text, 0, text.length);
}

/** {@link scanDecimal} on `text[start, end)`, without slicing the string on the fast path. */
export function scanDecimalAt(text: string, start: number, end: number): DecimalProblem | undefined {
  const n = end - start;
  if (n === 0) return 'empty';
  if (n <= 15) {
    let raw = 0;
    let i = start;
    let c = 0;
    while (i < end) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      raw = raw * 10 + (c - 48);
      i++;
    }
    if (i > start) {
      if (i === end) {
        scanned.raw = raw;
        scanned.decimals = 0;
        return undefined;
      }
      if (c === 46 /* . */ && i + 1 < end) {
        i++;
        let decimals = 0;
        let zeros = 0;
        while (i < end) {
          c = text.charCodeAt(i);
          if (c === 48) {
            zeros++;
          } else if (c > 48 && c <= 57) {
            // 10^(zeros + 1) is at most 10^14 here: exact.
            raw = raw * POW10[zeros + 1] + (c - 48);
            decimals += zeros + 1;
            zeros = 0;
          } else {
            break;
          }
          i++;
        }
        if (i === end) {
          scanned.raw = raw;
          scanned.decimals = decimals;
          return undefined;
        }
      }
    }
  }
  return scanDecimalSlow(start === 0 && end === text.length ? text : text.slice(start, end));
}

function scanDecimalSlow(text: string): DecimalProblem | undefined {
  if (text.trim() === '') return 'empty';
  const parsed = parseDecimal(text);
  if (typeof parsed === 'string') return parsed;
  let { raw, precision } = parsed;
  while (precision > 0 && raw % 10 === 0) {
    raw /= 10;
    precision--;
  }
  scanned.raw = raw === 0 ? 0 : raw;
  scanned.decimals = precision;
  return undefined;
}

/** A readable sentence for a {@link DecimalProblem} about `text`. */
export function describeDecimalProblem(problem: DecimalProblem, text: string): string {
  switch (problem) {
    case 'empty':
      return 'empty value';
    case 'not-a-number':
      return `"${text}" is not a number`;
    case 'too-precise':
      return `"${text}" has too many decimals (at most 16)`;
    case 'too-large':
      return `"${text}" has too many digits to be represented exactly`;
  }
}
