/**
 * Shape checks of Binance market-stream messages, run on each raw message before ccxt handles
 * it. ccxt trusts the venue: a trade without a price becomes a trade with price `undefined`, and
 * text that is not JSON is handed on as a string (and breaks its handlers). Checking here lets
 * the client report the message to `DataSink.onMalformed` with its raw text and skip it.
 */

/** Why a message is malformed, with the kind it is counted under; `undefined` when it is fine. */
export interface WireProblem {
  readonly kind: string;
  readonly reason: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const isDecimal = (v: unknown): boolean => typeof v === 'string' && DECIMAL.test(v);
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v);
const isLevels = (v: unknown): boolean =>
  Array.isArray(v) && v.every((l) => Array.isArray(l) && l.length >= 2 && isDecimal(l[0]) && isDecimal(l[1]));

/** The required fields per event type (`e`), and their checks. */
const EVENTS: Record<string, Record<string, (v: unknown) => boolean>> = {
  trade: { s: (v) => typeof v === 'string', t: isInt, p: isDecimal, q: isDecimal, T: isInt },
  aggTrade: { s: (v) => typeof v === 'string', a: isInt, p: isDecimal, q: isDecimal, T: isInt },
  depthUpdate: { s: (v) => typeof v === 'string', U: isInt, u: isInt, b: isLevels, a: isLevels },
  kline: { s: (v) => typeof v === 'string', k: (v) => typeof v === 'object' && v !== null },
};

/**
 * Checks one message as ccxt received it (parsed JSON, or the raw string when it was not JSON).
 * Messages it does not know (subscription replies, other event types) pass: ccxt decides.
 */
export function checkBinanceMessage(message: unknown): WireProblem | undefined {
  if (typeof message === 'string') return { kind: 'unparseable', reason: 'not JSON' };
  if (typeof message !== 'object' || message === null)
    return { kind: 'unparseable', reason: 'not an object' };
  const m = message as Record<string, unknown>;
  const event = m.e;
  if (typeof event === 'string') {
    const checks = EVENTS[event];
    if (checks === undefined) return undefined;
    for (const [key, ok] of Object.entries(checks))
      if (!ok(m[key])) return { kind: event, reason: `field ${key} missing or invalid` };
    if (event === 'depthUpdate' && (m.U as number) > (m.u as number))
      return { kind: event, reason: 'first update id U after final u' };
    if (event === 'kline') {
      const k = m.k as Record<string, unknown>;
      for (const key of ['o', 'h', 'l', 'c', 'v'])
        if (!isDecimal(k[key])) return { kind: event, reason: `field k.${key} missing or invalid` };
      if (!isInt(k.t)) return { kind: event, reason: 'field k.t missing or invalid' };
    }
    return undefined;
  }
  // bookTicker events carry no `e`: recognised by their fields.
  if ('u' in m && 'b' in m && 'a' in m && 'B' in m) {
    for (const key of ['b', 'B', 'a', 'A'])
      if (!isDecimal(m[key])) return { kind: 'bookTicker', reason: `field ${key} missing or invalid` };
  }
  return undefined;
}

/** The first 200 characters of a message, for the malformed log. */
export function sampleOf(message: unknown): string {
  const text = typeof message === 'string' ? message : JSON.stringify(message);
  return (text ?? String(message)).slice(0, 200);
}
