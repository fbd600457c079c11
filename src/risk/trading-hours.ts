import type { InstrumentId } from '../model/identifiers/instrument-id.js';

/** Days of the week as JavaScript numbers them (Sunday 0). */
export const Weekday = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 } as const;
export type Weekday = (typeof Weekday)[keyof typeof Weekday];

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const US_PER_MINUTE = 60_000_000;
const MINUTES_PER_DAY = 1440;

/** One session: open on the days of `dayMask` (bit `1 << weekday`) from `openMinute` to `closeMinute` local. */
export interface TradingSession {
  readonly dayMask: number;
  /** Minutes after local midnight, inclusive. */
  readonly openMinute: number;
  /** Minutes after local midnight, exclusive; ≤ openMinute: the session closes the next day. */
  readonly closeMinute: number;
}

/** Trading hours of some instruments (see `tradingHours` in risk-limits.ts). */
export interface TradingHoursRule {
  /** Instrument ids the rule is for; undefined: not chosen by instrument. */
  readonly instruments: ReadonlySet<string> | undefined;
  /** Venues the rule is for; undefined: not chosen by venue. */
  readonly venues: ReadonlySet<string> | undefined;
  /** Local time = UTC + this. */
  readonly utcOffsetMinutes: number;
  readonly sessions: readonly TradingSession[];
  /** Local days (days since 1970-01-01) with no session; an overnight session belongs to its opening day. */
  readonly holidays: ReadonlySet<number>;
}

/**
 * The rule that applies to an instrument: the first naming it, else the first naming its venue,
 * else the first naming neither (a rule for everything); `undefined` when none does.
 */
export function tradingHoursRuleFor(
  rules: readonly TradingHoursRule[],
  instrumentId: InstrumentId,
): TradingHoursRule | undefined {
  const venue = instrumentId.slice(instrumentId.lastIndexOf('.') + 1);
  let byVenue: TradingHoursRule | undefined;
  let catchAll: TradingHoursRule | undefined;
  for (const rule of rules) {
    if (rule.instruments?.has(instrumentId)) return rule;
    if (byVenue === undefined && rule.venues?.has(venue)) byVenue = rule;
    if (catchAll === undefined && rule.instruments === undefined && rule.venues === undefined)
      catchAll = rule;
  }
  return byVenue ?? catchAll;
}

/** True when `timeUs` (µs since the epoch, UTC) falls inside one of the rule's sessions. */
export function isWithinTradingHours(rule: TradingHoursRule, timeUs: number): boolean {
  const localMinute = Math.floor(timeUs / US_PER_MINUTE) + rule.utcOffsetMinutes;
  const day = Math.floor(localMinute / MINUTES_PER_DAY);
  const minute = localMinute - day * MINUTES_PER_DAY;
  // 1970-01-01 was a Thursday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  const yesterday = (weekday + 6) % 7;
  const sessions = rule.sessions;
  for (let i = 0; i < sessions.length; i++) {
    const { dayMask, openMinute, closeMinute } = sessions[i];
    if (openMinute < closeMinute) {
      if (minute >= openMinute && minute < closeMinute && dayMask & (1 << weekday) && !rule.holidays.has(day))
        return true;
    } else {
      // Overnight: the evening part on the opening day, the morning part on the day after it.
      if (minute >= openMinute && dayMask & (1 << weekday) && !rule.holidays.has(day)) return true;
      if (minute < closeMinute && dayMask & (1 << yesterday) && !rule.holidays.has(day - 1)) return true;
    }
  }
  return false;
}

/** `MON 15:04 (UTC-05:00)`: the local time of `timeUs` under the rule, for denial reasons. */
export function describeLocalTime(rule: TradingHoursRule, timeUs: number): string {
  const localMinute = Math.floor(timeUs / US_PER_MINUTE) + rule.utcOffsetMinutes;
  const day = Math.floor(localMinute / MINUTES_PER_DAY);
  const minute = localMinute - day * MINUTES_PER_DAY;
  const weekday = (((day + 4) % 7) + 7) % 7;
  const offset = Math.abs(rule.utcOffsetMinutes);
  const sign = rule.utcOffsetMinutes < 0 ? '-' : '+';
  return `${DAY_NAMES[weekday]} ${hhmm(minute)} (UTC${sign}${hhmm(offset)})${rule.holidays.has(day) ? ', a holiday' : ''}`;
}

/** `MON,TUE 09:30-16:00; SUN 18:00-17:00`. */
export function describeSessions(rule: TradingHoursRule): string {
  return rule.sessions
    .map((s) => {
      const days = DAY_NAMES.filter((_, d) => s.dayMask & (1 << d)).join(',');
      return `${days} ${hhmm(s.openMinute)}-${hhmm(s.closeMinute)}`;
    })
    .join('; ');
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
