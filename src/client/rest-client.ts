/**
 * A typed client of the QuantFlow REST API (docs/api.md), over `fetch`. Self-contained: it
 * imports nothing from the engine, so a dashboard or script can use it alone.
 *
 * Every method resolves with the route's JSON and rejects with a {@link QuantflowApiError}
 * (status, stable code, message, details) when the server answers with an error, cannot be
 * reached (status 0, code `NOT_CONNECTED`) or answers with something that is not JSON (code
 * `BAD_RESPONSE`: not the QuantFlow API, e.g. a static server's page).
 */

/** An error answer of the API, or no usable answer (status 0: the server could not be reached). */
export class QuantflowApiError extends Error {
  override readonly name = 'QuantflowApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export type Role = 'viewer' | 'trader' | 'admin';
export type Side = 'BUY' | 'SELL';
export type OrderTypeName = 'MARKET' | 'LIMIT' | 'STOP_MARKET' | 'STOP_LIMIT';
export type TimeInForceName = 'GTC' | 'IOC' | 'FOK' | 'DAY' | 'GTD';
export type RiskStateName = 'ACTIVE' | 'REDUCING' | 'HALTED';

export interface Health {
  status: 'ok';
  version: string;
  uptimeSeconds: number;
  node: boolean;
}
export interface StrategySummary {
  id: string;
  state: string;
  pnl: string;
  openOrders: number;
}
export interface NodeInfo {
  environment: string;
  timeUs: number;
  currency: string;
  risk: { state: RiskStateName; reason: string };
  strategies: StrategySummary[];
  instruments: string[];
  feed: Record<string, unknown>;
}
export interface Position {
  instrumentId: string;
  quantity: string;
  marketValue: string;
  unrealizedPnl: string;
}
export interface PortfolioInfo {
  currency: string;
  equity: string;
  cash: string;
  realizedPnl: string;
  unrealizedPnl: string;
  fees: string;
  positions: Position[];
}
export interface AccountInfo {
  currency: string;
  cash: string;
  equity: string;
  startingCash: string | null;
}
export interface OrderInfo {
  clientOrderId: string;
  strategyId: string;
  instrumentId: string;
  side: Side;
  type: OrderTypeName;
  quantity: string;
  filled: string;
  price: string;
  triggerPrice: string;
  timeInForce: TimeInForceName;
  status: string;
  tsInit: number;
}
export interface FillInfo {
  clientOrderId: string;
  strategyId: string;
  tradeId: string;
  instrumentId: string;
  side: Side;
  quantity: string;
  price: string;
  commission: string;
  commissionCurrency: string;
  liquiditySide: string;
  tsEvent: number;
}
export interface StrategyInfo {
  id: string;
  name: string;
  state: string;
  params: Record<string, unknown>;
  pnl: string;
  openOrders: number;
  instruments: string[];
  failure?: string;
}
export interface SubmitOrderRequest {
  instrumentId: string;
  side: Side;
  type: OrderTypeName;
  quantity: string;
  price?: string;
  triggerPrice?: string;
  timeInForce?: TimeInForceName;
  expireTimeUs?: number;
  reduceOnly?: boolean;
}
export interface OrderAck {
  clientOrderId: string;
  status: string;
}
export interface RiskInfo {
  state: RiskStateName;
  reason: string;
  limits: Record<string, unknown> | null;
  dayStartEquity: string | null;
  peakEquity: string | null;
  /** Limits with a running total: exact `used` and `max` in the limit's unit, `fraction` = used ÷ max. */
  usage: { limit: string; instrumentId?: string; used: string; max: string; fraction: number }[];
}
export interface BarInfo {
  instrumentId: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  tsEvent: number;
}
export interface MarketSnapshot {
  instrumentId: string;
  lastQuote?: { bidPrice: string; askPrice: string; bidSize: string; askSize: string; tsEvent: number };
  lastTrade?: { price: string; size: string; aggressorSide: string; tradeId: string; tsEvent: number };
  lastBar?: BarInfo;
}
export interface BookLevel {
  price: string;
  size: string;
}
/** The top of an L2 book; `sequence` 0: no book update has arrived (the feed sends no depth). */
export interface OrderBookInfo {
  instrumentId: string;
  sequence: number;
  tsEvent: number;
  /** Best (highest) first. */
  bids: BookLevel[];
  /** Best (lowest) first. */
  asks: BookLevel[];
}
/** A page of the catalog's bars; `next` is the `from` of the following page (null: none). */
export interface BarHistory {
  instrumentId: string;
  bars: BarInfo[];
  next: number | null;
}
export interface EquityCurve {
  currency: string;
  intervalUs: number;
  /** Oldest first; `drawdown` ≤ 0 against the running peak (−0.05: 5 % below). */
  points: { timeUs: number; equity: string; drawdown: number }[];
}
export interface BacktestRequest {
  strategy: string;
  params?: Record<string, string | number | boolean>;
  data?: string[];
  cash?: number;
}
export interface BacktestJob {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  request: Required<Omit<BacktestRequest, 'cash'>> & { cash?: number };
  submittedUs: number;
  startedUs?: number;
  finishedUs?: number;
  error?: string;
  metrics?: Record<string, number | string | null>;
  summary?: Record<string, string | number>;
}

export interface QuantflowClientOptions {
  /** Server root, e.g. `http://127.0.0.1:8080` (the client adds `/api/v1`). */
  readonly baseUrl: string;
  /**
   * Sent as `Authorization: Bearer <key>`. A function is called per request, so a key the user
   * changes (e.g. on a page) applies to the next call.
   */
  readonly apiKey?: string | (() => string | undefined);
  /** A fetch implementation (default: the global one). */
  readonly fetch?: typeof fetch;
}

const query = (params: Record<string, string | number | undefined>): string => {
  const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)]))}`;
};
const seg = encodeURIComponent;

export class QuantflowClient {
  readonly #base: string;
  readonly #key: QuantflowClientOptions['apiKey'];
  readonly #fetch: typeof fetch;

  constructor(options: QuantflowClientOptions) {
    this.#base = `${options.baseUrl.replace(/\/+$/, '')}/api/v1`;
    this.#key = options.apiKey;
    // Not the bare global: browsers refuse `fetch` called on another object ("Illegal invocation").
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  health = (): Promise<Health> => this.#request('GET', '/health');
  node = (): Promise<NodeInfo> => this.#request('GET', '/node');
  portfolio = (): Promise<PortfolioInfo> => this.#request('GET', '/portfolio');
  positions = (): Promise<Position[]> => this.#request('GET', '/positions');
  account = (): Promise<AccountInfo> => this.#request('GET', '/account');
  /** The equity curve: the newest `limit` points (default 3,600) at or after `since` (µs). */
  equity = (q: { since?: number; limit?: number } = {}): Promise<EquityCurve> =>
    this.#request('GET', `/portfolio/equity${query(q)}`);
  orders = (q: { status?: 'open' | 'all'; limit?: number } = {}): Promise<OrderInfo[]> =>
    this.#request('GET', `/orders${query(q)}`);
  fills = (q: { limit?: number } = {}): Promise<FillInfo[]> => this.#request('GET', `/fills${query(q)}`);
  strategies = (): Promise<StrategyInfo[]> => this.#request('GET', '/strategies');
  startStrategy = (id: string): Promise<StrategyInfo> =>
    this.#request('POST', `/strategies/${seg(id)}/start`);
  stopStrategy = (id: string): Promise<StrategyInfo> => this.#request('POST', `/strategies/${seg(id)}/stop`);
  setParams = (id: string, params: Record<string, unknown>): Promise<StrategyInfo> =>
    this.#request('PUT', `/strategies/${seg(id)}/params`, { params });
  submitOrder = (order: SubmitOrderRequest): Promise<OrderAck> => this.#request('POST', '/orders', order);
  cancelOrder = (clientOrderId: string): Promise<OrderAck> =>
    this.#request('DELETE', `/orders/${seg(clientOrderId)}`);
  risk = (): Promise<RiskInfo> => this.#request('GET', '/risk');
  halt = (reason: string): Promise<RiskInfo> => this.#request('POST', '/risk/halt', { reason });
  resume = (reason?: string): Promise<RiskInfo> =>
    this.#request('POST', '/risk/resume', reason === undefined ? {} : { reason });
  killSwitch = (reason: string): Promise<RiskInfo> => this.#request('POST', '/risk/kill-switch', { reason });
  snapshot = (instrumentId: string): Promise<MarketSnapshot> =>
    this.#request('GET', `/market/${seg(instrumentId)}/snapshot`);
  /** The best `depth` levels (default 10) of each side of the instrument's L2 book. */
  book = (instrumentId: string, depth?: number): Promise<OrderBookInfo> =>
    this.#request('GET', `/market/${seg(instrumentId)}/book${query({ depth })}`);
  /** Bars from the server's historical catalog in [from, to) (µs), oldest first; page on with `next`. */
  history = (
    instrumentId: string,
    q: { from?: number; to?: number; limit?: number } = {},
  ): Promise<BarHistory> => this.#request('GET', `/market/${seg(instrumentId)}/history${query(q)}`);
  bars = (instrumentId: string, limit?: number): Promise<BarInfo[]> =>
    this.#request('GET', `/market/${seg(instrumentId)}/bars${query({ limit })}`);
  submitBacktest = (request: BacktestRequest): Promise<{ id: string }> =>
    this.#request('POST', '/backtests', request);
  backtests = (): Promise<BacktestJob[]> => this.#request('GET', '/backtests');
  backtest = (id: string): Promise<BacktestJob> => this.#request('GET', `/backtests/${seg(id)}`);
  /** The HTML report of a finished backtest. */
  backtestReport = (id: string): Promise<string> =>
    this.#request('GET', `/backtests/${seg(id)}/report`, undefined, 'text');
  /** The URL of that report, for a link (reading it needs no key). */
  backtestReportUrl = (id: string): string => `${this.#base}/backtests/${seg(id)}/report`;
  /** The OpenAPI document. */
  openapi = (): Promise<Record<string, unknown>> => this.#request('GET', '/openapi.json');

  async #request<T>(method: string, path: string, body?: unknown, as: 'json' | 'text' = 'json'): Promise<T> {
    const headers: Record<string, string> = { accept: as === 'json' ? 'application/json' : 'text/html' };
    const key = typeof this.#key === 'function' ? this.#key() : this.#key;
    if (key !== undefined && key !== '') headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(`${this.#base}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      text = await response.text();
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new QuantflowApiError(0, 'NOT_CONNECTED', `cannot reach ${this.#base}${path} (${why})`);
    }
    if (!response.ok) {
      let error: { code?: unknown; message?: unknown; details?: unknown } | undefined;
      try {
        error = (JSON.parse(text) as { error?: typeof error }).error;
      } catch {
        error = undefined;
      }
      throw new QuantflowApiError(
        response.status,
        typeof error?.code === 'string' ? error.code : 'HTTP_ERROR',
        typeof error?.message === 'string' ? error.message : `HTTP ${response.status}: ${text.slice(0, 200)}`,
        typeof error?.details === 'object' && error.details !== null
          ? (error.details as Record<string, unknown>)
          : undefined,
      );
    }
    if (as === 'text') return text as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new QuantflowApiError(
        response.status,
        'BAD_RESPONSE',
        `${method} ${this.#base}${path} answered ${response.status} with no JSON: ${text.slice(0, 200)}`,
      );
    }
  }
}
