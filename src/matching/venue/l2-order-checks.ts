import {
  BookOrderType,
  BookReason,
  BookTimeInForce,
  type ModifyOrder,
  type NewOrder,
} from '../book/book-types.js';

/** Why a command is refused: a stable reason code and a message. */
export type Refusal = readonly [BookReason, string];

/** The price and quantity grid of an instrument (ticks, lots). */
export interface Grid {
  readonly tickSize: number;
  readonly lotSize: number;
}

/**
 * The checks of a new order for the L2 fill simulator that need no state, in the order of
 * docs/matching.md (after the id checks, before post-only): quantity, what the simulator
 * supports (plain LIMIT and MARKET orders, no DAY/GTD), price.
 */
export function checkL2Order(order: NewOrder, grid: Grid): Refusal | undefined {
  const q = checkQuantity(order.quantity, grid);
  if (q !== undefined) return q;
  const unsupported =
    (order.type !== BookOrderType.LIMIT && order.type !== BookOrderType.MARKET) ||
    order.triggerPrice !== undefined ||
    order.trailingOffset !== undefined ||
    order.trailingBps !== undefined ||
    order.limitOffset !== undefined ||
    order.expireTime !== undefined ||
    order.hidden === true ||
    order.displayQuantity !== undefined ||
    order.reduceOnly === true;
  if (unsupported) {
    return [BookReason.INVALID_ORDER, 'the L2 fill simulator supports plain LIMIT and MARKET orders'];
  }
  const tif = order.timeInForce;
  if (order.type === BookOrderType.MARKET) {
    if (tif !== undefined && tif !== BookTimeInForce.IOC && tif !== BookTimeInForce.FOK) {
      return [BookReason.INVALID_ORDER, 'MARKET orders are IOC or FOK'];
    }
    if (order.postOnly === true) return [BookReason.INVALID_ORDER, 'postOnly needs a LIMIT order'];
    return undefined;
  }
  if (order.price === undefined) return [BookReason.INVALID_ORDER, 'LIMIT needs a price'];
  if (tif === BookTimeInForce.DAY || tif === BookTimeInForce.GTD) {
    return [BookReason.INVALID_ORDER, 'the L2 fill simulator supports GTC, IOC and FOK'];
  }
  if (order.postOnly === true && tif !== undefined && tif !== BookTimeInForce.GTC) {
    return [BookReason.INVALID_ORDER, 'postOnly needs GTC'];
  }
  return checkPrice(order.price, grid);
}

/** The stateless checks of a modify of a live order that has `filled` lots filled. */
export function checkL2Modify(change: ModifyOrder, filled: number, grid: Grid): Refusal | undefined {
  if (change.triggerPrice !== undefined) return [BookReason.NOT_MODIFIABLE, 'no trigger price'];
  if (change.quantity !== undefined) {
    const q = checkQuantity(change.quantity, grid);
    if (q !== undefined) return q;
    if (change.quantity <= filled) return [BookReason.INVALID_QUANTITY, 'quantity ≤ filled'];
  }
  return change.price === undefined ? undefined : checkPrice(change.price, grid);
}

function checkQuantity(quantity: number, grid: Grid): Refusal | undefined {
  if (!Number.isSafeInteger(quantity) || quantity <= 0)
    return [BookReason.INVALID_QUANTITY, `quantity ${quantity}`];
  if (quantity % grid.lotSize !== 0) return [BookReason.QUANTITY_OFF_LOT, `quantity ${quantity}`];
  return undefined;
}

function checkPrice(price: number, grid: Grid): Refusal | undefined {
  if (!Number.isSafeInteger(price) || price <= 0) return [BookReason.INVALID_PRICE, `price ${price}`];
  if (price % grid.tickSize !== 0) return [BookReason.PRICE_OFF_TICK, `price ${price}`];
  return undefined;
}
