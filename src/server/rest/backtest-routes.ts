/** Backtests run by the server's {@link BacktestService}. */
import type { FastifyInstance } from 'fastify';
import { Role } from '../auth.js';
import type { BacktestService } from '../backtests/backtest-service.js';
import { ApiError, ErrorCode } from '../errors.js';
import { backtestBody, backtestParams } from '../schemas/control-schemas.js';
import type { ApiContext } from './api-context.js';
import { defineRoute } from './define-route.js';

export function registerBacktestRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const service = (): BacktestService => {
    const backtests = ctx.options.backtests;
    if (backtests === undefined)
      throw new ApiError(ErrorCode.BACKTESTS_DISABLED, 'this server runs no backtests');
    return backtests;
  };
  const job = (id: string) => {
    const found = service().get(id);
    if (found === undefined) throw new ApiError(ErrorCode.NOT_FOUND, `no backtest ${id}`);
    return found;
  };

  defineRoute(app, {
    method: 'POST',
    url: '/backtests',
    summary: 'Queue a backtest',
    tags: ['backtests'],
    role: Role.TRADER,
    body: backtestBody,
    status: 202,
    returns: '{ id }',
    handler: ({ body }) => service().submit(body),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/backtests',
    summary: 'Backtests, newest first',
    tags: ['backtests'],
    handler: () => service().list(),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/backtests/:id',
    summary: 'A backtest: status, and metrics once done',
    tags: ['backtests'],
    params: backtestParams,
    handler: ({ params }) => job(params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/backtests/:id/report',
    summary: 'The HTML report of a finished backtest',
    tags: ['backtests'],
    params: backtestParams,
    produces: 'text/html',
    handler: ({ params }, _request, reply) => {
      const found = job(params.id);
      const html = service().report(found.id);
      if (html === undefined)
        throw new ApiError(ErrorCode.BACKTEST_NOT_FINISHED, `backtest ${found.id} is ${found.status}`, {
          status: found.status,
        });
      reply.type('text/html; charset=utf-8');
      return html;
    },
  });
}
