import type { AlpacaConfig } from './alpaca-config.js';

/** Trading API v2 base URL of paper accounts. */
export const ALPACA_PAPER_URL = 'https://paper-api.alpaca.markets';
/** Trading API v2 base URL of live accounts. */
export const ALPACA_LIVE_URL = 'https://api.alpaca.markets';

/** Where and how to reach Alpaca's Trading API (orders, account activities, `trade_updates`). */
export interface AlpacaExecutionConfig {
  /** API key id (`APCA_API_KEY_ID`); paper and live accounts have different keys. */
  readonly keyId: string;
  /** API secret (`APCA_API_SECRET_KEY`). */
  readonly secretKey: string;
  /** True for a paper account. Only informs logs and defaults: the URLs decide where orders go. */
  readonly paper: boolean;
  /** REST base URL: {@link ALPACA_PAPER_URL} or {@link ALPACA_LIVE_URL} (or a local test server). */
  readonly tradingUrl: string;
  /** The `trade_updates` WebSocket: the base URL with `wss` and `/stream`. */
  readonly streamUrl: string;
}

/**
 * Fills defaults and checks a trading configuration. The keys may come from the market-data
 * {@link AlpacaConfig} (same account). `paper` defaults to true: an order reaches a live account
 * only when asked for explicitly.
 */
export function alpacaExecutionConfig(input: {
  keyId?: string;
  secretKey?: string;
  paper?: boolean;
  tradingUrl?: string;
  streamUrl?: string;
}): AlpacaExecutionConfig {
  if (!input.keyId || !input.secretKey)
    throw new Error(
      'Alpaca trading needs API keys: set APCA_API_KEY_ID and APCA_API_SECRET_KEY (or keyId/secretKey)',
    );
  const paper = input.paper ?? true;
  const tradingUrl = (input.tradingUrl ?? (paper ? ALPACA_PAPER_URL : ALPACA_LIVE_URL)).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(tradingUrl))
    throw new Error(`Alpaca trading URL must be http(s): "${tradingUrl}"`);
  return {
    keyId: input.keyId,
    secretKey: input.secretKey,
    paper,
    tradingUrl,
    streamUrl: input.streamUrl ?? `${tradingUrl.replace(/^http/, 'ws')}/stream`,
  };
}

/** The trading configuration of the account whose keys a market-data configuration holds. */
export function alpacaExecutionConfigFrom(
  data: Pick<AlpacaConfig, 'keyId' | 'secretKey'>,
  options: { paper?: boolean; tradingUrl?: string; streamUrl?: string } = {},
): AlpacaExecutionConfig {
  return alpacaExecutionConfig({ keyId: data.keyId, secretKey: data.secretKey, ...options });
}

/**
 * Reads the configuration from environment variables with the official SDK's names:
 * `APCA_API_KEY_ID`, `APCA_API_SECRET_KEY`, `APCA_API_BASE_URL` (optional), and `APCA_PAPER`
 * (`false` for a live account; default true). A base URL wins over `APCA_PAPER`.
 */
export function alpacaExecutionConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AlpacaExecutionConfig {
  const paperText = env.APCA_PAPER?.trim().toLowerCase();
  if (paperText !== undefined && paperText !== 'true' && paperText !== 'false')
    throw new Error(`APCA_PAPER must be "true" or "false", got "${env.APCA_PAPER}"`);
  const base = env.APCA_API_BASE_URL;
  return alpacaExecutionConfig({
    keyId: env.APCA_API_KEY_ID,
    secretKey: env.APCA_API_SECRET_KEY,
    paper: base !== undefined ? base.replace(/\/+$/, '') !== ALPACA_LIVE_URL : paperText !== 'false',
    tradingUrl: base,
  });
}
