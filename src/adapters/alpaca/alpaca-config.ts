import { readFileSync } from 'node:fs';

/** Alpaca's market data feeds: IEX (free plan) or the consolidated SIP tape (paid plan). */
export const AlpacaFeed = { IEX: 'iex', SIP: 'sip' } as const;
export type AlpacaFeed = (typeof AlpacaFeed)[keyof typeof AlpacaFeed];

/** Exact-value rules for one symbol: decimals kept for prices and for sizes/volumes. */
export interface AlpacaPrecision {
  readonly price: number;
  readonly size: number;
}

/**
 * US equities quote in cents, sub-penny below $1 (Reg NMS: at most 4 decimals) and some prints
 * carry 4 decimals too; sizes are whole shares. A price with more decimals than this is reported
 * malformed, never rounded.
 */
export const DEFAULT_ALPACA_PRECISION: AlpacaPrecision = { price: 4, size: 0 };

/** Where and how to reach Alpaca's market data. */
export interface AlpacaConfig {
  /** API key id (`APCA_API_KEY_ID`). */
  readonly keyId: string;
  /** API secret (`APCA_API_SECRET_KEY`). */
  readonly secretKey: string;
  readonly feed: AlpacaFeed;
  /** WebSocket URL of the stream, including the feed: `wss://stream.data.alpaca.markets/v2/iex`. */
  readonly streamUrl: string;
  /** Base URL of the data REST API: `https://data.alpaca.markets`. */
  readonly dataUrl: string;
  /** Per-symbol precision; symbols not listed use {@link DEFAULT_ALPACA_PRECISION}. */
  readonly precisions?: Readonly<Record<string, AlpacaPrecision>>;
}

/** The production stream URL of a feed. */
export function alpacaStreamUrl(feed: AlpacaFeed): string {
  return `wss://stream.data.alpaca.markets/v2/${feed}`;
}

/** The production data REST base URL. */
export const ALPACA_DATA_URL = 'https://data.alpaca.markets';

/** The precision used for `symbol`. */
export function precisionOf(config: Pick<AlpacaConfig, 'precisions'>, symbol: string): AlpacaPrecision {
  return config.precisions?.[symbol] ?? DEFAULT_ALPACA_PRECISION;
}

/**
 * Reads the configuration from environment variables, with the official SDK's names for the keys:
 * `APCA_API_KEY_ID`, `APCA_API_SECRET_KEY`; optionally `APCA_DATA_FEED` (`iex` | `sip`),
 * `APCA_API_STREAM_URL` and `APCA_API_DATA_URL` (e.g. to point at a local test server).
 * Throws a clear error when the keys are missing.
 */
export function alpacaConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AlpacaConfig {
  return alpacaConfig({
    keyId: env.APCA_API_KEY_ID,
    secretKey: env.APCA_API_SECRET_KEY,
    feed: env.APCA_DATA_FEED,
    streamUrl: env.APCA_API_STREAM_URL,
    dataUrl: env.APCA_API_DATA_URL,
  });
}

/**
 * Reads the configuration from a JSON file:
 * `{"keyId", "secretKey", "feed"?, "streamUrl"?, "dataUrl"?, "precisions"?: {"AAPL": {"price": 2, "size": 0}}}`.
 * Keys missing from the file are taken from the environment (so secrets can stay out of it).
 */
export function alpacaConfigFromFile(path: string, env: NodeJS.ProcessEnv = process.env): AlpacaConfig {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof raw !== 'object' || raw === null) throw new Error(`${path}: expected a JSON object`);
  const file = raw as Record<string, unknown>;
  const text = (key: string): string | undefined => (typeof file[key] === 'string' ? file[key] : undefined);
  return alpacaConfig({
    keyId: text('keyId') ?? env.APCA_API_KEY_ID,
    secretKey: text('secretKey') ?? env.APCA_API_SECRET_KEY,
    feed: text('feed') ?? env.APCA_DATA_FEED,
    streamUrl: text('streamUrl') ?? env.APCA_API_STREAM_URL,
    dataUrl: text('dataUrl') ?? env.APCA_API_DATA_URL,
    precisions: file.precisions as Record<string, AlpacaPrecision> | undefined,
  });
}

/** Fills defaults and checks a configuration given as loose strings. */
export function alpacaConfig(input: {
  keyId?: string;
  secretKey?: string;
  feed?: string;
  streamUrl?: string;
  dataUrl?: string;
  precisions?: Record<string, AlpacaPrecision>;
}): AlpacaConfig {
  if (!input.keyId || !input.secretKey)
    throw new Error(
      'Alpaca needs API keys: set APCA_API_KEY_ID and APCA_API_SECRET_KEY (or keyId/secretKey)',
    );
  const feed = input.feed ?? AlpacaFeed.IEX;
  if (feed !== AlpacaFeed.IEX && feed !== AlpacaFeed.SIP)
    throw new Error(`Alpaca feed must be "iex" or "sip", got "${feed}"`);
  for (const [symbol, p] of Object.entries(input.precisions ?? {})) {
    if (!Number.isInteger(p?.price) || !Number.isInteger(p?.size) || p.price < 0 || p.size < 0)
      throw new Error(`Alpaca precision of ${symbol} must be {"price": n, "size": n} with integers ≥ 0`);
  }
  return {
    keyId: input.keyId,
    secretKey: input.secretKey,
    feed,
    streamUrl: input.streamUrl ?? alpacaStreamUrl(feed),
    dataUrl: (input.dataUrl ?? ALPACA_DATA_URL).replace(/\/+$/, ''),
    precisions: input.precisions,
  };
}
