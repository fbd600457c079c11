/**
 * The benchmark's input: Binance `<symbol>@trade` stream messages as the socket delivers them
 * (compact JSON text, the shape of test/fixtures/binance/trade.json), generated up front so that
 * making them is never timed.
 */
import type { MarketSpec } from '../../src/adapters/ccxt/normalize.js';
import { instrumentId } from '../../src/model/identifiers/instrument-id.js';
import { formatFixed } from '../../src/model/types/fixed-point.js';

/** BTCUSDT as Binance's exchangeInfo (the test fixture) defines it: tick 0.01, step 0.00001. */
export const BTCUSDT: MarketSpec = {
  instrumentId: instrumentId('BTCUSDT', 'BINANCE'),
  symbol: 'BTC/USDT',
  priceDecimals: 2,
  sizeDecimals: 5,
};

/** The messages and what they should produce. */
export interface TradeMessages {
  readonly texts: readonly string[];
  /** 1-minute bars the trades close (every minute with a trade, except the last, still open). */
  readonly closedBars: number;
  /** Venue time covered, ms. */
  readonly spanMs: number;
}

/**
 * `count` trades of one market with distinct, increasing trade ids: a random walk in cents
 * around 42,000.00, sizes 0.00001–2 (mostly small), either side, 0–40 ms apart (about 50 trades
 * a second, a busy BTCUSDT; so about one bar every 3,000 trades), ending `endMs` (ms since the
 * epoch). Binance sends every decimal with 8 places, trailing zeros included, as here.
 * Deterministic for a given `count` and `endMs`.
 */
export function generateTradeMessages(count: number, endMs: number): TradeMessages {
  let state = 12_345;
  const random = (): number => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const gaps = new Int32Array(count);
  let spanMs = 0;
  for (let i = 1; i < count; i++) spanMs += gaps[i] = Math.floor(random() * 41);
  const texts = new Array<string>(count);
  let timeMs = endMs - spanMs;
  let cents = 4_200_000;
  let closedBars = 0;
  for (let i = 0; i < count; i++) {
    const before = timeMs;
    timeMs += gaps[i];
    if (i > 0 && Math.floor(timeMs / 60_000) !== Math.floor(before / 60_000)) closedBars++;
    cents = Math.max(1, cents + Math.round((random() - 0.5) * 6));
    const sizeRaw = 1 + Math.floor(random() ** 4 * 200_000);
    const buyerIsMaker = random() < 0.5;
    const text =
      `{"e":"trade","E":${timeMs + 1 + (i % 5)},"s":"BTCUSDT","t":${3_000_000_000 + i},` +
      `"p":"${formatFixed(cents, 2)}000000","q":"${formatFixed(sizeRaw, 5)}000",` +
      `"T":${timeMs},"m":${buyerIsMaker},"M":true}`;
    // As a socket delivers it: one flat string decoded from the frame's bytes. The template above
    // is a rope of pieces, which JSON.parse would flatten on first use: a new string per message,
    // kept alive by the rope, in the timed loop.
    texts[i] = Buffer.from(text, 'latin1').toString('utf8');
  }
  return { texts, closedBars, spanMs };
}
