/**
 * Configuration of a ccxt data or execution client: which exchange, where it lives (overridable for tests
 * and self-hosted gateways) and optional credentials, read from the environment so keys never
 * sit in code or command lines.
 */

/** Settings of a {@link CcxtDataClient}. */
export interface CcxtConfig {
  /** The ccxt exchange id (`binance`, `kraken`, `coinbase`, ...). */
  readonly exchangeId: string;
  /** The venue part of instrument ids (default: the exchange id upper-cased, `BINANCE`). */
  readonly venue?: string;
  readonly apiKey?: string;
  readonly secret?: string;
  /**
   * Override of the REST base (Binance: `urls.api.public` and `urls.api.private`, e.g.
   * `http://127.0.0.1:8080/api/v3`; market data only uses the public one, orders the private one).
   */
  readonly restUrl?: string;
  /** Override of the spot stream base (Binance: `urls.api.ws.spot`, e.g. `ws://127.0.0.1:8080/stream/ws`). */
  readonly wsUrl?: string;
  /**
   * Override of the WebSocket API base (Binance: `urls.api.ws['ws-api'].spot`, e.g.
   * `ws://127.0.0.1:8080/ws-api/v3`): the user data stream (order updates) of an execution client.
   */
  readonly wsApiUrl?: string;
  /** Extra ccxt `options`, merged over the defaults of {@link CcxtDataClient}. */
  readonly options?: Record<string, unknown>;
}

/**
 * Reads `QUANTFLOW_<EXCHANGE>_API_KEY`, `_SECRET`, `_REST_URL`, `_WS_URL` and `_WS_API_URL` (e.g.
 * `QUANTFLOW_BINANCE_API_KEY`). Market data needs no keys: they are only passed on when set.
 */
export function ccxtConfigFromEnv(exchangeId: string, env: Record<string, string | undefined>): CcxtConfig {
  const prefix = `QUANTFLOW_${exchangeId.toUpperCase()}_`;
  const read = (name: string): string | undefined => {
    const value = env[prefix + name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const wsApiUrl = read('WS_API_URL');
  return {
    exchangeId,
    apiKey: read('API_KEY'),
    secret: read('SECRET'),
    restUrl: read('REST_URL'),
    wsUrl: read('WS_URL'),
    // Only present when set: configs of data clients keep their shape.
    ...(wsApiUrl === undefined ? {} : { wsApiUrl }),
  };
}
