/**
 * The peer: ccxt's own reading of a Binance trade message — `JSON.parse`, then its Binance
 * WebSocket exchange's `parseWsTrade` into a unified trade (float price and amount, ISO date,
 * cost) — which is what a client built on ccxt pays per message before it sees a trade.
 */
import ccxt from 'ccxt';

export const CCXT_STAGE = 'ccxt: JSON.parse + binance parseWsTrade (unified trade, floats)';

interface BinanceParser {
  parseWsTrade(trade: unknown, market?: unknown): { price: number };
}

/** BTC/USDT as ccxt's market structure has it (no markets are loaded: nothing is fetched). */
const MARKET = {
  id: 'BTCUSDT',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  type: 'spot',
  spot: true,
  precision: { price: 0.01, amount: 0.00001 },
};

/** A fresh per-message function over one ccxt exchange instance. */
export function ccxtBinanceTradeParser(): (text: string) => unknown {
  const exchange = new ccxt.pro.binance({}) as unknown as BinanceParser;
  return (text) => exchange.parseWsTrade(JSON.parse(text), MARKET);
}
