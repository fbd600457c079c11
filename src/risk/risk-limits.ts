/**
 * The risk engine's configuration as a zod schema: limits for the whole node, defaults for every
 * strategy and per-strategy overrides. Every limit is optional; a limit left out is not checked.
 * Quantities are decimals in instrument units (`"0.5"` BTC), money in the account currency
 * (`"25000"` USD), percentages in percent (`"12.5"`). Decimals may be given as strings (exact) or
 * JSON numbers. Documented in docs/risk.md.
 */
import { z } from 'zod';
import { InputError } from '../core/input-error.js';
import { parseInstrumentId } from '../model/identifiers/instrument-id.js';
import { parseStrategyId } from '../model/identifiers/order-ids.js';
import { parseDecimal } from '../model/types/fixed-point.js';
import { Weekday, type TradingHoursRule } from './trading-hours.js';

/** An exact non-negative decimal: `raw / 10^precision`. */
export interface Decimal {
  readonly raw: number;
  readonly precision: number;
}

/** A limit given once for all instruments or per instrument id, with `default` for the others. */
export interface PerInstrument<T> {
  /** Limit for instruments not listed in {@link byId}. */
  readonly fallback: T | undefined;
  readonly byId: ReadonlyMap<string, T>;
}

type Issues = z.core.$ZodRawIssue[];

/** Reads a decimal (string or finite number) ≥ 0 and ≤ `max` when given; pushes an issue otherwise. */
function readDecimal(
  value: unknown,
  issues: Issues,
  path: PropertyKey[],
  max?: Decimal,
): Decimal | undefined {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  const parsed = typeof text === 'string' ? parseDecimal(text) : 'not-a-number';
  if (typeof parsed === 'string' || parsed.raw < 0) {
    issues.push({
      code: 'custom',
      message: `expected a non-negative decimal (string or number), got ${JSON.stringify(value)}`,
      input: value,
      path,
    });
    return undefined;
  }
  if (max !== undefined && compareDecimal(parsed, max) > 0) {
    issues.push({
      code: 'custom',
      message: `must be at most ${max.raw / 10 ** max.precision}, got ${String(value)}`,
      input: value,
      path,
    });
    return undefined;
  }
  return parsed;
}

function compareDecimal(a: Decimal, b: Decimal): number {
  const p = Math.max(a.precision, b.precision);
  return a.raw * 10 ** (p - a.precision) - b.raw * 10 ** (p - b.precision);
}

const HUNDRED: Decimal = { raw: 100, precision: 0 };

/** A decimal limit (`max`: inclusive upper bound, e.g. 100 for percentages). */
const decimal = (max?: Decimal) =>
  z.unknown().transform((value, ctx): Decimal => readDecimal(value, ctx.issues, [], max) ?? z.NEVER);

/**
 * A decimal limit for every instrument (`"10"`) or per instrument (`{"BTCUSDT.BINANCE": "0.5",
 * "default": "100"}`; an instrument neither listed nor covered by `default` has no limit).
 */
const perInstrument = (max?: Decimal) =>
  z.unknown().transform((value, ctx): PerInstrument<Decimal> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const one = readDecimal(value, ctx.issues, [], max);
      return one === undefined ? z.NEVER : { fallback: one, byId: new Map() };
    }
    const byId = new Map<string, Decimal>();
    let fallback: Decimal | undefined;
    for (const [key, entry] of Object.entries(value)) {
      if (key !== 'default' && !parseInstrumentId(key).ok) {
        ctx.issues.push({
          code: 'custom',
          message: `"${key}" is neither an instrument id (SYMBOL.VENUE) nor "default"`,
          input: value,
          path: [key],
        });
        continue;
      }
      const limit = readDecimal(entry, ctx.issues, [key], max);
      if (limit === undefined) continue;
      if (key === 'default') fallback = limit;
      else byId.set(key, limit);
    }
    return ctx.issues.length > 0 ? z.NEVER : { fallback, byId };
  });

const count = z.number().int().nonnegative();

/** `HH:MM` on a 24-hour clock; `24:00` is allowed as a closing time. */
const clockTime = (allowMidnightEnd: boolean) =>
  z
    .string()
    .regex(
      allowMidnightEnd ? /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/ : /^(?:[01]\d|2[0-3]):[0-5]\d$/,
      allowMidnightEnd ? 'expected HH:MM (00:00 to 24:00)' : 'expected HH:MM (00:00 to 23:59)',
    )
    .transform((text) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3)));

const WEEKDAYS = Object.keys(Weekday) as [keyof typeof Weekday, ...(keyof typeof Weekday)[]];
const WORKDAYS: (keyof typeof Weekday)[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];

/** A trading session: the days it opens on and its local open and close (close ≤ open: it ends the next day). */
const sessionSchema = z
  .strictObject({
    days: z.array(z.enum(WEEKDAYS)).min(1).default(WORKDAYS),
    open: clockTime(false),
    close: clockTime(true),
  })
  .refine((s) => s.open !== s.close, { message: 'open and close must differ', path: ['close'] })
  .transform((s) => ({
    dayMask: s.days.reduce((mask, day) => mask | (1 << Weekday[day]), 0),
    openMinute: s.open,
    closeMinute: s.close,
  }));

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .transform((text, ctx) => {
    const [y, m, d] = text.split('-').map(Number);
    // Date.UTC would roll 2024-02-30 over to March: reject dates that do not exist.
    const daysInMonth = (Date.UTC(y, m, 1) - Date.UTC(y, m - 1, 1)) / 86_400_000;
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth) {
      ctx.issues.push({ code: 'custom', message: `${text} is not a calendar date`, input: text });
      return z.NEVER;
    }
    return Date.UTC(y, m - 1, d) / 86_400_000;
  });

/**
 * When instruments may be traded: sessions in a fixed UTC offset (no daylight-saving rules: use
 * one rule per offset period, or the exchange's standard offset). Applies to the instruments
 * listed, or to every instrument of the venues listed, or (neither listed) to every instrument.
 */
const tradingHoursRuleSchema = z
  .strictObject({
    instruments: z
      .array(z.string().refine((id) => parseInstrumentId(id).ok, 'expected an instrument id SYMBOL.VENUE'))
      .optional(),
    venues: z.array(z.string().min(1)).optional(),
    utcOffsetMinutes: z.number().int().min(-1440).max(1440).default(0),
    sessions: z.array(sessionSchema).min(1),
    /** Local dates on which the market stays closed. */
    holidays: z.array(isoDate).default([]),
  })
  .transform((rule): TradingHoursRule => ({
    instruments: rule.instruments === undefined ? undefined : new Set(rule.instruments),
    venues: rule.venues === undefined ? undefined : new Set(rule.venues),
    utcOffsetMinutes: rule.utcOffsetMinutes,
    sessions: rule.sessions,
    holidays: new Set(rule.holidays),
  }));

/** `n` orders per second, or `{count, windowMs}`. */
const orderRateSchema = z
  .union([
    z.number().int().positive(),
    z.strictObject({ count: z.number().int().positive(), windowMs: z.number().int().positive() }),
  ])
  .transform((rate) =>
    typeof rate === 'number'
      ? { count: rate, windowUs: 1_000_000 }
      : { count: rate.count, windowUs: rate.windowMs * 1000 },
  );

/** Limits checked before an order leaves: per node (node-wide totals) or per strategy (its own totals). */
const preTradeShape = {
  /** Largest quantity of one order (instrument units). */
  maxOrderQuantity: perInstrument().optional(),
  /** Largest notional of one order (price × quantity × multiplier, account currency). */
  maxOrderNotional: perInstrument().optional(),
  /** Largest |position| (instrument units), counting resting orders on the side that grows it. */
  maxPosition: perInstrument().optional(),
  /** Largest |position value| as a percentage of account equity. */
  maxConcentrationPct: perInstrument(HUNDRED).optional(),
  /** Largest distance of a limit price from the last price, in basis points (fat-finger guard). */
  priceBandBps: perInstrument().optional(),
  /** Most open orders at once. */
  maxOpenOrders: count.optional(),
  /** Most open orders at once in one instrument. */
  maxOpenOrdersPerInstrument: count.optional(),
  /** Largest Σ |position value| (account currency). */
  maxGrossExposure: decimal().optional(),
  /** Largest |Σ signed position value| (account currency). */
  maxNetExposure: decimal().optional(),
  /** Most orders let through in a sliding window. */
  maxOrderRate: orderRateSchema.optional(),
  /** Sessions outside which orders are refused; the first rule naming the instrument, else its venue, applies. */
  tradingHours: z.array(tradingHoursRuleSchema).optional(),
};

/** What a node's account adds: buying power and the post-trade circuit breaker. */
const accountShape = {
  /** Refuse orders whose opening notional exceeds the view's buying power. */
  checkBuyingPower: z.boolean().default(false),
  /** Trip when equity falls more than this (account currency) below its start-of-UTC-day value. */
  maxDailyLoss: decimal().optional(),
  /** Trip when equity falls more than this percentage below its start-of-UTC-day value. */
  maxDailyLossPct: decimal(HUNDRED).optional(),
  /** Trip when equity falls more than this percentage below its peak. */
  maxDrawdownPct: decimal(HUNDRED).optional(),
  /** State a trip moves to: HALTED (nothing passes) or REDUCING (only reducing orders pass). */
  onTrip: z.enum(['HALT', 'REDUCE']).default('HALT'),
  /** Tell the node to flatten every position when the circuit breaker trips. */
  flattenOnTrip: z.boolean().default(false),
};

const strategyLimitsSchema = z.strictObject(preTradeShape);
const nodeLimitsSchema = z.strictObject({ ...preTradeShape, ...accountShape });

const strategyIdKey = z.string().refine((id) => parseStrategyId(id).ok, 'expected a strategy id');

/** The risk configuration of a node. */
export const riskConfigSchema = z.strictObject({
  /** Limits on the node as a whole (every strategy's orders together) and the circuit breaker. */
  node: nodeLimitsSchema.default(nodeLimitsSchema.parse({})),
  /** Limits every strategy gets unless its own entry sets the same limit. */
  strategyDefaults: strategyLimitsSchema.optional(),
  /** Per-strategy limits, by strategy id. */
  strategies: z.record(strategyIdKey, strategyLimitsSchema).default({}),
});

/** Pre-trade limits of one scope (the node, or a strategy). */
export type PreTradeLimits = z.output<typeof strategyLimitsSchema>;
/** The node's limits: pre-trade limits plus the account's. */
export type NodeLimits = z.output<typeof nodeLimitsSchema>;
/** A validated risk configuration. */
export type RiskConfig = z.output<typeof riskConfigSchema>;
/** A risk configuration as written in a file. */
export type RiskConfigInput = z.input<typeof riskConfigSchema>;

/**
 * Validates a risk configuration.
 * @throws InputError naming each bad field, e.g. `node.maxPosition["BTCUSDT.BINANCE"]: expected a non-negative decimal`
 */
export function parseRiskConfig(input: unknown, source?: string): RiskConfig {
  const parsed = riskConfigSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.slice(0, 5).map((issue) => {
    const where = formatPath(issue.path);
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}`
        : issue.code === 'invalid_key'
          ? (issue.issues[0]?.message ?? issue.message)
          : issue.message;
    return where === '' ? message : `${where}: ${message}`;
  });
  if (parsed.error.issues.length > 5) problems.push(`and ${parsed.error.issues.length - 5} more problem(s)`);
  throw new InputError(`invalid risk configuration: ${problems.join('; ')}`, source ? { file: source } : {});
}

/** `node.maxPosition["BTCUSDT.BINANCE"]`, `node.tradingHours[0].sessions[1].open`. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_]\w*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}
