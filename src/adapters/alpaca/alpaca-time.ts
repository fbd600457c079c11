/**
 * Alpaca timestamps: RFC-3339 strings with up to nine fractional digits
 * (`2021-02-22T15:51:45.335689322Z`), in UTC (`Z`) or with an offset.
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Microseconds since the epoch, or `undefined` when `text` is not RFC-3339.
 *
 * Rule: digits beyond the microsecond are truncated (…335689322Z → …335689 µs), never rounded,
 * so a time never moves into the next microsecond. Parsed by hand because a `Date` holds only
 * milliseconds and would lose the rest.
 */
export function parseRfc3339Us(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, fraction = '', zone] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60)
    return undefined;
  let ms = Date.UTC(Number(y), month - 1, day, Number(h), Number(mi), Number(s));
  if (zone !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    // 10:00-05:00 is 15:00 UTC: subtract the offset.
    ms -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
  }
  const micros = Number(fraction.padEnd(6, '0').slice(0, 6));
  const us = ms * 1000 + micros;
  return Number.isSafeInteger(us) ? us : undefined;
}
