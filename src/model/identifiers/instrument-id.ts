import type { Brand } from '../../core/brand.js';
import { err, ok, type Result } from '../../core/result.js';
import type { IdentifierError } from './identifier-error.js';

/** An instrument at a venue: `SYMBOL.VENUE`, e.g. `BTCUSDT.BINANCE`, `AAPL.XNAS`. */
export type InstrumentId = Brand<string, 'InstrumentId'>;

const PATTERN = /^([A-Za-z0-9_\-/]+)\.([A-Za-z0-9_]+)$/;

/** Validates `SYMBOL.VENUE`. */
export function parseInstrumentId(text: string): Result<InstrumentId, IdentifierError> {
  if (!PATTERN.test(text)) {
    return err({
      kind: 'InstrumentId',
      input: text,
      reason: 'expected SYMBOL.VENUE (letters, digits, _ - /)',
    });
  }
  return ok(text as InstrumentId);
}

/** Builds an id from its parts; throws on invalid parts (for code, not user input). */
export function instrumentId(symbol: string, venue: string): InstrumentId {
  const parsed = parseInstrumentId(`${symbol}.${venue}`);
  if (!parsed.ok) throw new RangeError(`${parsed.error.input}: ${parsed.error.reason}`);
  return parsed.value;
}

/** The symbol part of an instrument id. */
export function symbolOf(id: InstrumentId): string {
  return id.slice(0, id.lastIndexOf('.'));
}

/** The venue part of an instrument id. */
export function venueOf(id: InstrumentId): string {
  return id.slice(id.lastIndexOf('.') + 1);
}
