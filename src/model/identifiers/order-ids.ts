import type { Brand } from '../../core/brand.js';
import { err, ok, type Result } from '../../core/result.js';
import type { IdentifierError } from './identifier-error.js';

/** Our id for an order, unique within a trader; assigned before the venue sees it. */
export type ClientOrderId = Brand<string, 'ClientOrderId'>;
/** The venue's id for an order. */
export type VenueOrderId = Brand<string, 'VenueOrderId'>;
/** The venue's id for one execution. */
export type TradeId = Brand<string, 'TradeId'>;
/** A strategy instance, e.g. `sma-cross-001`. */
export type StrategyId = Brand<string, 'StrategyId'>;

const TOKEN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

function parseToken<T extends string>(kind: string, text: string): Result<T, IdentifierError> {
  if (text.length === 0 || text.length > 64 || !TOKEN.test(text)) {
    return err({ kind, input: text, reason: 'expected 1-64 characters: letters, digits, _ . : -' });
  }
  return ok(text as T);
}

export const parseClientOrderId = (text: string): Result<ClientOrderId, IdentifierError> =>
  parseToken<ClientOrderId>('ClientOrderId', text);
export const parseVenueOrderId = (text: string): Result<VenueOrderId, IdentifierError> =>
  parseToken<VenueOrderId>('VenueOrderId', text);
export const parseTradeId = (text: string): Result<TradeId, IdentifierError> =>
  parseToken<TradeId>('TradeId', text);
export const parseStrategyId = (text: string): Result<StrategyId, IdentifierError> =>
  parseToken<StrategyId>('StrategyId', text);
