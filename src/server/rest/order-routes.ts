/**
 * Orders and fills. Operator orders go through the same path as a strategy's: created by the
 * execution engine as strategy `operator`, validated against the instrument and checked by the
 * risk engine inside `submit`; a denial is an OrderDenied event on the order, answered 422.
 */
import type { FastifyInstance } from 'fastify';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId } from '../../model/identifiers/order-ids.js';
import { pricePrecision, sizePrecision } from '../../model/instruments/instrument.js';
import type { Order, OrderSpec } from '../../model/orders/order.js';
import { OrderStatus } from '../../model/orders/order-status.js';
import { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import { Role } from '../auth.js';
import { ApiError, ErrorCode } from '../errors.js';
import { OPERATOR_STRATEGY_ID } from '../operator-strategy.js';
import { limitQuery, orderParams } from '../schemas/common-schemas.js';
import { ordersQuery, submitOrderBody } from '../schemas/order-schemas.js';
import { validationError } from '../validation.js';
import { fillView, orderView } from '../views.js';
import type { ApiContext } from './api-context.js';
import { defineRoute } from './define-route.js';

/** Newest first: by creation time, then id. */
const newestFirst = (a: Order, b: Order): number =>
  b.tsInit - a.tsInit || (a.clientOrderId < b.clientOrderId ? 1 : a.clientOrderId > b.clientOrderId ? -1 : 0);

/** `text` at exactly `precision` decimals, or VALIDATION_FAILED naming `field`. */
function exact<T>(
  parse: (text: string, precision: number) => T,
  text: string,
  precision: number,
  field: string,
  grid: string,
): T {
  try {
    return parse(text, precision);
  } catch {
    throw validationError([
      {
        in: 'body',
        path: field,
        message: `"${text}" has more decimals than the instrument's ${grid} allows (${precision})`,
      },
    ]);
  }
}

export function registerOrderRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/orders',
    summary: 'Orders, newest first',
    tags: ['orders'],
    query: ordersQuery,
    handler: ({ query }) => {
      const cache = ctx.node.kernel.cache;
      const orders = query.status === 'open' ? cache.openOrders() : cache.orders();
      return orders.sort(newestFirst).slice(0, query.limit).map(orderView);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/orders',
    summary: 'Submit an order (through the risk engine, as strategy "operator")',
    tags: ['orders'],
    role: Role.TRADER,
    body: submitOrderBody,
    status: 201,
    returns: '{ clientOrderId, status }; 422 ORDER_DENIED with details.denialCode when refused',
    handler: ({ body }) => {
      const node = ctx.node;
      const id = body.instrumentId as InstrumentId;
      const instrument = node.kernel.cache.instrument(id);
      if (instrument === undefined)
        throw new ApiError(
          ErrorCode.ORDER_DENIED,
          `no instrument ${id} on this node (known: ${node.instruments.map((i) => i.id).join(', ')})`,
          {
            denialCode: 'UNKNOWN_INSTRUMENT',
          },
        );
      const pp = pricePrecision(instrument);
      const price = (text: string, field: string) =>
        exact((t, p) => Price.parse(t, p), text, pp, field, 'tick size');
      const spec: OrderSpec = {
        instrumentId: id,
        side: body.side,
        type: body.type,
        quantity: exact(
          (t, p) => Quantity.parse(t, p),
          body.quantity,
          sizePrecision(instrument),
          'quantity',
          'lot size',
        ),
        ...(body.price === undefined ? {} : { price: price(body.price, 'price') }),
        ...(body.triggerPrice === undefined
          ? {}
          : { triggerPrice: price(body.triggerPrice, 'triggerPrice') }),
        ...(body.timeInForce === undefined ? {} : { timeInForce: body.timeInForce }),
        ...(body.expireTimeUs === undefined ? {} : { expireTimeUs: body.expireTimeUs }),
        ...(body.reduceOnly === undefined ? {} : { reduceOnly: body.reduceOnly }),
        tags: 'api',
      };
      const execution = node.kernel.execution;
      const order = execution.createOrder(OPERATOR_STRATEGY_ID, spec);
      execution.submit(order);
      if (order.status === OrderStatus.DENIED) {
        const denial = order.lastEvent;
        const code = denial?.type === 'OrderDenied' ? denial.code : 'DENIED';
        const reason = denial?.type === 'OrderDenied' ? denial.reason : 'the order was denied';
        throw new ApiError(ErrorCode.ORDER_DENIED, reason, {
          denialCode: code,
          clientOrderId: order.clientOrderId,
        });
      }
      return { clientOrderId: order.clientOrderId, status: order.status };
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/orders/:clientOrderId',
    summary: 'Cancel a working order',
    tags: ['orders'],
    role: Role.TRADER,
    params: orderParams,
    status: 202,
    returns: '{ clientOrderId, status } (the venue confirms the cancel later: OrderCanceled)',
    handler: ({ params }) => {
      const node = ctx.node;
      const order = node.kernel.cache.order(params.clientOrderId as ClientOrderId);
      if (order === undefined)
        throw new ApiError(ErrorCode.ORDER_NOT_FOUND, `no order ${params.clientOrderId}`);
      if (!order.isOpen)
        throw new ApiError(ErrorCode.ORDER_NOT_OPEN, `order ${order.clientOrderId} is ${order.status}`, {
          status: order.status,
        });
      node.kernel.execution.cancel(order);
      return { clientOrderId: order.clientOrderId, status: order.status };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/fills',
    summary: 'Latest fills, newest first (the server keeps the last 1,000)',
    tags: ['orders'],
    query: limitQuery(100, 1_000),
    handler: ({ query }) => ctx.marketHistory.fills.last(query.limit).reverse().map(fillView),
  });
}
