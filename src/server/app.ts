/**
 * The QuantFlow server: a Fastify app serving a running {@link TradingNode} over REST under
 * `/api/v1` (docs/api.md), its OpenAPI document at `/api/v1/openapi.json`, interactive docs at
 * `/docs` and, when given, the dashboard's static files at `/`.
 *
 * Order of what a request meets: CORS (when configured), the rate limiter, authentication and
 * role check, body parsing (64 KiB limit), zod validation, the route. Every failure leaves as
 * `{ error: { code, message, details? } }` with a stable code (errors.ts).
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type onRequestHookHandler,
} from 'fastify';
import { Authenticator } from './auth.js';
import { ApiError, installErrorHandlers } from './errors.js';
import { MarketHistory } from './market-history.js';
import { ensureOperatorStrategy } from './operator-strategy.js';
import { registerAccountRoutes } from './rest/account-routes.js';
import { ApiContext } from './rest/api-context.js';
import { registerBacktestRoutes } from './rest/backtest-routes.js';
import { API_PREFIX, type RouteConfig } from './rest/define-route.js';
import { registerHealthRoutes } from './rest/health-routes.js';
import { registerMarketRoutes } from './rest/market-routes.js';
import { registerOrderRoutes } from './rest/order-routes.js';
import { registerRiskRoutes } from './rest/risk-routes.js';
import { registerStrategyRoutes } from './rest/strategy-routes.js';
import type { ServerOptions } from './server-options.js';

export type { ServerOptions } from './server-options.js';

/** Default largest request body: 64 KiB. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** Default rate limit: 100 requests per second per client. */
export const DEFAULT_RATE_LIMIT = { max: 100, timeWindowMs: 1_000 } as const;

/**
 * Builds the server (not listening yet: call `app.listen({ host: '127.0.0.1', port })`).
 * With a node, it adds the operator strategy to it (orders from the API run as `operator`) and
 * starts recording its bars and fills; `app.close()` stops that.
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    logger: options.logger ?? false,
    // Routes validate with zod (one error format); the JSON schemas are for the OpenAPI document.
    ajv: { customOptions: { strict: false } },
  });
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  const node = options.node;
  if (node !== undefined) ensureOperatorStrategy(node);
  const history = node === undefined ? undefined : new MarketHistory(node);
  app.addHook('onClose', async () => history?.close());
  const ctx = new ApiContext(options, history, options.clock.timestampUs());

  if (options.cors !== undefined)
    await app.register(cors, {
      origin: [...options.cors.origins],
      methods: ['GET', 'POST', 'PUT', 'DELETE'],
      allowedHeaders: ['Authorization', 'X-API-Key', 'Content-Type'],
    });

  const limit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  if (limit !== false)
    await app.register(rateLimit, {
      global: true,
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      keyGenerator: (request) => request.ip,
    });
  installErrorHandlers(
    app,
    limit === false
      ? undefined
      : (app.rateLimit() as unknown as (r: FastifyRequest, p: FastifyReply) => Promise<void>),
  );

  // Authentication runs per route after the rate limiter (route hooks added in onRoute run in
  // registration order), so guessing keys is rate limited too.
  const auth = new Authenticator(options.auth);
  const authenticate: onRequestHookHandler = async (request) => {
    const config = request.routeOptions.config as RouteConfig;
    auth.authorize(Authenticator.keyOf(request), config.role);
  };
  app.addHook('onRoute', (route) => {
    if ((route.config as RouteConfig | undefined)?.api !== true) return;
    const hooks = route.onRequest;
    route.onRequest =
      hooks === undefined ? [authenticate] : [...(Array.isArray(hooks) ? hooks : [hooks]), authenticate];
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (request.url.startsWith(API_PREFIX)) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'QuantFlow API',
        version: options.version,
        description:
          'Control and observe a QuantFlow trading node. Amounts are exact decimal strings, times integer µs since the epoch. See docs/api.md.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // HOOK POINT: the WebSocket stream (src/server/ws/stream.ts → registerStream) plugs in here.
  if (options.registerExtras !== undefined) await options.registerExtras(app);

  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true }, config: { api: true } }, async () =>
    app.swagger(),
  );
  registerHealthRoutes(app, ctx);
  registerAccountRoutes(app, ctx);
  registerOrderRoutes(app, ctx);
  registerStrategyRoutes(app, ctx);
  registerRiskRoutes(app, ctx);
  registerMarketRoutes(app, ctx);
  registerBacktestRoutes(app, ctx);

  if (options.webRoot !== undefined)
    await app.register(fastifyStatic, { root: options.webRoot, prefix: '/' });
  return app;
}

export { ApiError };
