/** Market data the node holds: the latest quote, trade and bar; the L2 book; recent bars. */
import type { FastifyInstance } from 'fastify';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { ApiError, ErrorCode } from '../errors.js';
import { BARS_KEPT } from '../market-history.js';
import { depthQuery, instrumentParams, limitQuery } from '../schemas/common-schemas.js';
import { barView, bookView, quoteView, tradeView } from '../views.js';
import type { ApiContext } from './api-context.js';
import { defineRoute } from './define-route.js';

/** Most levels per side a book request may ask for. */
const MAX_BOOK_DEPTH = 500;

export function registerMarketRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const known = (id: string): InstrumentId => {
    if (ctx.node.kernel.cache.instrument(id as InstrumentId) === undefined)
      throw new ApiError(ErrorCode.NOT_FOUND, `no instrument ${id} on this node`);
    return id as InstrumentId;
  };

  defineRoute(app, {
    method: 'GET',
    url: '/market/:instrumentId/snapshot',
    summary: 'The latest quote, trade and bar of an instrument',
    tags: ['market'],
    params: instrumentParams,
    handler: ({ params }) => {
      const id = known(params.instrumentId);
      const cache = ctx.node.kernel.cache;
      const quote = cache.lastQuote(id);
      const trade = cache.lastTrade(id);
      const bar = cache.lastBar(id);
      return {
        instrumentId: id,
        ...(quote === undefined ? {} : { lastQuote: quoteView(quote) }),
        ...(trade === undefined ? {} : { lastTrade: tradeView(trade) }),
        ...(bar === undefined ? {} : { lastBar: barView(bar) }),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/market/:instrumentId/bars',
    summary: `Recent bars the node built, oldest first (the server keeps the last ${BARS_KEPT})`,
    tags: ['market'],
    params: instrumentParams,
    query: limitQuery(100, BARS_KEPT),
    handler: ({ params, query }) => {
      const id = known(params.instrumentId);
      return (ctx.marketHistory.bars(id, query.limit) ?? []).map(barView);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/market/:instrumentId/book',
    summary:
      'The L2 order book: the best levels of each side as the feed sent them (sequence 0: the feed sends no depth)',
    tags: ['market'],
    params: instrumentParams,
    query: depthQuery(10, MAX_BOOK_DEPTH),
    handler: ({ params, query }) => {
      const id = known(params.instrumentId);
      return bookView(id, ctx.node.kernel.cache.book(id), query.depth);
    },
  });
}
