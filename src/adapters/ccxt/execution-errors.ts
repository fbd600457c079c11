/**
 * What a failed ccxt request means for an order: the venue answered and refused (its code and
 * message are the rejection), the request may or may not have reached the venue (network,
 * timeout, 5xx: only asking the venue tells), or ccxt refused it before sending.
 */
import { CcxtExecutionCode } from './execution-codes.js';
import type { VenueHttpError } from './pro-exchange.js';

/** A classified request failure. */
export type RequestFailure =
  /** The venue answered with an error: the request was refused (Binance `{ code, msg }`). */
  | { readonly kind: 'venue'; readonly code: string; readonly message: string }
  /** Unknown outcome: the venue may have acted on the request. */
  | { readonly kind: 'network'; readonly message: string }
  /** ccxt threw before (or instead of) a venue answer; nothing was acted on. */
  | { readonly kind: 'client'; readonly code: string; readonly message: string };

/** Binance: order (or trade) not found by `GET`/`DELETE /api/v3/order`. */
export const BINANCE_ORDER_NOT_FOUND = '-2013';
/** Binance: cancel of an order that is unknown or no longer working. */
export const BINANCE_UNKNOWN_ORDER = '-2011';

/** True when `e` is an instance of the ccxt error class `name` (matched by name along the prototype chain). */
export function isCcxtError(e: unknown, name: string): boolean {
  for (let p: unknown = e; p !== null && p !== undefined; p = Object.getPrototypeOf(p))
    if ((p as { constructor?: { name?: string } }).constructor?.name === name) return true;
  return false;
}

/** ccxt's classes for an order it refused before sending it. */
const LOCAL_REFUSALS = ['InvalidOrder', 'ArgumentsRequired', 'BadSymbol', 'NotSupported', 'BadRequest'];

/** Classifies what a ccxt call threw. */
export function classifyFailure(e: unknown): RequestFailure {
  const message = e instanceof Error ? e.message : String(e);
  const venue = (e as { venueResponse?: VenueHttpError } | null)?.venueResponse;
  const body = venue?.body as { code?: unknown; msg?: unknown } | undefined;
  if (venue !== undefined && venue.status < 500 && body !== undefined && body.code !== undefined) {
    const msg = typeof body.msg === 'string' ? body.msg : message;
    return { kind: 'venue', code: String(body.code), message: msg };
  }
  if (isCcxtError(e, 'NetworkError')) return { kind: 'network', message };
  if (venue !== undefined && venue.status >= 400 && venue.status < 500) {
    return { kind: 'venue', code: `HTTP_${venue.status}`, message };
  }
  if (LOCAL_REFUSALS.some((name) => isCcxtError(e, name))) {
    return { kind: 'client', code: CcxtExecutionCode.INVALID_ORDER, message };
  }
  // Thrown by ccxt itself when keys are missing (a venue refusal would carry its body).
  if (isCcxtError(e, 'AuthenticationError')) {
    return { kind: 'client', code: CcxtExecutionCode.CLIENT_ERROR, message };
  }
  // An ExchangeError without a venue body: a 5xx or an answer ccxt could not read. The venue
  // may have acted, so it is treated like a network failure (reconciled, never assumed refused).
  if (isCcxtError(e, 'ExchangeError')) return { kind: 'network', message };
  return { kind: 'client', code: CcxtExecutionCode.CLIENT_ERROR, message };
}
