import type { FastifyInstance } from 'fastify';
import type { Clock } from '../core/clock.js';
import type { BarCatalog } from '../data/catalog/bar-catalog.js';
import type { TradingNode } from '../live/trading-node.js';
import type { Money } from '../model/types/money.js';
import type { RiskConfig } from '../risk/risk-limits.js';
import type { AuthConfig } from './auth.js';
import type { BacktestService } from './backtests/backtest-service.js';

/** What {@link buildServer} serves and how. */
export interface ServerOptions {
  /** The running node; routes that need it answer 503 NODE_NOT_RUNNING without one. */
  readonly node?: TradingNode;
  /** API keys and roles. */
  readonly auth: AuthConfig;
  /** Origins allowed by CORS (default: CORS off). */
  readonly cors?: { readonly origins: readonly string[] };
  /** Requests per client (IP) per window (default 100 per second); `false` turns limiting off. */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number } | false;
  /** A bar catalog for `/market/:id/history` (503 CATALOG_DISABLED without one). */
  readonly catalog?: BarCatalog;
  /** Runs backtests for `/backtests` (503 BACKTESTS_DISABLED without one). */
  readonly backtests?: BacktestService;
  /** A folder of static files (the dashboard) served at `/`. */
  readonly webRoot?: string;
  /** The version `/health` reports. */
  readonly version: string;
  /** Time for uptime and job timestamps (the node's clock, or a LiveClock). */
  readonly clock: Clock;
  /** The node's risk configuration, shown by `/risk` (the node does not expose it). */
  readonly riskConfig?: RiskConfig;
  /** The node's starting cash, shown by `/account` (the node does not expose it). */
  readonly startingCash?: Money;
  /** Largest request body, bytes (default 64 KiB). */
  readonly bodyLimit?: number;
  /** Fastify's logger (default off). */
  readonly logger?: boolean;
  /**
   * HOOK POINT for routes registered elsewhere (the WebSocket stream, src/server/ws/stream.ts):
   * called after auth, errors and rate limiting are installed and before the REST routes.
   * The lead wires: `registerExtras: (app) => registerStream(app, {...})`.
   */
  readonly registerExtras?: (app: FastifyInstance) => Promise<void>;
}
