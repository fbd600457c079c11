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

/** Digits, optionally a dot and digits (what Binance sends for prices and sizes). A loop, not a regex: it runs for every field of every message. */
function isDecimal(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const n = v.length;
  let i = 0;
  while (i < n && isDigit(v.charCodeAt(i))) i++;
  if (i === 0) return false;
  if (i === n) return true;
  if (v.charCodeAt(i) !== 46 || i + 1 === n) return false;
  for (let j = i + 1; j < n; j++) if (!isDigit(v.charCodeAt(j))) return false;
  return true;
}
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
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

/** EVENTS as [field, check] lists, built once (not an Object.entries per message). */
const EVENT_CHECKS = new Map(
  Object.entries(EVENTS).map(([event, checks]) => [event, Object.entries(checks)]),
);

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
    const checks = EVENT_CHECKS.get(event);
    if (checks === undefined) return undefined;
    for (const [key, ok] of checks)
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
