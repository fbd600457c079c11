import type { Price } from '../types/price.js';
import type { Quantity } from '../types/quantity.js';

/**
 * A change to a working order, as a strategy asks for it. Absent fields stay as they are;
 * `quantity` is the new **total** quantity (filled + open), so it must exceed what has filled.
 */
export interface OrderChanges {
  readonly quantity?: Quantity;
  readonly price?: Price;
  readonly triggerPrice?: Price;
}
