import type { Clock } from '../../core/clock.js';
import { formatTimestampUs } from '../../core/clock.js';
import { SeededRandom } from '../../core/random.js';
import type { Logger } from '../../common/logger.js';
import { FeedStatus } from '../../data/feed/data-client.js';
import { ReconnectPolicy } from '../../data/feed/reconnect-policy.js';
import type { ExecutionClient, VenueFillReport, VenueOrderReport } from '../../execution/execution-client.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import { type InstrumentId, parseInstrumentId, symbolOf } from '../../model/identifiers/instrument-id.js';
import {
  type ClientOrderId,
  parseClientOrderId,
  type StrategyId,
  type TradeId,
  type VenueOrderId,
} from '../../model/identifiers/order-ids.js';
import type { Instrument } from '../../model/instruments/instrument.js';
import type { Order } from '../../model/orders/order.js';
import type { OrderChanges } from '../../model/orders/order-changes.js';
import { LiquiditySide, type OrderSide, TimeInForce } from '../../model/orders/order-enums.js';
import { OrderStatus } from '../../model/orders/order-status.js';
import { currency } from '../../model/types/currency.js';
import { Money } from '../../model/types/money.js';
import type { Price } from '../../model/types/price.js';
import { Quantity } from '../../model/types/quantity.js';
import type { AlpacaExecutionConfig } from './alpaca-execution-config.js';
import {
  AlpacaExecParseError,
  type AlpacaFillActivity,
  type AlpacaOrder,
  type AlpacaTradeUpdate,
  parseAlpacaOrder,
  parseFillActivity,
  parseTradeUpdate,
  type PrecisionSource,
} from './alpaca-execution-parsing.js';
import { AlpacaTradingRest, isInconclusive, type RestOutcome } from './alpaca-execution-rest.js';
import { AlpacaTradeStream } from './alpaca-execution-stream.js';
import {
  AlpacaExecCode,
  baseClientId,
  replaceBody,
  replacementClientId,
  submitBody,
  venueRefusal,
} from './alpaca-execution-wire.js';

/** Where the client finds an instrument's precision (the kernel's `Cache` fits). */
export interface InstrumentSource {
  instrument(id: InstrumentId): Instrument | undefined;
}

/** Settings of an {@link AlpacaExecutionClient}. */
export interface AlpacaExecutionClientOptions {
  readonly config: AlpacaExecutionConfig;
  /** Stamps `tsInit` of every report. */
  readonly clock: Clock;
  /** Precision of prices and quantities per instrument. */
  readonly instruments: InstrumentSource;
  /** Venue part of instrument ids (default `ALPACA`, as the data client). */
  readonly venue?: string;
  /** A request without an answer this long counts as lost (default 10 s). */
  readonly requestTimeoutMs?: number;
  /** Backoff between stream reconnects (default: the policy's defaults, seeded with 1). */
  readonly reconnect?: ReconnectPolicy;
  /** A stream session not listening this long after opening is dropped and retried (default 10 s). */
  readonly handshakeTimeoutMs?: number;
  /** Look-ups after a lost request (by client order id) and cancel retries (default 4). */
  readonly lookupAttempts?: number;
  /** Wait before the first look-up, doubled for each next one (default 500 ms). */
  readonly lookupDelayMs?: number;
  /** Fill reconciliation starts this long before our oldest open order was created (default 60 s). */
  readonly reconcileSlackUs?: number;
  /** Activities per page (Alpaca allows up to 100; default 100). */
  readonly fillPageSize?: number;
  readonly logger?: Logger;
  /** Stream status changes (connecting, connected, reconnecting, closed). */
  readonly onStatus?: (status: FeedStatus, detail?: string) => void;
  /** The HTTP client (default: Node's `fetch`). */
  readonly fetch?: typeof fetch;
}

/** Counters of what the client met (a live view: read, do not write). */
export interface AlpacaExecutionStats {
  /** Stream messages or REST bodies that did not parse: skipped. */
  malformed: number;
  /** Trade updates that change nothing for us (`pending_cancel`, `done_for_day`, duplicates of a replace...). */
  ignoredUpdates: number;
  /** Trade updates and fills of orders this client did not send. */
  unknownOrders: number;
  /** Requests that got no conclusive answer (timeout, network, 429, 5xx). */
  lostRequests: number;
  /** Stream sessions resumed after a drop. */
  reconnects: number;
  /** Reconciliation passes run (after each resumed session). */
  reconciliations: number;
  /** Failures inside the client's own asynchronous work (logged; a bug if ever non-zero). */
  internalErrors: number;
}

/** A request to Alpaca failed (from {@link AlpacaExecutionClient.openOrders} / {@link AlpacaExecutionClient.fillsSince}). */
export class AlpacaTradingError extends Error {
  constructor(
    /** HTTP status; 0 when no answer arrived. */
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AlpacaTradingError';
  }
}

/** A replace we asked for and Alpaca has not confirmed yet. */
interface PendingReplace {
  /** The client order id of the replacing order. */
  readonly clientId: string;
  readonly changes: OrderChanges;
  /** Our order's filled quantity when we asked (the replacing order works the rest). */
  readonly filledAtRequest: Quantity;
  venueOrderId?: VenueOrderId;
  /** The replacing order as the PATCH answer described it. */
  answer?: AlpacaOrder;
}

/** One of our orders as this client follows it. */
interface Tracked {
  readonly order: Order;
  /** The Alpaca order working it now (changes with each replace). */
  venueOrderId: VenueOrderId | undefined;
  accepted: boolean;
  /** We reported a terminal event. */
  done: boolean;
  /** We reported NOT_RECEIVED: should Alpaca show the order after all, it is canceled there. */
  notReceived: boolean;
  /** The submit's fate is unknown (lost, and look-ups failed too): looked up again after a reconnect. */
  unresolved: boolean;
  /** Cancel asked before Alpaca's id was known: sent once it is. */
  cancelWanted: boolean;
  replaceCount: number;
  replace: PendingReplace | undefined;
  /** Filled quantity reported per Alpaca order id, raw at the order's quantity precision. */
  readonly filledByVenue: Map<string, number>;
  filledRaw: number;
}

/** One execution to report, from a stream update or a {@link VenueFillReport}. */
interface FillFacts {
  readonly clientOrderId: string;
  readonly venueOrderId: VenueOrderId;
  readonly tradeId: TradeId;
  readonly side: OrderSide;
  readonly lastQty: Quantity;
  readonly lastPx: Price;
  readonly tsEvent: number;
  readonly instrumentId?: InstrumentId;
  readonly symbol?: string;
  /** The order's filled quantity after this execution: with the order id it names the execution. */
  readonly cumQty?: Quantity;
}

const NO_STRATEGY = '' as StrategyId;

/**
 * US equities through Alpaca's Trading API v2, paper or live account (the configured URL decides):
 * orders over REST (`POST/DELETE/PATCH /v2/orders`), their fate from the `trade_updates` stream,
 * reconciliation from `GET /v2/orders` and the FILL account activities.
 *
 * Mapping (stream event → report): `new`/`accepted`/`pending_new` → OrderAccepted (once per order;
 * the `POST` answer also accepts, giving Alpaca's id early), `partial_fill`/`fill` → OrderFilled
 * (trade id = `execution_id`, last qty/price of this execution, commission 0 USD: Alpaca equities
 * are commission-free; liquidity TAKER: Alpaca does not say, see the docs), `canceled` →
 * OrderCanceled, `expired` → OrderExpired, `rejected` → OrderRejected (OrderModifyRejected for a
 * replacing order), `replaced` → OrderUpdated with the new Alpaca order id, `order_cancel_rejected`
 * → OrderCancelRejected, `order_replace_rejected` → OrderModifyRejected; `pending_*`,
 * `done_for_day`, `calculated`... are counted and skipped. Duplicated updates are passed on: the
 * engine drops them by trade id and state.
 *
 * Failures never throw out of a command: a 4xx answer is a refusal with Alpaca's code
 * (`ALPACA_40310000`, insufficient buying power); a lost submit (timeout, network, 429, 5xx) is
 * never guessed rejected but looked up by client order id until Alpaca says what it has. After the
 * stream resumes from a drop, fills since our oldest open order and the state of every open order
 * are fetched and reported (the engine ignores what it already has).
 */
export class AlpacaExecutionClient implements ExecutionClient {
  readonly venue: string;
  readonly #clock: Clock;
  readonly #instruments: InstrumentSource;
  readonly #rest: AlpacaTradingRest;
  readonly #stream: AlpacaTradeStream;
  readonly #logger: Logger | undefined;
  readonly #lookupAttempts: number;
  readonly #lookupDelayMs: number;
  readonly #slackUs: number;
  readonly #pageSize: number;
  readonly #byClient = new Map<ClientOrderId, Tracked>();
  readonly #byVenue = new Map<string, Tracked>();
  /** `<alpaca order id>|<cum qty>` → the trade id first reported for that execution (see #fillKey). */
  readonly #fillKeys = new Map<string, TradeId>();
  readonly #reportedTrades = new Set<string>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #stats: AlpacaExecutionStats = {
    malformed: 0,
    ignoredUpdates: 0,
    unknownOrders: 0,
    lostRequests: 0,
    reconnects: 0,
    reconciliations: 0,
    internalErrors: 0,
  };
  #report: (event: OrderEvent) => void = () => {};
  #closed = false;
  #work: Promise<unknown>[] = [];
  #resolveReady: () => void = () => {};
  readonly #ready = new Promise<void>((resolve) => (this.#resolveReady = resolve));

  constructor(options: AlpacaExecutionClientOptions) {
    this.venue = options.venue ?? 'ALPACA';
    this.#clock = options.clock;
    this.#instruments = options.instruments;
    this.#logger = options.logger;
    this.#lookupAttempts = options.lookupAttempts ?? 4;
    this.#lookupDelayMs = options.lookupDelayMs ?? 500;
    this.#slackUs = options.reconcileSlackUs ?? 60_000_000;
    this.#pageSize = options.fillPageSize ?? 100;
    this.#rest = new AlpacaTradingRest(options.config, options.requestTimeoutMs ?? 10_000, options.fetch);
    const onStatus = options.onStatus;
    this.#stream = new AlpacaTradeStream(
      options.config,
      options.reconnect ?? new ReconnectPolicy(new SeededRandom(1)),
      options.handshakeTimeoutMs ?? 10_000,
      {
        onUpdate: (data) => this.#onUpdate(data),
        onListening: (resumed) => this.#onListening(resumed),
        onStatus: (status, detail) => {
          if (status !== FeedStatus.CONNECTED) this.#logger?.info(`trade_updates ${status}: ${detail ?? ''}`);
          onStatus?.(status, detail);
        },
        onMalformed: (kind, sample, reason) => {
          this.#stats.malformed++;
          this.#logger?.warn(`malformed ${kind} on trade_updates (${reason}): ${sample}`);
        },
      },
    );
  }

  get stats(): Readonly<AlpacaExecutionStats> {
    return this.#stats;
  }

  /** The `trade_updates` stream's state. */
  get streamStatus(): FeedStatus {
    return this.#stream.status;
  }

  /** Resolves once the stream first listens to `trade_updates`. */
  ready(): Promise<void> {
    return this.#ready;
  }

  /** Starts the `trade_updates` stream; reports go to `report`. */
  connect(report: (event: OrderEvent) => void): void {
    this.#report = report;
    this.#closed = false;
    this.#stream.start();
  }

  /** Closes the stream, stops retries and waits for requests in flight to settle. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    await this.#stream.close();
    await Promise.allSettled(this.#work);
  }

  submitOrder(order: Order): void {
    const t: Tracked = {
      order,
      venueOrderId: undefined,
      accepted: false,
      done: false,
      notReceived: false,
      unresolved: false,
      cancelWanted: false,
      replaceCount: 0,
      replace: undefined,
      filledByVenue: new Map(),
      filledRaw: 0,
    };
    this.#byClient.set(order.clientOrderId, t);
    const wire = submitBody(order, symbolOf(order.instrumentId));
    if ('refusal' in wire) {
      this.#finish(t, 'OrderRejected', { code: AlpacaExecCode.UNSUPPORTED_ORDER, reason: wire.refusal });
      return;
    }
    this.#spawn(this.#submit(t, wire.body));
  }

  cancelOrder(order: Order): void {
    const t = this.#byClient.get(order.clientOrderId);
    if (t === undefined) {
      this.#emit(
        this.#refusalOf(
          order,
          'OrderCancelRejected',
          AlpacaExecCode.UNKNOWN_ORDER,
          'not sent through this client',
        ),
      );
      return;
    }
    if (t.venueOrderId === undefined) {
      // The submit is still in flight: cancel as soon as Alpaca's id is known.
      t.cancelWanted = true;
      return;
    }
    this.#spawn(this.#cancel(t));
  }

  modifyOrder(order: Order, changes: OrderChanges): void {
    const t = this.#byClient.get(order.clientOrderId);
    if (t === undefined || t.venueOrderId === undefined) {
      const reason =
        t === undefined ? 'not sent through this client' : 'Alpaca has not acknowledged the order yet';
      this.#emit(this.#refusalOf(order, 'OrderModifyRejected', AlpacaExecCode.UNKNOWN_ORDER, reason));
      return;
    }
    const pending: PendingReplace = {
      clientId: replacementClientId(order.clientOrderId, ++t.replaceCount),
      changes,
      filledAtRequest: order.filledQty,
    };
    t.replace = pending;
    this.#spawn(this.#replace(t, t.venueOrderId, pending));
  }

  /** Alpaca's view of our open orders (`GET /v2/orders?status=open`); rejects with {@link AlpacaTradingError}. */
  async openOrders(): Promise<VenueOrderReport[]> {
    const outcome = await this.#rest.openOrders();
    const body = this.#expectOk(outcome, 'open orders');
    if (!Array.isArray(body)) throw new AlpacaTradingError(200, 'open orders: expected an array');
    const reports: VenueOrderReport[] = [];
    for (const raw of body) {
      const o = parseAlpacaOrder(raw, this.#precisionOf);
      if (o instanceof AlpacaExecParseError) {
        this.#malformedBody('order', raw, o.reason);
        continue;
      }
      const t = this.#trackedFor(o);
      const id = parseClientOrderId(baseClientId(o.clientOrderId));
      const instrumentId = this.#instrumentIdOf(o.symbol);
      if (!id.ok || instrumentId === undefined) {
        this.#stats.unknownOrders++;
        continue;
      }
      // A replaced order lives on in a new Alpaca order: add what the earlier ones filled.
      const before = t === undefined ? 0 : t.filledRaw - (t.filledByVenue.get(o.venueOrderId) ?? 0);
      const p = Math.max(o.quantity.precision, t?.order.quantity.precision ?? 0);
      const beforeRaw = t === undefined ? 0 : Quantity.fromRaw(before, t.order.quantity.precision).rawAt(p);
      const filledQty = Quantity.fromRaw(o.filledQty.rawAt(p) + beforeRaw, p);
      reports.push({
        clientOrderId: id.value,
        venueOrderId: o.venueOrderId,
        instrumentId,
        side: o.side,
        type: o.type,
        timeInForce: o.timeInForce ?? TimeInForce.DAY,
        status:
          o.status === 'pending_new'
            ? OrderStatus.SUBMITTED
            : filledQty.raw > 0
              ? OrderStatus.PARTIALLY_FILLED
              : OrderStatus.ACCEPTED,
        quantity: Quantity.fromRaw(o.quantity.rawAt(p) + beforeRaw, p),
        filledQty,
        ...(o.limitPrice !== undefined ? { price: o.limitPrice } : {}),
        ...(o.stopPrice !== undefined ? { triggerPrice: o.stopPrice } : {}),
        tsLast: o.tsLast,
      });
    }
    return reports;
  }

  /**
   * Our fills Alpaca executed at or after `tsUs` (FILL activities, every page), oldest first.
   * Activities name Alpaca's order id only; orders this client does not follow are looked up to
   * find their client order id. Rejects with {@link AlpacaTradingError}.
   */
  async fillsSince(tsUs: number): Promise<VenueFillReport[]> {
    const reports: VenueFillReport[] = [];
    // Alpaca's `after` is exclusive: one microsecond earlier includes fills at `tsUs`.
    const after = formatTimestampUs(tsUs - 1);
    let token: string | undefined;
    for (let page = 0; page < 10_000; page++) {
      const pageToken = token;
      const body = this.#expectOk(
        await this.#rest.fillActivities(after, token, this.#pageSize),
        'fill activities',
      );
      if (!Array.isArray(body)) throw new AlpacaTradingError(200, 'fill activities: expected an array');
      for (const raw of body) {
        // The next page starts after this id, even when this activity does not parse.
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'string') token = id;
        const a = parseFillActivity(raw, this.#precisionOf);
        if (a instanceof AlpacaExecParseError) {
          this.#malformedBody('activity', raw, a.reason);
          continue;
        }
        if (a.tsEvent < tsUs) continue;
        const report = await this.#fillReportOf(a);
        if (report !== undefined) reports.push(report);
      }
      // A short page is the last; a page without ids cannot lead further.
      if (body.length < this.#pageSize || token === pageToken) break;
    }
    return reports;
  }

  // ---- commands --------------------------------------------------------------------------------

  async #submit(t: Tracked, body: Record<string, string>): Promise<void> {
    const outcome = await this.#rest.submitOrder(body);
    if (isInconclusive(outcome)) {
      this.#stats.lostRequests++;
      this.#logger?.warn(
        `submit of ${t.order.clientOrderId} unconfirmed (${describe(outcome)}): looking it up`,
      );
      await this.#lookUpSubmit(t);
      return;
    }
    const answered = outcome as Extract<RestOutcome, { kind: 'answered' }>;
    if (answered.status >= 300) {
      if (!t.accepted) this.#finish(t, 'OrderRejected', venueRefusal(answered.status, answered.body));
      return;
    }
    const o = parseAlpacaOrder(answered.body, this.#precisionOf);
    if (o instanceof AlpacaExecParseError) {
      // Alpaca has the order but we cannot read the answer: ask again for it.
      this.#malformedBody('order', answered.body, o.reason);
      await this.#lookUpSubmit(t);
      return;
    }
    await this.#applySnapshot(t, o);
  }

  /**
   * After a lost submit: asks Alpaca for the order by our client order id, with backoff (the POST
   * may still be on its way). Found: its state is reported. Not found on the last look-up: the
   * order never arrived (NOT_RECEIVED). No answer at all: left unresolved until the next reconnect.
   */
  async #lookUpSubmit(t: Tracked): Promise<void> {
    let notFound = false;
    for (let attempt = 0; attempt < this.#lookupAttempts; attempt++) {
      await this.#sleep(this.#lookupDelayMs * 2 ** attempt);
      if (this.#closed || t.accepted || t.done) return;
      const outcome = await this.#rest.getOrderByClientId(t.order.clientOrderId);
      if (outcome.kind === 'answered' && outcome.status === 200) {
        const o = parseAlpacaOrder(outcome.body, this.#precisionOf);
        if (!(o instanceof AlpacaExecParseError)) {
          t.unresolved = false;
          await this.#applySnapshot(t, o);
          return;
        }
        this.#malformedBody('order', outcome.body, o.reason);
      }
      notFound = outcome.kind === 'answered' && outcome.status === 404;
    }
    if (t.accepted || t.done) return;
    if (notFound) {
      t.notReceived = true;
      this.#finish(t, 'OrderRejected', {
        code: AlpacaExecCode.NOT_RECEIVED,
        reason: `Alpaca has no order ${t.order.clientOrderId} after ${this.#lookupAttempts} look-ups`,
      });
    } else {
      t.unresolved = true;
      this.#logger?.warn(
        `submit of ${t.order.clientOrderId} still unknown: looked up again after a reconnect`,
      );
    }
  }

  /**
   * `DELETE /v2/orders/{id}`, retried while no answer comes (canceling twice is harmless).
   * `silent`: an order we already gave up (NOT_RECEIVED) that reached Alpaca after all.
   */
  async #cancel(t: Tracked, id = t.venueOrderId!, silent = false): Promise<void> {
    let last = '';
    for (let attempt = 0; attempt <= this.#lookupAttempts; attempt++) {
      if (attempt > 0) await this.#sleep(this.#lookupDelayMs * 2 ** (attempt - 1));
      if (this.#closed || (t.done && !silent)) return;
      const outcome = await this.#rest.cancelOrder(id);
      if (!isInconclusive(outcome)) {
        const answered = outcome as Extract<RestOutcome, { kind: 'answered' }>;
        // 204: Alpaca took the request; the `canceled` update tells when it is done.
        if (answered.status >= 300 && !silent)
          this.#emit(
            this.#refusalOf(
              t.order,
              'OrderCancelRejected',
              ...codeReason(venueRefusal(answered.status, answered.body)),
            ),
          );
        return;
      }
      this.#stats.lostRequests++;
      last = describe(outcome);
    }
    if (!silent)
      this.#emit(
        this.#refusalOf(
          t.order,
          'OrderCancelRejected',
          AlpacaExecCode.NETWORK_ERROR,
          `cancel not delivered: ${last}`,
        ),
      );
  }

  async #replace(t: Tracked, venueOrderId: VenueOrderId, pending: PendingReplace): Promise<void> {
    const outcome = await this.#rest.replaceOrder(
      venueOrderId,
      replaceBody(pending.changes, pending.filledAtRequest, pending.clientId),
    );
    let answer: RestOutcome = outcome;
    if (isInconclusive(outcome)) {
      this.#stats.lostRequests++;
      answer = await this.#lookUpReplacement(pending.clientId);
      if (isInconclusive(answer) || (answer.kind === 'answered' && answer.status === 404)) {
        if (t.replace === pending) {
          t.replace = undefined;
          const code = isInconclusive(answer) ? AlpacaExecCode.NETWORK_ERROR : AlpacaExecCode.NOT_RECEIVED;
          this.#emit(
            this.#refusalOf(
              t.order,
              'OrderModifyRejected',
              code,
              `replace unconfirmed: ${describe(outcome)}`,
            ),
          );
        }
        return;
      }
    }
    const answered = answer as Extract<RestOutcome, { kind: 'answered' }>;
    if (answered.status >= 300) {
      if (t.replace === pending) {
        t.replace = undefined;
        this.#emit(
          this.#refusalOf(
            t.order,
            'OrderModifyRejected',
            ...codeReason(venueRefusal(answered.status, answered.body)),
          ),
        );
      }
      return;
    }
    const o = parseAlpacaOrder(answered.body, this.#precisionOf);
    if (o instanceof AlpacaExecParseError) {
      this.#malformedBody('order', answered.body, o.reason);
      return; // the `replaced` update (or the next reconciliation) still tells
    }
    // Not yet a change: Alpaca confirms it with the `replaced` update (the old order may fill first).
    this.#byVenue.set(o.venueOrderId, t);
    pending.venueOrderId = o.venueOrderId;
    pending.answer = o;
  }

  async #lookUpReplacement(clientId: string): Promise<RestOutcome> {
    let outcome: RestOutcome = { kind: 'lost', reason: 'not looked up' };
    for (let attempt = 0; attempt < this.#lookupAttempts; attempt++) {
      await this.#sleep(this.#lookupDelayMs * 2 ** attempt);
      if (this.#closed) break;
      outcome = await this.#rest.getOrderByClientId(clientId);
      if (outcome.kind === 'answered' && outcome.status === 200) break;
    }
    return outcome;
  }

  // ---- the stream ------------------------------------------------------------------------------

  #onUpdate(data: unknown): void {
    const u = parseTradeUpdate(data, this.#precisionOf);
    if (u instanceof AlpacaExecParseError) {
      this.#malformedBody('trade_update', data, u.reason);
      return;
    }
    const o = u.order;
    const t = this.#trackedFor(o);
    const ts = u.tsEvent ?? this.#clock.timestampUs();
    if (t === undefined) {
      this.#stats.unknownOrders++;
      // Fills of orders we do not know still reach the engine, which keeps them for reconciliation.
      if (u.executionId !== undefined) this.#reportFill(undefined, fillOfUpdate(u));
      return;
    }
    const current = o.venueOrderId === t.venueOrderId;
    switch (u.event) {
      case 'new':
      case 'accepted':
      case 'pending_new':
        if (o.replaces !== undefined) {
          // The replacing order: the `replaced` update of the old one reports the change.
          if (t.replace !== undefined && t.replace.venueOrderId === undefined)
            t.replace.venueOrderId = o.venueOrderId;
          this.#ignore();
        } else this.#accept(t, o.venueOrderId, ts);
        return;
      case 'fill':
      case 'partial_fill':
        this.#reportFill(t, fillOfUpdate(u));
        return;
      case 'canceled':
        if (current) this.#finish(t, 'OrderCanceled', undefined, ts);
        else this.#ignore();
        return;
      case 'expired':
        if (current) this.#finish(t, 'OrderExpired', undefined, ts);
        else this.#ignore();
        return;
      case 'rejected':
        if (o.replaces !== undefined)
          this.#replaceRefused(t, o.venueOrderId, 'the replacing order was rejected', ts);
        else if (current || t.venueOrderId === undefined)
          this.#finish(
            t,
            'OrderRejected',
            { code: AlpacaExecCode.VENUE_REJECTED, reason: 'rejected by Alpaca' },
            ts,
          );
        else this.#ignore();
        return;
      case 'replaced':
        if (current) this.#spawn(this.#confirmReplace(t, o.replacedBy ?? t.replace?.venueOrderId, o, ts));
        else this.#ignore(); // a repeat: the order moved on already
        return;
      case 'order_cancel_rejected':
        this.#emit(
          this.#refusalOf(
            t.order,
            'OrderCancelRejected',
            AlpacaExecCode.CANCEL_REJECTED,
            'cancel refused by Alpaca',
            ts,
          ),
        );
        return;
      case 'order_replace_rejected':
        this.#replaceRefused(t, t.replace?.venueOrderId, 'replace refused by Alpaca', ts);
        return;
      default:
        this.#ignore();
    }
  }

  #onListening(resumed: boolean): void {
    if (!resumed) {
      this.#resolveReady();
      return;
    }
    this.#stats.reconnects++;
    this.#spawn(this.reconcile());
  }

  /**
   * Brings our orders up to date with Alpaca after updates may have been missed (run after each
   * resumed stream session; callable any time): fills since our oldest open order, then the
   * state of each open order. Reports only; the engine ignores what it already has.
   */
  async reconcile(): Promise<void> {
    this.#stats.reconciliations++;
    const open = [...this.#byClient.values()].filter((t) => !t.done);
    if (open.length === 0) return;
    const oldest = Math.min(...open.map((t) => t.order.tsInit));
    try {
      for (const fill of await this.fillsSince(oldest - this.#slackUs))
        this.#reportFill(this.#byClient.get(fill.clientOrderId), fill);
    } catch (error) {
      this.#logger?.warn(`reconciliation: fills not fetched: ${(error as Error).message}`);
    }
    for (const t of open) {
      if (t.done || this.#closed) continue;
      const outcome =
        t.venueOrderId !== undefined
          ? await this.#rest.getOrder(t.venueOrderId)
          : await this.#rest.getOrderByClientId(t.order.clientOrderId);
      if (outcome.kind !== 'answered') continue;
      if (outcome.status === 404 && t.venueOrderId === undefined && t.unresolved) {
        t.notReceived = true;
        this.#finish(t, 'OrderRejected', {
          code: AlpacaExecCode.NOT_RECEIVED,
          reason: `Alpaca has no order ${t.order.clientOrderId}`,
        });
        continue;
      }
      if (outcome.status !== 200) continue;
      const o = parseAlpacaOrder(outcome.body, this.#precisionOf);
      if (o instanceof AlpacaExecParseError) this.#malformedBody('order', outcome.body, o.reason);
      else await this.#applySnapshot(t, o);
    }
  }

  // ---- state -----------------------------------------------------------------------------------

  /** Reports what an order object (REST) says that we have not reported yet. */
  async #applySnapshot(t: Tracked, o: AlpacaOrder): Promise<void> {
    this.#byVenue.set(o.venueOrderId, t);
    const ts = o.tsLast;
    if (o.status === 'rejected') {
      if (!t.accepted)
        this.#finish(
          t,
          'OrderRejected',
          { code: AlpacaExecCode.VENUE_REJECTED, reason: 'rejected by Alpaca' },
          ts,
        );
      return;
    }
    if (o.replaces === undefined || t.venueOrderId === undefined) this.#accept(t, o.venueOrderId, ts);
    if (o.venueOrderId !== t.venueOrderId) return; // an older order of a replace chain
    const reported = t.filledByVenue.get(o.venueOrderId) ?? 0;
    if (o.filledQty.rawAt(t.order.quantity.precision) > reported) {
      try {
        for (const fill of await this.fillsSince(t.order.tsInit - this.#slackUs))
          if (fill.venueOrderId === o.venueOrderId) this.#reportFill(t, fill);
      } catch (error) {
        this.#logger?.warn(`fills of ${t.order.clientOrderId} not fetched: ${(error as Error).message}`);
      }
    }
    if (o.status === 'canceled') this.#finish(t, 'OrderCanceled', undefined, ts);
    else if (o.status === 'expired') this.#finish(t, 'OrderExpired', undefined, ts);
    else if (o.status === 'replaced') await this.#confirmReplace(t, o.replacedBy, o, ts);
  }

  #accept(t: Tracked, venueOrderId: VenueOrderId, ts: number): void {
    this.#byVenue.set(venueOrderId, t);
    if (t.notReceived) {
      // We told the engine it never arrived; it did after all: take it off the market.
      this.#logger?.warn(`${t.order.clientOrderId} reached Alpaca after being given up: canceling it`);
      t.notReceived = false;
      t.venueOrderId = venueOrderId;
      this.#spawn(this.#cancel(t, venueOrderId, true));
      return;
    }
    if (t.accepted) {
      this.#ignore();
      return;
    }
    t.accepted = true;
    t.venueOrderId ??= venueOrderId;
    this.#emit({ ...this.#base(t.order, ts), type: 'OrderAccepted', venueOrderId });
    if (t.cancelWanted) {
      t.cancelWanted = false;
      this.#spawn(this.#cancel(t));
    }
  }

  async #confirmReplace(
    t: Tracked,
    newId: VenueOrderId | undefined,
    old: AlpacaOrder,
    ts: number,
  ): Promise<void> {
    if (newId === undefined || newId === t.venueOrderId) {
      this.#ignore();
      return;
    }
    const pending = t.replace;
    let replacing = pending?.answer?.venueOrderId === newId ? pending.answer : undefined;
    if (replacing === undefined && pending === undefined) {
      // Replaced by someone else (another session, Alpaca's dashboard): fetch the new order.
      const outcome = await this.#rest.getOrder(newId);
      if (outcome.kind === 'answered' && outcome.status === 200) {
        const o = parseAlpacaOrder(outcome.body, this.#precisionOf);
        if (!(o instanceof AlpacaExecParseError)) replacing = o;
      }
    }
    if (newId === t.venueOrderId) return; // confirmed meanwhile
    const order = t.order;
    const precision = order.quantity.precision;
    let quantity = pending?.changes.quantity ?? order.quantity;
    if (replacing !== undefined) {
      const filled = pending?.filledAtRequest ?? old.filledQty;
      quantity = Quantity.fromRaw(filled.rawAt(precision) + replacing.quantity.rawAt(precision), precision);
    }
    const price = replacing?.limitPrice ?? pending?.changes.price;
    const triggerPrice = replacing?.stopPrice ?? pending?.changes.triggerPrice;
    t.venueOrderId = newId;
    t.replace = undefined;
    this.#byVenue.set(newId, t);
    this.#emit({
      ...this.#base(order, ts),
      type: 'OrderUpdated',
      venueOrderId: newId,
      quantity,
      ...(price !== undefined ? { price } : {}),
      ...(triggerPrice !== undefined ? { triggerPrice } : {}),
    });
  }

  #replaceRefused(t: Tracked, replacingId: VenueOrderId | undefined, reason: string, ts: number): void {
    if (
      t.replace === undefined ||
      (replacingId !== undefined &&
        t.replace.venueOrderId !== undefined &&
        t.replace.venueOrderId !== replacingId)
    ) {
      this.#ignore();
      return;
    }
    t.replace = undefined;
    this.#emit(this.#refusalOf(t.order, 'OrderModifyRejected', AlpacaExecCode.REPLACE_REJECTED, reason, ts));
  }

  /**
   * Reports a fill. One execution reaches us as a stream update and, after a reconnect, as a FILL
   * activity, and Alpaca does not promise both carry the same id. Both carry the order's filled
   * quantity after the fill, so the pair (Alpaca order id, cumulative quantity) names the
   * execution: the trade id first seen for it is reused, and the engine drops the repeat.
   */
  #reportFill(t: Tracked | undefined, f: FillFacts): void {
    const tradeId = f.cumQty === undefined ? f.tradeId : this.#tradeIdOf(f.venueOrderId, f.cumQty, f.tradeId);
    const instrumentId =
      t?.order.instrumentId ??
      f.instrumentId ??
      (f.symbol === undefined ? undefined : this.#instrumentIdOf(f.symbol));
    const clientOrderId = parseClientOrderId(f.clientOrderId);
    if (instrumentId === undefined || !clientOrderId.ok) {
      this.#stats.unknownOrders++;
      return;
    }
    if (t !== undefined && !this.#reportedTrades.has(tradeId)) {
      this.#reportedTrades.add(tradeId);
      const raw = f.lastQty.rawAt(t.order.quantity.precision);
      t.filledByVenue.set(f.venueOrderId, (t.filledByVenue.get(f.venueOrderId) ?? 0) + raw);
      t.filledRaw += raw;
      t.accepted = true; // a fill implies the accept
      t.venueOrderId ??= f.venueOrderId;
    }
    this.#emit({
      type: 'OrderFilled',
      clientOrderId: clientOrderId.value,
      strategyId: t?.order.strategyId ?? NO_STRATEGY,
      instrumentId,
      venueOrderId: f.venueOrderId,
      tradeId,
      side: f.side,
      lastQty: f.lastQty,
      lastPx: f.lastPx,
      commission: this.#zeroCommission(instrumentId),
      liquiditySide: LiquiditySide.TAKER,
      tsEvent: f.tsEvent,
      tsInit: this.#clock.timestampUs(),
    });
    if (t !== undefined && !t.done && t.replace === undefined && t.filledRaw >= t.order.quantity.raw)
      t.done = true;
  }

  #tradeIdOf(venueOrderId: VenueOrderId, cumQty: Quantity, fallback: TradeId): TradeId {
    const key = `${venueOrderId}|${cumQty.toString()}`;
    const tradeId = this.#fillKeys.get(key) ?? fallback;
    this.#fillKeys.set(key, tradeId);
    return tradeId;
  }

  async #fillReportOf(a: AlpacaFillActivity): Promise<VenueFillReport | undefined> {
    let t = this.#byVenue.get(a.venueOrderId);
    let clientText = t?.order.clientOrderId as string | undefined;
    if (clientText === undefined) {
      const outcome = await this.#rest.getOrder(a.venueOrderId);
      if (outcome.kind === 'answered' && outcome.status === 200) {
        const o = parseAlpacaOrder(outcome.body, this.#precisionOf);
        if (!(o instanceof AlpacaExecParseError)) {
          clientText = baseClientId(o.clientOrderId);
          t = this.#byClient.get(clientText as ClientOrderId);
        }
      }
    }
    const id = clientText === undefined ? undefined : parseClientOrderId(clientText);
    const instrumentId = t?.order.instrumentId ?? this.#instrumentIdOf(a.symbol);
    if (id === undefined || !id.ok || instrumentId === undefined) {
      this.#stats.unknownOrders++;
      return undefined;
    }
    return {
      clientOrderId: id.value,
      venueOrderId: a.venueOrderId,
      tradeId: this.#tradeIdOf(a.venueOrderId, a.cumQty, a.tradeId),
      instrumentId,
      side: a.side,
      lastQty: a.lastQty,
      lastPx: a.lastPx,
      commission: this.#zeroCommission(instrumentId),
      liquiditySide: LiquiditySide.TAKER,
      tsEvent: a.tsEvent,
    };
  }

  #finish(
    t: Tracked,
    type: 'OrderRejected' | 'OrderCanceled' | 'OrderExpired',
    refusal?: { code: string; reason: string },
    ts = this.#clock.timestampUs(),
  ): void {
    if (t.done) {
      this.#ignore();
      return;
    }
    t.done = true;
    const base = this.#base(t.order, ts);
    this.#emit(
      type === 'OrderRejected'
        ? { ...base, type, code: refusal!.code, reason: refusal!.reason }
        : { ...base, type },
    );
  }

  // ---- helpers ---------------------------------------------------------------------------------

  #trackedFor(o: AlpacaOrder): Tracked | undefined {
    const t =
      this.#byVenue.get(o.venueOrderId) ?? this.#byClient.get(baseClientId(o.clientOrderId) as ClientOrderId);
    if (t !== undefined) this.#byVenue.set(o.venueOrderId, t);
    return t;
  }

  readonly #precisionOf: PrecisionSource = (symbol) => {
    const id = this.#instrumentIdOf(symbol);
    const instrument = id === undefined ? undefined : this.#instruments.instrument(id);
    return instrument === undefined
      ? undefined
      : { price: instrument.tickSize.precision, size: instrument.lotSize.precision };
  };

  #instrumentIdOf(symbol: string): InstrumentId | undefined {
    const id = parseInstrumentId(`${symbol}.${this.venue}`);
    return id.ok ? id.value : undefined;
  }

  /** Alpaca charges no commission on US equities (regulatory fees on sales are not reported per fill). */
  #zeroCommission(id: InstrumentId): Money {
    return Money.zero(this.#instruments.instrument(id)?.quoteCurrency ?? currency('USD'));
  }

  #base(order: Order, tsEvent: number) {
    return {
      clientOrderId: order.clientOrderId,
      strategyId: order.strategyId,
      instrumentId: order.instrumentId,
      tsEvent,
      tsInit: this.#clock.timestampUs(),
    };
  }

  #refusalOf(
    order: Order,
    type: 'OrderCancelRejected' | 'OrderModifyRejected',
    code: string,
    reason: string,
    ts = this.#clock.timestampUs(),
  ): OrderEvent {
    return { ...this.#base(order, ts), type, code, reason };
  }

  #emit(event: OrderEvent): void {
    if (!this.#closed) this.#report(event);
  }

  #ignore(): void {
    this.#stats.ignoredUpdates++;
  }

  #malformedBody(kind: string, raw: unknown, reason: string): void {
    this.#stats.malformed++;
    this.#logger?.warn(
      `malformed ${kind} from Alpaca (${reason}): ${String(JSON.stringify(raw)).slice(0, 200)}`,
    );
  }

  #expectOk(outcome: RestOutcome, what: string): unknown {
    if (outcome.kind === 'lost') throw new AlpacaTradingError(0, `${what}: ${outcome.reason}`);
    if (outcome.status !== 200) {
      const { code, reason } = venueRefusal(outcome.status, outcome.body);
      throw new AlpacaTradingError(outcome.status, `${what}: ${code} ${reason}`);
    }
    return outcome.body;
  }

  #sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }

  /** Runs asynchronous work whose failures must never escape a command (logged and counted). */
  #spawn(work: Promise<void>): void {
    const guarded = work.catch((error: unknown) => {
      this.#stats.internalErrors++;
      this.#logger?.error(`Alpaca execution client: ${(error as Error)?.stack ?? String(error)}`);
    });
    this.#work.push(guarded);
    void guarded.finally(() => {
      this.#work = this.#work.filter((w) => w !== guarded);
    });
  }
}

function fillOfUpdate(u: AlpacaTradeUpdate): FillFacts {
  return {
    venueOrderId: u.order.venueOrderId,
    tradeId: u.executionId!,
    side: u.order.side,
    lastQty: u.qty!,
    lastPx: u.price!,
    cumQty: u.order.filledQty,
    tsEvent: u.tsEvent ?? u.order.tsLast,
    symbol: u.order.symbol,
    clientOrderId: baseClientId(u.order.clientOrderId),
  };
}

function codeReason(r: { code: string; reason: string }): [string, string] {
  return [r.code, r.reason];
}

function describe(outcome: RestOutcome): string {
  return outcome.kind === 'lost' ? outcome.reason : `HTTP ${outcome.status}`;
}
