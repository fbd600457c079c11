/**
 * Fast, allocation-free parsing of the timestamps found in market-data files into integer
 * microseconds since the Unix epoch. No `Date` parsing: the fixed ISO-8601 layouts are read
 * with a char-code loop and converted with integer calendar arithmetic.
 */

const US_PER_SECOND = 1_000_000;
const US_PER_DAY = 86_400_000_000;

/** Microseconds per unit of each fraction length (1 digit → 100 000 µs ... 6 digits → 1 µs). */
const FRACTION_SCALE = [0, 100_000, 10_000, 1_000, 100, 10, 1];

/** What a timestamp column accepts, for error messages. */
export const TIMESTAMP_FORMATS =
  'ISO-8601 (2024-01-02, 2024-01-02T09:30:00Z, 2024-01-02 09:30:00.123+01:00) or epoch seconds (≤10 digits), milliseconds (13) or microseconds (16)';

const INVALID = `expected ${TIMESTAMP_FORMATS}`;

/**
 * Parses one timestamp into microseconds since the Unix epoch.
 *
 * Accepted forms:
 * - ISO-8601 date `YYYY-MM-DD` (midnight UTC);
 * - ISO-8601 date-time `YYYY-MM-DDTHH:MM[:SS[.fraction]][offset]`, with `T`, `t` or a space between
 *   date and time, a fraction of 1 to 9 digits (digits beyond the microsecond must be zeros) and an
 *   offset `Z`, `±HH`, `±HH:MM` or `±HHMM`; without an offset the time is UTC;
 * - epoch numbers, told apart by their number of digits: **10 digits or fewer are seconds**
 *   (optionally with a fraction of up to 6 digits, `1704187800.25`), **13 digits are milliseconds**,
 *   **16 digits are microseconds**; 11, 12, 14, 15 and 17+ digits are rejected as ambiguous;
 * - exception: **exactly 8 digits are read as a compact date `YYYYMMDD`** (`20240102`), since as
 *   epoch seconds they would mean a day in 1970–1973, which is almost certainly not what the file
 *   means.
 *
 * @returns the timestamp in µs, or why the text is not a timestamp (a phrase without the text itself,
 *   e.g. `month 13 does not exist`)
 */
export function parseTimestampUs(text: string): number | string {
  return parseTimestampAt(text, 0, text.length);
}

/**
 * {@link parseTimestampUs} on `text[start, end)`, without slicing the string (for parsers that
 * read fields in place). Surrounding spaces are ignored.
 */
export function parseTimestampAt(text: string, start: number, end: number): number | string {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return 'empty';
  if (end - start >= 10 && text.charCodeAt(start + 4) === 45 /* - */) return parseIso(text, start, end);
  const first = text.charCodeAt(start);
  if (first >= 48 && first <= 57) return parseEpoch(text, start, end);
  return INVALID;
}

/** Two decimal digits at `i` (before `end`) as a number, or -1. */
function digits2(s: string, i: number, end: number): number {
  if (i + 2 > end) return -1;
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  if (a >= 0 && a <= 9 && b >= 0 && b <= 9) return a * 10 + b;
  return -1;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Validated year, month, day → days since the epoch, or an error string. */
function dateDays(year: number, month: number, day: number): number | string {
  if (year < 0 || month < 0 || day < 0) return INVALID;
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  if (day < 1 || day > daysInMonth(year, month)) {
    return `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  }
  return daysFromCivil(year, month, day);
}

function parseIso(s: string, start: number, end: number): number | string {
  const yHi = digits2(s, start, end);
  const yLo = digits2(s, start + 2, end);
  const year = yHi < 0 || yLo < 0 ? -1 : yHi * 100 + yLo;
  if (s.charCodeAt(start + 7) !== 45 /* - */) return INVALID;
  const days = dateDays(year, digits2(s, start + 5, end), digits2(s, start + 8, end));
  if (typeof days === 'string') return days;
  let us = days * US_PER_DAY;
  let i = start + 10;
  if (i === end) return us;

  const sep = s.charCodeAt(i);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32 /* space */) return INVALID;
  i++;
  const hour = digits2(s, i, end);
  if (hour < 0 || i + 2 >= end || s.charCodeAt(i + 2) !== 58 /* : */) return INVALID;
  const minute = digits2(s, i + 3, end);
  if (minute < 0) return INVALID;
  i += 5;
  let second = 0;
  if (i < end && s.charCodeAt(i) === 58 /* : */) {
    second = digits2(s, i + 1, end);
    if (second < 0) return INVALID;
    i += 3;
  }
  if (hour > 23 || minute > 59 || second > 59) return `time of day out of range`;
  us += (hour * 3600 + minute * 60 + second) * US_PER_SECOND;

  if (i < end && (s.charCodeAt(i) === 46 /* . */ || s.charCodeAt(i) === 44) /* , */) {
    i++;
    const from = i;
    let fraction = 0;
    let subMicro = false;
    while (i < end) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (i - from < 6) fraction = fraction * 10 + d;
      else if (d !== 0) subMicro = true;
      i++;
    }
    const count = i - from;
    if (count === 0 || count > 9) return INVALID;
    if (subMicro) return `sub-microsecond precision is not supported`;
    us += fraction * FRACTION_SCALE[Math.min(count, 6)];
  }

  if (i < end) {
    const c = s.charCodeAt(i);
    if (c === 90 /* Z */ || c === 122 /* z */) {
      i++;
    } else if (c === 43 /* + */ || c === 45 /* - */) {
      const oh = digits2(s, i + 1, end);
      if (oh < 0) return INVALID;
      i += 3;
      let om = 0;
      if (i < end) {
        if (s.charCodeAt(i) === 58 /* : */) i++;
        om = digits2(s, i, end);
        if (om < 0) return INVALID;
        i += 2;
      }
      if (oh > 23 || om > 59) return `offset out of range`;
      const offsetUs = (oh * 60 + om) * 60 * US_PER_SECOND;
      us += c === 43 ? -offsetUs : offsetUs;
    } else {
      return INVALID;
    }
  }
  if (i !== end) return INVALID;
  if (!Number.isSafeInteger(us)) return 'out of range (after the year 2255)';
  return us;
}

function parseEpoch(s: string, start: number, end: number): number | string {
  let whole = 0;
  let i = start;
  while (i < end) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    i++;
  }
  const wholeDigits = i - start;
  if (i === end) {
    if (wholeDigits === 8) {
      const year = Math.floor(whole / 10000);
      const days = dateDays(year, Math.floor(whole / 100) % 100, whole % 100);
      return typeof days === 'string' ? days : days * US_PER_DAY;
    }
    if (wholeDigits <= 10) return whole * US_PER_SECOND;
    if (wholeDigits === 13) return whole * 1000;
    if (wholeDigits === 16) {
      return Number.isSafeInteger(whole) ? whole : 'out of range (after the year 2255)';
    }
    return `an epoch number of ${wholeDigits} digits is ambiguous (expected ≤10 digits for seconds, 13 for milliseconds, 16 for microseconds)`;
  }
  // Epoch seconds with a fraction: 1704187800.25
  if (s.charCodeAt(i) !== 46 /* . */ || wholeDigits > 10 || wholeDigits === 8) return INVALID;
  i++;
  const from = i;
  let fraction = 0;
  while (i < end) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return INVALID;
    fraction = fraction * 10 + d;
    i++;
  }
  const count = i - from;
  if (count === 0) return INVALID;
  if (count > 6) {
    return `epoch seconds with more than 6 decimals (sub-microsecond) are not supported`;
  }
  return whole * US_PER_SECOND + fraction * FRACTION_SCALE[count];
}
