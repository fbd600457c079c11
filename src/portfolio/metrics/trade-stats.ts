import { finiteOrNull, ratioOrNull } from './finite.js';
import type { ClosedTrade } from './metrics-input.js';

/** Win/loss statistics of closed trades. */
export interface TradeStats {
  readonly trades: number;
  /** wins / trades; a win is pnl > 0. */
  readonly winRate: number | null;
  /** Σ winning pnl / |Σ losing pnl|; null when no trade lost. */
  readonly profitFactor: number | null;
  /** Mean pnl of winning trades. */
  readonly averageWin: number | null;
  /** Mean pnl of losing trades (pnl < 0), hence negative. */
  readonly averageLoss: number | null;
  /** Mean pnl over all trades. */
  readonly expectancy: number | null;
}

/**
 * Win rate, profit factor, average win and loss, and expectancy of `trades`.
 *
 * A trade with pnl exactly 0 is neither a win nor a loss, but it still counts in
 * `trades`, in the win-rate denominator and in the expectancy.
 */
export function tradeStats(trades: readonly ClosedTrade[]): TradeStats {
  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let netPnl = 0;
  for (const { pnl } of trades) {
    netPnl += pnl;
    if (pnl > 0) {
      wins++;
      grossProfit += pnl;
    } else if (pnl < 0) {
      losses++;
      grossLoss += pnl;
    }
  }
  const count = trades.length;
  return {
    trades: count,
    winRate: ratioOrNull(wins, count),
    profitFactor: losses > 0 ? ratioOrNull(grossProfit, -grossLoss) : null,
    averageWin: ratioOrNull(grossProfit, wins),
    averageLoss: ratioOrNull(grossLoss, losses),
    expectancy: count > 0 ? finiteOrNull(netPnl / count) : null,
  };
}
