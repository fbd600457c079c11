/**
 * Response shapes of the QuantFlow REST API (docs: the server's /api/v1/openapi.json). Amounts
 * are exact decimal strings, times integer microseconds. Fields the dashboard does not rely on
 * are optional, so a server that sends fewer of them still renders.
 */

export type RiskStateName = 'ACTIVE' | 'REDUCING' | 'HALTED' | string;

export interface HealthResponse {
  readonly status: 'ok' | string;
  readonly version?: string;
  readonly uptimeSeconds?: number;
}

export interface StrategyInfo {
  readonly id: string;
  readonly state: string;
  readonly params?: Record<string, unknown>;
  readonly pnl?: string;
  readonly openOrders?: number;
  readonly instruments?: string[];
}

export interface NodeResponse {
  readonly environment: string;
  readonly timeUs: number;
  readonly currency: string;
  readonly risk: { readonly state: RiskStateName; readonly reason: string };
  readonly strategies: StrategyInfo[];
}

export interface PositionInfo {
  readonly instrumentId: string;
  readonly quantity: string;
  readonly marketValue?: string;
  readonly unrealizedPnl?: string;
}

export interface PortfolioResponse {
  readonly currency: string;
  readonly equity: string;
  readonly cash: string;
  readonly realizedPnl: string;
  readonly unrealizedPnl: string;
  readonly fees: string;
  readonly positions?: PositionInfo[];
}

export interface OrderInfo {
  readonly clientOrderId: string;
  readonly strategyId: string;
  readonly instrumentId: string;
  readonly side: string;
  readonly type: string;
  readonly quantity: string;
  readonly filled: string;
  readonly price: string;
  readonly status: string;
  readonly tsInit?: number;
}

export interface FillInfo {
  readonly clientOrderId: string;
  readonly tradeId?: string;
  readonly instrumentId: string;
  readonly side: string;
  readonly quantity: string;
  readonly price: string;
  readonly commission?: string;
  readonly tsEvent: number;
}

export interface AccountResponse {
  readonly currency: string;
  readonly cash: string;
  readonly equity: string;
  readonly startingCash: string;
}

export interface RiskResponse {
  readonly state: RiskStateName;
  readonly reason: string;
  readonly limits: Record<string, unknown>;
  readonly dayStartEquity?: string;
  readonly peakEquity?: string;
}

export type OrderSide = 'BUY' | 'SELL';
export type OrderType = 'MARKET' | 'LIMIT' | 'STOP_MARKET' | 'STOP_LIMIT';

/** Body of `POST /orders`. */
export interface OrderRequest {
  instrumentId: string;
  side: OrderSide;
  type: OrderType;
  quantity: string;
  price?: string;
  triggerPrice?: string;
  timeInForce?: string;
}

export interface OrderAccepted {
  readonly clientOrderId: string;
  readonly status: string;
}

export interface MarketSnapshot {
  readonly instrumentId: string;
  readonly lastTrade?: unknown;
  readonly lastQuote?: unknown;
  readonly lastBar?: unknown;
}

export interface BacktestSummary {
  readonly id: string;
  readonly status: string;
  readonly strategy?: string;
  readonly metrics?: Record<string, number | string>;
  readonly error?: string | { code?: string; message?: string };
}
