/**
 * Fixed-point arithmetic shared by {@link Price}, {@link Quantity} and {@link Money}:
 * a value is an integer `raw` and a decimal `precision`, meaning `raw / 10^precision`.
 */
import { assertSafeInteger } from '../../core/assert.js';

/** Largest precision supported: 10^16 still fits a double exactly. */
export const MAX_PRECISION = 16;

/** Powers of ten, exact as doubles for exponents 0..22. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Why a decimal string could not be read as a fixed-point value. */
export type DecimalParseError = 'not-a-number' | 'too-precise' | 'too-large';

/**
 * Parses a decimal string exactly into a raw integer at `precision` decimals.
 * Returns an error code rather than rounding, so no digit of input is ever lost.
 * `precision` undefined means: use the string's own number of decimals.
 */
export function parseDecimal(
  text: string,
  precision?: number,
): { raw: number; precision: number } | DecimalParseError {
  const plain = parsePlainDecimal(text, precision);
  if (plain !== undefined) return plain;
  const match = DECIMAL.exec(text.trim());
  if (match === null) return 'not-a-number';
  const [, sign, whole, fraction = ''] = match;
  const digits = fraction.replace(/0+$/, '');
  const target = precision ?? fraction.length;
  if (digits.length > target || target > MAX_PRECISION) return 'too-precise';
  const raw = Number(whole + fraction.padEnd(target, '0').slice(0, target));
  if (!Number.isSafeInteger(raw)) return 'too-large';
  return { raw: sign === '-' ? -raw : raw, precision: target };
}

/** {@link scanPlainDecimal}'s answer when the text is not in the plain form. */
export const NOT_PLAIN = -1;
/** {@link scanPlainDecimal}'s answer when the text has significant digits past the precision. */
export const TOO_PRECISE = -2;
/** {@link scanPlainDecimal}'s answer when the raw integer would pass 2^53. */
export const TOO_LARGE = -3;

/**
 * {@link parseDecimal} for the common form — digits, optionally a dot and digits, nothing else —
 * read character by character, with the same results; `undefined` for any other form (a sign,
 * spaces, a malformed number), which goes the general (regular-expression) way. Every price of
 * a CSV file or a venue message passes here, and the general way (match, trim, pad, slice,
 * Number) was a sixth of the market-data path's time.
 */
function parsePlainDecimal(
  text: string,
  precision: number | undefined,
): { raw: number; precision: number } | DecimalParseError | undefined {
  let target = precision;
  if (target === undefined) {
    const dot = text.indexOf('.');
    target = dot < 0 ? 0 : text.length - dot - 1;
  }
  const raw = scanPlainDecimal(text, 0, text.length, target);
  if (raw >= 0) return { raw, precision: target };
  return raw === TOO_PRECISE ? 'too-precise' : raw === TOO_LARGE ? 'too-large' : undefined;
}

/**
 * The raw integer at `precision` decimals of the plain decimal `text[start, end)` (digits,
 * optionally a dot and digits), without copying it out: venue message scanners read prices in
 * place. Returns {@link NOT_PLAIN}, {@link TOO_PRECISE} or {@link TOO_LARGE} (all negative)
 * instead of a value when it cannot be read exactly.
 */
export function scanPlainDecimal(text: string, start: number, end: number, precision: number): number {
  let i = start;
  let whole = 0;
  for (; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    whole = whole * 10 + digit;
  }
  if (i === start) return NOT_PLAIN;
  let fractionStart = end;
  if (i < end) {
    if (text.charCodeAt(i) !== 46 || i + 1 === end) return NOT_PLAIN;
    fractionStart = i + 1;
    for (let j = fractionStart; j < end; j++) {
      const digit = text.charCodeAt(j) - 48;
      if (digit < 0 || digit > 9) return NOT_PLAIN;
    }
  }
  const fractionLength = end - fractionStart;
  let significant = fractionLength;
  while (significant > 0 && text.charCodeAt(fractionStart + significant - 1) === 48) significant--;
  if (significant > precision || precision > MAX_PRECISION) return TOO_PRECISE;
  // Exact while below 2^53; past it the value only grows, so the final check catches it.
  let raw = whole;
  for (let k = 0; k < precision; k++)
    raw = raw * 10 + (k < fractionLength ? text.charCodeAt(fractionStart + k) - 48 : 0);
  return Number.isSafeInteger(raw) ? raw : TOO_LARGE;
}

/** Number of decimals in a decimal string, ignoring trailing zeros (`"1.50"` → 1). */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  if (dot < 0) return 0;
  let end = text.length;
  while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--;
  return end - dot - 1;
}

/** Formats a raw integer at `precision` decimals, always with exactly `precision` decimals. */
export function formatFixed(raw: number, precision: number): string {
  if (precision === 0) return String(raw);
  const negative = raw < 0;
  const digits = String(Math.abs(raw)).padStart(precision + 1, '0');
  const text = `${digits.slice(0, -precision)}.${digits.slice(-precision)}`;
  return negative ? `-${text}` : text;
}

/** Converts a float to the nearest raw integer at `precision` decimals (half away from zero). */
export function rawFromNumber(value: number, precision: number): number {
  const scaled = value * POW10[precision];
  const nearest = Math.round(scaled);
  // Fast path: the product is an integer up to binary noise (the usual case for values
  // that were decimals at this precision to begin with).
  if (Math.abs(scaled - nearest) < 1e-7 && Number.isSafeInteger(nearest)) return nearest === 0 ? 0 : nearest;
  // Correct the binary error of `value * 10^p` before rounding (e.g. 1.005 * 100 = 100.49999…).
  const nudged = Number(scaled.toPrecision(15));
  const raw = Math.sign(nudged) * Math.round(Math.abs(nudged));
  assertSafeInteger(raw, `value ${value} at precision ${precision}`);
  return raw === 0 ? 0 : raw;
}

/** Re-expresses `raw` at a new precision; rounds half away from zero when precision drops. */
export function rescaleRaw(raw: number, from: number, to: number): number {
  if (to === from) return raw;
  if (to > from) {
    const out = raw * POW10[to - from];
    assertSafeInteger(out, `rescaled value ${raw}e-${from}`);
    return out;
  }
  return divRound(raw, POW10[from - to]);
}

/** Integer division rounded half away from zero, exact for safe integers. */
export function divRound(numerator: number, denominator: number): number {
  const q = Math.trunc(numerator / denominator);
  const r = numerator - q * denominator;
  if (2 * Math.abs(r) >= Math.abs(denominator)) {
    return q + (Math.sign(numerator) * Math.sign(denominator) || 1);
  }
  return q === 0 ? 0 : q;
}

/**
 * `priceRaw × quantityRaw` re-expressed at `outPrecision`, rounded half away from zero.
 * Exact: uses doubles while the product is a safe integer and BigInt beyond.
 */
export function mulRaw(
  priceRaw: number,
  pricePrecision: number,
  quantityRaw: number,
  quantityPrecision: number,
  outPrecision: number,
): number {
  const product = priceRaw * quantityRaw;
  const shift = pricePrecision + quantityPrecision - outPrecision;
  if (Number.isSafeInteger(product)) {
    if (shift === 0) return product === 0 ? 0 : product; // the common case: precisions add up
    const out = shift > 0 ? divRound(product, POW10[shift]) : rescaleRaw(product, 0, -shift);
    return out === 0 ? 0 : out; // never -0
  }
  const big = BigInt(priceRaw) * BigInt(quantityRaw);
  if (shift <= 0) return toSafe(big * 10n ** BigInt(-shift));
  const d = 10n ** BigInt(shift);
  let q = big / d;
  const r = big - q * d;
  if (2n * (r < 0n ? -r : r) >= d) q += big < 0n ? -1n : 1n;
  return toSafe(q);
}

function toSafe(value: bigint): number {
  const out = Number(value);
  assertSafeInteger(out, `product ${value}`);
  return out;
}

/** `a × b / c` rounded half away from zero, exact for safe integers (BigInt when a × b is too large). */
export function mulDivRound(a: number, b: number, c: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product)) return divRound(product, c);
  const big = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  let q = big / d;
  const r = big - q * d;
  if (2n * (r < 0n ? -r : r) >= (d < 0n ? -d : d)) q += big < 0n !== d < 0n ? -1n : 1n;
  return toSafe(q);
}
