import { SeededRandom } from '../../core/random.js';
import type { ExecutionClient, VenueFillReport, VenueOrderReport } from '../../execution/execution-client.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import type { Order } from '../../model/orders/order.js';
import type { OrderChanges } from '../../model/orders/order-changes.js';

/**
 * What can go wrong between us and a venue, each a probability in [0, 1] (default 0) drawn from
 * one seeded stream, so a failing run replays exactly.
 */
export interface FaultConfig {
  readonly seed: number;
  /** A report is lost. */
  readonly dropReport?: number;
  /** A report arrives twice. */
  readonly duplicateReport?: number;
  /** A report is held back and arrives later, after reports sent after it (reordering). */
  readonly delayReport?: number;
  /** A submit is refused by the venue (OrderRejected FAULT_REJECTED) and never worked. */
  readonly rejectSubmit?: number;
  /** A command (submit, cancel, modify) is lost on the way: the venue never hears of it (a timeout for us). */
  readonly dropCommand?: number;
  /** Per message, the connection drops (or, when down, comes back). */
  readonly flap?: number;
}

/** Stable codes of the refusals the wrapper makes up. */
export const FaultCode = {
  FAULT_REJECTED: 'FAULT_REJECTED',
  DISCONNECTED: 'DISCONNECTED',
} as const;

/** What the wrapper did, for test assertions and logs. */
export interface FaultStats {
  dropped: number;
  duplicated: number;
  delayed: number;
  rejected: number;
  commandsDropped: number;
  /** Reports lost, and commands refused, while disconnected. */
  lostWhileDisconnected: number;
  disconnects: number;
}

/**
 * Wraps any {@link ExecutionClient} and injects venue faults between it and the engine: lost,
 * duplicated and reordered reports, injected rejections, lost commands and disconnects. While
 * disconnected, reports from the venue are lost and commands are refused at once (OrderRejected,
 * OrderCancelRejected, OrderModifyRejected with code DISCONNECTED). Reconciliation queries pass
 * through to the wrapped client (they reject while disconnected).
 *
 * For tests: it proves the engine survives a venue that disconnects, rejects, times out or sends
 * a fill twice without a wrong position.
 */
export class FaultyExecutionClient implements ExecutionClient {
  readonly venue: string;
  readonly stats: FaultStats = {
    dropped: 0,
    duplicated: 0,
    delayed: 0,
    rejected: 0,
    commandsDropped: 0,
    lostWhileDisconnected: 0,
    disconnects: 0,
  };
  readonly #inner: ExecutionClient;
  readonly #config: FaultConfig;
  readonly #random: SeededRandom;
  readonly #held: OrderEvent[] = [];
  #report: (event: OrderEvent) => void = () => {};
  #connected = true;

  constructor(inner: ExecutionClient, config: FaultConfig) {
    this.#inner = inner;
    this.#config = config;
    this.venue = inner.venue;
    this.#random = new SeededRandom(config.seed);
    if (inner.modifyOrder === undefined) this.modifyOrder = undefined;
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** Reports held back for later delivery. */
  get heldCount(): number {
    return this.#held.length;
  }

  connect(report: (event: OrderEvent) => void): void {
    this.#report = report;
    this.#inner.connect((event) => this.#onReport(event));
  }

  /** The link goes down: reports are lost and commands refused until {@link reconnect}. */
  disconnect(): void {
    if (!this.#connected) return;
    this.#connected = false;
    this.stats.disconnects++;
  }

  reconnect(): void {
    this.#connected = true;
  }

  /** Delivers every held-back report now, in a seeded random order. */
  release(): void {
    while (this.#held.length > 0) {
      const at = Math.floor(this.#random.next() * this.#held.length);
      const [event] = this.#held.splice(at, 1);
      this.#report(event);
    }
  }

  submitOrder(order: Order): void {
    if (this.#refuseCommand(order, 'OrderRejected')) return;
    if (this.#chance(this.#config.rejectSubmit)) {
      this.stats.rejected++;
      return this.#refuse(order, 'OrderRejected', FaultCode.FAULT_REJECTED, 'injected rejection');
    }
    this.#inner.submitOrder(order);
  }

  cancelOrder(order: Order): void {
    if (this.#refuseCommand(order, 'OrderCancelRejected')) return;
    this.#inner.cancelOrder(order);
  }

  modifyOrder?: (order: Order, changes: OrderChanges) => void = (order, changes) => {
    if (this.#refuseCommand(order, 'OrderModifyRejected')) return;
    this.#inner.modifyOrder?.(order, changes);
  };

  async openOrders(): Promise<VenueOrderReport[]> {
    if (!this.#connected) throw new Error(`${this.venue}: disconnected`);
    return (await this.#inner.openOrders?.()) ?? [];
  }

  async fillsSince(tsUs: number): Promise<VenueFillReport[]> {
    if (!this.#connected) throw new Error(`${this.venue}: disconnected`);
    return (await this.#inner.fillsSince?.(tsUs)) ?? [];
  }

  /** True when the command is refused (disconnected) or lost; both are handled here. */
  #refuseCommand(
    order: Order,
    type: 'OrderRejected' | 'OrderCancelRejected' | 'OrderModifyRejected',
  ): boolean {
    this.#maybeFlap();
    if (!this.#connected) {
      this.stats.lostWhileDisconnected++;
      this.#refuse(order, type, FaultCode.DISCONNECTED, `${this.venue} is disconnected`);
      return true;
    }
    if (this.#chance(this.#config.dropCommand)) {
      this.stats.commandsDropped++;
      return true;
    }
    return false;
  }

  #onReport(event: OrderEvent): void {
    this.#maybeFlap();
    if (!this.#connected) {
      this.stats.lostWhileDisconnected++;
      return;
    }
    if (this.#chance(this.#config.dropReport)) {
      this.stats.dropped++;
      return;
    }
    if (this.#chance(this.#config.delayReport)) {
      this.stats.delayed++;
      this.#held.push(event);
      return;
    }
    this.#report(event);
    if (this.#chance(this.#config.duplicateReport)) {
      this.stats.duplicated++;
      this.#report(event);
    }
    // Some of what was held back arrives now, behind this later report.
    for (let i = 0; i < this.#held.length;) {
      if (this.#random.next() < 0.5) this.#report(this.#held.splice(i, 1)[0]);
      else i++;
    }
  }

  #maybeFlap(): void {
    if (!this.#chance(this.#config.flap)) return;
    if (this.#connected) this.disconnect();
    else this.reconnect();
  }

  #chance(p: number | undefined): boolean {
    return p !== undefined && p > 0 && this.#random.next() < p;
  }

  #refuse(
    order: Order,
    type: 'OrderRejected' | 'OrderCancelRejected' | 'OrderModifyRejected',
    code: string,
    reason: string,
  ): void {
    const last = order.lastEvent;
    const ts = last?.tsEvent ?? order.tsInit;
    this.#report({
      type,
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      code,
      reason,
      tsEvent: ts,
      tsInit: ts,
    });
  }
}
