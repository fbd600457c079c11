/** Strategies: list, start, stop, re-parameterize. */
import type { FastifyInstance } from 'fastify';
import type { TradingNode } from '../../live/trading-node.js';
import type { StrategyId } from '../../model/identifiers/order-ids.js';
import { formatFixed } from '../../model/types/fixed-point.js';
import type { Strategy, StrategyClass } from '../../strategy/strategy.js';
import { StrategyState } from '../../system/kernel.js';
import { Role } from '../auth.js';
import { ApiError, ErrorCode } from '../errors.js';
import { OPERATOR_STRATEGY_ID } from '../operator-strategy.js';
import { strategyParams } from '../schemas/common-schemas.js';
import { strategyParamsBody } from '../schemas/control-schemas.js';
import { issuesOf, validationError } from '../validation.js';
import type { ApiContext } from './api-context.js';
import { defineRoute } from './define-route.js';

/** A strategy of the node by id (the operator's is not one a client controls). */
function strategyOf(node: TradingNode, id: string): Strategy<object> {
  const strategy = id === OPERATOR_STRATEGY_ID ? undefined : node.kernel.strategies.find((s) => s.id === id);
  if (strategy === undefined) throw new ApiError(ErrorCode.STRATEGY_NOT_FOUND, `no strategy ${id}`);
  return strategy;
}

function strategyView(node: TradingNode, strategy: Strategy<object>) {
  const kernel = node.kernel;
  const ledger = kernel.strategyPortfolio(strategy.id);
  const failure = kernel.strategyFailure(strategy.id);
  return {
    id: strategy.id,
    name: strategy.constructor.name,
    state: kernel.strategyState(strategy.id),
    params: strategy.params,
    pnl: formatFixed(
      ledger.realizedRaw() + ledger.unrealizedRaw() - ledger.feesRaw,
      ledger.currency.precision,
    ),
    openOrders: kernel.cache.openOrders({ strategyId: strategy.id }).length,
    instruments: strategy.instruments,
    ...(failure === undefined ? {} : { failure: `${failure.handler}: ${String(failure.error)}` }),
  };
}

export function registerStrategyRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/strategies',
    summary: 'Strategies with their state, parameters, PnL and open orders',
    tags: ['strategies'],
    handler: () => {
      const node = ctx.node;
      return node.kernel.strategies
        .filter((s) => s.id !== OPERATOR_STRATEGY_ID)
        .map((s) => strategyView(node, s));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/strategies/:id/start',
    summary: 'Start (or restart) a strategy',
    tags: ['strategies'],
    role: Role.TRADER,
    params: strategyParams,
    handler: ({ params }) => {
      const node = ctx.node;
      const strategy = strategyOf(node, params.id);
      node.kernel.startStrategy(strategy.id);
      return strategyView(node, strategy);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/strategies/:id/stop',
    summary: 'Stop a strategy (its orders stay as they are)',
    tags: ['strategies'],
    role: Role.TRADER,
    params: strategyParams,
    handler: ({ params }) => {
      const node = ctx.node;
      const strategy = strategyOf(node, params.id);
      node.kernel.stopStrategy(strategy.id);
      return strategyView(node, strategy);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/strategies/:id/params',
    summary: 'Re-parameterize: replace the strategy by a new instance with these parameters and start it',
    tags: ['strategies'],
    role: Role.TRADER,
    params: strategyParams,
    body: strategyParamsBody,
    returns:
      'the strategy as started; its working orders are canceled first; 409 STRATEGY_NOT_FLAT while it holds a position',
    handler: ({ params, body }) => {
      const node = ctx.node;
      const kernel = node.kernel;
      const old = strategyOf(node, params.id);
      const cls = old.constructor as StrategyClass<object>;
      const parsed = cls.paramsSchema.safeParse(body.params);
      if (!parsed.success) throw validationError(issuesOf(parsed.error, 'body', ['params']));
      const id = old.id as StrategyId;
      const ledger = kernel.strategyPortfolio(id);
      // The new instance starts a new ledger: a position would be left without an owner that knows it.
      const open = ledger.positions().filter((p) => p.qtyRaw !== 0);
      if (open.length > 0)
        throw new ApiError(
          ErrorCode.STRATEGY_NOT_FLAT,
          `strategy ${id} holds positions in ${open.map((p) => p.instrumentId).join(', ')}: close them first`,
        );
      const instruments = old.instruments;
      const replacement = new cls(parsed.data, id);
      // Same money: the new ledger starts with what the old one has (its allocation plus its PnL).
      const allocation = ledger.cash;
      kernel.removeStrategy(id);
      node.addStrategy(replacement, instruments, allocation);
      if (kernel.strategyState(id) !== StrategyState.RUNNING) kernel.startStrategy(id);
      return strategyView(node, replacement);
    },
  });
}
