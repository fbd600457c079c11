/**
 * Alpaca market data stream v2, the protocol as documented: the client messages and the server's
 * error codes. Kept apart from the client so tests can compare against the same definitions.
 */
import { DataKind, type Subscription } from '../../data/feed/data-client.js';

/** The stream channels we use, by data kind. */
export type AlpacaChannel = 'trades' | 'quotes' | 'bars';

/** The channel of a subscription, or why Alpaca cannot serve it. */
export function channelOf(s: Subscription): AlpacaChannel | string {
  switch (s.kind) {
    case DataKind.TRADES:
      return 'trades';
    case DataKind.QUOTES:
      return 'quotes';
    case DataKind.BARS:
      // The stream's `bars` channel carries 1-minute bars only; longer bars come from aggregation.
      return s.interval === undefined || s.interval === '1m' || s.interval === '1Min'
        ? 'bars'
        : `Alpaca streams 1-minute bars only, not "${s.interval}"`;
    default:
      return `Alpaca has no "${s.kind}" stream for US equities`;
  }
}

/** `{"action":"auth","key":…,"secret":…}`: the first message after `connected`. */
export function authMessage(key: string, secret: string): string {
  return JSON.stringify({ action: 'auth', key, secret });
}

/** `{"action":"subscribe"|"unsubscribe","trades":[…],"quotes":[…],"bars":[…]}` (empty channels left out). */
export function subscriptionMessage(
  action: 'subscribe' | 'unsubscribe',
  channels: Partial<Record<AlpacaChannel, readonly string[]>>,
): string {
  const message: Record<string, unknown> = { action };
  for (const channel of ['trades', 'quotes', 'bars'] as const) {
    const symbols = channels[channel];
    if (symbols !== undefined && symbols.length > 0) message[channel] = symbols;
  }
  return JSON.stringify(message);
}

/**
 * Server errors after which reconnecting cannot help (retrying would only hammer the venue):
 * 402 auth failed, 406 connection limit exceeded, 408 v2 not enabled, 409 insufficient subscription.
 * Others (400 invalid syntax, 405 symbol limit, 410 invalid subscribe action, 500 internal) fail the
 * request at hand; 401/404/407 are followed by the server closing the socket, which reconnects.
 */
export const FATAL_STREAM_ERRORS: ReadonlySet<number> = new Set([402, 406, 408, 409]);

/** Message types of the stream we receive but do not turn into events. */
export const UNSUPPORTED_TYPES: Readonly<Record<string, string>> = {
  c: 'trade correction',
  x: 'trade cancel/error',
  u: 'updated bar',
  d: 'daily bar',
  s: 'trading status',
  l: 'LULD band',
  i: 'order imbalance',
};
