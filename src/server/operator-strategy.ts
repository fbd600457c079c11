/**
 * The strategy id orders from the API are sent as. A do-nothing strategy with this id is added to
 * the node so that operator orders have their own ledger: the risk engine's per-strategy limits
 * and the REDUCING state measure it, and the kill switch (which closes every strategy's positions)
 * closes operator positions too.
 */
import type { StrategyId } from '../model/identifiers/order-ids.js';
import { Strategy } from '../strategy/strategy.js';
import type { TradingNode } from '../live/trading-node.js';

export const OPERATOR_STRATEGY_ID = 'operator' as StrategyId;

/** Holds operator orders; reacts to nothing. */
export class OperatorStrategy extends Strategy<Record<string, never>> {
  static override readonly description = 'orders sent by an operator through the API';

  constructor() {
    super({}, OPERATOR_STRATEGY_ID);
  }
}

/**
 * Adds the operator strategy to `node` unless it has it. For its ledger to survive a restart,
 * add it before `node.start()` (the journal replays operator fills into it then).
 */
export function ensureOperatorStrategy(node: TradingNode): void {
  if (node.kernel.strategies.some((s) => s.id === OPERATOR_STRATEGY_ID)) return;
  node.addStrategy(new OperatorStrategy());
}
