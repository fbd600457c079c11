/**
 * Feeds a running {@link TradingNode} into a {@link StreamHub}: its market data, its order
 * events once durable in the journal, its risk state changes, and once a second its positions,
 * PnL and feed health (built only when someone listens).
 */
import type { TradingNode } from '../../live/trading-node.js';
import { nodeStatus } from '../../live/node-status.js';
import { healthData, pnlData } from './stream-data.js';
import type { StreamHub } from './stream-hub.js';

export interface AttachNodeOptions {
  /** How often positions, pnl and health are pushed, ms (default 1,000). */
  readonly snapshotIntervalMs?: number;
}

/**
 * Wires `node` into `hub`; returns a function that unwires it. Call after `node.start()`: the
 * instruments of a venue that resolves them are known only then. The hub then accepts
 * instrument topics of these instruments only.
 */
export function attachNode(hub: StreamHub, node: TradingNode, options: AttachNodeOptions = {}): () => void {
  const data = node.kernel.data;
  const ids = node.instruments.map((i) => i.id);
  hub.setInstruments(ids);
  const off: (() => void)[] = [];
  for (const id of ids) {
    off.push(data.subscribeQuotes(id, (q) => hub.publishQuote(q)));
    off.push(data.subscribeTrades(id, (t) => hub.publishTrade(t)));
    off.push(data.subscribeBars(id, (b) => hub.publishBar(b)));
    off.push(data.subscribeBook(id, (book) => hub.publishBook(book)));
  }
  // Only once durable: a client must never see an event a restart would not know of.
  off.push(node.onDurableEvent((event) => hub.publishOrderEvent(event)));
  off.push(node.risk.onStateChange((change) => hub.publishRisk(change)));

  const timer = setInterval(() => publishSnapshots(hub, node), options.snapshotIntervalMs ?? 1_000);
  timer.unref();
  off.push(() => clearInterval(timer));
  return () => {
    for (const f of off.splice(0)) f();
  };
}

/** Pushes positions, pnl and health to whoever listens. */
export function publishSnapshots(hub: StreamHub, node: TradingNode): void {
  const positions = hub.hasSubscribers('positions');
  const pnl = hub.hasSubscribers('pnl');
  if (positions || pnl) {
    const status = nodeStatus(node);
    if (positions)
      hub.publish('positions', 'Positions', { timeUs: status.timeUs, positions: status.positions });
    if (pnl) hub.publish('pnl', 'Pnl', pnlData(status));
  }
  if (hub.hasSubscribers('health')) hub.publish('health', 'FeedHealth', healthData(node.pipeline.health()));
}
