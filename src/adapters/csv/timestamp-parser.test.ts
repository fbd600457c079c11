import { test } from 'node:test';
import assert from 'node:assert/strict';
import { US } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import { daysFromCivil, parseTimestampAt, parseTimestampUs } from './timestamp-parser.js';

const JAN2 = 1_704_153_600 * US.SECOND; // 2024-01-02T00:00:00Z

test('ISO dates and date-times, UTC unless an offset is given', () => {
  const cases: Array<[string, number]> = [
    ['2024-01-02', JAN2],
    ['2024-01-02T09:30:00Z', JAN2 + 9.5 * US.HOUR],
    ['2024-01-02T09:30:00z', JAN2 + 9.5 * US.HOUR],
    ['2024-01-02t09:30:00', JAN2 + 9.5 * US.HOUR],
    ['2024-01-02 09:30:00', JAN2 + 9.5 * US.HOUR],
    ['2024-01-02T09:30', JAN2 + 9.5 * US.HOUR],
    ['2024-01-02T09:30Z', JAN2 + 9.5 * US.HOUR],
    ['2024-01-02T09:30:00.5Z', JAN2 + 9.5 * US.HOUR + 500_000],
    ['2024-01-02T09:30:00.123Z', JAN2 + 9.5 * US.HOUR + 123_000],
    ['2024-01-02T09:30:00,123Z', JAN2 + 9.5 * US.HOUR + 123_000],
    ['2024-01-02T09:30:00.123456Z', JAN2 + 9.5 * US.HOUR + 123_456],
    ['2024-01-02T09:30:00.123456000Z', JAN2 + 9.5 * US.HOUR + 123_456],
    ['2024-01-02T09:30:00+01:00', JAN2 + 8.5 * US.HOUR],
    ['2024-01-02T09:30:00+0100', JAN2 + 8.5 * US.HOUR],
    ['2024-01-02T09:30:00+01', JAN2 + 8.5 * US.HOUR],
    ['2024-01-02T09:30:00-05:00', JAN2 + 14.5 * US.HOUR],
    ['2024-01-02T00:30:00+05:30', JAN2 - 5 * US.HOUR],
    ['2024-01-02 09:30:00.25-05:00', JAN2 + 14.5 * US.HOUR + 250_000],
    ['  2024-01-02  ', JAN2],
    ['1970-01-01', 0],
    ['1969-12-31T23:59:59Z', -US.SECOND],
    ['2000-02-29', daysFromCivil(2000, 2, 29) * US.DAY],
  ];
  for (const [text, expected] of cases) assert.equal(parseTimestampUs(text), expected, text);
});

test('ISO parsing agrees with Date.parse on random instants', () => {
  const random = new SeededRandom(7);
  for (let i = 0; i < 2000; i++) {
    const ms = Math.floor(random.next() * 8_000_000_000_000) - 1_000_000_000_000; // ~1938..2223
    const iso = new Date(ms).toISOString();
    assert.equal(parseTimestampUs(iso), ms * 1000, iso);
    assert.equal(parseTimestampUs(iso.slice(0, 10)), Date.parse(iso.slice(0, 10)) * 1000);
    assert.equal(
      parseTimestampUs(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`),
      Math.floor(ms / 1000) * US.SECOND,
    );
  }
});

test('epoch numbers: ≤10 digits seconds, 13 milliseconds, 16 microseconds', () => {
  assert.equal(parseTimestampUs('1704153600'), JAN2);
  assert.equal(parseTimestampUs('1704153600.5'), JAN2 + 500_000);
  assert.equal(parseTimestampUs('1704153600.000001'), JAN2 + 1);
  assert.equal(parseTimestampUs('1704153600000'), JAN2);
  assert.equal(parseTimestampUs('1704153600123'), JAN2 + 123_000);
  assert.equal(parseTimestampUs('1704153600123456'), JAN2 + 123_456);
  assert.equal(parseTimestampUs('0'), 0);
  assert.equal(parseTimestampUs('86400'), US.DAY);
  assert.equal(parseTimestampUs('946684800'), 946_684_800 * US.SECOND); // 9 digits: 2000-01-01
});

test('8 digits are a compact date YYYYMMDD', () => {
  assert.equal(parseTimestampUs('20240102'), JAN2);
  assert.match(String(parseTimestampUs('20241302')), /month 13/);
});

test('unparseable timestamps say why', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /empty/],
    ['   ', /empty/],
    ['yesterday', /expected ISO-8601/],
    ['2024-13-02', /month 13 does not exist/],
    ['2024-02-30', /day 30 does not exist in 2024-02/],
    ['2023-02-29', /day 29 does not exist/],
    ['2024-1-2', /expected ISO-8601/],
    ['2024/01/02', /expected ISO-8601/],
    ['2024-01-02X09:30', /expected ISO-8601/],
    ['2024-01-02T25:00:00', /time of day out of range/],
    ['2024-01-02T09:60', /time of day out of range/],
    ['2024-01-02T09:30:00.', /expected ISO-8601/],
    ['2024-01-02T09:30:00.1234567Z', /sub-microsecond/],
    ['2024-01-02T09:30:00+25:00', /offset out of range/],
    ['2024-01-02T09:30:00 UTC', /expected ISO-8601/],
    ['2024-01-02T09', /expected ISO-8601/],
    ['170415360012', /12 digits is ambiguous/],
    ['17041536001234', /14 digits is ambiguous/],
    ['17041536001234567', /17 digits is ambiguous/],
    ['1704153600.1234567', /more than 6 decimals/],
    ['1704153600.', /expected ISO-8601/],
    ['1704153600x', /expected ISO-8601/],
    ['-1704153600', /expected ISO-8601/],
    ['9999999999999999', /out of range/],
  ];
  for (const [text, reason] of cases) {
    const result = parseTimestampUs(text);
    assert.equal(typeof result, 'string', `${text} should not parse`);
    assert.match(result as string, reason, text);
  }
});

test('parseTimestampAt reads a range in place and never past its end', () => {
  const line = '2024-01-02,2024-01-02T09:30:00Z,1704153600';
  assert.equal(parseTimestampAt(line, 0, 10), JAN2);
  assert.equal(parseTimestampAt(line, 11, 31), JAN2 + 9.5 * US.HOUR);
  assert.equal(parseTimestampAt(line, 32, line.length), JAN2);
  // A truncated range must not borrow characters that follow it.
  assert.equal(typeof parseTimestampAt('2024-01-02T09:30:00Z', 0, 12), 'string');
  assert.equal(typeof parseTimestampAt('2024-01-02T09:30:00+01:00', 0, 21), 'string');
});
