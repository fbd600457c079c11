/** Buy or sell. */
export const OrderSide = { BUY: 'BUY', SELL: 'SELL' } as const;
export type OrderSide = (typeof OrderSide)[keyof typeof OrderSide];

/** The opposite side. */
export const oppositeSide = (side: OrderSide): OrderSide =>
  side === OrderSide.BUY ? OrderSide.SELL : OrderSide.BUY;

/** How an order executes. */
export const OrderType = {
  MARKET: 'MARKET',
  LIMIT: 'LIMIT',
  STOP_MARKET: 'STOP_MARKET',
  STOP_LIMIT: 'STOP_LIMIT',
} as const;
export type OrderType = (typeof OrderType)[keyof typeof OrderType];

/** How long an order stays working. */
export const TimeInForce = { GTC: 'GTC', IOC: 'IOC', FOK: 'FOK', DAY: 'DAY', GTD: 'GTD' } as const;
export type TimeInForce = (typeof TimeInForce)[keyof typeof TimeInForce];

/** Whether a fill added liquidity (maker) or took it (taker). */
export const LiquiditySide = { MAKER: 'MAKER', TAKER: 'TAKER' } as const;
export type LiquiditySide = (typeof LiquiditySide)[keyof typeof LiquiditySide];
