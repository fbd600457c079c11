/**
 * The terminal view of a running node (`quantflow paper` / `live`): account and risk line,
 * strategies, positions, open orders, recent fills and feed health, redrawn in place on a
 * terminal; one line per refresh when the output is not a terminal (a log file, a test).
 */
import Table from 'cli-table3';
import { formatTimestampUs } from '../core/clock.js';
import { formatFeedHealth } from '../data/feed/feed-health.js';
import type { NodeStatus } from '../live/node-status.js';

const RECENT_FILLS_SHOWN = 5;

function table(head: string[], rows: string[][]): string {
  const t = new Table({ head, style: { head: [], border: [] } });
  for (const row of rows) t.push(row);
  return t.toString();
}

/** The full view: several small tables. */
export function renderNodeView(s: NodeStatus): string {
  const lines = [
    `${s.environment.toUpperCase()} ${formatTimestampUs(s.timeUs)}  equity ${s.equity} ${s.currency}  cash ${s.cash}  ` +
      `realized ${s.realizedPnl}  unrealized ${s.unrealizedPnl}  fees ${s.fees}  ` +
      `risk ${s.risk.state}${s.risk.reason === '' ? '' : ` (${s.risk.reason})`}`,
    table(
      ['strategy', 'state', 'PnL', 'open orders'],
      s.strategies.map((x) => [x.id, x.state, x.pnl, String(x.openOrders)]),
    ),
  ];
  if (s.positions.length > 0)
    lines.push(
      table(
        ['instrument', 'position', 'value', 'unrealized'],
        s.positions.map((p) => [p.instrumentId, p.quantity, p.marketValue, p.unrealizedPnl]),
      ),
    );
  if (s.openOrders.length > 0)
    lines.push(
      table(
        ['order', 'strategy', 'instrument', 'side', 'type', 'qty', 'filled', 'price', 'status'],
        s.openOrders.map((o) => [
          o.clientOrderId,
          o.strategyId,
          o.instrumentId,
          o.side,
          o.type,
          o.quantity,
          o.filled,
          o.price,
          o.status,
        ]),
      ),
    );
  const fills = s.recentFills.slice(-RECENT_FILLS_SHOWN);
  if (fills.length > 0)
    lines.push(
      'recent fills: ' +
        fills.map((f) => `${f.side} ${f.quantity} ${f.instrumentId} @ ${f.price}`).join(' | '),
    );
  lines.push(`feed: ${formatFeedHealth(s.feed)}`);
  return lines.join('\n');
}

/** One line: for logs and pipes. */
export function renderNodeLine(s: NodeStatus): string {
  const positions = s.positions.map((p) => `${p.instrumentId} ${p.quantity}`).join(', ') || 'flat';
  return (
    `equity ${s.equity} ${s.currency} | realized ${s.realizedPnl} unrealized ${s.unrealizedPnl} | ` +
    `positions ${positions} | open orders ${s.openOrders.length} | fills ${s.recentFills.length} | ` +
    `risk ${s.risk.state} | strategies ${s.strategies.map((x) => `${x.id}:${x.state}`).join(',')} | ` +
    formatFeedHealth(s.feed)
  );
}
