/**
 * A plain snapshot of a running node — strategies, positions, open orders, PnL, risk state,
 * feed health, recent fills — for the terminal view (and, later, the server). Values are
 * formatted exactly from raw integers.
 */
import { formatFixed } from '../model/types/fixed-point.js';
import type { FeedHealth } from '../data/feed/feed-health.js';
import type { RiskState } from '../risk/risk-codes.js';
import type { StrategyState } from '../system/kernel.js';
import type { TradingNode } from './trading-node.js';

export interface NodeStatus {
  readonly environment: string;
  readonly timeUs: number;
  readonly currency: string;
  readonly equity: string;
  readonly cash: string;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
  readonly fees: string;
  readonly risk: { readonly state: RiskState; readonly reason: string };
  readonly strategies: readonly {
    readonly id: string;
    readonly state: StrategyState;
    readonly pnl: string;
    readonly openOrders: number;
  }[];
  readonly positions: readonly {
    readonly instrumentId: string;
    readonly quantity: string;
    readonly marketValue: string;
    readonly unrealizedPnl: string;
  }[];
  readonly openOrders: readonly {
    readonly clientOrderId: string;
    readonly strategyId: string;
    readonly instrumentId: string;
    readonly side: string;
    readonly type: string;
    readonly quantity: string;
    readonly filled: string;
    readonly price: string;
    readonly status: string;
  }[];
  readonly recentFills: readonly {
    readonly clientOrderId: string;
    readonly instrumentId: string;
    readonly side: string;
    readonly quantity: string;
    readonly price: string;
    readonly tsEvent: number;
  }[];
  readonly feed: FeedHealth;
}

/** The node's state now. */
export function nodeStatus(node: TradingNode): NodeStatus {
  const kernel = node.kernel;
  const portfolio = kernel.portfolio;
  const ccy = portfolio.currency;
  const money = (raw: number): string => formatFixed(raw, ccy.precision);
  return {
    environment: kernel.environment,
    timeUs: kernel.clock.timestampUs(),
    currency: ccy.code,
    equity: money(portfolio.equityRaw()),
    cash: money(portfolio.cashRaw),
    realizedPnl: money(portfolio.realizedRaw()),
    unrealizedPnl: money(portfolio.unrealizedRaw()),
    fees: money(portfolio.feesRaw),
    risk: { state: node.risk.state, reason: node.risk.stateReason },
    strategies: kernel.strategies.map((s) => {
      const ledger = kernel.strategyPortfolio(s.id);
      return {
        id: s.id,
        state: kernel.strategyState(s.id),
        pnl: money(ledger.realizedRaw() + ledger.unrealizedRaw() - ledger.feesRaw),
        openOrders: kernel.cache.openOrders({ strategyId: s.id }).length,
      };
    }),
    positions: portfolio
      .positions()
      .filter((p) => p.qtyRaw !== 0)
      .map((p) => {
        const value = portfolio.marketValueRaw(p);
        return {
          instrumentId: p.instrumentId,
          quantity: formatFixed(p.qtyRaw, p.sizePrecision),
          marketValue: money(value),
          unrealizedPnl: money(p.unrealizedRaw(value)),
        };
      }),
    openOrders: kernel.cache.openOrders().map((o) => ({
      clientOrderId: o.clientOrderId,
      strategyId: o.strategyId,
      instrumentId: o.instrumentId,
      side: o.side,
      type: o.type,
      quantity: o.quantity.toString(),
      filled: o.filledQty.toString(),
      price: o.spec.price?.toString() ?? '',
      status: o.status,
    })),
    recentFills: node.recentFills.map((f) => ({
      clientOrderId: f.clientOrderId,
      instrumentId: f.instrumentId,
      side: f.side,
      quantity: f.lastQty.toString(),
      price: f.lastPx.toString(),
      tsEvent: f.tsEvent,
    })),
    feed: node.pipeline.health(),
  };
}
