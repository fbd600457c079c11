/**
 * REST client for the QuantFlow server (`/api/v1`, same origin as the dashboard). Every call
 * resolves with the parsed JSON or rejects with an {@link ApiError} carrying the server's stable
 * error code; a server that cannot be reached gives the code `NOT_CONNECTED`.
 */
import type {
  AccountResponse,
  BacktestSummary,
  FillInfo,
  HealthResponse,
  MarketSnapshot,
  NodeResponse,
  OrderAccepted,
  OrderInfo,
  OrderRequest,
  PortfolioResponse,
  PositionInfo,
  RiskResponse,
  StrategyInfo,
} from './api-types.js';

const KEY_STORAGE = 'quantflow.apiKey';

/** A failed call: HTTP status (0 when the server could not be reached) and the error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The API key: a `?key=` URL parameter wins and is remembered in localStorage (then removed from
 * the address bar so it does not end up in bookmarks or screenshots); otherwise the stored key.
 */
export function loadApiKey(): string | undefined {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    saveApiKey(fromUrl);
    url.searchParams.delete('key');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  try {
    return localStorage.getItem(KEY_STORAGE) ?? undefined;
  } catch {
    return undefined; // storage disabled (private mode): run as viewer
  }
}

/** Remembers (or, with an empty string, forgets) the API key. */
export function saveApiKey(key: string): void {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // storage disabled: the key lasts for this page only
  }
}

export class Api {
  /** @param base URL prefix of the API, `/api/v1` on the dashboard's own origin by default. */
  constructor(
    public key: string | undefined,
    readonly base = '/api/v1',
  ) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.key) headers.authorization = `Bearer ${this.key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError(0, 'NOT_CONNECTED', `cannot reach the server (${(e as Error).message})`);
    }
    const text = await res.text();
    let json: unknown = undefined;
    if (text) {
      try {
        json = JSON.parse(text);
      } catch {
        // Not JSON: not the QuantFlow API (a static server's 404 page, a proxy error).
        throw new ApiError(
          res.status,
          res.ok ? 'NOT_CONNECTED' : 'HTTP_' + res.status,
          `unexpected response from ${path}`,
        );
      }
    }
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
        ?.error;
      throw new ApiError(
        res.status,
        err?.code ?? 'HTTP_' + res.status,
        err?.message ?? res.statusText,
        err?.details,
      );
    }
    return json as T;
  }

  health = (): Promise<HealthResponse> => this.request('GET', '/health');
  node = (): Promise<NodeResponse> => this.request('GET', '/node');
  portfolio = (): Promise<PortfolioResponse> => this.request('GET', '/portfolio');
  positions = (): Promise<PositionInfo[]> => this.request('GET', '/positions');
  orders = (status: 'open' | 'all', limit = 200): Promise<OrderInfo[]> =>
    this.request('GET', `/orders?status=${status}&limit=${limit}`);
  fills = (limit = 100): Promise<FillInfo[]> => this.request('GET', `/fills?limit=${limit}`);
  account = (): Promise<AccountResponse> => this.request('GET', '/account');
  equity = (
    q: { since?: number; limit?: number } = {},
  ): Promise<{ currency: string; points: { timeUs: number; equity: string; drawdown: number }[] }> =>
    this.request(
      'GET',
      `/portfolio/equity?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`,
    );
  strategies = (): Promise<StrategyInfo[]> => this.request('GET', '/strategies');
  startStrategy = (id: string): Promise<unknown> => this.request('POST', `/strategies/${enc(id)}/start`);
  stopStrategy = (id: string): Promise<unknown> => this.request('POST', `/strategies/${enc(id)}/stop`);
  setStrategyParams = (id: string, params: Record<string, unknown>): Promise<unknown> =>
    this.request('PUT', `/strategies/${enc(id)}/params`, { params });
  submitOrder = (order: OrderRequest): Promise<OrderAccepted> => this.request('POST', '/orders', order);
  cancelOrder = (clientOrderId: string): Promise<unknown> =>
    this.request('DELETE', `/orders/${enc(clientOrderId)}`);
  risk = (): Promise<RiskResponse> => this.request('GET', '/risk');
  halt = (reason: string): Promise<unknown> => this.request('POST', '/risk/halt', { reason });
  resume = (reason?: string): Promise<unknown> =>
    this.request('POST', '/risk/resume', reason ? { reason } : {});
  killSwitch = (reason: string): Promise<unknown> => this.request('POST', '/risk/kill-switch', { reason });
  snapshot = (instrumentId: string): Promise<MarketSnapshot> =>
    this.request('GET', `/market/${enc(instrumentId)}/snapshot`);
  bars = (instrumentId: string, limit = 500): Promise<unknown> =>
    this.request('GET', `/market/${enc(instrumentId)}/bars?limit=${limit}`);
  backtests = (): Promise<unknown> => this.request('GET', '/backtests');
  backtest = (id: string): Promise<BacktestSummary & Record<string, unknown>> =>
    this.request('GET', `/backtests/${enc(id)}`);
  /** URL of the server-rendered self-contained report (open or download it). */
  backtestReportUrl = (id: string): string => `${this.base}/backtests/${enc(id)}/report`;
}

function enc(s: string): string {
  return encodeURIComponent(s);
}

/** A one-line description of an error for the alert feed and toasts. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    const denial = (e.details as { denialCode?: string } | undefined)?.denialCode;
    return `${e.code}${denial ? ` (${denial})` : ''}: ${e.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}
