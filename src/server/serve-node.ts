/**
 * Serves a running trading node: the REST API, the WebSocket stream fed from the node, and the
 * dashboard's static files, on one port. What `quantflow paper --serve` (and `demo`) start.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import type { BarCatalog } from '../data/catalog/bar-catalog.js';
import type { TradingNode } from '../live/trading-node.js';
import type { Money } from '../model/types/money.js';
import type { RiskConfig } from '../risk/risk-limits.js';
import { buildServer } from './app.js';
import { Authenticator, type AuthConfig } from './auth.js';
import type { BacktestService } from './backtests/backtest-service.js';
import { attachNode } from './ws/node-source.js';
import { registerStream, streamKey } from './ws/stream.js';
import { StreamHub } from './ws/stream-hub.js';

export interface ServeNodeOptions {
  readonly node?: TradingNode;
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  readonly auth: AuthConfig;
  readonly version: string;
  readonly clock: Clock;
  readonly webRoot?: string;
  readonly backtests?: BacktestService;
  /** A bar catalog for `/market/:id/history`. */
  readonly catalog?: BarCatalog;
  readonly riskConfig?: RiskConfig;
  readonly startingCash?: Money;
  /** Requests per client per window (default 100 per second); `false` turns limiting off. */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number } | false;
}

/** A listening server. */
export interface ServedNode {
  readonly app: FastifyInstance;
  readonly hub: StreamHub;
  /** `http://host:port` (the port actually bound). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Builds the server for `node`, listens, and starts streaming the node's events (call after
 * `node.start()`). The hub's `log` is where the node's log lines go to reach the dashboard.
 */
export async function serveNode(options: ServeNodeOptions): Promise<ServedNode> {
  const hub = new StreamHub({ clock: options.clock });
  const authenticator = new Authenticator(options.auth);
  const app = await buildServer({
    auth: options.auth,
    version: options.version,
    clock: options.clock,
    ...(options.node === undefined ? {} : { node: options.node }),
    ...(options.webRoot === undefined ? {} : { webRoot: options.webRoot }),
    ...(options.backtests === undefined ? {} : { backtests: options.backtests }),
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    ...(options.riskConfig === undefined ? {} : { riskConfig: options.riskConfig }),
    ...(options.startingCash === undefined ? {} : { startingCash: options.startingCash }),
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    registerExtras: async (scope) => {
      await registerStream(scope, {
        hub,
        // Anonymous clients read as viewers (as on the REST read routes); an unknown key is refused.
        authenticate: (request) => {
          try {
            return authenticator.authorize(streamKey(request), undefined).role;
          } catch {
            return undefined;
          }
        },
      });
    },
  });
  try {
    await app.listen({ host: options.host, port: options.port });
  } catch (error) {
    await app.close(); // nothing may stay open when the port is taken or the host is wrong
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const detach = options.node === undefined ? undefined : attachNode(hub, options.node);
  hub.startHeartbeat(15_000);
  return {
    app,
    hub,
    url: `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    close: async () => {
      detach?.();
      hub.stop();
      await app.close();
    },
  };
}
