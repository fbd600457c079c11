import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { instrumentId } from '../model/identifiers/instrument-id.js';
import { parseRiskConfig } from './risk-limits.js';
import { isWithinTradingHours, tradingHoursRuleFor, type TradingHoursRule } from './trading-hours.js';

const rules = (tradingHours: unknown[]): readonly TradingHoursRule[] =>
  parseRiskConfig({ node: { tradingHours } }).node.tradingHours!;

/** µs of a UTC date and time. */
const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi) * 1000;

describe('trading hours', () => {
  it('a positive offset: Tokyo 09:00-15:00 (UTC+09:00) on weekdays', () => {
    const [tokyo] = rules([{ utcOffsetMinutes: 540, sessions: [{ open: '09:00', close: '15:00' }] }]);
    // Monday 2024-01-08 09:00 JST = Monday 00:00 UTC.
    assert.equal(isWithinTradingHours(tokyo, utc(2024, 1, 8, 0)), true);
    assert.equal(isWithinTradingHours(tokyo, utc(2024, 1, 8, 0) - 1), false);
    assert.equal(isWithinTradingHours(tokyo, utc(2024, 1, 8, 5, 59)), true);
    assert.equal(isWithinTradingHours(tokyo, utc(2024, 1, 8, 6)), false);
    // Saturday 2024-01-06 10:00 JST = Saturday 01:00 UTC; Friday 23:30 UTC is Saturday 08:30 JST.
    assert.equal(isWithinTradingHours(tokyo, utc(2024, 1, 6, 1)), false);
    // Sunday 2024-01-07 UTC 15:00 = Monday 00:00 JST: before the open.
    assert.equal(isWithinTradingHours(tokyo, utc(2024, 1, 7, 15)), false);
  });

  it('an overnight session belongs to its opening day: Sunday to Thursday 18:00 to 17:00 next day (UTC-05:00)', () => {
    const [futures] = rules([
      {
        utcOffsetMinutes: -300,
        sessions: [{ days: ['SUN', 'MON', 'TUE', 'WED', 'THU'], open: '18:00', close: '17:00' }],
        holidays: ['2024-01-10'],
      },
    ]);
    const local = (y: number, mo: number, d: number, h: number, mi = 0) =>
      utc(y, mo, d, h, mi) + 300 * 60_000_000;
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 7, 18)), true); // Sunday evening
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 7, 17, 59)), false);
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 8, 10)), true); // Monday morning, Sunday's session
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 8, 17, 30)), false); // daily break
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 12, 16, 59)), true); // Friday morning, Thursday's session
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 12, 18)), false); // Friday evening: no session opens
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 13, 12)), false); // Saturday
    // Wednesday 2024-01-10 is a holiday: its evening session does not open, Thursday morning is closed too.
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 10, 10)), true); // Tuesday's session
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 10, 19)), false);
    assert.equal(isWithinTradingHours(futures, local(2024, 1, 11, 9)), false);
  });

  it('times before 1970 and across a year end keep the right weekday', () => {
    const [all] = rules([{ sessions: [{ days: ['WED'], open: '00:00', close: '24:00' }] }]);
    assert.equal(isWithinTradingHours(all, utc(1969, 12, 31, 12)), true); // a Wednesday
    assert.equal(isWithinTradingHours(all, utc(2025, 12, 31, 23, 59)), true);
    assert.equal(isWithinTradingHours(all, utc(2026, 1, 1, 0)), false);
  });

  it('the rule for an instrument: by instrument, else by venue, else a rule for all', () => {
    const list = rules([
      { venues: ['XNAS'], sessions: [{ open: '01:00', close: '02:00' }] },
      { sessions: [{ open: '03:00', close: '04:00' }] },
      { instruments: ['AAPL.XNAS'], sessions: [{ open: '05:00', close: '06:00' }] },
    ]);
    assert.equal(tradingHoursRuleFor(list, instrumentId('AAPL', 'XNAS')), list[2]);
    assert.equal(tradingHoursRuleFor(list, instrumentId('MSFT', 'XNAS')), list[0]);
    assert.equal(tradingHoursRuleFor(list, instrumentId('BTCUSDT', 'BINANCE')), list[1]);
    assert.equal(tradingHoursRuleFor(list.slice(0, 1), instrumentId('BTCUSDT', 'BINANCE')), undefined);
  });
});
