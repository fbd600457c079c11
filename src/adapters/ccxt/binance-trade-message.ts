/**
 * A raw Binance `<symbol>@trade` stream message → {@link TradeTick}, without going through ccxt.
 *
 * `CcxtDataClient` receives trades as ccxt's unified objects and normalizes those
 * (`toTradeTick`). This is the same normalization for the venue's own text: what a client that
 * reads Binance's socket directly needs, and what the feed benchmark times (bench/feed). It
 * reuses the shape check ccxt's messages get ({@link checkBinanceMessage}) and `toTradeTick`, so
 * both paths agree on exactness (price and size parsed from the `p` / `q` strings), times
 * (ms × 1000) and the aggressor side.
 */
import type { DataSink } from '../../data/feed/data-client.js';
import { TradeTick } from '../../model/data/trade-tick.js';
import { symbolOf } from '../../model/identifiers/instrument-id.js';
import { binanceTradeScanner } from './binance-trade-scan.js';
import { checkBinanceMessage, sampleOf, type WireProblem } from './binance-wire.js';
import { toTradeTick, type MarketSpec } from './normalize.js';

/**
 * Reads parsed trade messages of one market. The symbol is resolved once here rather than per
 * message: this runs for every trade of a busy market.
 */
export function binanceTradeReader(
  spec: MarketSpec,
): (message: unknown, tsInit: number) => TradeTick | WireProblem {
  const symbol = symbolOf(spec.instrumentId);
  return (message, tsInit) => {
    const problem = checkBinanceMessage(message);
    if (problem !== undefined) return problem;
    const m = message as Record<string, unknown>;
    if (m.e !== 'trade')
      return { kind: typeof m.e === 'string' ? m.e : 'unknown-event', reason: 'not a trade' };
    if (m.s !== symbol) return { kind: 'trade', reason: `symbol ${String(m.s)} is not ${symbol}` };
    // `m` is "the buyer is the maker": the taker, who sold, is the aggressor (as ccxt reads it).
    const side = m.m === true ? 'sell' : m.m === false ? 'buy' : undefined;
    const tick = toTradeTick(spec, { id: m.t as number, timestamp: m.T as number, side, info: m }, tsInit);
    return typeof tick === 'string' ? { kind: 'trade', reason: tick } : tick;
  };
}

/**
 * Handles one received text frame: the scanner's fast way for a valid trade in the venue's
 * compact form ({@link binanceTradeScanner}), else JSON, shape check and normalization; then
 * `sink.onTrade`, or `sink.onMalformed` with a sample of the text when any step fails. Returns
 * whether a trade was delivered. Never throws on bad input: a bad message must not take the feed
 * down.
 */
export function binanceTradeReceiver(
  spec: MarketSpec,
  sink: DataSink,
): (text: string, tsInit: number) => boolean {
  const read = binanceTradeReader(spec);
  const scan = binanceTradeScanner(spec);
  return (text, tsInit) => {
    const scanned = scan(text, tsInit);
    if (scanned !== undefined) {
      sink.onTrade(scanned);
      return true;
    }
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = text; // the shape check reports a string as unparseable
    }
    const result = read(message, tsInit);
    if (result instanceof TradeTick) {
      sink.onTrade(result);
      return true;
    }
    sink.onMalformed(result.kind, sampleOf(text), result.reason);
    return false;
  };
}
