import type { AlpacaExecutionConfig } from './alpaca-execution-config.js';

/**
 * What became of one request. `answered`: the venue replied (any status; the body is parsed JSON,
 * or `undefined` when empty or not JSON). `lost`: no reply — timeout or network failure — so the
 * venue may or may not have acted on it.
 */
export type RestOutcome =
  | { readonly kind: 'answered'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'lost'; readonly reason: string };

/** True for replies that say nothing about whether the request took effect: 429 and 5xx. */
export const isInconclusive = (outcome: RestOutcome): boolean =>
  outcome.kind === 'lost' || outcome.status === 429 || outcome.status >= 500;

/**
 * The Trading API v2 over HTTP: one request per call, no retries (the caller decides, as only it
 * knows whether repeating is safe). Authenticates with the `APCA-API-KEY-ID` /
 * `APCA-API-SECRET-KEY` headers; every request is abandoned after `timeoutMs`.
 */
export class AlpacaTradingRest {
  constructor(
    private readonly config: AlpacaExecutionConfig,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  submitOrder(body: Record<string, string>): Promise<RestOutcome> {
    return this.request('POST', '/v2/orders', body);
  }

  cancelOrder(venueOrderId: string): Promise<RestOutcome> {
    return this.request('DELETE', `/v2/orders/${encodeURIComponent(venueOrderId)}`);
  }

  replaceOrder(venueOrderId: string, body: Record<string, string>): Promise<RestOutcome> {
    return this.request('PATCH', `/v2/orders/${encodeURIComponent(venueOrderId)}`, body);
  }

  getOrder(venueOrderId: string): Promise<RestOutcome> {
    return this.request('GET', `/v2/orders/${encodeURIComponent(venueOrderId)}`);
  }

  getOrderByClientId(clientOrderId: string): Promise<RestOutcome> {
    return this.request(
      'GET',
      `/v2/orders:by_client_order_id?client_order_id=${encodeURIComponent(clientOrderId)}`,
    );
  }

  /** Open orders, oldest first (Alpaca caps `limit` at 500). */
  openOrders(): Promise<RestOutcome> {
    return this.request('GET', '/v2/orders?status=open&limit=500&direction=asc&nested=false');
  }

  /** One page of FILL activities after `afterIso`, oldest first; `pageToken` is the last id of the previous page. */
  fillActivities(afterIso: string, pageToken: string | undefined, pageSize: number): Promise<RestOutcome> {
    const query = new URLSearchParams({ after: afterIso, direction: 'asc', page_size: String(pageSize) });
    if (pageToken !== undefined) query.set('page_token', pageToken);
    return this.request('GET', `/v2/account/activities/FILL?${query.toString()}`);
  }

  async request(method: string, path: string, body?: unknown): Promise<RestOutcome> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.config.tradingUrl}${path}`, {
        method,
        headers: {
          'APCA-API-KEY-ID': this.config.keyId,
          'APCA-API-SECRET-KEY': this.config.secretKey,
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      const reason = e.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : e.message;
      return { kind: 'lost', reason: `${method} ${path}: ${reason}` };
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return { kind: 'lost', reason: `${method} ${path}: body lost: ${(error as Error).message}` };
    }
    let parsed: unknown;
    try {
      parsed = text.length > 0 ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { kind: 'answered', status: response.status, body: parsed };
  }
}
