import { formatTimestampUs } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import { ReconnectPolicy } from '../../data/feed/reconnect-policy.js';
import type { Bar } from '../../model/data/bar.js';
import { type InstrumentId, parseInstrumentId } from '../../model/identifiers/instrument-id.js';
import { type AlpacaConfig, precisionOf } from './alpaca-config.js';
import { AlpacaParseError, parseBar } from './alpaca-parsing.js';

/** An HTTP request to Alpaca's data API failed (after retries, for 429 and 5xx). */
export class AlpacaHttpError extends Error {
  constructor(
    /** HTTP status; 0 when no response arrived (network error). */
    readonly status: number,
    /** Alpaca's error `code` from the body, when present. */
    readonly code: number | undefined,
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'AlpacaHttpError';
  }
}

/** Settings of {@link AlpacaBarHistory}. */
export interface AlpacaBarHistoryOptions {
  readonly config: AlpacaConfig;
  /** Bars per page asked for (Alpaca's `limit`, 1..10000; default 10000). */
  readonly pageLimit?: number;
  /** Retries of a request answered 429 or 5xx, or lost on the network (default 3). */
  readonly maxRetries?: number;
  /** Backoff between retries (default: 1 s doubling to 30 s, jitter 0.5). */
  readonly retryPolicy?: ReconnectPolicy;
  /** Venue of the instrument ids of returned bars (default `ALPACA`). */
  readonly venue?: string;
  /** The HTTP client (default: Node's `fetch`). */
  readonly fetch?: typeof fetch;
}

/** Pages beyond this mean a server that keeps handing out tokens: stop rather than loop forever. */
const MAX_PAGES = 100_000;

/**
 * Historical bars from Alpaca's data REST API: `GET /v2/stocks/{symbol}/bars`, following
 * `next_page_token` until it is null.
 *
 * Failures: 429 (rate limit) and 5xx are transient, so they are retried up to `maxRetries` times
 * with exponential backoff and jitter; then, like any other status (401/403 keys, 422 bad
 * parameters), they throw an {@link AlpacaHttpError} naming the status, Alpaca's message and the URL.
 * A bar that does not parse throws too: a history with a hole would be silently wrong.
 */
export class AlpacaBarHistory {
  readonly #config: AlpacaConfig;
  readonly #pageLimit: number;
  readonly #maxRetries: number;
  readonly #retry: ReconnectPolicy;
  readonly #venue: string;
  readonly #fetch: typeof fetch;

  constructor(options: AlpacaBarHistoryOptions) {
    this.#config = options.config;
    this.#pageLimit = options.pageLimit ?? 10_000;
    this.#maxRetries = options.maxRetries ?? 3;
    this.#retry =
      options.retryPolicy ?? new ReconnectPolicy(new SeededRandom(1), { initialDelayUs: 1_000_000 });
    this.#venue = options.venue ?? 'ALPACA';
    this.#fetch = options.fetch ?? fetch;
  }

  /**
   * Bars of `symbol` with `timeframe` in Alpaca's notation (`1Min`, `5Min`, `1Hour`, `1Day`) from
   * `fromUs` to `toUs` (µs; Alpaca's `start` and `end`, both inclusive), raw (unadjusted) prices
   * from the configured feed. Returned in time order, each bar once: pages are concatenated and a
   * bar repeated at a page boundary is kept once.
   */
  async fetchBars(symbol: string, timeframe: string, fromUs: number, toUs: number): Promise<Bar[]> {
    const parsedId = parseInstrumentId(`${symbol}.${this.#venue}`);
    if (!parsedId.ok) throw new RangeError(`Alpaca: invalid symbol "${symbol}"`);
    const id: InstrumentId = parsedId.value;
    const precision = precisionOf(this.#config, symbol);
    const bars: Bar[] = [];
    const seenTokens = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const url = new URL(`${this.#config.dataUrl}/v2/stocks/${encodeURIComponent(symbol)}/bars`);
      url.searchParams.set('timeframe', timeframe);
      url.searchParams.set('start', formatTimestampUs(fromUs));
      url.searchParams.set('end', formatTimestampUs(toUs));
      url.searchParams.set('limit', String(this.#pageLimit));
      url.searchParams.set('adjustment', 'raw');
      url.searchParams.set('feed', this.#config.feed);
      if (token !== undefined) url.searchParams.set('page_token', token);
      const body = await this.#get(url.toString());
      const list = body.bars ?? [];
      if (!Array.isArray(list)) throw new Error(`Alpaca ${url}: "bars" is not an array`);
      for (const raw of list) {
        const bar = parseBar(raw as Record<string, unknown>, id, precision, undefined);
        if (bar instanceof AlpacaParseError)
          throw new Error(`Alpaca ${url}: bad bar ${JSON.stringify(raw).slice(0, 200)}: ${bar.reason}`);
        bars.push(bar);
      }
      const next = body.next_page_token;
      if (next === null || next === undefined || next === '') return inOrder(bars);
      if (typeof next !== 'string' || seenTokens.has(next))
        throw new Error(`Alpaca ${url}: bad or repeated next_page_token ${JSON.stringify(next)}`);
      seenTokens.add(next);
      token = next;
    }
    throw new Error(`Alpaca: more than ${MAX_PAGES} pages of bars for ${symbol}`);
  }

  async #get(url: string): Promise<{ bars?: unknown; next_page_token?: unknown }> {
    this.#retry.reset();
    for (let attempt = 0; ; attempt++) {
      let failure: AlpacaHttpError;
      try {
        const response = await this.#fetch(url, {
          headers: {
            'APCA-API-KEY-ID': this.#config.keyId,
            'APCA-API-SECRET-KEY': this.#config.secretKey,
            Accept: 'application/json',
          },
        });
        const text = await response.text();
        if (response.ok) return parseBody(text, url);
        failure = httpError(response.status, text, url);
        if (response.status !== 429 && response.status < 500) throw failure;
      } catch (error) {
        if (error instanceof AlpacaHttpError) throw error;
        if (!(error instanceof TypeError)) throw error; // fetch reports network failures as TypeError
        failure = new AlpacaHttpError(0, undefined, url, `Alpaca ${url}: network error: ${error.message}`);
      }
      const delayUs = attempt < this.#maxRetries ? this.#retry.nextDelayUs() : undefined;
      if (delayUs === undefined) throw failure;
      await new Promise((resolve) => setTimeout(resolve, delayUs / 1000));
    }
  }
}

function parseBody(text: string, url: string): { bars?: unknown; next_page_token?: unknown } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`Alpaca ${url}: response is not JSON: ${text.slice(0, 200)}`);
  }
  if (typeof body !== 'object' || body === null) throw new Error(`Alpaca ${url}: response is not an object`);
  return body;
}

function httpError(status: number, text: string, url: string): AlpacaHttpError {
  let code: number | undefined;
  let message = text.slice(0, 200);
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'number') code = body.code;
    if (typeof body.message === 'string') message = body.message;
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the text.
  }
  return new AlpacaHttpError(status, code, url, `Alpaca ${url}: HTTP ${status}: ${message}`);
}

/** Sorted by time, a bar repeated at a page boundary kept once (pages normally come sorted). */
function inOrder(bars: Bar[]): Bar[] {
  const sorted = bars.every((b, i) => i === 0 || bars[i - 1].tsEvent < b.tsEvent)
    ? bars
    : [...bars].sort((a, b) => a.tsEvent - b.tsEvent);
  return sorted.filter((b, i) => i === 0 || sorted[i - 1].tsEvent !== b.tsEvent);
}
