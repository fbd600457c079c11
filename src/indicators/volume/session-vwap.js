import { requireNumber, requirePeriod, requireValidCandle } from '../validation.js';
const MINUTE_US = 60_000_000;
const DAY_US = 1440 * MINUTE_US;
/**
 * Session VWAP: Σ(TP·V)/ΣV from the first bar of the current session up to the latest bar,
 * with the typical price TP = (H + L + C)/3 — the intraday VWAP that restarts every session.
 *
 * A session starts every day at `sessionStartUtcMinutes` minutes after midnight UTC (0: a
 * UTC day; 870: 14:30 UTC, the US equities open in winter). A bar belongs to the session
 * containing its `time` (µs since the epoch), so with timestamps that label a bar's end, a
 * bar ending exactly at the session start counts in the new session. The first bar whose
 * session differs from the previous bar's starts over. A bar with `time` 0 or missing
 * (unknown) stays in the current session: without times the whole series is one session.
 *
 * While the session has no volume (ΣV = 0) the value is the mean typical price of its bars.
 * Ready after one candle; price scale. There is no TTR equivalent (TTR's `VWAP` is rolling).
 */
export class SessionVwap {
  sessionStartUtcMinutes;
  name;
  warmup = 1;
  #offsetUs;
  #count = 0;
  /** Current session number (days since the epoch, shifted by the session start). */
  #session = NaN;
  #priceVolume = 0;
  #volume = 0;
  #typical = 0;
  #bars = 0;
  // State before the latest update, for `replace`.
  #prevSession = NaN;
  #prevPriceVolume = 0;
  #prevVolume = 0;
  #prevTypical = 0;
  #prevBars = 0;
  value = NaN;
  constructor(sessionStartUtcMinutes = 0) {
    this.sessionStartUtcMinutes = sessionStartUtcMinutes;
    requirePeriod('session-vwap', 'sessionStartUtcMinutes', sessionStartUtcMinutes, 0);
    requireNumber('session-vwap', 'sessionStartUtcMinutes', sessionStartUtcMinutes, 0, 1439);
    this.name = `session-vwap(${sessionStartUtcMinutes})`;
    this.#offsetUs = sessionStartUtcMinutes * MINUTE_US;
  }
  get isReady() {
    return this.#count > 0;
  }
  update(candle) {
    requireValidCandle(this.name, candle);
    const time = this.#time(candle);
    this.#prevSession = this.#session;
    this.#prevPriceVolume = this.#priceVolume;
    this.#prevVolume = this.#volume;
    this.#prevTypical = this.#typical;
    this.#prevBars = this.#bars;
    this.#count++;
    return this.#apply(candle, time);
  }
  replace(candle) {
    if (this.#count === 0) return this.update(candle);
    requireValidCandle(this.name, candle);
    const time = this.#time(candle);
    this.#session = this.#prevSession;
    this.#priceVolume = this.#prevPriceVolume;
    this.#volume = this.#prevVolume;
    this.#typical = this.#prevTypical;
    this.#bars = this.#prevBars;
    return this.#apply(candle, time);
  }
  reset() {
    this.#count = 0;
    this.#session = this.#prevSession = NaN;
    this.#priceVolume = this.#volume = this.#typical = this.#bars = 0;
    this.#prevPriceVolume = this.#prevVolume = this.#prevTypical = this.#prevBars = 0;
    this.value = NaN;
  }
  /** The candle's time, 0 when unknown; throws on a non-finite time. */
  #time(candle) {
    const time = candle.time ?? 0;
    if (time - time !== 0)
      throw new RangeError(`${this.name}: candle time must be a finite number of µs, got ${time}`);
    return time;
  }
  #apply(candle, time) {
    if (time !== 0) {
      const session = Math.floor((time - this.#offsetUs) / DAY_US);
      if (session !== this.#session) {
        this.#session = session;
        this.#priceVolume = this.#volume = this.#typical = this.#bars = 0;
      }
    }
    const tp = (candle.high + candle.low + candle.close) / 3;
    const volume = candle.volume;
    this.#priceVolume += tp * volume;
    this.#volume += volume;
    this.#typical += tp;
    this.#bars++;
    this.value = this.#volume > 0 ? this.#priceVolume / this.#volume : this.#typical / this.#bars;
    return this.value;
  }
}
//# sourceMappingURL=session-vwap.js.map
