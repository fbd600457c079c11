/** What the route groups share: the node (if any), what the server records of it, the options. */
import type { TradingNode } from '../../live/trading-node.js';
import { ApiError, ErrorCode } from '../errors.js';
import type { MarketHistory } from '../market-history.js';
import type { ServerOptions } from '../server-options.js';

export class ApiContext {
  constructor(
    readonly options: ServerOptions,
    readonly history: MarketHistory | undefined,
    /** When the server was built, µs. */
    readonly startUs: number,
  ) {}

  /** The node, or 503 NODE_NOT_RUNNING. */
  get node(): TradingNode {
    const node = this.options.node;
    if (node === undefined)
      throw new ApiError(ErrorCode.NODE_NOT_RUNNING, 'no trading node is running in this server');
    return node;
  }

  get marketHistory(): MarketHistory {
    if (this.history === undefined)
      throw new ApiError(ErrorCode.NODE_NOT_RUNNING, 'no trading node is running in this server');
    return this.history;
  }
}
