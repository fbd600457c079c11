import type { Clock } from '../../core/clock.js';
import { ok, type Result } from '../../core/result.js';
import { Topic } from '../../common/message-bus.js';
import type { Bar } from '../../model/data/bar.js';
import type { QuoteTick } from '../../model/data/quote-tick.js';
import type { TradeTick } from '../../model/data/trade-tick.js';
import type { OrderEvent } from '../../model/events/order-events.js';
import type { InstrumentId } from '../../model/identifiers/instrument-id.js';
import type { ClientOrderId, StrategyId } from '../../model/identifiers/order-ids.js';
import type { AlgoEvent } from './algo-events.js';
import type { AlgoRequest } from './algo-request.js';
import type { ChildOrderPort, InstrumentSource } from './child-order-port.js';
import type { AlgoHost, ExecutionAlgorithm, MarketView } from './execution-algorithm.js';
import { IcebergAlgorithm } from './iceberg.js';
import { ParentOrder, type ChildRecord, type ParentOrderId } from './parent-order.js';
import { PovAlgorithm } from './pov.js';
import { resolveRequest, type AlgoDenial } from './resolve-request.js';
import { TwapAlgorithm } from './twap.js';
import { VwapAlgorithm } from './vwap.js';

/** The latest data per instrument (the kernel's cache fits). */
export interface LatestMarketData {
  lastQuote(id: InstrumentId): QuoteTick | undefined;
  lastTrade(id: InstrumentId): TradeTick | undefined;
  lastBar(id: InstrumentId): Bar | undefined;
}

interface Route {
  readonly child: ChildRecord;
  readonly algorithm: ExecutionAlgorithm;
}

/**
 * Runs execution algorithms for strategies. A strategy starts a parent order with
 * {@link start}; the engine creates and works its child orders through the
 * {@link ChildOrderPort} (the {@link ExecutionEngine}), hears their events on the port's
 * `events` topic, and publishes what the parents do on {@link events}.
 *
 * The host drives it: {@link onTime} from a timer (slices and end times happen only
 * there or on market data — the clock has no timers), {@link onQuote}, {@link onTrade}
 * and {@link onBar} with every market data update of the instruments it trades.
 * Everything is synchronous and deterministic.
 */
export class AlgoEngine implements AlgoHost {
  /** Parent started, child sent, parent ended (with its TCA). */
  readonly events = new Topic<AlgoEvent>('events.algo');
  readonly #parents = new Map<ParentOrderId, ExecutionAlgorithm>();
  /** Running (or stopping) algorithms per instrument, in start order. */
  readonly #active = new Map<InstrumentId, Set<ExecutionAlgorithm>>();
  readonly #routes = new Map<ClientOrderId, Route>();
  readonly #markets = new Map<InstrumentId, MarketView>();
  readonly #unsubscribe: () => void;
  #sequence = 0;
  /** Algorithms in {@link #active}, all instruments together. */
  #activeCount = 0;

  /**
   * `market`, when given (the kernel's cache), supplies the arrival quote, trade and bar of a
   * parent started before this engine saw any data of its instrument: a host may feed the engine
   * only while a parent runs ({@link isActive}), so as not to pay for it on every update.
   */
  constructor(
    readonly port: ChildOrderPort,
    private readonly instruments: InstrumentSource,
    private readonly clock: Clock,
    private readonly market?: LatestMarketData,
  ) {
    this.#unsubscribe = port.events.subscribe((event) => this.#onOrderEvent(event));
  }

  /**
   * Validates `request` and starts its algorithm. The first child goes out at once when
   * the start time has come and the market allows. A bad request never throws: it comes
   * back as an {@link AlgoDenial} with a stable code and one message per problem.
   */
  start(strategyId: StrategyId, request: AlgoRequest): Result<ParentOrder, AlgoDenial> {
    const now = this.clock.timestampUs();
    const resolved = resolveRequest(request, this.instruments, now);
    if (!resolved.ok) return resolved;
    const id = `P-${String(++this.#sequence).padStart(6, '0')}` as ParentOrderId;
    const parent = new ParentOrder(id, strategyId, resolved.value, now);
    const market = this.#market(parent.instrumentId);
    if (this.market !== undefined) {
      market.quote ??= this.market.lastQuote(parent.instrumentId);
      market.trade ??= this.market.lastTrade(parent.instrumentId);
      market.bar ??= this.market.lastBar(parent.instrumentId);
    }
    parent.tca.setArrival(market.quote, market.trade, market.bar);
    // Each algorithm keeps its own view, updated by the data it is given from now on.
    const view: MarketView = { ...market };
    const algorithm = this.#create(parent, view);
    this.#parents.set(id, algorithm);
    let active = this.#active.get(parent.instrumentId);
    if (active === undefined) this.#active.set(parent.instrumentId, (active = new Set()));
    active.add(algorithm);
    this.#activeCount++;
    this.emit({
      type: 'AlgoStarted',
      parentId: id,
      strategyId,
      instrumentId: parent.instrumentId,
      algo: parent.algo,
      side: parent.side,
      quantity: parent.quantity,
      tsEvent: now,
    });
    algorithm.onTime(now);
    return ok(parent);
  }

  /** True while any parent is running or stopping: a host need not feed data otherwise. */
  get isActive(): boolean {
    return this.#activeCount > 0;
  }

  /**
   * Cancels a parent: its working children are canceled and the remainder is not
   * executed. Returns false for an unknown or already finished parent.
   */
  cancel(parentId: ParentOrderId): boolean {
    const algorithm = this.#parents.get(parentId);
    if (algorithm === undefined || algorithm.parent.isDone) return false;
    algorithm.cancel(this.clock.timestampUs());
    return true;
  }

  /** Cancels every running parent, or those of one strategy. Returns how many were asked to stop. */
  cancelAll(strategyId?: StrategyId): number {
    let count = 0;
    for (const parent of this.parents({ strategyId, active: true })) {
      if (parent.status === 'RUNNING' && this.cancel(parent.id)) count++;
    }
    return count;
  }

  parent(id: ParentOrderId): ParentOrder | undefined {
    return this.#parents.get(id)?.parent;
  }

  /** Parents in start order, optionally of one strategy and/or only those not yet done. */
  parents(filter: { strategyId?: StrategyId; active?: boolean } = {}): ParentOrder[] {
    const out: ParentOrder[] = [];
    for (const { parent } of this.#parents.values()) {
      if (filter.strategyId !== undefined && parent.strategyId !== filter.strategyId) continue;
      if (filter.active === true && parent.isDone) continue;
      out.push(parent);
    }
    return out;
  }

  /** The host's timer: call it regularly (e.g. every second of simulated or real time). */
  onTime(nowUs: number): void {
    for (const set of [...this.#active.values()]) {
      for (const algorithm of [...set]) algorithm.onTime(nowUs);
    }
  }

  onQuote(quote: QuoteTick): void {
    this.#market(quote.instrumentId).quote = quote;
    const now = this.clock.timestampUs();
    for (const algorithm of this.#activeOn(quote.instrumentId)) algorithm.onQuote(quote, now);
  }

  onTrade(trade: TradeTick): void {
    this.#market(trade.instrumentId).trade = trade;
    const now = this.clock.timestampUs();
    for (const algorithm of this.#activeOn(trade.instrumentId)) algorithm.onTrade(trade, now);
  }

  onBar(bar: Bar): void {
    this.#market(bar.instrumentId).bar = bar;
    const now = this.clock.timestampUs();
    for (const algorithm of this.#activeOn(bar.instrumentId)) algorithm.onBar(bar, now);
  }

  /** Stops listening to the port's events (running parents are left as they are). */
  dispose(): void {
    this.#unsubscribe();
  }

  // ---- AlgoHost (called by the algorithms) --------------------------------------------------

  /** @internal */
  emit(event: AlgoEvent): void {
    this.events.publish(event);
  }

  /** @internal */
  track(child: ChildRecord, algorithm: ExecutionAlgorithm): void {
    this.#routes.set(child.order.clientOrderId, { child, algorithm });
  }

  /** @internal */
  ended(algorithm: ExecutionAlgorithm): void {
    if (this.#active.get(algorithm.parent.instrumentId)?.delete(algorithm) === true) this.#activeCount--;
  }

  // ---- internals ------------------------------------------------------------------------------

  #onOrderEvent(event: OrderEvent): void {
    const route = this.#routes.get(event.clientOrderId);
    if (route === undefined) return; // not a child of ours
    if (route.child.order.isTerminal) this.#routes.delete(event.clientOrderId);
    route.algorithm.onOrderEvent(event, route.child, this.clock.timestampUs());
  }

  #activeOn(id: InstrumentId): ExecutionAlgorithm[] {
    const set = this.#active.get(id);
    return set === undefined || set.size === 0 ? [] : [...set];
  }

  #market(id: InstrumentId): MarketView {
    let market = this.#markets.get(id);
    if (market === undefined) {
      this.#markets.set(id, (market = { quote: undefined, trade: undefined, bar: undefined }));
    }
    return market;
  }

  #create(parent: ParentOrder, view: MarketView): ExecutionAlgorithm {
    switch (parent.request.algo) {
      case 'TWAP':
        return new TwapAlgorithm(parent, this, view);
      case 'VWAP':
        return new VwapAlgorithm(parent, this, view);
      case 'ICEBERG':
        return new IcebergAlgorithm(parent, this, view);
      case 'POV':
        return new PovAlgorithm(parent, this, view);
    }
  }
}
