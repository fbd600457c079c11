import { isOnLot, isOnTick, type Instrument } from '../model/instruments/instrument.js';
import type { OrderSpec } from '../model/orders/order.js';
import { DenialCode } from './denial-codes.js';

/** Why an order is invalid for its instrument, or `undefined` when it is fine. */
export function validateOrder(
  spec: OrderSpec,
  instrument: Instrument,
): { code: DenialCode; reason: string } | undefined {
  if (!isOnLot(instrument, spec.quantity)) {
    return {
      code: DenialCode.INVALID_QUANTITY,
      reason: `quantity ${spec.quantity} must be a positive multiple of lot size ${instrument.lotSize}`,
    };
  }
  const needsLimit = spec.type === 'LIMIT' || spec.type === 'STOP_LIMIT';
  const needsTrigger = spec.type === 'STOP_MARKET' || spec.type === 'STOP_LIMIT';
  if (needsLimit && spec.price === undefined) {
    return { code: DenialCode.MISSING_PRICE, reason: `${spec.type} order needs a limit price` };
  }
  if (needsTrigger && spec.triggerPrice === undefined) {
    return { code: DenialCode.MISSING_PRICE, reason: `${spec.type} order needs a trigger price` };
  }
  const offTick =
    needsLimit && !isOnTick(instrument, spec.price!)
      ? spec.price
      : needsTrigger && !isOnTick(instrument, spec.triggerPrice!)
        ? spec.triggerPrice
        : undefined;
  if (offTick !== undefined) {
    return {
      code: DenialCode.PRICE_OFF_TICK,
      reason: `price ${offTick} is not a multiple of tick ${instrument.tickSize}`,
    };
  }
  return undefined;
}
