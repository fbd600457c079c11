import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { Currency } from '../types/currency.js';
import { mulRaw } from '../types/fixed-point.js';
import { Price } from '../types/price.js';
import { Quantity } from '../types/quantity.js';

/**
 * What the engine must know to trade an instrument exactly: the grid of valid prices
 * and quantities, and the currency its prices are quoted in.
 */
export interface Instrument {
  readonly id: InstrumentId;
  /** Smallest price increment; its precision is the instrument's price precision. */
  readonly tickSize: Price;
  /** Smallest quantity increment; its precision is the instrument's size precision. */
  readonly lotSize: Quantity;
  /** Currency of prices and PnL. */
  readonly quoteCurrency: Currency;
  /** Contract multiplier: notional = price × quantity × multiplier (1 for spot and equities). */
  readonly multiplier: number;
}

/** Decimals of prices of this instrument. */
export const pricePrecision = (instrument: Instrument): number => instrument.tickSize.precision;
/** Decimals of quantities of this instrument. */
export const sizePrecision = (instrument: Instrument): number => instrument.lotSize.precision;

/** True when `price` lies on the instrument's tick grid. */
export function isOnTick(instrument: Instrument, price: Price): boolean {
  const p = Math.max(price.precision, instrument.tickSize.precision);
  return price.rawAt(p) % instrument.tickSize.rawAt(p) === 0;
}

/** True when `quantity` is a positive multiple of the instrument's lot size. */
export function isOnLot(instrument: Instrument, quantity: Quantity): boolean {
  const p = Math.max(quantity.precision, instrument.lotSize.precision);
  return quantity.raw > 0 && quantity.rawAt(p) % instrument.lotSize.rawAt(p) === 0;
}

/** Builds an instrument with a 10^-pricePrecision tick and a lot of 1 unit at `sizePrec` decimals. */
export function simpleInstrument(
  id: InstrumentId,
  quoteCurrency: Currency,
  pricePrec: number,
  sizePrec = 0,
): Instrument {
  return {
    id,
    tickSize: Price.fromRaw(1, pricePrec),
    lotSize: Quantity.fromRaw(1, sizePrec),
    quoteCurrency,
    multiplier: 1,
  };
}

/**
 * Notional of `price × quantity × multiplier` in raw units of a currency with
 * `currencyPrecision` decimals, exact (rounded half away from zero at the last unit).
 */
export function notionalRaw(
  instrument: Instrument,
  price: Price,
  quantity: Quantity,
  currencyPrecision: number,
): number {
  return notionalOfRaw(
    instrument,
    price.raw,
    price.precision,
    quantity.raw,
    quantity.precision,
    currencyPrecision,
  );
}

/** {@link notionalRaw} on raw integers, for hot paths that hold no value objects. */
export function notionalOfRaw(
  instrument: Instrument,
  priceRaw: number,
  pricePrecision: number,
  qtyRaw: number,
  qtyPrecision: number,
  currencyPrecision: number,
): number {
  const raw = mulRaw(priceRaw, pricePrecision, qtyRaw, qtyPrecision, currencyPrecision);
  return instrument.multiplier === 1 ? raw : raw * instrument.multiplier;
}
