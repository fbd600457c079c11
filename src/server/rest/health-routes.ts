import type { FastifyInstance } from 'fastify';
import type { ApiContext } from './api-context.js';
import { defineRoute } from './define-route.js';

/** GET /health: answers whenever the process serves requests (with or without a node). */
export function registerHealthRoutes(app: FastifyInstance, ctx: ApiContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/health',
    summary: 'Liveness: version and uptime',
    tags: ['node'],
    returns: '{ status: "ok", version, uptimeSeconds, node: boolean }',
    handler: () => ({
      status: 'ok',
      version: ctx.options.version,
      uptimeSeconds: Math.floor((ctx.options.clock.timestampUs() - ctx.startUs) / 1_000_000),
      node: ctx.options.node !== undefined,
    }),
  });
}
