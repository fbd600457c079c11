import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { Price } from '../types/price.js';
import type { Quantity } from '../types/quantity.js';

/** Best bid and offer at one moment. */
export class QuoteTick {
  constructor(
    readonly instrumentId: InstrumentId,
    readonly bidPrice: Price,
    readonly askPrice: Price,
    readonly bidSize: Quantity,
    readonly askSize: Quantity,
    readonly tsEvent: number,
    readonly tsInit: number,
  ) {}
}
