import type { NotionalScale } from '../../matching/venue/fee-model.js';
import { isOnLot, isOnTick, type Instrument } from '../../model/instruments/instrument.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';

/**
 * The matching core's integer units for one instrument: a price is counted in units of
 * 10^-pricePrecision (so the tick is `tickSize.raw` units), a quantity in units of
 * 10^-sizePrecision (the lot is `lotSize.raw` units). Conversions are exact: a value off the
 * grid gives `undefined`, never a rounded number.
 */
export class InstrumentGrid {
  readonly pricePrecision: number;
  readonly sizePrecision: number;
  /** Tick and lot sizes in those units (what the fill simulator checks multiples of). */
  readonly tickUnits: number;
  readonly lotUnits: number;
  /** What one price unit × one size unit is worth in the quote currency's smallest units. */
  readonly notional: NotionalScale;

  constructor(readonly instrument: Instrument) {
    this.pricePrecision = instrument.tickSize.precision;
    this.sizePrecision = instrument.lotSize.precision;
    this.tickUnits = instrument.tickSize.raw;
    this.lotUnits = instrument.lotSize.raw;
    this.notional = notionalScale(instrument, this.pricePrecision, this.sizePrecision);
  }

  /** Price units of an on-tick price, or undefined when it is off the tick grid. */
  priceUnits(price: Price): number | undefined {
    return isOnTick(this.instrument, price) ? price.rawAt(this.pricePrecision) : undefined;
  }

  /** Size units of an on-lot positive quantity, or undefined. */
  sizeUnits(quantity: Quantity): number | undefined {
    return isOnLot(this.instrument, quantity) ? quantity.rawAt(this.sizePrecision) : undefined;
  }

  /** Market data at the instrument's precision (rounded half away from zero if finer). */
  dataPriceUnits(price: Price): number {
    return price.rawAt(this.pricePrecision);
  }

  dataSizeUnits(size: Quantity): number {
    return size.rawAt(this.sizePrecision);
  }

  price(units: number): Price {
    return Price.fromRaw(units, this.pricePrecision);
  }

  quantity(units: number): Quantity {
    return Quantity.fromRaw(units, this.sizePrecision);
  }
}

/**
 * 10^-pp × 10^-sp × multiplier of the quote currency, in its smallest units (10^-cp), as an exact
 * ratio. A fractional multiplier (0.001 contracts) is scaled to an integer by powers of ten.
 */
function notionalScale(instrument: Instrument, pp: number, sp: number): NotionalScale {
  let multiplier = instrument.multiplier;
  let extra = 0;
  while (!Number.isInteger(multiplier) && extra < 12) {
    extra++;
    multiplier = Math.round(instrument.multiplier * 10 ** extra * 1e6) / 1e6;
  }
  if (!Number.isSafeInteger(multiplier) || multiplier <= 0) {
    throw new RangeError(`instrument ${instrument.id}: multiplier ${instrument.multiplier} is not usable`);
  }
  const exponent = instrument.quoteCurrency.precision - pp - sp - extra;
  return exponent >= 0
    ? { numerator: multiplier * 10 ** exponent, denominator: 1 }
    : { numerator: multiplier, denominator: 10 ** -exponent };
}
