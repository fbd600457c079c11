/**
 * A Binance `<symbol>@trade` message read straight from its text, without `JSON.parse`.
 *
 * `JSON.parse` of one trade message (~130 bytes, two 13-digit timestamps) costs about a micro-
 * second here — a third of the whole market-data path — and builds an object that is thrown away
 * at once. The venue always sends these messages in one compact form, so a scanner that accepts
 * exactly that form reads the fields in place, parses price and size exactly where they lie,
 * and builds the {@link TradeTick} directly.
 *
 * The scanner only ever answers for a message that is a well-formed, valid trade of the market.
 * For anything else — whitespace, escapes, fractions or exponents in numbers, nested values,
 * repeated fields, a missing or invalid field, another event, another symbol, a price finer than
 * the market — it answers `undefined` and the caller takes the general way (`JSON.parse`, the
 * shape check, the normalizer), which then produces the same tick or names the problem. The
 * property tests in binance-trade-message.test.ts hold the two ways to the same answers.
 */
import { AggressorSide, TradeTick } from '../../model/data/trade-tick.js';
import { symbolOf } from '../../model/identifiers/instrument-id.js';
import type { TradeId } from '../../model/identifiers/order-ids.js';
import { scanPlainDecimal } from '../../model/types/fixed-point.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { MarketSpec } from './normalize.js';

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** Bits of the fields a trade needs, to notice a missing or repeated one. */
const E_EVENT = 1;
const S_SYMBOL = 2;
const T_ID = 4;
const P_PRICE = 8;
const Q_SIZE = 16;
const T_TIME = 32;
const M_MAKER = 64;
const ALL = 127;

/** Longest digit run read as a number: 15 digits are always below 2^53. */
const MAX_INTEGER_DIGITS = 15;

/**
 * Returns a function reading one text frame of `spec`'s market: the trade, or `undefined` when
 * the message is not a valid trade in the compact form (see the module comment).
 */
export function binanceTradeScanner(
  spec: MarketSpec,
): (text: string, tsInit: number) => TradeTick | undefined {
  const symbol = symbolOf(spec.instrumentId);
  const { instrumentId, priceDecimals, sizeDecimals } = spec;
  return (text, tsInit) => {
    const n = text.length;
    if (n < 2 || text.charCodeAt(0) !== OPEN_BRACE || text.charCodeAt(n - 1) !== CLOSE_BRACE)
      return undefined;
    let seen = 0;
    let eventStart = 0;
    let eventEnd = 0;
    let symbolStart = 0;
    let symbolEnd = 0;
    let idStart = 0;
    let idEnd = 0;
    let priceStart = 0;
    let priceEnd = 0;
    let sizeStart = 0;
    let sizeEnd = 0;
    let tradeTimeMs = 0;
    let buyerIsMaker = false;
    let i = 1;
    for (;;) {
      // "key":
      if (text.charCodeAt(i) !== QUOTE) return undefined;
      const keyStart = i + 1;
      let j = keyStart;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === QUOTE) break;
        if (c === BACKSLASH || c < 32) return undefined;
      }
      if (j >= n - 1 || text.charCodeAt(j + 1) !== COLON) return undefined;
      // The fields read all have one-letter names; other fields are skipped (JSON.parse keeps
      // them, but nothing downstream reads them).
      const key = j === keyStart + 1 ? text.charCodeAt(keyStart) : 0;
      let bit = 0;
      if (key === 101 /* e */) bit = E_EVENT;
      else if (key === 115 /* s */) bit = S_SYMBOL;
      else if (key === 116 /* t */) bit = T_ID;
      else if (key === 112 /* p */) bit = P_PRICE;
      else if (key === 113 /* q */) bit = Q_SIZE;
      else if (key === 84 /* T */) bit = T_TIME;
      else if (key === 109 /* m */) bit = M_MAKER;
      if ((seen & bit) !== 0) return undefined; // repeated: JSON.parse keeps the last one
      seen |= bit;
      i = j + 2;
      // value
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        const valueStart = i + 1;
        let k = valueStart;
        for (; k < n; k++) {
          const d = text.charCodeAt(k);
          if (d === QUOTE) break;
          if (d === BACKSLASH || d < 32) return undefined;
        }
        if (k >= n) return undefined;
        if (bit === E_EVENT) {
          eventStart = valueStart;
          eventEnd = k;
        } else if (bit === S_SYMBOL) {
          symbolStart = valueStart;
          symbolEnd = k;
        } else if (bit === P_PRICE) {
          priceStart = valueStart;
          priceEnd = k;
        } else if (bit === Q_SIZE) {
          sizeStart = valueStart;
          sizeEnd = k;
        } else if (bit !== 0) return undefined; // t, T or m as a string
        i = k + 1;
      } else if (c >= 48 && c <= 57) {
        const valueStart = i;
        let value = 0;
        let k = i;
        for (; k < n; k++) {
          const digit = text.charCodeAt(k) - 48;
          if (digit < 0 || digit > 9) break;
          value = value * 10 + digit;
        }
        const digits = k - valueStart;
        // A fraction, an exponent, a leading zero or a long number: the general way decides.
        const next = text.charCodeAt(k);
        if (next === 46 || next === 101 || next === 69) return undefined;
        if (digits > MAX_INTEGER_DIGITS || (c === 48 && digits > 1)) return undefined;
        if (bit === T_ID) {
          idStart = valueStart;
          idEnd = k;
        } else if (bit === T_TIME) tradeTimeMs = value;
        else if (bit !== 0) return undefined;
        i = k;
      } else if (c === 116 /* t */ && text.startsWith('true', i)) {
        if (bit === M_MAKER) buyerIsMaker = true;
        else if (bit !== 0) return undefined;
        i += 4;
      } else if (c === 102 /* f */ && text.startsWith('false', i)) {
        if (bit === M_MAKER) buyerIsMaker = false;
        else if (bit !== 0) return undefined;
        i += 5;
      } else {
        return undefined; // a sign, null, whitespace, an object or an array
      }
      const separator = text.charCodeAt(i);
      if (separator === COMMA) i++;
      else if (separator === CLOSE_BRACE && i === n - 1) break;
      else return undefined;
    }
    if (seen !== ALL) return undefined;
    if (eventEnd - eventStart !== 5 || !text.startsWith('trade', eventStart)) return undefined;
    if (symbolEnd - symbolStart !== symbol.length || !text.startsWith(symbol, symbolStart)) return undefined;
    const priceRaw = scanPlainDecimal(text, priceStart, priceEnd, priceDecimals);
    if (priceRaw < 0) return undefined;
    const sizeRaw = scanPlainDecimal(text, sizeStart, sizeEnd, sizeDecimals);
    if (sizeRaw < 0) return undefined;
    // `m` is "the buyer is the maker": the taker, who sold, is the aggressor.
    const side = buyerIsMaker ? AggressorSide.SELLER : AggressorSide.BUYER;
    return new TradeTick(
      instrumentId,
      Price.fromRaw(priceRaw, priceDecimals),
      Quantity.fromRaw(sizeRaw, sizeDecimals),
      side,
      text.slice(idStart, idEnd) as TradeId,
      tradeTimeMs * 1000,
      tsInit,
    );
  };
}
