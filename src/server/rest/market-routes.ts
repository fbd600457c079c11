/**
 * Market data: what the node holds (the latest quote, trade and bar; the L2 book; recent bars)
 * and the bar catalog's history.
 */
import type { FastifyInstance } from 'fastify';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import { ApiError, ErrorCode } from '../errors.js';
import { BARS_KEPT } from '../market-history.js';
import { depthQuery, historyQuery, instrumentParams, limitQuery } from '../schemas/common-schemas.js';
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

  defineRoute(app, {
    method: 'GET',
    url: '/market/:instrumentId/history',
    summary:
      'Bars from the historical catalog in [from, to), oldest first, at most `limit`; `next` is the `from` of the following page',
    tags: ['market'],
    params: instrumentParams,
    query: historyQuery,
    handler: async ({ params, query }) => {
      const catalog = ctx.options.catalog;
      if (catalog === undefined)
        throw new ApiError(
          ErrorCode.CATALOG_DISABLED,
          'this server has no bar catalog (start it with --catalog DIR)',
        );
      const id = params.instrumentId as InstrumentId;
      if (catalog.instrument(id) === undefined)
        throw new ApiError(ErrorCode.NOT_FOUND, `no instrument ${id} in the catalog`);
      // The catalog reads whole months; the page is cut here, and the bar after it is where the next one starts.
      const bars = await catalog.readBars(id, query.from ?? -Infinity, query.to ?? Infinity);
      const page = bars.slice(0, query.limit);
      const next = bars[query.limit];
      return { instrumentId: id, bars: page.map(barView), next: next === undefined ? null : next.tsEvent };
    },
  });
}
