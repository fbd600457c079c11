import { US } from '../../core/clock.js';
import { InputError } from '../../core/input-error.js';
import { formatFixed, parseDecimal } from '../../model/types/fixed-point.js';

/** A positive decimal kept exactly: `raw / 10^precision` (converted to the instrument's units later). */
export interface ExactDecimal {
  readonly raw: number;
  readonly precision: number;
}

/**
 * What closes a bar:
 * - `time`: every `stepUs` µs, aligned to the epoch (so to UTC midnight, see {@link parseBarSpec});
 * - `tick`: every `count` updates (trades or quotes);
 * - `volume`: every `threshold` of traded size (in instrument units, e.g. 1000 shares);
 * - `value`: every `threshold` of notional, price × size (dollar bars).
 */
export type BarSpec =
  | { readonly kind: 'time'; readonly stepUs: number }
  | { readonly kind: 'tick'; readonly count: number }
  | { readonly kind: 'volume'; readonly threshold: ExactDecimal }
  | { readonly kind: 'value'; readonly threshold: ExactDecimal };

export type BarSpecKind = BarSpec['kind'];

const UNIT_US = { s: US.SECOND, m: US.MINUTE, h: US.HOUR, d: US.DAY } as const;
const TIME = /^(\d+)(s|m|h|d)$/;
const TICKS = /^(\d+)t$/;
const KINDS = ['time', 'tick', 'volume', 'value', 'dollar'];

/**
 * Parses a bar specification:
 *
 * | text                          | bars                                             |
 * | ----------------------------- | ------------------------------------------------ |
 * | `1s` `5s` `1m` `15m` `1h` `1d` | time bars (also `time:1m`); units s, m, h, d    |
 * | `100t`, `tick:100`            | one bar per 100 trades (or quotes)               |
 * | `volume:1000`                 | one bar per 1000 units traded (decimals allowed) |
 * | `value:1000000`, `dollar:…`   | one bar per 1,000,000 of notional (price × size) |
 *
 * A time step must lie between 1s and 1d and divide a day evenly (`7m` does not), so every
 * day starts a bar at 00:00 UTC and bars line up across days and instruments.
 *
 * @throws InputError naming the spec when it is malformed.
 */
export function parseBarSpec(text: string): BarSpec {
  const spec = text.trim().toLowerCase();
  const fail = (problem: string): never => {
    throw new InputError(`bar spec "${text}": ${problem}`);
  };
  const colon = spec.indexOf(':');
  if (colon < 0) {
    if (TIME.test(spec)) return parseTime(spec, fail);
    const ticks = TICKS.exec(spec);
    if (ticks !== null) return { kind: 'tick', count: parseCount(ticks[1], fail) };
    return fail(
      'expected a time step (1s, 5m, 1h, 1d), ticks (100t) or kind:amount (tick:100, volume:1000, value:1000000)',
    );
  }
  const kind = spec.slice(0, colon);
  const amount = spec.slice(colon + 1).trim();
  switch (kind) {
    case 'time':
      return parseTime(amount, fail);
    case 'tick':
      return { kind: 'tick', count: parseCount(amount, fail) };
    case 'volume':
      return { kind: 'volume', threshold: parseThreshold(amount, fail) };
    case 'value':
    case 'dollar':
      return { kind: 'value', threshold: parseThreshold(amount, fail) };
    default:
      return fail(`unknown kind "${kind}", expected one of ${KINDS.join(', ')}`);
  }
}

/** The canonical text of a spec (`parseBarSpec(formatBarSpec(s))` equals `s`): `1m`, `tick:100`, ... */
export function formatBarSpec(spec: BarSpec): string {
  switch (spec.kind) {
    case 'time': {
      for (const unit of ['d', 'h', 'm'] as const) {
        if (spec.stepUs % UNIT_US[unit] === 0) return `${spec.stepUs / UNIT_US[unit]}${unit}`;
      }
      return `${spec.stepUs / US.SECOND}s`;
    }
    case 'tick':
      return `tick:${spec.count}`;
    case 'volume':
    case 'value':
      return `${spec.kind}:${formatFixed(spec.threshold.raw, spec.threshold.precision)}`;
  }
}

function parseTime(text: string, fail: (problem: string) => never): BarSpec {
  const match = TIME.exec(text);
  if (match === null) return fail('expected a time step such as 1s, 5m, 1h or 1d');
  const stepUs = Number(match[1]) * UNIT_US[match[2] as keyof typeof UNIT_US];
  if (!Number.isSafeInteger(stepUs) || stepUs < US.SECOND || stepUs > US.DAY) {
    return fail('a time step must be between 1s and 1d');
  }
  if (US.DAY % stepUs !== 0) {
    return fail('a time step must divide a day evenly (e.g. 1m, 5m, 15m, 1h, 4h), so bars align to midnight');
  }
  return { kind: 'time', stepUs };
}

function parseCount(text: string, fail: (problem: string) => never): number {
  const count = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(count) || count < 1) return fail('the tick count must be a whole number ≥ 1');
  return count;
}

function parseThreshold(text: string, fail: (problem: string) => never): ExactDecimal {
  const parsed = parseDecimal(text.replace(/_/g, ''));
  if (typeof parsed === 'string') return fail(`the threshold "${text}" is not a plain decimal (${parsed})`);
  if (parsed.raw <= 0) return fail('the threshold must be positive');
  // Drop trailing zeros so `1000.00` and `1000` are the same spec.
  let { raw, precision } = parsed;
  while (precision > 0 && raw % 10 === 0) {
    raw /= 10;
    precision--;
  }
  return { raw, precision };
}
