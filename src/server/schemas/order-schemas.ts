/** Order requests: submission and listing. */
import { z } from 'zod';
import { OrderSide, OrderType, TimeInForce } from '../../model/orders/order-enums.js';
import { decimalString } from './common-schemas.js';

const needsPrice = new Set<string>([OrderType.LIMIT, OrderType.STOP_LIMIT]);
const needsTrigger = new Set<string>([OrderType.STOP_MARKET, OrderType.STOP_LIMIT]);

/** POST /orders. Prices and quantities are exact decimal strings at the instrument's precision. */
export const submitOrderBody = z
  .strictObject({
    instrumentId: z.string().min(1).max(100),
    side: z.enum([OrderSide.BUY, OrderSide.SELL]),
    type: z.enum([OrderType.MARKET, OrderType.LIMIT, OrderType.STOP_MARKET, OrderType.STOP_LIMIT]),
    quantity: decimalString,
    price: decimalString.optional().describe('limit price (LIMIT, STOP_LIMIT)'),
    triggerPrice: decimalString.optional().describe('trigger price (STOP_MARKET, STOP_LIMIT)'),
    timeInForce: z.enum(Object.values(TimeInForce) as [TimeInForce, ...TimeInForce[]]).optional(),
    expireTimeUs: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('expiry of a GTD order, µs since the epoch'),
    reduceOnly: z.boolean().optional(),
  })
  .superRefine((order, ctx) => {
    const has = (key: 'price' | 'triggerPrice', wanted: boolean, label: string) => {
      if ((order[key] !== undefined) !== wanted)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: wanted
            ? `a ${order.type} order needs a ${label}`
            : `a ${order.type} order has no ${label}`,
        });
    };
    has('price', needsPrice.has(order.type), 'limit price');
    has('triggerPrice', needsTrigger.has(order.type), 'trigger price');
    if ((order.timeInForce === 'GTD') !== (order.expireTimeUs !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['expireTimeUs'],
        message: 'expireTimeUs goes with timeInForce GTD, and only with it',
      });
  });
export type SubmitOrderBody = z.output<typeof submitOrderBody>;

/** GET /orders. */
export const ordersQuery = z.strictObject({
  status: z.enum(['open', 'all']).default('all').describe('open orders only, or every order the node knows'),
  limit: z.coerce.number().int().min(1).max(10_000).default(100).describe('newest N orders (default 100)'),
});
