import type { InstrumentId } from '../identifiers/instrument-id.js';
import type { TradeId } from '../identifiers/order-ids.js';
import type { Price } from '../types/price.js';
import type { Quantity } from '../types/quantity.js';

/** Which side took liquidity in a trade. */
export const AggressorSide = { BUYER: 'BUYER', SELLER: 'SELLER', NONE: 'NONE' } as const;
export type AggressorSide = (typeof AggressorSide)[keyof typeof AggressorSide];

/** One trade printed by a venue. */
export class TradeTick {
  constructor(
    readonly instrumentId: InstrumentId,
    readonly price: Price,
    readonly size: Quantity,
    readonly aggressorSide: AggressorSide,
    readonly tradeId: TradeId,
    readonly tsEvent: number,
    readonly tsInit: number,
  ) {}
}
