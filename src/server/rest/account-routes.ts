/** The node's state: overview, portfolio, positions, account, equity curve. */
import type { FastifyInstance } from 'fastify';
import { nodeStatus } from '../../live/node-status.js';
import { formatFixed } from '../../model/types/fixed-point.js';
import { OPERATOR_STRATEGY_ID } from '../operator-strategy.js';
import { equityQuery } from '../schemas/common-schemas.js';
import { equityCurveView, feedHealthView } from '../views.js';
import type { ApiContext } from './api-context.js';
import { defineRoute } from './define-route.js';

export function registerAccountRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/node',
    summary: 'The node: environment, time, currency, risk state, strategies, feed health',
    tags: ['node'],
    handler: () => {
      const node = ctx.node;
      const status = nodeStatus(node);
      return {
        environment: status.environment,
        timeUs: status.timeUs,
        currency: status.currency,
        risk: status.risk,
        strategies: status.strategies.filter((s) => s.id !== OPERATOR_STRATEGY_ID),
        instruments: node.instruments.map((i) => i.id),
        feed: feedHealthView(status.feed),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/portfolio',
    summary: "The node's account: equity, cash, PnL, fees and positions",
    tags: ['portfolio'],
    handler: () => {
      const s = nodeStatus(ctx.node);
      return {
        currency: s.currency,
        equity: s.equity,
        cash: s.cash,
        realizedPnl: s.realizedPnl,
        unrealizedPnl: s.unrealizedPnl,
        fees: s.fees,
        positions: s.positions,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/positions',
    summary: 'Open positions (every strategy together)',
    tags: ['portfolio'],
    handler: () => nodeStatus(ctx.node).positions,
  });

  defineRoute(app, {
    method: 'GET',
    url: '/account',
    summary: 'Cash, equity and starting cash',
    tags: ['portfolio'],
    handler: () => {
      const portfolio = ctx.node.kernel.portfolio;
      const p = portfolio.currency.precision;
      const start = ctx.options.startingCash;
      return {
        currency: portfolio.currency.code,
        cash: formatFixed(portfolio.cashRaw, p),
        equity: formatFixed(portfolio.equityRaw(), p),
        startingCash: start === undefined ? null : start.toDecimalString(),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/portfolio/equity',
    summary:
      "The equity curve: the node's equity once a second of its clock, with the drawdown from the running peak",
    tags: ['portfolio'],
    query: equityQuery,
    handler: ({ query }) => {
      const portfolio = ctx.node.kernel.portfolio;
      return equityCurveView(ctx.node.equityHistory, portfolio.currency, query.since, query.limit);
    },
  });
}
