/**
 * The node's side of the journal: what it appends while trading, and how it rebuilds a kernel
 * from what was appended.
 *
 * Appending: every order event the execution engine applies reaches {@link NodeJournal.record}
 * first, before the portfolio or any strategy (the kernel's `recordEvent` hook), and the engine
 * publishes `OrderSubmitted` and `OrderPendingCancel` before it calls the venue. So an order's
 * submission (a `SubmitOrder` command, appended with its first event in one transaction) and
 * every later event are durable before anything acts on them. A crash can lose only what was
 * never acted on here; a real venue's side of it comes back through reconciliation.
 *
 * Group commit ({@link NodeJournal.step}): with an in-process venue (paper trading), one market
 * data event's whole consequence — orders, the venue's answers, fills — is appended in one
 * transaction, and whatever leaves the process (an acknowledgement printed, pushed to a client)
 * waits for the commit ({@link NodeJournal.whenDurable}). Nothing outside can then have seen a
 * state the journal does not hold; a crash mid-step loses the step and the in-process venue
 * with it. A network venue's client must not be called inside a step (the node does not group
 * commits for one), so each record is committed before the call.
 */
import type { OrderEvent } from '../model/events/order-events.js';
import type { ClientOrderId } from '../model/identifiers/order-ids.js';
import type { JournalRecord } from '../persistence/journal-record.js';
import type { SqliteJournal } from '../persistence/sqlite-journal.js';
import type { Kernel } from '../system/kernel.js';

/** What a rebuild found in the journal. */
export interface RestoredState {
  readonly orders: number;
  readonly events: number;
  readonly fills: number;
  /** Time of the last record, µs (0 for an empty journal): where reconciliation asks from. */
  readonly lastTsUs: number;
}

const COMMANDS = new Set(['SubmitOrder', 'CancelOrder', 'ModifyOrder', 'StateSnapshot']);

export class NodeJournal {
  /** Orders whose `SubmitOrder` is in the journal. */
  readonly #submitted = new Set<ClientOrderId>();
  #kernel: Kernel | undefined;
  #inStep = false;
  #afterCommit: (() => void)[] = [];

  constructor(readonly journal: SqliteJournal) {}

  /** The kernel whose orders are recorded (set once it exists: the kernel takes {@link record} as a hook). */
  attach(kernel: Kernel): void {
    this.#kernel = kernel;
  }

  /**
   * Runs `fn` with every append inside committed together when it returns (one transaction),
   * then what {@link whenDurable} deferred. Nested steps join the outer one.
   */
  step<T>(fn: () => T): T {
    if (this.#inStep) return fn();
    this.#inStep = true;
    let result: T;
    try {
      result = this.journal.batch(fn);
    } finally {
      this.#inStep = false;
    }
    const callbacks = this.#afterCommit;
    this.#afterCommit = [];
    for (const callback of callbacks) callback();
    return result;
  }

  /** Calls `callback` once what was appended so far is durable: now, or after the step commits. */
  whenDurable(callback: () => void): void {
    if (this.#inStep) this.#afterCommit.push(callback);
    else callback();
  }

  /** Appends an applied order event (and, for a new order, its submission first). */
  record(event: OrderEvent): void {
    const kernel = this.#kernel;
    if (kernel === undefined || kernel.isReplaying) return;
    const id = event.clientOrderId;
    if (this.#submitted.has(id)) {
      this.journal.append(event);
      return;
    }
    const order = kernel.cache.order(id);
    if (order === undefined) {
      this.journal.append(event);
      return;
    }
    this.#submitted.add(id);
    const submit: JournalRecord = {
      type: 'SubmitOrder',
      clientOrderId: id,
      strategyId: order.strategyId,
      spec: order.spec,
      tsUs: order.tsInit,
    };
    // Inside a step the step's transaction holds the pair together; appendMany's own (nested)
    // transaction would only add a savepoint per order.
    if (this.#inStep) {
      this.journal.append(submit);
      this.journal.append(event);
    } else {
      this.journal.appendMany([submit, event]);
    }
  }

  /**
   * Rebuilds the kernel's orders, positions and cash from the journal: submissions restore their
   * orders (later ids continue after them), events are replayed in journal order through the
   * execution engine, so the portfolios book every fill exactly once. Strategies hear nothing.
   */
  restore(kernel: Kernel): RestoredState {
    let orders = 0;
    let events = 0;
    let fills = 0;
    let lastTsUs = 0;
    const submitted = this.#submitted;
    const journal = this.journal;
    function* orderEvents(): Generator<OrderEvent> {
      for (const { record, tsUs } of journal.read()) {
        lastTsUs = Math.max(lastTsUs, tsUs);
        if (record.type === 'SubmitOrder') {
          if (submitted.has(record.clientOrderId)) continue;
          kernel.execution.restoreOrder(record.clientOrderId, record.strategyId, record.spec, record.tsUs);
          submitted.add(record.clientOrderId);
          orders++;
        } else if (!COMMANDS.has(record.type)) {
          events++;
          if (record.type === 'OrderFilled') fills++;
          yield record as OrderEvent;
        }
      }
    }
    kernel.replay(orderEvents());
    return { orders, events, fills, lastTsUs };
  }
}
